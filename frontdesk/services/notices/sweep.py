"""The notices that time makes due: a deadline about to fall due, or fallen due unmet. Nobody
saves anything when a deadline passes, so the sender looks for them before each round; the
notice's key makes each one once, however many senders look."""

from datetime import datetime

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from frontdesk.domain.vocabulary.kinds import MatterStatus, Milestone, NoticeEvent
from frontdesk.services.kernel.context import Desk
from frontdesk.services.kernel.transaction import use_case
from frontdesk.services.matters.queue import SOON
from frontdesk.store.tables.notices import Notice
from frontdesk.store.tables.register import Matter, MatterDeadline


def notice_key(event: NoticeEvent, deadline_id: int) -> str:
    return f"{event.value}:deadline:{deadline_id}"


@use_case
def notices_due(*, session: Session, desk: Desk) -> int:
    """Write a notice for each running deadline now overdue or due within the hour that has
    none yet; the number written. A deadline first seen late is told late only: a notice that
    it is about to fall due would come after the fact."""
    now = desk.now()
    running = session.exec(
        select(MatterDeadline, Matter.department)
        .join(Matter, col(Matter.id) == MatterDeadline.matter_id)
        .where(col(MatterDeadline.met_at).is_(None))
        .where(col(MatterDeadline.superseded_at).is_(None))
        # The month-end upgrade is the app's own to make, not anyone's to be told of.
        .where(MatterDeadline.milestone != Milestone.UPGRADE)
        .where(Matter.status != MatterStatus.CLOSED)
        .where(MatterDeadline.due < now + SOON)
        .order_by(col(MatterDeadline.due), col(MatterDeadline.id))
    ).all()
    wanted = {
        notice_key(_event(deadline.due, now), deadline.id or 0): (deadline, department)
        for deadline, department in running
    }
    if not wanted:
        return 0
    told = set(session.exec(select(Notice.key).where(col(Notice.key).in_(wanted))).all())
    written = 0
    for key, (deadline, department) in wanted.items():
        if key in told:
            continue
        try:
            with session.begin_nested():
                session.add(
                    Notice(
                        key=key,
                        event=_event(deadline.due, now).value,
                        matter_id=deadline.matter_id,
                        deadline_id=deadline.id,
                        department=department or "",
                        created_at=now,
                    )
                )
            written += 1
        except IntegrityError:
            continue  # another sender wrote it a moment ago: it is told once all the same
    return written


def _event(due: datetime, now: datetime) -> NoticeEvent:
    return NoticeEvent.OVERDUE if due <= now else NoticeEvent.DUE_SOON
