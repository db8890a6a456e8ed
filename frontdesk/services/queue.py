"""The complaint queue: open matters sorted by their next deadline, overdue first."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import Session, select

from frontdesk.domain.kinds import MatterStatus
from frontdesk.services.context import Desk
from frontdesk.store.models import Matter, MatterDeadline, Resident

# "Due within the hour" is marked in the queue.
SOON = timedelta(hours=1)


@dataclass(frozen=True)
class QueueFilter:
    """Narrow the queue; every field left as None lets everything through."""

    complaint_class: str | None = None
    kind: str | None = None
    department: str | None = None
    overdue_only: bool = False
    operator_id: int | None = None
    #: open (being handled) or resolved (done, its result or follow-up call still owed).
    status: str = MatterStatus.OPEN.value


@dataclass(frozen=True)
class QueueRow:
    id: int
    kind: str
    complaint_class: str | None
    status: str
    resident: str
    # None when the caller is not on a resident card (a visitor, a public-area report).
    resident_id: int | None
    unit: str
    summary: str
    department: str
    # Repairs only: safety, leak or other (a leak's follow-up counts from its leak test).
    repair_category: str | None
    next_milestone: str | None
    due: datetime | None
    overdue: bool
    due_soon: bool
    rule: str
    explanation: str
    #: The version shown: an action on it is refused if someone saved the matter since.
    version: int = 1
    #: Other operators handling it now: advice, not a lock.
    others: tuple[str, ...] = ()


def list_queue(
    *, session: Session, desk: Desk, filters: QueueFilter | None = None
) -> list[QueueRow]:
    """Open matters, the most urgent first; matters with no deadline last."""
    filters = filters or QueueFilter()
    now = desk.now()
    query = (
        select(Matter, Resident, MatterDeadline)
        .outerjoin(Resident, Resident.id == Matter.resident_id)  # type: ignore[arg-type]
        .outerjoin(
            MatterDeadline,
            (MatterDeadline.matter_id == Matter.id)
            & (MatterDeadline.due == Matter.next_due)
            & (MatterDeadline.milestone == Matter.next_milestone)
            & MatterDeadline.met_at.is_(None)  # type: ignore[union-attr]
            & MatterDeadline.superseded_at.is_(None),
        )  # type: ignore[union-attr]
        .where(Matter.status == MatterStatus(filters.status).value)
    )
    if filters.complaint_class:
        query = query.where(Matter.complaint_class == filters.complaint_class)
    if filters.kind:
        query = query.where(Matter.kind == filters.kind)
    if filters.department:
        query = query.where(Matter.department == filters.department)
    if filters.overdue_only:
        query = query.where(Matter.next_due < now)  # type: ignore[operator]
    if filters.operator_id is not None:
        query = query.where(Matter.operator_id == filters.operator_id)
    query = query.order_by(
        Matter.next_due.is_(None),  # type: ignore[union-attr]
        Matter.next_due,  # type: ignore[arg-type]
        Matter.id,  # type: ignore[arg-type]
    )
    rows = []
    for matter, resident, deadline in session.exec(query).all():
        due = matter.next_due.astimezone(desk.policy.timezone) if matter.next_due else None
        rows.append(
            QueueRow(
                id=matter.id,
                kind=matter.kind,
                complaint_class=matter.complaint_class,  # type: ignore[arg-type]
                status=matter.status,
                resident=resident.name if resident else matter.contact_name,
                resident_id=matter.resident_id,
                unit=matter.unit_label,
                summary=matter.summary,
                department=matter.department,
                repair_category=matter.repair_category,
                next_milestone=matter.next_milestone,
                due=due,
                overdue=bool(due and due < now),
                due_soon=bool(due and now <= due < now + SOON),
                rule=deadline.rule if deadline else "",
                explanation=deadline.explanation if deadline else "",
                version=matter.version,
            )
        )
    return rows
