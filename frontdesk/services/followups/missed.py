"""Calls that rang and were not picked up (DOMAIN.md §7: every call is returned). Each is a
follow-up call owed to the number that rang, due in the callable window, until someone
reaches the caller or the caller rings again and is picked up."""

from datetime import datetime

from sqlmodel import Session, col, select

from frontdesk.domain.deadlines.rules import callback_deadline
from frontdesk.domain.vocabulary.kinds import AttemptOutcome, FollowUpReason, FollowUpStatus
from frontdesk.domain.vocabulary.sentences import worked_out_data
from frontdesk.i18n import _
from frontdesk.services.kernel.context import Desk
from frontdesk.services.kernel.permissions import Action, require
from frontdesk.services.kernel.transaction import aware, use_case
from frontdesk.store.queries import id_of
from frontdesk.store.tables.register import FollowUp, FollowUpAttempt
from frontdesk.wording import said_steps, say


def owed_to(session: Session, phone: str) -> list[FollowUp]:
    """The missed calls still to return to ``phone`` (stored form)."""
    return list(
        session.exec(
            select(FollowUp)
            .where(FollowUp.reason == FollowUpReason.MISSED_CALL)
            .where(FollowUp.status == FollowUpStatus.OWED)
            .where(FollowUp.phone == phone)
            .order_by(col(FollowUp.id))
        )
    )


@use_case
def record_missed_call(
    *, session: Session, desk: Desk, phone: str | None, rang_at: datetime
) -> FollowUp | None:
    """Put the call that rang at ``rang_at`` on the follow-up list, to return. Recorded by the
    counter app when the caller hangs up before pickup, or by ``frontdesk ring`` itself when
    no app listened: no operator is needed. A number that rings again before it is returned
    is owed one call, not two. A withheld number cannot be returned: None."""
    if phone is None:
        return None
    rang_at = aware(rang_at, _("the time it rang"))
    already = owed_to(session, phone)
    if already:
        return already[0]
    deadline = callback_deadline(desk.policy, FollowUpReason.MISSED_CALL, rang_at)
    follow_up = FollowUp(
        matter_id=None,
        reason=FollowUpReason.MISSED_CALL,
        phone=phone,
        created_at=rang_at,
        due=deadline.due,
        worked_out=worked_out_data(deadline.rule, deadline.steps),
        rule=say(deadline.rule),
        explanation=said_steps(deadline.steps),
        status=FollowUpStatus.OWED,
    )
    session.add(follow_up)
    session.flush()
    return follow_up


@use_case
def caller_rang_again(
    *, session: Session, desk: Desk, operator_id: int, phone: str | None
) -> list[int]:
    """The number picked up now returns its missed calls: each is done, with the pickup as
    its try (outcome ``called-in``). The ids of those taken off the list."""
    require(session, operator_id, Action.WORK)
    if phone is None:
        return []
    now = desk.now()
    done = []
    for follow_up in owed_to(session, phone):
        follow_up.status = FollowUpStatus.DONE
        follow_up.done_at = now
        session.add(follow_up)
        session.add(
            FollowUpAttempt(
                follow_up_id=id_of(follow_up),
                at=now,
                operator_id=operator_id,
                outcome=AttemptOutcome.CALLED_IN,
            )
        )
        done.append(id_of(follow_up))
    return done
