"""Bookkeeping every use case shares: a matter's deadlines, its history and its follow-ups.

Deadlines are never deleted: a milestone reached is marked met, a deadline replaced (by an
extension or a new class) is marked superseded, so the history shows every promise made.
"""

from datetime import datetime

from sqlmodel import Session, col, select

from frontdesk.domain.deadlines.rules import Deadline, callback_deadline
from frontdesk.domain.vocabulary.kinds import (
    EventKind,
    FollowUpReason,
    FollowUpStatus,
    MatterStatus,
    Milestone,
)
from frontdesk.domain.vocabulary.sentences import Sentence, to_data, worked_out_data
from frontdesk.i18n import _
from frontdesk.services.kernel.context import Desk
from frontdesk.services.kernel.errors import NotFound
from frontdesk.store.queries import id_of
from frontdesk.store.tables.people import Resident
from frontdesk.store.tables.register import FollowUp, Matter, MatterDeadline, MatterEvent
from frontdesk.wording import said_steps, say


def get_matter(session: Session, matter_id: int) -> Matter:
    matter = session.get(Matter, matter_id)
    if matter is None:
        raise NotFound(_("there is no matter {id}").format(id=matter_id))
    return matter


def add_deadlines(
    session: Session, matter: Matter, deadlines: list[Deadline], *, now: datetime
) -> list[MatterDeadline]:
    rows = [
        MatterDeadline(
            matter_id=id_of(matter),
            milestone=d.milestone,
            due=d.due,
            worked_out=worked_out_data(d.rule, d.steps),
            # Read by counters still on the previous release, which know no data: the
            # sentences in this counter's words, as that release wrote them.
            rule=say(d.rule),
            explanation=said_steps(d.steps),
            created_at=now,
        )
        for d in deadlines
    ]
    session.add_all(rows)
    return rows


def open_deadlines(session: Session, matter: Matter) -> list[MatterDeadline]:
    """Deadlines still running: neither met nor superseded, soonest first."""
    return list(
        session.exec(
            select(MatterDeadline)
            .where(MatterDeadline.matter_id == matter.id)
            .where(col(MatterDeadline.met_at).is_(None))
            .where(col(MatterDeadline.superseded_at).is_(None))
            .order_by(col(MatterDeadline.due))
        )
    )


def meet(session: Session, matter: Matter, milestones: set[Milestone] | None, at: datetime) -> None:
    """Stop the clocks of ``milestones`` (all running ones when None)."""
    for row in open_deadlines(session, matter):
        if milestones is None or Milestone(row.milestone) in milestones:
            row.met_at = at
            session.add(row)


def supersede(
    session: Session, matter: Matter, milestones: set[Milestone] | None, at: datetime
) -> list[MatterDeadline]:
    """Replace running deadlines of ``milestones`` (all when None); returns those replaced."""
    replaced = []
    for row in open_deadlines(session, matter):
        if milestones is None or Milestone(row.milestone) in milestones:
            row.superseded_at = at
            session.add(row)
            replaced.append(row)
    return replaced


def refresh_next(session: Session, matter: Matter) -> None:
    """Keep the matter's next milestone and due time (the queue's sort key) true."""
    session.flush()
    running = open_deadlines(session, matter) if matter.status == MatterStatus.OPEN else []
    first = running[0] if running else None
    matter.next_milestone = first.milestone if first else None
    matter.next_due = first.due if first else None
    session.add(matter)


def record_event(
    session: Session,
    matter: Matter,
    kind: EventKind,
    *,
    at: datetime,
    operator_id: int | None,
    text: str = "",
    said: Sentence | None = None,
    to_whom: str = "",
    until: datetime | None = None,
    call_id: int | None = None,
) -> MatterEvent:
    event = MatterEvent(
        matter_id=id_of(matter),
        kind=kind,
        at=at,
        operator_id=operator_id,
        # A sentence's text is its rendering in this counter's words, for counters still on
        # the previous release; this one reads the sentence.
        text=say(said) if said else text,
        said=to_data(said) if said else None,
        to_whom=to_whom,
        until=until,
        call_id=call_id,
    )
    session.add(event)
    matter.updated_at = at
    session.add(matter)
    return event


def evening_ok(session: Session, matter: Matter) -> bool:
    """Whether the resident agreed in advance to evening calls."""
    if matter.resident_id is None:
        return False
    resident = session.get(Resident, matter.resident_id)
    return bool(resident and resident.evening_calls_ok)


def open_follow_up(
    session: Session,
    desk: Desk,
    matter: Matter,
    reason: FollowUpReason,
    start: datetime,
    *,
    promised: datetime | None = None,
    urgent: bool = False,
) -> tuple[FollowUp, Deadline]:
    """Put a follow-up call on the list, due by the policy and never planned for the night."""
    consent = evening_ok(session, matter)
    deadline = callback_deadline(
        desk.policy, reason, start, promised=promised, evening_ok=consent, urgent=urgent
    )
    follow_up = FollowUp(
        matter_id=id_of(matter),
        reason=reason,
        phone=matter.callback_phone or matter.contact_phone,
        created_at=desk.now(),
        due=deadline.due,
        worked_out=worked_out_data(deadline.rule, deadline.steps),
        rule=say(deadline.rule),
        explanation=said_steps(deadline.steps),
        evening_ok=consent,
        urgent=urgent,
        status=FollowUpStatus.OWED,
    )
    session.add(follow_up)
    return follow_up, deadline


def owed_follow_ups(session: Session, matter: Matter) -> list[FollowUp]:
    return list(
        session.exec(
            select(FollowUp)
            .where(FollowUp.matter_id == matter.id)
            .where(FollowUp.status == FollowUpStatus.OWED)
        )
    )


def close_owed_follow_ups(session: Session, matter: Matter, at: datetime, *, done: bool) -> None:
    """Take the matter's owed calls off the list: done (what they were for was given some
    other way) or cancelled (no longer needed)."""
    status = FollowUpStatus.DONE if done else FollowUpStatus.CANCELLED
    for follow_up in owed_follow_ups(session, matter):
        follow_up.status = status
        follow_up.done_at = at
        session.add(follow_up)
