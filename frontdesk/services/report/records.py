"""The monthly report's records, read from the register: the month asked for and the month
before it, in four queries whatever the size of the estate (no ORM objects are built, only the
columns the report counts), the same on SQLite and PostgreSQL. The figures are worked out in
``frontdesk.domain.report.figures``."""

from datetime import datetime

from sqlalchemy import and_, func, or_
from sqlmodel import Session, col, select

from frontdesk.domain.clock.months import Month
from frontdesk.domain.report.figures import (
    DeadlineRecord,
    FollowUpRecord,
    MatterRecord,
    MonthlyReport,
    Reached,
    Records,
    monthly_report,
)
from frontdesk.domain.vocabulary.kinds import EventKind, MatterKind, MatterStatus, Milestone
from frontdesk.services.kernel.context import Desk
from frontdesk.store.queries import select_columns
from frontdesk.store.tables.people import Resident
from frontdesk.store.tables.register import FollowUp, Matter, MatterDeadline, MatterEvent


def last_complete_month(desk: Desk) -> Month:
    """The month before the one the counter's clock is in: the usual month to report on."""
    return Month.of(desk.now(), desk.policy.timezone).previous()


def current_month(desk: Desk) -> Month:
    return Month.of(desk.now(), desk.policy.timezone)


def report_for(*, session: Session, desk: Desk, month: Month) -> MonthlyReport:
    """The report of ``month`` against the month before, as the register stands now."""
    tz = desk.policy.timezone
    records = gather(session=session, start=month.previous().start(tz), end=month.end(tz))
    return monthly_report(records, month, tz=tz, now=desk.now())


def gather(*, session: Session, start: datetime, end: datetime) -> Records:
    """What the report counts, for everything that happened in [start, end)."""
    return Records(
        matters=_matters(session, start, end),
        deadlines=_deadlines(session, start, end),
        follow_ups=_follow_ups(session, start, end),
        replies=_first(session, EventKind.REPLIED, start, end),
        resolutions=_first(session, EventKind.RESOLVED, start, end),
    )


def _matters(session: Session, start: datetime, end: datetime) -> list[MatterRecord]:
    raised_again = (
        select(func.count())
        .where(MatterEvent.matter_id == Matter.id)
        .where(MatterEvent.kind == EventKind.RAISED_AGAIN)
        .correlate(Matter)
        .scalar_subquery()
    )
    rows = session.exec(
        select_columns(
            Matter.id,
            Matter.kind,
            Matter.received_at,
            Matter.complaint_class,
            Matter.department,
            Matter.complained_party,
            Matter.resident_id,
            Resident.name,
            Matter.contact_name,
            Matter.contact_phone,
            Matter.unit_label,
            Matter.status,
            raised_again,
        )
        .outerjoin(Resident, col(Resident.id) == Matter.resident_id)
        .where(Matter.received_at >= start)
        .where(Matter.received_at < end)
    ).all()
    out = []
    for row in rows:
        (matter_id, kind, received, cls, department, party, resident_id, name) = row[:8]
        contact, phone, unit, status, again = row[8:]
        if resident_id is not None:
            who, shown = f"resident:{resident_id}", name
        else:
            who, shown = (f"phone:{phone}" if phone else ""), contact
        out.append(
            MatterRecord(
                id=matter_id,
                kind=kind,
                received_at=received,
                complaint_class=cls,
                department=department,
                complained_party=party,
                complainant=who,
                complainant_name=shown or "",
                unit=unit,
                still_open=status == MatterStatus.OPEN,
                raised_again=again or 0,
            )
        )
    return out


def _deadlines(session: Session, start: datetime, end: datetime) -> list[DeadlineRecord]:
    """Complaints' deadlines. An unanswered enquiry's reply is its promised call-back, counted
    with the follow-up calls; a repair's visit is an appointment, not a deadline."""
    rows = session.exec(
        select(
            MatterDeadline.milestone,
            MatterDeadline.due,
            MatterDeadline.met_at,
            MatterDeadline.superseded_at,
        )
        .join(Matter, col(Matter.id) == MatterDeadline.matter_id)
        .where(MatterDeadline.due >= start)
        .where(MatterDeadline.due < end)
        .where(col(MatterDeadline.milestone).in_(_COMPLAINT_MILESTONES))
        .where(Matter.kind == MatterKind.COMPLAINT)
    ).all()
    return [DeadlineRecord(m, due, met, superseded) for m, due, met, superseded in rows]


def _follow_ups(session: Session, start: datetime, end: datetime) -> list[FollowUpRecord]:
    """Follow-ups due in the months (their on-time rate) or owed from them (the 回访 rate)."""
    rows = session.exec(
        select_columns(
            FollowUp.reason, FollowUp.created_at, FollowUp.due, FollowUp.status, FollowUp.done_at
        ).where(
            or_(
                and_(col(FollowUp.due) >= start, col(FollowUp.due) < end),
                and_(col(FollowUp.created_at) >= start, col(FollowUp.created_at) < end),
            )
        )
    ).all()
    return [FollowUpRecord(*row) for row in rows]


_COMPLAINT_MILESTONES = [m.value for m in (Milestone.ESCALATE, Milestone.REPLY, Milestone.RESOLVE)]


def _first(session: Session, kind: EventKind, start: datetime, end: datetime) -> list[Reached]:
    """Complaints whose first event of ``kind`` was in [start, end), with their reception."""
    first = func.min(MatterEvent.at)
    rows = session.exec(
        select(Matter.received_at, first)
        .join(Matter, col(Matter.id) == MatterEvent.matter_id)
        .where(MatterEvent.kind == kind.value)
        # A later event cannot be the first in the months; an earlier one must be read, since
        # it makes a later one not the first.
        .where(MatterEvent.at < end)
        .where(Matter.kind == MatterKind.COMPLAINT)
        .group_by(col(MatterEvent.matter_id), col(Matter.received_at))
        .having(and_(first >= start, first < end))
    ).all()
    return [Reached(received, at) for received, at in rows]
