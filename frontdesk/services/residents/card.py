"""The resident card: who they are, how to talk with them, their history and open matters
(DOMAIN.md §5)."""

from dataclasses import dataclass, field
from datetime import datetime

from sqlmodel import Session, col, select

from frontdesk.domain.people.names import address_as
from frontdesk.domain.people.phones import EXTENSION_MARK, mask_stored
from frontdesk.domain.people.temperaments import strategy
from frontdesk.domain.vocabulary.kinds import MatterStatus, ResidentRole
from frontdesk.domain.vocabulary.labels import named_of
from frontdesk.i18n import _
from frontdesk.services.kernel.context import Desk
from frontdesk.services.kernel.errors import NotFound
from frontdesk.services.matters.detail import MatterLine, matter_line
from frontdesk.store.queries import id_of
from frontdesk.store.tables.people import Resident, ResidentPhone, ResidentUnit, Unit
from frontdesk.store.tables.register import Call, FollowUp, Matter

# The card lists this many past calls and matters; older ones are in the register.
HISTORY = 20


@dataclass
class ResidentCard:
    id: int
    name: str
    address: str
    title: str
    units: list[str]
    #: Masked, with their extensions (``021-****3456转801``): a form filled with one files the
    #: number on file it stands for. The full numbers are only ever revealed on purpose.
    phones_masked: list[str]
    temperament: str | None
    strategy: str
    occupation: str
    interests: str
    preferred_call_times: str
    evening_calls_ok: bool
    notes: str
    open_matters: list[MatterLine] = field(default_factory=list)
    past_matters: list[MatterLine] = field(default_factory=list)
    calls: list[tuple[datetime, str, str]] = field(default_factory=list)
    follow_ups: list[tuple[datetime, str, str]] = field(default_factory=list)
    #: Other operators handling this resident now: advice, not a lock.
    others: tuple[str, ...] = ()


def resident_card(*, session: Session, desk: Desk, resident_id: int) -> ResidentCard:
    resident = session.get(Resident, resident_id)
    if resident is None:
        raise NotFound(_("there is no resident {id}").format(id=resident_id))
    tz = desk.policy.timezone
    phones = session.exec(
        select(ResidentPhone)
        .where(ResidentPhone.resident_id == resident_id)
        .order_by(col(ResidentPhone.id))
    ).all()
    stored = [
        p.national + (f"{EXTENSION_MARK}{p.extension}" if p.extension else "") for p in phones
    ]
    units = session.exec(
        select(Unit.label, ResidentUnit.role)
        .join(ResidentUnit, col(ResidentUnit.unit_id) == Unit.id)
        .where(ResidentUnit.resident_id == resident_id)
    ).all()
    matters = session.exec(
        select(Matter)
        .where(Matter.resident_id == resident_id)
        .order_by(col(Matter.received_at).desc())
    ).all()
    calls = session.exec(
        select(Call)
        .where(Call.resident_id == resident_id)
        .order_by(col(Call.answered_at).desc())
        .limit(HISTORY)
    ).all()
    follow_ups = session.exec(
        select(FollowUp)
        .join(Matter, col(Matter.id) == FollowUp.matter_id)
        .where(Matter.resident_id == resident_id)
        .order_by(col(FollowUp.due).desc())
        .limit(HISTORY)
    ).all()
    return ResidentCard(
        id=id_of(resident),
        name=resident.name,
        address=address_as(resident.name, resident.title, caller=desk.caller_language),
        title=resident.title,
        units=[f"{label} ({named_of(ResidentRole, role)})" for label, role in units],
        phones_masked=[mask_stored(p) for p in stored],
        temperament=resident.temperament,
        strategy=strategy(resident.temperament),
        occupation=resident.occupation,
        interests=resident.interests,
        preferred_call_times=resident.preferred_call_times,
        evening_calls_ok=resident.evening_calls_ok,
        notes=resident.notes,
        open_matters=[matter_line(m, desk) for m in matters if m.status != MatterStatus.CLOSED],
        past_matters=[matter_line(m, desk) for m in matters if m.status == MatterStatus.CLOSED][
            :HISTORY
        ],
        calls=[(c.answered_at.astimezone(tz), c.channel, c.notes) for c in calls],
        follow_ups=[(f.due.astimezone(tz), f.reason, f.status) for f in follow_ups],
    )
