"""Who is calling, before anyone picks up: the residents on file under the ringing number, each
with their units and open matters, for the card the counter app shows while the phone rings."""

from dataclasses import dataclass, field

from sqlmodel import Session, col, select

from frontdesk.domain.call.ring import ringing_phone
from frontdesk.domain.people.names import address_as
from frontdesk.domain.people.phones import PhoneError, mask_phone, normalize_phone
from frontdesk.domain.vocabulary.kinds import MatterStatus
from frontdesk.services.kernel.context import Desk
from frontdesk.services.kernel.permissions import Action, require
from frontdesk.services.matters.detail import MatterLine, matter_line
from frontdesk.store.queries import id_of
from frontdesk.store.tables.people import Resident, ResidentPhone, ResidentUnit, Unit
from frontdesk.store.tables.register import Matter

#: Residents listed for one number; a switchboard shared by more is narrowed after pickup.
MOST_LISTED = 8


@dataclass(frozen=True)
class Known:
    """A resident on file under the ringing number."""

    id: int
    name: str
    address: str
    units: tuple[str, ...]
    open_matters: tuple[MatterLine, ...] = ()


@dataclass(frozen=True)
class Caller:
    """The ringing number and who it belongs to. ``phone`` is its stored form (the full number,
    for filing); ``masked`` how it is shown; ``residents`` empty for a number on no card."""

    phone: str | None
    masked: str
    residents: tuple[Known, ...] = field(default_factory=tuple)


def ringing_number(text: str | None, *, desk: Desk) -> str | None:
    """The number a phone system sent, to look up: a mainland one in stored form, another as
    dialled (it rings all the same, on no card); PhoneError for text that is no number.
    None stays None: a withheld number."""
    if text is None:
        return None
    return ringing_phone(text, area_code=desk.policy.area_code)


def who_is_calling(*, session: Session, desk: Desk, operator_id: int, phone: str | None) -> Caller:
    """The residents whose card holds ``phone`` (any stored form; its extension, which a phone
    system does not send, is not compared), with their open matters, most urgent first."""
    require(session, operator_id, Action.WORK)
    if phone is None:
        return Caller(None, "")
    try:
        number = normalize_phone(phone, area_code=desk.policy.area_code)
    except PhoneError:
        return Caller(phone, mask_phone(phone))
    ids = session.exec(
        select(ResidentPhone.resident_id)
        .where(ResidentPhone.national == number.national)
        .distinct()
        .order_by(col(ResidentPhone.resident_id))
        .limit(MOST_LISTED)
    ).all()
    residents = session.exec(
        select(Resident).where(col(Resident.id).in_(ids)).order_by(col(Resident.id))
    ).all()
    known = [_known(session, desk, r) for r in residents]
    return Caller(number.stored, number.masked, tuple(known))


def _known(session: Session, desk: Desk, resident: Resident) -> Known:
    units = session.exec(
        select(Unit.label)
        .join(ResidentUnit, col(ResidentUnit.unit_id) == Unit.id)
        .where(ResidentUnit.resident_id == resident.id)
        .order_by(Unit.label)
    ).all()
    matters = session.exec(
        select(Matter)
        .where(Matter.resident_id == resident.id)
        .where(Matter.status != MatterStatus.CLOSED)
        .order_by(col(Matter.next_due))
    ).all()
    return Known(
        id=id_of(resident),
        name=resident.name,
        address=address_as(resident.name, resident.title, caller=desk.caller_language),
        units=tuple(units),
        open_matters=tuple(matter_line(m, desk) for m in matters),
    )
