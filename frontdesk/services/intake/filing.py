"""Filing a call: one row of the reception register with every matter it raised, their deadlines
and follow-ups, all in one transaction (DOMAIN.md §2)."""

from datetime import datetime

from sqlmodel import Session

from frontdesk.domain.call.matters import CleanMatter, FieldError, MatterInvalid, validate_matter
from frontdesk.domain.clock.moments import MomentError, within_reach
from frontdesk.domain.people.phones import PhoneError, is_masked, normalize_phone
from frontdesk.domain.text.free_text import MAX_LINE, MAX_TEXT, TextError, checked_text
from frontdesk.domain.vocabulary.kinds import EventKind, MatterKind, MatterStatus
from frontdesk.domain.vocabulary.labels import named, named_of
from frontdesk.i18n import _
from frontdesk.services.intake import on_file
from frontdesk.services.intake.call import CallDraft, FiledCall, MatterDraft, RepeatHint
from frontdesk.services.intake.repeats import could_be_major, note_repeats, suggest_major
from frontdesk.services.kernel.context import Desk
from frontdesk.services.kernel.errors import CallInvalid, NotFound, WrongState
from frontdesk.services.kernel.permissions import Action, require
from frontdesk.services.kernel.transaction import use_case
from frontdesk.services.matters import tracking
from frontdesk.services.matters.opening import Origin, open_matter
from frontdesk.store.queries import id_of
from frontdesk.store.tables.people import Resident
from frontdesk.store.tables.register import Call, Matter

# Kinds that are done once recorded, unless a reply was promised.
_DONE_ON_FILING = {MatterKind.SUGGESTION, MatterKind.PRAISE, MatterKind.OTHER}
# The register's free text as given: (field, what it is called, longest, several lines).
_FREE_TEXT = (
    ("caller_name", _("the caller's name"), MAX_LINE, False),
    ("caller_unit", _("the caller's unit"), MAX_LINE, False),
    ("notes", _("the notes"), MAX_TEXT, True),
)
# More rings than anyone waits for: a slip of the finger, not a count.
MOST_RINGS = 99


def check_call(desk: Desk, draft: CallDraft) -> list[CleanMatter | None]:
    """Validate every field of the call; raises ``CallInvalid`` naming each field at fault.

    Returns the clean matters (None where the call is added to an existing matter).
    """
    now = desk.now()
    draft = on_file.stand_ins(draft)
    call_errors: list[FieldError] = []
    for name in ("answered_at", "rang_at"):
        moment = getattr(draft, name)
        if moment is not None and not _is_aware(moment):
            call_errors.append(FieldError(name, _("give a date and time with its time zone")))
        elif moment is not None:
            try:
                within_reach(moment, now=now)
            except MomentError as exc:  # year 1 in UTC+14 would overflow when stored
                call_errors.append(FieldError(name, str(exc)))
    if call_errors:
        raise CallInvalid(call_errors, {})
    if draft.caller_phone.strip() and not is_masked(draft.caller_phone):
        try:
            normalize_phone(draft.caller_phone, area_code=desk.policy.area_code)
        except PhoneError as exc:
            call_errors.append(FieldError("caller_phone", str(exc)))
    for name, what, limit, multiline in _FREE_TEXT:
        try:
            checked_text(getattr(draft, name), what=what, limit=limit, multiline=multiline)
        except TextError as exc:
            call_errors.append(FieldError(name, str(exc)))
    if draft.rings is not None and (
        not isinstance(draft.rings, int)
        or isinstance(draft.rings, bool)
        or not 0 <= draft.rings <= MOST_RINGS
    ):
        call_errors.append(
            FieldError("rings", _("rings are a whole number from 0 to {n}").format(n=MOST_RINGS))
        )
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
    require(session, operator_id, Action.WORK)
    # Numbers the form shows masked are the caller's numbers on file: filed in full.
    draft = on_file.resolve(session, draft)
    clean = check_call(desk, draft)
    if draft.resident_id is not None and session.get(Resident, draft.resident_id) is None:
        raise NotFound(_("there is no resident {id}").format(id=draft.resident_id))
    now = desk.now()
    received = draft.answered_at or now
    phone = draft.caller_phone.strip()
    if phone:
        phone = normalize_phone(phone, area_code=desk.policy.area_code).stored
    given = {
        name: checked_text(getattr(draft, name), what=what, limit=limit, multiline=multiline)
        for name, what, limit, multiline in _FREE_TEXT
    }
    call = Call(
        channel=draft.channel,
        rang_at=draft.rang_at,
        answered_at=received,
        rings=draft.rings,
        operator_id=operator_id,
        caller_phone=phone,
        resident_id=draft.resident_id,
        caller_name=given["caller_name"],
        caller_unit=given["caller_unit"],
        notes=given["notes"],
    )
    session.add(call)
    session.flush()
    filed = FiledCall(call_id=id_of(call))
    origin = Origin(
        resident_id=call.resident_id,
        name=call.caller_name,
        phone=call.caller_phone,
        unit_label=call.caller_unit,
        call_id=call.id,
    )
    for matter_draft, matter_clean in zip(draft.matters, clean, strict=True):
        if matter_draft.same_as is not None:
            again = _raise_again(
                session, call, matter_draft, matter_draft.same_as, operator_id, received
            )
            filed.matter_ids.append(id_of(again))
            if could_be_major(again):
                filed.suggest_major.append(id_of(again))
                suggest_major(again, received, operator_id)
            continue
        assert matter_clean is not None
        opened = open_matter(
            session, desk, matter_clean, origin=origin, operator_id=operator_id, received=received
        )
        matter = opened.matter
        filed.matter_ids.append(id_of(matter))
        filed.deadlines[id_of(matter)] = opened.deadlines
        filed.follow_up_ids += [id_of(f) for f in opened.follow_ups]
        if matter_clean.kind is MatterKind.COMPLAINT:
            for earlier in note_repeats(
                session,
                matter,
                matter_clean.values,
                operator_id=operator_id,
                at=received,
                call_id=call.id,
            ):
                filed.repeats.append(RepeatHint(id_of(matter), id_of(earlier)))
                if could_be_major(earlier) and earlier.id not in filed.suggest_major:
                    filed.suggest_major.append(id_of(earlier))
                    suggest_major(earlier, received, operator_id)
    return filed


def _is_aware(moment: object) -> bool:
    return isinstance(moment, datetime) and moment.utcoffset() is not None


def _raise_again(
    session: Session,
    call: Call,
    draft: MatterDraft,
    matter_id: int,
    operator_id: int,
    at: datetime,
) -> Matter:
    """Add the call to the open matter it raises again (``matter_id``, the draft's
    ``same_as``), instead of filing a duplicate."""
    matter = tracking.get_matter(session, matter_id)
    if matter.status == MatterStatus.CLOSED:
        raise WrongState(_("matter {id} is closed: file a new one").format(id=matter_id))
    if matter.kind != draft.kind.value:
        raise WrongState(
            _("matter {id} is a {kind}, not a {asked}").format(
                id=matter_id, kind=named_of(MatterKind, matter.kind), asked=named(draft.kind)
            )
        )
    if (
        None not in (call.resident_id, matter.resident_id)
        and call.resident_id != matter.resident_id
    ):
        raise WrongState(_("matter {id} was raised by another resident").format(id=matter_id))
    tracking.record_event(
        session,
        matter,
        EventKind.RAISED_AGAIN,
        at=at,
        operator_id=operator_id,
        call_id=call.id,
        text=str(draft.fields.get("content", "")).strip() or call.notes,
    )
    return matter
