"""Opening a matter: its row, its filing in the history, its deadlines and any promised call.
A call opens matters; so does a repair follow-up that finds the problem still there."""

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any, TypeVar

from sqlmodel import Session

from frontdesk.domain.call.matters import CleanMatter, summary_of
from frontdesk.domain.deadlines.filing import filing_deadlines
from frontdesk.domain.deadlines.rules import Deadline
from frontdesk.domain.vocabulary.kinds import (
    ComplaintClass,
    Emotion,
    EventKind,
    FollowUpReason,
    MatterKind,
    MatterStatus,
    Need,
    RepairCategory,
)
from frontdesk.domain.vocabulary.sentences import Sentence
from frontdesk.services.kernel.context import Desk
from frontdesk.services.matters import tracking
from frontdesk.store.queries import estate_named, id_of, unit_for
from frontdesk.store.tables.register import FollowUp, Matter

V = TypeVar("V", bound=StrEnum)

# Kinds that are done once recorded, unless a reply was promised.
_DONE_ON_FILING = {MatterKind.SUGGESTION, MatterKind.PRAISE, MatterKind.OTHER}


@dataclass(frozen=True)
class Origin:
    """Where a matter came from: the call that raised it, or the matter whose follow-up found
    it; and who raised it, as given."""

    resident_id: int | None
    name: str
    phone: str
    unit_label: str
    call_id: int | None = None
    parent_id: int | None = None


@dataclass
class Opened:
    matter: Matter
    deadlines: list[Deadline]
    follow_ups: list[FollowUp]


def open_matter(
    session: Session,
    desk: Desk,
    clean: CleanMatter,
    *,
    origin: Origin,
    operator_id: int,
    received: datetime,
    note: Sentence | None = None,
) -> Opened:
    values = clean.values
    unit = clean.unit
    unit_row = None
    if unit is not None:
        estate = estate_named(session, desk.policy.centre_name)
        unit_row = unit_for(session, id_of(estate), unit)
    phone = values.get("contact_phone")
    callback = values.get("callback_phone")
    matter = Matter(
        call_id=origin.call_id,
        parent_id=origin.parent_id,
        kind=clean.kind,
        status=MatterStatus.OPEN,
        resident_id=origin.resident_id,
        unit_id=unit_row.id if unit_row else None,
        unit_label=unit.label if unit else origin.unit_label,
        summary=summary_of(clean),
        content=values.get("content", ""),
        department=values.get("department", ""),
        received_at=received,
        operator_id=operator_id,
        contact_name=values.get("contact_name", origin.name),
        contact_phone=phone.stored if phone else origin.phone,
        happened_at=values.get("happened_at"),
        place=values.get("place", ""),
        complained_party=values.get("complained_party", ""),
        complaint_class=_member(ComplaintClass, values.get("complaint_class")),
        emotion=_member(Emotion, values.get("emotion")),
        need=_member(Need, values.get("need")),
        requested_deadline=values.get("requested_deadline"),
        repair_category=_member(RepairCategory, values.get("repair_category")),
        visit_at=values.get("visit_at"),
        answered=values.get("answered"),
        callback_phone=callback.stored if callback else "",
        promised_at=values.get("promised_at"),
        updated_at=received,
    )
    session.add(matter)
    session.flush()
    tracking.record_event(
        session,
        matter,
        EventKind.FILED,
        at=received,
        operator_id=operator_id,
        call_id=origin.call_id,
        said=note,
    )
    opened = Opened(matter, [], [])
    opened.deadlines = _deadlines_for(session, desk, opened, clean, received)
    tracking.add_deadlines(session, matter, opened.deadlines, now=desk.now())
    if not opened.deadlines and (clean.kind in _DONE_ON_FILING or matter.answered):
        matter.status = MatterStatus.CLOSED
    tracking.refresh_next(session, matter)
    return opened


def _deadlines_for(
    session: Session, desk: Desk, opened: Opened, clean: CleanMatter, received: datetime
) -> list[Deadline]:
    deadlines = filing_deadlines(
        desk.policy, clean, received, evening_ok=tracking.evening_ok(session, opened.matter)
    )
    if clean.values.get("promised_at") is not None:
        follow_up, _deadline = tracking.open_follow_up(
            session,
            desk,
            opened.matter,
            FollowUpReason.PROMISED,
            received,
            promised=clean.values["promised_at"],
        )
        session.flush()
        opened.follow_ups.append(follow_up)
    return deadlines


def _member(vocabulary: type[V], choice: Any) -> V | None:
    """The member a field holds, given as the member or its value."""
    return None if choice is None else vocabulary(choice)
