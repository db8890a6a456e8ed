"""What the screens show about one matter: its line in a list, and its history with how each
deadline was worked out."""

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from frontdesk.domain.people.phones import mask_phone
from frontdesk.domain.vocabulary.kinds import DeadlineState
from frontdesk.domain.vocabulary.sentences import Sentence, history_line, stored_steps
from frontdesk.i18n import _
from frontdesk.services.kernel.context import Desk
from frontdesk.services.kernel.errors import NotFound
from frontdesk.store.queries import id_of
from frontdesk.store.tables.register import Matter, MatterDeadline, MatterEvent
from frontdesk.store.tables.staff import Operator


@dataclass(frozen=True)
class MatterLine:
    id: int
    kind: str
    complaint_class: str | None
    status: str
    summary: str
    received_at: datetime
    next_milestone: str | None
    next_due: datetime | None
    # None when the caller is not on a resident card.
    resident_id: int | None
    # Repairs only: safety, leak or other.
    repair_category: str | None


def matter_line(matter: Matter, desk: Desk) -> MatterLine:
    tz = desk.policy.timezone
    return MatterLine(
        id=id_of(matter),
        kind=matter.kind,
        complaint_class=matter.complaint_class,
        status=matter.status,
        summary=matter.summary,
        received_at=matter.received_at.astimezone(tz),
        next_milestone=matter.next_milestone,
        next_due=matter.next_due.astimezone(tz) if matter.next_due else None,
        resident_id=matter.resident_id,
        repair_category=matter.repair_category,
    )


@dataclass(frozen=True)
class DeadlineLine:
    milestone: str
    due: datetime
    rule: Sentence
    steps: tuple[Sentence, ...]
    state: DeadlineState


@dataclass(frozen=True)
class EventLine:
    """One step of a matter's history, in the estate's time zone."""

    at: datetime
    kind: str
    who: str | None  # the operator's name; None when the system acted (the one-month upgrade)
    text: Sentence
    # The deadline an extension asks for or approves; when a repair was done. None otherwise.
    until: datetime | None


@dataclass
class MatterDetail:
    matter: MatterLine
    content: str
    contact: str
    unit: str
    department: str
    deadlines: list[DeadlineLine]
    events: list[EventLine]  # oldest first
    #: Other operators handling it now ("小张 at lobby since 15:02"): advice, not a lock.
    others: tuple[str, ...] = ()


def matter_detail(*, session: Session, desk: Desk, matter_id: int) -> MatterDetail:
    matter = session.get(Matter, matter_id)
    if matter is None:
        raise NotFound(_("there is no matter {id}").format(id=matter_id))
    tz = desk.policy.timezone
    rows = session.exec(
        select(MatterDeadline)
        .where(MatterDeadline.matter_id == matter_id)
        .order_by(col(MatterDeadline.created_at), col(MatterDeadline.due))
    ).all()
    events = session.exec(
        select(MatterEvent, Operator.name)
        .outerjoin(Operator, col(Operator.id) == MatterEvent.operator_id)
        .where(MatterEvent.matter_id == matter_id)
        .order_by(col(MatterEvent.at), col(MatterEvent.id))
    ).all()
    return MatterDetail(
        matter=matter_line(matter, desk),
        content=matter.content,
        contact=" ".join(
            part
            for part in (
                matter.contact_name,
                mask_phone(matter.contact_phone) if matter.contact_phone else "",
            )
            if part
        ),
        unit=matter.unit_label,
        department=matter.department,
        deadlines=[_deadline_line(r, desk) for r in rows],
        events=[
            EventLine(
                at=e.at.astimezone(tz),
                kind=e.kind,
                who=name,
                text=event_text(e),
                until=e.until.astimezone(tz) if e.until else None,
            )
            for e, name in events
        ],
    )


def _deadline_line(row: MatterDeadline, desk: Desk) -> DeadlineLine:
    rule, steps = stored_steps(row.worked_out, row.rule, row.explanation)
    return DeadlineLine(
        row.milestone,
        row.due.astimezone(desk.policy.timezone),
        rule,
        tuple(steps),
        DeadlineState.MET
        if row.met_at
        else DeadlineState.SUPERSEDED
        if row.superseded_at
        else DeadlineState.RUNNING,
    )


def event_text(event: MatterEvent) -> Sentence:
    return history_line(event.to_whom, event.text, event.said)
