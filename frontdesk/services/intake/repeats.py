"""A complaint raised again by the same resident about the same matter while it is open: the
handbook's sign of a major complaint. Noticed when a complaint is filed, and kept in the earlier
complaint's history so the suggestion outlives the call."""

from datetime import datetime
from typing import Any

from sqlmodel import Session, col, select

from frontdesk.domain.call.repeats import is_same_matter
from frontdesk.domain.vocabulary.kinds import ComplaintClass, EventKind, MatterKind, MatterStatus
from frontdesk.domain.vocabulary.sentences import sentence
from frontdesk.services.matters import tracking
from frontdesk.store.queries import id_of
from frontdesk.store.tables.register import Matter


def could_be_major(matter: Matter) -> bool:
    return matter.kind == MatterKind.COMPLAINT and matter.complaint_class in (
        ComplaintClass.IMPORTANT,
        ComplaintClass.MINOR,
    )


def suggest_major(matter: Matter, at: datetime, operator_id: int) -> None:
    """Mark the complaint as raised again, to be upgraded or kept by a supervisor; a mark
    already there stays as it was (since the first repeat)."""
    if matter.major_suggested_at is None:
        matter.major_suggested_at, matter.major_suggested_by = at, operator_id


def open_complaints_like(
    session: Session,
    *,
    resident_id: int | None,
    phone: str,
    values: dict[str, Any],
    exclude: int | None = None,
    for_update: bool = False,
) -> list[Matter]:
    """Open complaints of the same complainant (the resident, or for an unknown caller the same
    contact number) about the same matter as ``values``. ``for_update`` locks them until the
    transaction ends, for a caller that will change them."""
    if resident_id is None and not phone:
        return []
    query = (
        select(Matter)
        .where(Matter.kind == MatterKind.COMPLAINT)
        .where(Matter.status == MatterStatus.OPEN)
        .order_by(col(Matter.id))
    )
    if for_update:
        # On PostgreSQL two counters filing the same resident's complaints at once would both
        # read an earlier complaint, and the second to write its "raised again" would find its
        # version gone: a refused call for a change the receptionist never saw. Locking the rows
        # (in id order: no deadlock) makes the second wait and read them afresh. SQLite's write
        # transactions are one at a time already, and it has no FOR UPDATE.
        query = query.with_for_update().execution_options(populate_existing=True)
    query = (
        query.where(Matter.resident_id == resident_id)
        if resident_id is not None
        else query.where(Matter.contact_phone == phone)
    )
    return [
        m
        for m in session.exec(query)
        if m.id != exclude
        and m.complaint_class != ComplaintClass.INVALID
        and is_same_matter(
            values, {"content": m.content, "place": m.place, "complained_party": m.complained_party}
        )
    ]


def note_repeats(
    session: Session,
    matter: Matter,
    values: dict[str, Any],
    *,
    operator_id: int,
    at: datetime,
    call_id: int | None,
) -> list[Matter]:
    """Record in each earlier open complaint about the same matter that it was raised again."""
    earlier = open_complaints_like(
        session,
        resident_id=matter.resident_id,
        phone=matter.contact_phone,
        values=values,
        exclude=matter.id,
        for_update=True,
    )
    for previous in earlier:
        tracking.record_event(
            session,
            previous,
            EventKind.RAISED_AGAIN,
            at=at,
            operator_id=operator_id,
            call_id=call_id,
            said=sentence("raised again as #{id}: consider the major class", id=id_of(matter)),
        )
    return earlier
