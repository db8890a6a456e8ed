"""Showing a full phone number (DOMAIN.md §5): a deliberate action, allowed by role, and
recorded every time: who, whose, when, and why.

Who may (``services/kernel/permissions.py``): a supervisor or the office manager any number; a
receptionist only the number of a follow-up they are about to call, that is one still owed
whose callable window is open now. A receptionist never needs a card's full number: the caller
on the line is confirmed by its last four digits, and the call is filed with the number on file
without showing it.
"""

from dataclasses import dataclass

from sqlmodel import Session, col, select

from frontdesk.domain.clock.hours import WorkingCalendar
from frontdesk.domain.people.phones import EXTENSION_MARK, PhoneError, normalize_phone
from frontdesk.domain.vocabulary.kinds import FollowUpStatus
from frontdesk.i18n import _
from frontdesk.services.kernel.context import Desk
from frontdesk.services.kernel.errors import NotAllowed, NotFound, ServiceError
from frontdesk.services.kernel.permissions import Action, allows, require
from frontdesk.services.kernel.transaction import use_case
from frontdesk.services.residents.by_number import names_under
from frontdesk.store.listeners import journal
from frontdesk.store.tables.people import Resident, ResidentPhone
from frontdesk.store.tables.register import FollowUp, Matter


@dataclass(frozen=True)
class Revealed:
    """Whose numbers were shown, and the numbers as people read them (``138 0013 8000``)."""

    whose: str
    numbers: list[str]


def display(stored: str) -> str:
    """A stored number as people read it; as stored if it no longer parses."""
    try:
        return normalize_phone(stored).display
    except PhoneError:
        return stored


@use_case
def reveal_phone(
    *,
    session: Session,
    desk: Desk,
    operator_id: int,
    resident_id: int | None = None,
    follow_up_id: int | None = None,
    why: str = "",
) -> Revealed:
    """The full numbers of a resident's card, or the number of a follow-up call; each number
    shown is written to the audit log with who saw it, whose it is and why."""
    if resident_id is not None and follow_up_id is None:
        return _resident_numbers(session, operator_id, resident_id, why)
    if follow_up_id is not None and resident_id is None:
        return _follow_up_number(session, desk, operator_id, follow_up_id, why)
    raise ServiceError(_("reveal the numbers of one resident or of one follow-up"))


def _resident_numbers(session: Session, operator_id: int, resident_id: int, why: str) -> Revealed:
    require(session, operator_id, Action.REVEAL_ANY_PHONE)
    resident = session.get(Resident, resident_id)
    if resident is None:
        raise NotFound(_("there is no resident {id}").format(id=resident_id))
    phones = session.exec(
        select(ResidentPhone)
        .where(ResidentPhone.resident_id == resident_id)
        .order_by(col(ResidentPhone.id))
    ).all()
    for phone in phones:
        journal.record(
            session,
            action=journal.REVEAL,
            table_name="resident_phone",
            row_key=str(phone.id),
            after={
                "whose": resident.name,
                "resident_id": resident_id,
                "why": why.strip() or _("resident card"),
            },
        )
    numbers = [
        display(f"{p.national}{EXTENSION_MARK}{p.extension}" if p.extension else p.national)
        for p in phones
    ]
    return Revealed(resident.name, numbers)


def _follow_up_number(
    session: Session, desk: Desk, operator_id: int, follow_up_id: int, why: str
) -> Revealed:
    who = require(session, operator_id, Action.REVEAL_CALLABLE_FOLLOW_UP)
    follow_up = session.get(FollowUp, follow_up_id)
    if follow_up is None:
        raise NotFound(_("there is no follow-up {id}").format(id=follow_up_id))
    if not allows(who.role, Action.REVEAL_ANY_PHONE) and not callable_now(desk, follow_up):
        raise _not_now()
    if not follow_up.phone:
        raise NotFound(_("follow-up {id} has no number to call").format(id=follow_up_id))
    if follow_up.matter_id is None:  # a missed call: whoever is on file under the number
        whose = names_under(session, desk, follow_up.phone)
    else:
        matter = session.get(Matter, follow_up.matter_id)
        resident = (
            session.get(Resident, matter.resident_id) if matter and matter.resident_id else None
        )
        whose = resident.name if resident else (matter.contact_name if matter else "")
    journal.record(
        session,
        action=journal.REVEAL,
        table_name="follow_up",
        row_key=str(follow_up.id),
        after={
            "whose": whose,
            "matter_id": follow_up.matter_id,
            "why": why.strip() or _("follow-up call"),
        },
    )
    return Revealed(whose, [display(follow_up.phone)])


def callable_now(desk: Desk, follow_up: FollowUp) -> bool:
    """Whether the follow-up is owed and may be called now: the receptionist is about to."""
    if follow_up.status != FollowUpStatus.OWED:
        return False
    now = desk.now()
    evening = follow_up.evening_ok or follow_up.urgent
    window = WorkingCalendar(desk.policy).current_or_next_window(now, evening=evening)
    return window.contains(now.astimezone(desk.policy.timezone))


def _not_now() -> NotAllowed:
    return NotAllowed(
        _("a receptionist sees a follow-up's number only when it is owed and may be called now")
    )
