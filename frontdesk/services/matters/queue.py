"""The complaint queue: open matters sorted by their next deadline, overdue first, a page at a
time, with the totals that keep overdue work in sight however long the queue is.

An estate can have tens of thousands of open matters: the database sorts and cuts them
(``ix_matter_status_next_due``), each page starts after the last row of the one before (by
next due time and id, which stays right while matters come and go, unlike an offset), and only
the columns a row shows are read.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, case, func, or_
from sqlmodel import Session, col, select

from frontdesk.domain.vocabulary.kinds import MatterStatus
from frontdesk.domain.vocabulary.sentences import Sentence, stored_steps
from frontdesk.i18n import _
from frontdesk.services.kernel.context import Desk
from frontdesk.store.tables.people import Resident
from frontdesk.store.tables.register import Matter, MatterDeadline
from frontdesk.store.tables.staff import Operator

# "Due within the hour" is marked in the queue.
SOON = timedelta(hours=1)
# Rows a page holds: two screens and more, few enough to read, measure and draw at once.
PAGE = 50


@dataclass(frozen=True)
class QueueFilter:
    """Narrow the queue; every field left as None lets everything through."""

    complaint_class: str | None = None
    kind: str | None = None
    department: str | None = None
    overdue_only: bool = False
    operator_id: int | None = None
    #: open (being handled) or resolved (done, its result or follow-up call still owed).
    status: MatterStatus = MatterStatus.OPEN


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
    rule: Sentence
    steps: tuple[Sentence, ...]
    #: The version shown: an action on it is refused if someone saved the matter since.
    version: int = 1
    #: Other operators handling it now: advice, not a lock.
    others: tuple[str, ...] = ()
    #: When a repeat suggested the major class, and who filed it; None once decided.
    major_suggested_at: datetime | None = None
    major_suggested_by: str = ""


@dataclass(frozen=True)
class QueueKey:
    """Where a page ends: the next page starts after this due time (None: no deadline) and id."""

    due: datetime | None
    id: int


@dataclass(frozen=True)
class QueueTotals:
    """How many matters the filters let through, how many of them are overdue, how many more
    fall due within the hour: counted in the database, however few rows are shown."""

    matching: int
    overdue: int
    due_soon: int


@dataclass(frozen=True)
class QueuePage:
    rows: list[QueueRow]
    #: Whether more rows follow the last one.
    more: bool
    #: Counted with the first page only (later pages leave them as they were).
    totals: QueueTotals | None = None

    @property
    def last(self) -> QueueKey | None:
        """Where the next page starts."""
        return QueueKey(self.rows[-1].due, self.rows[-1].id) if self.rows else None


# Only what a row shows: no whole matters, residents or deadlines are built.
_COLUMNS: tuple[Any, ...] = (
    Matter.id,
    Matter.kind,
    Matter.complaint_class,
    Matter.status,
    Resident.name,
    Matter.contact_name,
    Matter.resident_id,
    Matter.unit_label,
    Matter.summary,
    Matter.department,
    Matter.repair_category,
    Matter.next_milestone,
    Matter.next_due,
    MatterDeadline.worked_out,
    MatterDeadline.rule,
    MatterDeadline.explanation,
    Matter.version,
    Matter.major_suggested_at,
    Operator.name,
)


def due_mark(row: QueueRow) -> str:
    """The mark beside a row, the same on every screen and in the command line's list."""
    if row.overdue:
        return _("OVERDUE")
    return _("<1h") if row.due_soon else ""


def list_queue(
    *,
    session: Session,
    desk: Desk,
    filters: QueueFilter | None = None,
    after: QueueKey | None = None,
    limit: int | None = None,
) -> list[QueueRow]:
    """Matters by next deadline, the most urgent first, matters with no deadline last (by id);
    those after ``after``, at most ``limit`` of them (all when None)."""
    filters = filters or QueueFilter()
    now = desk.now()
    rows: list[QueueRow] = []
    if after is None or after.due is not None:
        dated = _query(filters, now).where(col(Matter.next_due).is_not(None))
        if after is not None:
            # Index-friendly "after (due, id)": the range starts at the due time.
            dated = dated.where(col(Matter.next_due) >= after.due).where(
                or_(col(Matter.next_due) > after.due, col(Matter.id) > after.id)
            )
        dated = dated.order_by(Matter.next_due, Matter.id)
        rows += _rows(session, desk, dated if limit is None else dated.limit(limit), now)
    if limit is not None and len(rows) >= limit or filters.overdue_only:
        return rows
    undated = _query(filters, now).where(col(Matter.next_due).is_(None))
    if after is not None and after.due is None:
        undated = undated.where(col(Matter.id) > after.id)
    undated = undated.order_by(Matter.id)
    if limit is not None:
        undated = undated.limit(limit - len(rows))
    return rows + _rows(session, desk, undated, now)


def queue_totals(
    *, session: Session, desk: Desk, filters: QueueFilter | None = None
) -> QueueTotals:
    """The counts shown above the queue, for the same filters."""
    now = desk.now()
    base = _filtered(select(Matter.next_due), filters or QueueFilter(), now).subquery()
    due = base.c.next_due
    matching, overdue, soon = session.exec(
        select(
            func.count(),
            func.count(case((due < now, 1))),
            func.count(case((and_(due >= now, due < now + SOON), 1))),
        ).select_from(base)
    ).one()
    return QueueTotals(matching=matching, overdue=overdue, due_soon=soon)


def queue_page(
    *,
    session: Session,
    desk: Desk,
    filters: QueueFilter | None = None,
    after: QueueKey | None = None,
    limit: int = PAGE,
) -> QueuePage:
    """One page of the queue; the first (``after`` None) comes with the totals."""
    rows = list_queue(session=session, desk=desk, filters=filters, after=after, limit=limit + 1)
    totals = (
        None if after is not None else queue_totals(session=session, desk=desk, filters=filters)
    )
    return QueuePage(rows=rows[:limit], more=len(rows) > limit, totals=totals)


def _filtered(query, filters: QueueFilter, now: datetime):
    query = query.where(Matter.status == MatterStatus(filters.status))
    if filters.complaint_class:
        query = query.where(Matter.complaint_class == filters.complaint_class)
    if filters.kind:
        query = query.where(Matter.kind == filters.kind)
    if filters.department:
        query = query.where(Matter.department == filters.department)
    if filters.overdue_only:
        query = query.where(col(Matter.next_due) < now)
    if filters.operator_id is not None:
        query = query.where(Matter.operator_id == filters.operator_id)
    return query


def _query(filters: QueueFilter, now: datetime):
    """The row's columns, with the resident's name and the running deadline's rule."""
    query = (
        select(*_COLUMNS)
        .outerjoin(Resident, Resident.id == Matter.resident_id)
        .outerjoin(
            MatterDeadline,
            (col(MatterDeadline.matter_id) == Matter.id)
            & (col(MatterDeadline.due) == Matter.next_due)
            & (col(MatterDeadline.milestone) == Matter.next_milestone)
            & col(MatterDeadline.met_at).is_(None)
            & col(MatterDeadline.superseded_at).is_(None),
        )
        .outerjoin(Operator, col(Operator.id) == Matter.major_suggested_by)
    )
    return _filtered(query, filters, now)


def _rows(session: Session, desk: Desk, query, now: datetime) -> list[QueueRow]:
    out = []
    for row in session.exec(query):
        (matter_id, kind, cls, status, name, contact, resident_id, unit, summary) = row[:9]
        department, category, milestone, due, worked_out, rule, explanation, version = row[9:17]
        suggested_at, suggested_by = row[17:]
        said_rule, steps = stored_steps(worked_out, rule or "", explanation or "")
        due = due.astimezone(desk.policy.timezone) if due else None
        out.append(
            QueueRow(
                id=matter_id,
                kind=kind,
                complaint_class=cls,
                status=status,
                resident=name if resident_id is not None and name is not None else contact,
                resident_id=resident_id,
                unit=unit,
                summary=summary,
                department=department,
                repair_category=category,
                next_milestone=milestone,
                due=due,
                overdue=bool(due and due < now),
                due_soon=bool(due and now <= due < now + SOON),
                rule=said_rule,
                steps=tuple(steps),
                version=version,
                major_suggested_at=suggested_at.astimezone(desk.policy.timezone)
                if suggested_at
                else None,
                major_suggested_by=suggested_by or "",
            )
        )
    return out
