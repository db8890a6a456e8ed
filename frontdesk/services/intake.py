"""Filing a call: one row of the reception register with every matter it raised, their deadlines
and follow-ups, all in one transaction (DOMAIN.md §2)."""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlmodel import Session, select

from frontdesk.domain.deadlines import Deadline, complaint_deadlines, moment_text
from frontdesk.domain.kinds import (
    Channel,
    ComplaintClass,
    EventKind,
    FollowUpReason,
    MatterKind,
    MatterStatus,
    Milestone,
)
from frontdesk.domain.matters import (
    CleanMatter,
    FieldError,
    MatterInvalid,
    summary_of,
    validate_matter,
)
from frontdesk.domain.phones import PhoneError, normalize_phone
from frontdesk.domain.repeats import is_same_matter
from frontdesk.i18n import _
from frontdesk.services import tracking
from frontdesk.services.context import Desk
from frontdesk.services.errors import CallInvalid, NotFound, WrongState
from frontdesk.services.transaction import use_case
from frontdesk.store.models import Call, Matter, Operator, Resident
from frontdesk.store.queries import estate_named, unit_for

# Kinds that are done once recorded, unless a reply was promised.
_DONE_ON_FILING = {MatterKind.SUGGESTION, MatterKind.PRAISE, MatterKind.OTHER}


@dataclass
class MatterDraft:
    """A matter as recorded during the call. ``confirmed``: read back and confirmed by the
    caller (a complaint is never filed unconfirmed). ``same_as``: an open matter this call raises
    again, to add the call to instead of filing a duplicate."""

    kind: MatterKind
    fields: dict[str, Any] = field(default_factory=dict)
    confirmed: bool = False
    same_as: int | None = None


@dataclass
class CallDraft:
    """The register row of one call, visit, letter or comment-book entry."""

    channel: Channel = Channel.PHONE
    caller_name: str = ""
    caller_phone: str = ""
    caller_unit: str = ""
    resident_id: int | None = None
    rings: int | None = None
    rang_at: datetime | None = None
    answered_at: datetime | None = None
    notes: str = ""
    matters: list[MatterDraft] = field(default_factory=list)


@dataclass(frozen=True)
class RepeatHint:
    """A new complaint that looks like an open one of the same resident: suggest major."""

    matter_id: int
    earlier_id: int


@dataclass
class FiledCall:
    call_id: int
    matter_ids: list[int] = field(default_factory=list)
    deadlines: dict[int, list[Deadline]] = field(default_factory=dict)
    follow_up_ids: list[int] = field(default_factory=list)
    repeats: list[RepeatHint] = field(default_factory=list)
    # Open complaints raised again on this call: the handbook's sign of a major complaint.
    suggest_major: list[int] = field(default_factory=list)


def check_call(desk: Desk, draft: CallDraft) -> list[CleanMatter | None]:
    """Validate every field of the call; raises ``CallInvalid`` naming each field at fault.

    Returns the clean matters (None where the call is added to an existing matter).
    """
    now = desk.now()
    call_errors: list[FieldError] = []
    for name in ("answered_at", "rang_at"):
        moment = getattr(draft, name)
        if moment is not None and not _is_aware(moment):
            call_errors.append(FieldError(name, _("give a date and time with its time zone")))
    if call_errors:
        raise CallInvalid(call_errors, {})
    if draft.caller_phone.strip():
        try:
            normalize_phone(draft.caller_phone, area_code=desk.policy.area_code)
        except PhoneError as exc:
            call_errors.append(FieldError("caller_phone", str(exc)))
    if draft.rings is not None and (
        not isinstance(draft.rings, int) or isinstance(draft.rings, bool) or draft.rings < 0
    ):
        call_errors.append(FieldError("rings", _("rings are a whole number, 0 or more")))
    answered = draft.answered_at or now
    if answered > now:
        call_errors.append(FieldError("answered_at", _("this time is still to come")))
    if draft.rang_at is not None and draft.rang_at > answered:
        call_errors.append(FieldError("rang_at", _("the phone rang before it was answered")))
    clean: list[CleanMatter | None] = []
    matter_errors: dict[int, list[FieldError]] = {}
    for index, matter in enumerate(draft.matters):
        if matter.same_as is not None:
            clean.append(None)
            continue
        try:
            clean.append(validate_matter(matter.kind, matter.fields, policy=desk.policy, now=now))
        except MatterInvalid as exc:
            matter_errors[index] = exc.errors
            clean.append(None)
            continue
        if matter.kind is MatterKind.COMPLAINT and not matter.confirmed:
            matter_errors[index] = [
                FieldError(
                    "confirmed",
                    _("read the complaint back to the caller and get their confirmation first"),
                )
            ]
    if call_errors or matter_errors:
        raise CallInvalid(call_errors, matter_errors)
    return clean


@use_case
def file_call(*, session: Session, desk: Desk, operator_id: int, draft: CallDraft) -> FiledCall:
    """File the call and all its matters at once; nothing is written if anything is invalid."""
    clean = check_call(desk, draft)
    if session.get(Operator, operator_id) is None:
        raise NotFound(_("there is no operator {id}").format(id=operator_id))
    if draft.resident_id is not None and session.get(Resident, draft.resident_id) is None:
        raise NotFound(_("there is no resident {id}").format(id=draft.resident_id))
    now = desk.now()
    received = draft.answered_at or now
    phone = draft.caller_phone.strip()
    if phone:
        phone = normalize_phone(phone, area_code=desk.policy.area_code).national
    call = Call(
        channel=draft.channel.value,
        rang_at=draft.rang_at,
        answered_at=received,
        rings=draft.rings,
        operator_id=operator_id,
        caller_name=draft.caller_name.strip(),
        caller_phone=phone,
        caller_unit=draft.caller_unit.strip(),
        resident_id=draft.resident_id,
        notes=draft.notes.strip(),
    )
    session.add(call)
    session.flush()
    filed = FiledCall(call_id=call.id)  # type: ignore[arg-type]
    for matter_draft, matter_clean in zip(draft.matters, clean, strict=True):
        if matter_draft.same_as is not None:
            again = _raise_again(session, call, matter_draft.same_as, operator_id, received)
            filed.matter_ids.append(again.id)  # type: ignore[arg-type]
            if _could_be_major(again):
                filed.suggest_major.append(again.id)  # type: ignore[arg-type]
            continue
        assert matter_clean is not None
        matter = _new_matter(session, desk, call, matter_clean, operator_id, received, filed)
        filed.matter_ids.append(matter.id)  # type: ignore[arg-type]
    return filed


def _new_matter(
    session: Session,
    desk: Desk,
    call: Call,
    clean: CleanMatter,
    operator_id: int,
    received: datetime,
    filed: FiledCall,
) -> Matter:
    values = clean.values
    unit = clean.unit
    unit_row = None
    if unit is not None:
        estate = estate_named(session, desk.policy.centre_name)
        unit_row = unit_for(session, estate.id, unit)  # type: ignore[arg-type]
    phone = values.get("contact_phone")
    callback = values.get("callback_phone")
    matter = Matter(
        call_id=call.id,
        kind=clean.kind.value,
        status=MatterStatus.OPEN.value,
        resident_id=call.resident_id,
        unit_id=unit_row.id if unit_row else None,
        unit_label=unit.label if unit else call.caller_unit,
        summary=summary_of(clean),
        content=values.get("content", ""),
        department=values.get("department", ""),
        received_at=received,
        operator_id=operator_id,
        contact_name=values.get("contact_name", call.caller_name),
        contact_phone=phone.national if phone else call.caller_phone,
        happened_at=values.get("happened_at"),
        place=values.get("place", ""),
        complained_party=values.get("complained_party", ""),
        complaint_class=_value(values.get("complaint_class")),
        emotion=_value(values.get("emotion")),
        need=_value(values.get("need")),
        requested_deadline=values.get("requested_deadline"),
        repair_category=_value(values.get("repair_category")),
        visit_at=values.get("visit_at"),
        answered=values.get("answered"),
        callback_phone=callback.national if callback else "",
        promised_at=values.get("promised_at"),
        updated_at=received,
    )
    session.add(matter)
    session.flush()
    tracking.record_event(
        session, matter, EventKind.FILED, at=received, operator_id=operator_id, call_id=call.id
    )
    deadlines = _deadlines_for(session, desk, matter, clean, received, filed)
    tracking.add_deadlines(session, matter, deadlines, now=desk.now())
    filed.deadlines[matter.id] = deadlines  # type: ignore[index]
    if not deadlines and (clean.kind in _DONE_ON_FILING or matter.answered):
        matter.status = MatterStatus.CLOSED.value
    tracking.refresh_next(session, matter)
    if clean.kind is MatterKind.COMPLAINT and matter.resident_id is not None:
        for earlier in open_complaints_like(session, matter.resident_id, values, exclude=matter.id):
            filed.repeats.append(RepeatHint(matter.id, earlier.id))  # type: ignore[arg-type]
            if _could_be_major(earlier) and earlier.id not in filed.suggest_major:
                filed.suggest_major.append(earlier.id)  # type: ignore[arg-type]
    return matter


def _deadlines_for(
    session: Session,
    desk: Desk,
    matter: Matter,
    clean: CleanMatter,
    received: datetime,
    filed: FiledCall,
) -> list[Deadline]:
    values = clean.values
    if clean.kind is MatterKind.COMPLAINT:
        return complaint_deadlines(
            desk.policy,
            values["complaint_class"],
            received,
            requested=values.get("requested_deadline"),
        )
    if clean.kind is MatterKind.REPAIR:
        visit = values["visit_at"].astimezone(desk.policy.timezone)
        return [
            Deadline(
                Milestone.VISIT,
                visit,
                _("repair: visit at the time the resident chose"),
                _("the resident chose {at}").format(at=moment_text(visit)),
            )
        ]
    if values.get("promised_at") is not None:
        follow_up, deadline = tracking.open_follow_up(
            session,
            desk,
            matter,
            FollowUpReason.PROMISED,
            received,
            promised=values["promised_at"],
        )
        session.flush()
        filed.follow_up_ids.append(follow_up.id)  # type: ignore[arg-type]
        return [Deadline(Milestone.REPLY, deadline.due, deadline.rule, deadline.explanation)]
    return []


def _is_aware(moment: object) -> bool:
    return isinstance(moment, datetime) and moment.utcoffset() is not None


def _value(choice: Any) -> str | None:
    return None if choice is None else str(choice.value if hasattr(choice, "value") else choice)


def _raise_again(
    session: Session, call: Call, matter_id: int, operator_id: int, at: datetime
) -> Matter:
    matter = tracking.get_matter(session, matter_id)
    if matter.status == MatterStatus.CLOSED:
        raise WrongState(_("matter {id} is closed: file a new one").format(id=matter_id))
    tracking.record_event(
        session,
        matter,
        EventKind.RAISED_AGAIN,
        at=at,
        operator_id=operator_id,
        call_id=call.id,
        text=call.notes,
    )
    return matter


def _could_be_major(matter: Matter) -> bool:
    return matter.kind == MatterKind.COMPLAINT.value and matter.complaint_class in (
        ComplaintClass.IMPORTANT.value,
        ComplaintClass.MINOR.value,
    )


def open_complaints_like(
    session: Session, resident_id: int, values: dict[str, Any], *, exclude: int | None = None
) -> list[Matter]:
    """The resident's open complaints about the same matter as ``values``."""
    candidates = session.exec(
        select(Matter)
        .where(Matter.resident_id == resident_id)
        .where(Matter.kind == MatterKind.COMPLAINT.value)
        .where(Matter.status == MatterStatus.OPEN.value)
    )
    return [
        m
        for m in candidates
        if m.id != exclude
        and m.complaint_class != ComplaintClass.INVALID.value
        and is_same_matter(
            values, {"content": m.content, "place": m.place, "complained_party": m.complained_party}
        )
    ]
