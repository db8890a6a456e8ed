"""Working a matter after it is filed: escalate, reply, note, resolve, repair done, reopen.

Each use case records who did it and when, stops the clock of the milestone it reaches and
keeps the matter's next deadline true.
"""

from datetime import datetime

from sqlmodel import Session

from frontdesk.domain.deadlines.rules import complaint_deadlines
from frontdesk.domain.text.free_text import MAX_LINE, MAX_TEXT, TextError, checked_text
from frontdesk.domain.vocabulary.kinds import (
    REPAIR_FOLLOWUP,
    ComplaintClass,
    EventKind,
    FollowUpReason,
    MatterKind,
    MatterStatus,
    Milestone,
    RepairCategory,
    Role,
)
from frontdesk.domain.vocabulary.labels import named_of
from frontdesk.domain.vocabulary.sentences import sentence
from frontdesk.i18n import _
from frontdesk.services.kernel.context import Desk
from frontdesk.services.kernel.errors import ServiceError, WrongState
from frontdesk.services.kernel.permissions import ROLE_RANK, Action, require
from frontdesk.services.kernel.transaction import aware, use_case
from frontdesk.services.matters import tracking
from frontdesk.store.tables.register import FollowUp, Matter
from frontdesk.store.tables.staff import Operator


def operator(session: Session, operator_id: int) -> Operator:
    """The active operator working the counter (any role may work a matter)."""
    return require(session, operator_id, Action.WORK)


def _open(session: Session, matter_id: int) -> Matter:
    matter = tracking.get_matter(session, matter_id)
    if matter.status != MatterStatus.OPEN:
        raise WrongState(
            _("matter {id} is {status}, not open").format(
                id=matter_id, status=named_of(MatterStatus, matter.status)
            )
        )
    return matter


def free_text(text: str, what: str, *, limit: int = MAX_TEXT, multiline: bool = True) -> str:
    """``text`` as typed or pasted, cleaned of control characters and escape sequences and
    stripped; a message for the user when it is longer than ``limit``."""
    try:
        return checked_text(text, what=what, limit=limit, multiline=multiline)
    except TextError as exc:
        raise ServiceError(str(exc)) from None


def required_text(text: str, what: str, *, limit: int = MAX_TEXT, multiline: bool = True) -> str:
    """``free_text``; a message for the user if nothing is left."""
    text = free_text(text, what, limit=limit, multiline=multiline)
    if not text:
        raise ServiceError(_("{what} cannot be empty").format(what=what))
    return text


@use_case
def escalate(
    *,
    session: Session,
    desk: Desk,
    operator_id: int,
    matter_id: int,
    to_role: Role,
    to_whom: str,
    text: str = "",
) -> Matter:
    """Report the matter to a supervisor or the office manager; meets the escalation milestone
    when the person is of the role the class asks for, or above."""
    operator(session, operator_id)
    matter = _open(session, matter_id)
    now = desk.now()
    whom = required_text(to_whom, _("who"), limit=MAX_LINE, multiline=False)
    tracking.record_event(
        session,
        matter,
        EventKind.ESCALATED,
        at=now,
        operator_id=operator_id,
        to_whom=f"{to_role.value}: {whom}",
        text=free_text(text, _("the note")),
    )
    required = _required_escalation(desk, matter)
    if required is None or ROLE_RANK[to_role] >= ROLE_RANK[required]:
        tracking.meet(session, matter, {Milestone.ESCALATE}, now)
    tracking.refresh_next(session, matter)
    return matter


def _required_escalation(desk: Desk, matter: Matter) -> Role | None:
    if matter.complaint_class is None:
        return None
    return desk.policy.complaint[ComplaintClass(matter.complaint_class)].escalate_to


@use_case
def record_reply(
    *, session: Session, desk: Desk, operator_id: int, matter_id: int, text: str
) -> Matter:
    """A clear answer given to the resident. For an invalid complaint, the explanation of why it
    is not the company's responsibility: the matter is then closed."""
    operator(session, operator_id)
    matter = _open(session, matter_id)
    now = desk.now()
    tracking.record_event(
        session,
        matter,
        EventKind.REPLIED,
        at=now,
        operator_id=operator_id,
        text=required_text(text, _("the reply")),
    )
    tracking.meet(session, matter, {Milestone.REPLY}, now)
    if matter.complaint_class == ComplaintClass.INVALID or matter.kind == MatterKind.ENQUIRY:
        # The reply was the whole matter: the answer given, or the reason explained.
        tracking.supersede(session, matter, None, now)
        tracking.close_owed_follow_ups(session, matter, now, done=True)
        matter.status = MatterStatus.CLOSED
        tracking.record_event(session, matter, EventKind.CLOSED, at=now, operator_id=operator_id)
    tracking.refresh_next(session, matter)
    return matter


@use_case
def add_note(
    *, session: Session, desk: Desk, operator_id: int, matter_id: int, text: str
) -> Matter:
    operator(session, operator_id)
    matter = tracking.get_matter(session, matter_id)
    tracking.record_event(
        session,
        matter,
        EventKind.NOTE,
        at=desk.now(),
        operator_id=operator_id,
        text=required_text(text, _("the note")),
    )
    return matter


@use_case
def resolve(
    *, session: Session, desk: Desk, operator_id: int, matter_id: int, text: str
) -> tuple[Matter, FollowUp | None]:
    """The matter is dealt with. A complaint's result is then owed to the complainant the same
    day (a follow-up is put on the list); other kinds are closed."""
    operator(session, operator_id)
    matter = _open(session, matter_id)
    if matter.kind == MatterKind.REPAIR:
        raise WrongState(_("record the repair as done instead: its follow-up depends on it"))
    now = desk.now()
    tracking.record_event(
        session,
        matter,
        EventKind.RESOLVED,
        at=now,
        operator_id=operator_id,
        text=required_text(text, _("the resolution")),
    )
    tracking.meet(session, matter, {Milestone.RESOLVE}, now)
    owed = tracking.owed_follow_ups(session, matter)
    promised = [f for f in owed if f.reason == FollowUpReason.PROMISED]
    # Clocks still running stop unmet (the history keeps that they were missed), except the
    # reply a promised call-back still has to give.
    tracking.supersede(session, matter, _all_but(Milestone.REPLY) if promised else None, now)
    follow_up = None
    if matter.kind == MatterKind.COMPLAINT:
        matter.status = MatterStatus.RESOLVED
        tracking.close_owed_follow_ups(session, matter, now, done=False)
        follow_up, _deadline = tracking.open_follow_up(
            session, desk, matter, FollowUpReason.COMPLAINT_RESULT, now
        )
    elif promised:
        # The answer is found; the matter closes when the promised call gives it.
        matter.status = MatterStatus.RESOLVED
    else:
        tracking.close_owed_follow_ups(session, matter, now, done=False)
        matter.status = MatterStatus.CLOSED
    tracking.refresh_next(session, matter)
    return matter, follow_up


@use_case
def record_repair_done(
    *,
    session: Session,
    desk: Desk,
    operator_id: int,
    matter_id: int,
    done_at: datetime,
    leak_test_at: datetime | None = None,
    text: str = "",
) -> tuple[Matter, FollowUp]:
    """Maintenance finished the work order: its follow-up call is owed by repair category
    (water leaks: counted from the leak test)."""
    operator(session, operator_id)
    matter = _open(session, matter_id)
    if matter.kind != MatterKind.REPAIR:
        raise WrongState(_("matter {id} is not a repair").format(id=matter_id))
    now = desk.now()
    done_at = _between(
        aware(done_at, _("the time the repair was done")), matter, now, _("the repair")
    )
    category = RepairCategory(matter.repair_category)
    start = done_at
    if category is RepairCategory.LEAK:
        if leak_test_at is None:
            raise ServiceError(_("a water-leak repair needs the time of its leak test"))
        start = _between(aware(leak_test_at, _("the leak test")), matter, now, _("the leak test"))
    tracking.record_event(
        session,
        matter,
        EventKind.REPAIR_DONE,
        at=now,
        operator_id=operator_id,
        text=free_text(text, _("the note")),
        until=done_at,
    )
    tracking.meet(session, matter, {Milestone.VISIT}, now)
    tracking.supersede(session, matter, None, now)
    matter.status = MatterStatus.RESOLVED
    follow_up, _deadline = tracking.open_follow_up(
        session, desk, matter, REPAIR_FOLLOWUP[category], start
    )
    tracking.refresh_next(session, matter)
    return matter, follow_up


def _all_but(kept: Milestone) -> set[Milestone]:
    return set(Milestone) - {kept}


def _between(moment: datetime, matter: Matter, now: datetime, what: str) -> datetime:
    """``moment`` if it lies between the matter's reception and now."""
    if moment > now:
        raise ServiceError(_("{what} cannot be in the future").format(what=what))
    if moment < matter.received_at:
        raise ServiceError(_("{what} cannot be before the matter was received").format(what=what))
    return moment


@use_case
def reopen(
    *,
    session: Session,
    desk: Desk,
    operator_id: int,
    matter_id: int,
    text: str,
) -> Matter:
    """Open a resolved or closed matter again (the resident is not satisfied). A complaint gets a
    new resolution deadline from now, by its class; a valid one still becomes major a month after
    its first reception."""
    operator(session, operator_id)
    matter = tracking.get_matter(session, matter_id)
    if matter.status == MatterStatus.OPEN:
        raise WrongState(_("matter {id} is already open").format(id=matter_id))
    if matter.kind == MatterKind.REPAIR:
        raise WrongState(_("a repair goes back to maintenance as a new work order"))
    now = desk.now()
    reason = required_text(text, _("the reason"))
    tracking.record_event(
        session, matter, EventKind.REOPENED, at=now, operator_id=operator_id, text=reason
    )
    tracking.close_owed_follow_ups(session, matter, now, done=False)
    matter.status = MatterStatus.OPEN
    if matter.kind == MatterKind.COMPLAINT and matter.complaint_class:
        cls = ComplaintClass(matter.complaint_class)
        fresh = [
            d
            for d in complaint_deadlines(desk.policy, cls, now, start_label=sentence("reopened"))
            if d.milestone is Milestone.RESOLVE
        ]
        first = complaint_deadlines(desk.policy, cls, matter.received_at)
        fresh += [d for d in first if d.milestone is Milestone.UPGRADE and d.due > now]
        tracking.add_deadlines(session, matter, fresh, now=now)
    tracking.refresh_next(session, matter)
    return matter
