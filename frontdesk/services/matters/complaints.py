"""Rules only complaints have: extensions approved by the office manager, reclassification, and
the automatic upgrade of a valid complaint still open a month after reception."""

from datetime import datetime

from sqlmodel import Session, col, select

from frontdesk.domain.deadlines.rules import (
    Deadline,
    complaint_deadlines,
    extended_resolution,
)
from frontdesk.domain.vocabulary.kinds import (
    ComplaintClass,
    EventKind,
    MatterKind,
    MatterStatus,
    Milestone,
    Role,
)
from frontdesk.domain.vocabulary.labels import named_of
from frontdesk.domain.vocabulary.sentences import Sentence, sentence, stored_steps
from frontdesk.i18n import _
from frontdesk.services.kernel.context import Desk
from frontdesk.services.kernel.errors import ServiceError, WrongState
from frontdesk.services.kernel.permissions import Action, require
from frontdesk.services.kernel.transaction import aware, use_case
from frontdesk.services.matters import tracking
from frontdesk.services.matters.handling import ROLE_RANK, operator, required_text
from frontdesk.store.tables.register import Matter, MatterDeadline, MatterEvent

CLASS_RANK = {
    ComplaintClass.INVALID: 0,
    ComplaintClass.MINOR: 1,
    ComplaintClass.IMPORTANT: 2,
    ComplaintClass.MAJOR: 3,
}


def _open_complaint(session: Session, matter_id: int) -> Matter:
    matter = tracking.get_matter(session, matter_id)
    if matter.kind != MatterKind.COMPLAINT:
        raise WrongState(_("matter {id} is not a complaint").format(id=matter_id))
    if matter.status != MatterStatus.OPEN:
        raise WrongState(
            _("complaint {id} is {status}, not open").format(
                id=matter_id, status=named_of(MatterStatus, matter.status)
            )
        )
    return matter


@use_case
def request_extension(
    *, session: Session, desk: Desk, operator_id: int, matter_id: int, until: datetime, reason: str
) -> MatterEvent:
    """Ask for more time to resolve; the office manager approves or not."""
    operator(session, operator_id)
    matter = _open_complaint(session, matter_id)
    now = desk.now()
    if aware(until, _("the new deadline")) <= now:
        raise ServiceError(_("the new deadline must be in the future"))
    why = required_text(reason, _("the reason for more time"))
    event = tracking.record_event(
        session,
        matter,
        EventKind.EXTENSION_REQUESTED,
        at=now,
        operator_id=operator_id,
        text=why,
        until=until,
    )
    return event


@use_case
def approve_extension(
    *, session: Session, desk: Desk, operator_id: int, matter_id: int, until: datetime | None = None
) -> Deadline:
    """Approve a new resolution deadline (the latest request's, unless ``until`` is given). Only
    the role the policy names (the office manager) may; the approval is recorded with who and
    when, and the new deadline replaces the old."""
    matter = _open_complaint(session, matter_id)
    cls = ComplaintClass(matter.complaint_class)
    needed = desk.policy.complaint[cls].extension_approver
    approver = require(session, operator_id, Action.APPROVE_EXTENSION, minimum=needed)
    if until is None:
        request = session.exec(
            select(MatterEvent)
            .where(MatterEvent.matter_id == matter.id)
            .where(MatterEvent.kind == EventKind.EXTENSION_REQUESTED)
            .order_by(col(MatterEvent.at).desc())
        ).first()
        if request is None or request.until is None:
            raise ServiceError(_("no extension was requested: give the new deadline"))
        until = request.until
    now = desk.now()
    if aware(until, _("the new deadline")) <= now:
        raise ServiceError(_("the new deadline must be in the future"))
    replaced = tracking.supersede(session, matter, {Milestone.RESOLVE}, now)
    previous = _as_deadline(replaced[0], desk) if replaced else None
    local = until.astimezone(desk.policy.timezone)
    deadline = extended_resolution(previous, local, approver=approver.name, approved_at=now)
    tracking.add_deadlines(session, matter, [deadline], now=now)
    tracking.record_event(
        session, matter, EventKind.EXTENSION_APPROVED, at=now, operator_id=operator_id, until=until
    )
    tracking.refresh_next(session, matter)
    return deadline


def _as_deadline(row: MatterDeadline, desk: Desk) -> Deadline:
    """A stored deadline, its due time back in the estate's zone (the store keeps UTC)."""
    rule, steps = stored_steps(row.worked_out, row.rule, row.explanation)
    return Deadline(
        Milestone(row.milestone), row.due.astimezone(desk.policy.timezone), rule, tuple(steps)
    )


@use_case
def reclassify(
    *,
    session: Session,
    desk: Desk,
    operator_id: int,
    matter_id: int,
    new_class: ComplaintClass,
    reason: str,
) -> Matter:
    """Change a complaint's class. The new class's clocks run from the original reception, as
    the handbook counts them; milestones already reached stay reached, and an extension the
    manager approved stands. Lowering the class (or finding it invalid) is a supervisor's call."""
    operator(session, operator_id)
    matter = _open_complaint(session, matter_id)
    old = matter.complaint_class
    if old == new_class.value:
        raise WrongState(
            _("complaint {id} is already {cls}").format(
                id=matter_id, cls=named_of(ComplaintClass, old)
            )
        )
    why = required_text(reason, _("the reason for the new class"))
    if CLASS_RANK[new_class] < CLASS_RANK[ComplaintClass(old)]:
        require(session, operator_id, Action.LOWER_CLASS)
    now = desk.now()
    tracking.record_event(
        session,
        matter,
        EventKind.RECLASSIFIED,
        at=now,
        operator_id=operator_id,
        said=sentence("{old} → {new}: {why}", old=_class(old), new=new_class, why=why),
    )
    _apply_class(
        session,
        desk,
        matter,
        new_class,
        matter.received_at,
        now,
        start_label=None,
        keep_extension=True,
    )
    return matter


@use_case
def keep_class(
    *, session: Session, desk: Desk, operator_id: int, matter_id: int, reason: str
) -> Matter:
    """A supervisor decides that a complaint raised again stays in its class: the suggestion
    of the major class is taken off the queue, and the history says who kept it, when, why."""
    operator(session, operator_id)
    matter = _open_complaint(session, matter_id)
    if matter.major_suggested_at is None:
        raise WrongState(
            _("complaint {id} has no suggestion of the major class to decide").format(id=matter_id)
        )
    require(session, operator_id, Action.KEEP_CLASS)
    why = required_text(reason, _("why the class stays"))
    tracking.record_event(
        session,
        matter,
        EventKind.MAJOR_DECLINED,
        at=desk.now(),
        operator_id=operator_id,
        said=sentence("kept {cls}, not major: {why}", cls=_class(matter.complaint_class), why=why),
    )
    matter.major_suggested_at = matter.major_suggested_by = None
    session.add(matter)
    return matter


def _apply_class(
    session: Session,
    desk: Desk,
    matter: Matter,
    new_class: ComplaintClass,
    start: datetime,
    now: datetime,
    *,
    start_label: Sentence | None,
    keep_extension: bool,
) -> None:
    keep: set[Milestone] = set()
    running = {row.milestone for row in tracking.open_deadlines(session, matter)}
    if (
        keep_extension
        and new_class is not ComplaintClass.INVALID
        and Milestone.RESOLVE in running
        and _extension_approved(session, matter)
    ):
        keep = {Milestone.RESOLVE}
    tracking.supersede(session, matter, set(Milestone) - keep, now)
    matter.complaint_class = new_class
    if new_class is ComplaintClass.MAJOR:  # what a repeat suggested is done
        matter.major_suggested_at = matter.major_suggested_by = None
    fresh = [
        d
        for d in complaint_deadlines(
            desk.policy,
            new_class,
            start,
            start_label=start_label,
            requested=matter.requested_deadline,
        )
        if d.milestone not in keep
    ]
    rows = tracking.add_deadlines(session, matter, fresh, now=now)
    reached = _reached(session, matter, desk, new_class)
    for row in rows:
        if Milestone(row.milestone) in reached:
            row.met_at = reached[Milestone(row.milestone)]
    tracking.refresh_next(session, matter)


def _extension_approved(session: Session, matter: Matter) -> bool:
    return (
        session.exec(
            select(MatterEvent.id)
            .where(MatterEvent.matter_id == matter.id)
            .where(MatterEvent.kind == EventKind.EXTENSION_APPROVED)
        ).first()
        is not None
    )


def _reached(
    session: Session, matter: Matter, desk: Desk, cls: ComplaintClass
) -> dict[Milestone, datetime]:
    """Milestones the history already shows reached, for a complaint of class ``cls``."""
    needed = desk.policy.complaint[cls].escalate_to
    reached: dict[Milestone, datetime] = {}
    events = session.exec(
        select(MatterEvent).where(MatterEvent.matter_id == matter.id).order_by(col(MatterEvent.at))
    )
    for event in events:
        if event.kind == EventKind.REPLIED:
            reached.setdefault(Milestone.REPLY, event.at)
        if event.kind == EventKind.ESCALATED and needed is not None:
            role = Role(event.to_whom.split(":", 1)[0])
            if ROLE_RANK[role] >= ROLE_RANK[needed]:
                reached.setdefault(Milestone.ESCALATE, event.at)
    return reached


def _upgrades_due(now: datetime):
    return (
        select(MatterDeadline, Matter)
        .join(Matter, col(Matter.id) == MatterDeadline.matter_id)
        .where(MatterDeadline.milestone == Milestone.UPGRADE)
        .where(col(MatterDeadline.met_at).is_(None))
        .where(col(MatterDeadline.superseded_at).is_(None))
        .where(MatterDeadline.due <= now)
        .where(Matter.status == MatterStatus.OPEN)
    )


def upgrades_due(*, session: Session, desk: Desk) -> bool:
    """Whether any month-end upgrade is due now: a read, so the counters may ask often."""
    return session.exec(_upgrades_due(desk.now()).limit(1)).first() is not None


@use_case
def upgrade_overdue(*, session: Session, desk: Desk) -> list[int]:
    """Make major every valid complaint still open a month after reception (DOMAIN.md §3).

    The major clocks start at the moment the month ran out, not when this sweep happens to run.
    Returns the ids of the complaints upgraded.
    """
    now = desk.now()
    due = session.exec(_upgrades_due(now)).all()
    upgraded = []
    for deadline, matter in due:
        deadline.met_at = deadline.due
        session.add(deadline)
        tracking.record_event(
            session,
            matter,
            EventKind.UPGRADED,
            at=now,
            operator_id=None,
            said=sentence(
                "{old} → major: still open {d} after reception",
                old=_class(matter.complaint_class),
                d=desk.policy.upgrade_after,
            ),
        )
        _apply_class(
            session,
            desk,
            matter,
            ComplaintClass.MAJOR,
            deadline.due,
            now,
            start_label=sentence("became major"),
            keep_extension=False,
        )
        upgraded.append(matter.id)
    return upgraded


def _class(value: str | None) -> ComplaintClass | str:
    """A stored class as the vocabulary names it; one it no longer has, as stored."""
    try:
        return ComplaintClass(value or "")
    except ValueError:
        return value or ""
