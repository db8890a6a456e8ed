"""What the screens show about one resident or one matter: the resident card with history and
open matters, and a matter's history with how each deadline was worked out."""

from dataclasses import dataclass, field
from datetime import datetime

from sqlmodel import Session, select

from frontdesk.domain.kinds import MatterStatus, ResidentRole
from frontdesk.domain.labels import named_of
from frontdesk.domain.names import address_as
from frontdesk.domain.phones import EXTENSION_MARK, mask_phone, mask_stored
from frontdesk.domain.temperaments import strategy
from frontdesk.i18n import _
from frontdesk.services.context import Desk
from frontdesk.services.errors import NotFound
from frontdesk.store.models import (
    Call,
    FollowUp,
    Matter,
    MatterDeadline,
    MatterEvent,
    Operator,
    Resident,
    ResidentPhone,
    ResidentUnit,
    Unit,
)

# The card lists this many past calls and matters; older ones are in the register.
HISTORY = 20


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


@dataclass
class ResidentCard:
    id: int
    name: str
    address: str
    title: str
    units: list[str]
    #: Masked, with their extensions (``021-****3456转801``): a form filled with one files the
    #: number on file it stands for. The full numbers are only ever revealed on purpose.
    phones_masked: list[str]
    temperament: str | None
    strategy: str
    occupation: str
    interests: str
    preferred_call_times: str
    evening_calls_ok: bool
    notes: str
    open_matters: list[MatterLine] = field(default_factory=list)
    past_matters: list[MatterLine] = field(default_factory=list)
    calls: list[tuple[datetime, str, str]] = field(default_factory=list)
    follow_ups: list[tuple[datetime, str, str]] = field(default_factory=list)
    #: Other operators handling this resident now: advice, not a lock.
    others: tuple[str, ...] = ()


def matter_line(matter: Matter, desk: Desk) -> MatterLine:
    tz = desk.policy.timezone
    return MatterLine(
        id=matter.id,
        kind=matter.kind,
        complaint_class=matter.complaint_class,  # type: ignore[arg-type]
        status=matter.status,
        summary=matter.summary,
        received_at=matter.received_at.astimezone(tz),
        next_milestone=matter.next_milestone,
        next_due=matter.next_due.astimezone(tz) if matter.next_due else None,
        resident_id=matter.resident_id,
        repair_category=matter.repair_category,
    )


def resident_card(*, session: Session, desk: Desk, resident_id: int) -> ResidentCard:
    resident = session.get(Resident, resident_id)
    if resident is None:
        raise NotFound(_("there is no resident {id}").format(id=resident_id))
    tz = desk.policy.timezone
    phones = session.exec(
        select(ResidentPhone)
        .where(ResidentPhone.resident_id == resident_id)
        .order_by(ResidentPhone.id)
    ).all()
    stored = [
        p.national + (f"{EXTENSION_MARK}{p.extension}" if p.extension else "") for p in phones
    ]
    units = session.exec(
        select(Unit.label, ResidentUnit.role)
        .join(ResidentUnit, ResidentUnit.unit_id == Unit.id)
        .where(ResidentUnit.resident_id == resident_id)
    ).all()
    matters = session.exec(
        select(Matter).where(Matter.resident_id == resident_id).order_by(Matter.received_at.desc())
    ).all()  # type: ignore[attr-defined]
    calls = session.exec(
        select(Call)
        .where(Call.resident_id == resident_id)
        .order_by(Call.answered_at.desc())
        .limit(HISTORY)
    ).all()  # type: ignore[attr-defined]
    follow_ups = session.exec(
        select(FollowUp)
        .join(Matter, Matter.id == FollowUp.matter_id)
        .where(Matter.resident_id == resident_id)
        .order_by(FollowUp.due.desc())
        .limit(HISTORY)
    ).all()  # type: ignore[attr-defined]
    return ResidentCard(
        id=resident.id,
        name=resident.name,
        address=address_as(resident.name, resident.title),  # type: ignore[arg-type]
        title=resident.title,
        units=[f"{label} ({named_of(ResidentRole, role)})" for label, role in units],
        phones_masked=[mask_stored(p) for p in stored],
        temperament=resident.temperament,
        strategy=strategy(resident.temperament),
        occupation=resident.occupation,
        interests=resident.interests,
        preferred_call_times=resident.preferred_call_times,
        evening_calls_ok=resident.evening_calls_ok,
        notes=resident.notes,
        open_matters=[matter_line(m, desk) for m in matters if m.status != MatterStatus.CLOSED],
        past_matters=[matter_line(m, desk) for m in matters if m.status == MatterStatus.CLOSED][
            :HISTORY
        ],
        calls=[(c.answered_at.astimezone(tz), c.channel, c.notes) for c in calls],
        follow_ups=[(f.due.astimezone(tz), f.reason, f.status) for f in follow_ups],
    )


@dataclass(frozen=True)
class DeadlineLine:
    milestone: str
    due: datetime
    rule: str
    explanation: str
    state: str  # running, met or superseded


@dataclass(frozen=True)
class EventLine:
    """One step of a matter's history, in the estate's time zone."""

    at: datetime
    kind: str
    who: str  # the operator's name, or "system" (the automatic one-month upgrade)
    text: str
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
        .order_by(MatterDeadline.created_at, MatterDeadline.due)
    ).all()
    events = session.exec(
        select(MatterEvent, Operator.name)
        .outerjoin(Operator, Operator.id == MatterEvent.operator_id)
        .where(MatterEvent.matter_id == matter_id)
        .order_by(MatterEvent.at, MatterEvent.id)
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
        deadlines=[
            DeadlineLine(
                r.milestone,
                r.due.astimezone(tz),
                r.rule,
                r.explanation,
                "met" if r.met_at else "superseded" if r.superseded_at else "running",
            )
            for r in rows
        ],
        events=[
            EventLine(
                at=e.at.astimezone(tz),
                kind=e.kind,
                who=name or "system",
                text=" ".join(part for part in (e.to_whom, e.text) if part),
                until=e.until.astimezone(tz) if e.until else None,
            )
            for e, name in events
        ],
    )
