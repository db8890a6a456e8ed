"""Numbers on file, handed back masked (DOMAIN.md §5).

The screens never hold a resident's full number: the card gives each number masked
(``138****8000``, ``021-****3456转801``), and the call form is filled with that. Filing the call,
a masked number stands for the number on the caller's card it masks, and is replaced by it
here, inside the service. A call is so filed with the full number without anyone seeing it,
which would be a reveal (a deliberate, recorded action: ``services/residents/reveal.py``).
"""

from dataclasses import replace

from sqlmodel import Session, col, select

from frontdesk.domain.call.matters import FieldError
from frontdesk.domain.people.phones import (
    EXTENSION_MARK,
    LANDLINE,
    MOBILE,
    Phone,
    is_masked,
    mask_stored,
)
from frontdesk.i18n import _
from frontdesk.services.intake.call import CallDraft
from frontdesk.services.kernel.errors import CallInvalid
from frontdesk.store.tables.people import ResidentPhone

# The matter fields that hold a phone number.
PHONE_FIELDS = ("contact_phone", "callback_phone")


def numbers_on_file(session: Session, resident_id: int | None) -> dict[str, str | None]:
    """Each of the resident's numbers by its masked form; None where two numbers mask alike
    (then only the number typed in full can say which)."""
    if resident_id is None:
        return {}
    found: dict[str, str | None] = {}
    for national, extension in session.exec(
        select(ResidentPhone.national, ResidentPhone.extension)
        .where(ResidentPhone.resident_id == resident_id)
        .order_by(col(ResidentPhone.id))
    ):
        stored = f"{national}{EXTENSION_MARK}{extension}" if extension else national
        masked = mask_stored(stored)
        found[masked] = None if masked in found else stored
    return found


def resolve(session: Session, draft: CallDraft) -> CallDraft:
    """The draft with every masked number replaced by the caller's number on file it masks;
    CallInvalid naming each field whose masked number is on no card of the caller."""
    numbers = numbers_on_file(session, draft.resident_id)
    call_errors: list[FieldError] = []
    matter_errors: dict[int, list[FieldError]] = {}

    def full(value: object, field: str, errors: list[FieldError]) -> object:
        if not isinstance(value, str) or not is_masked(value):
            return value
        stored = numbers.get(value.strip())
        if stored is None:
            errors.append(FieldError(field, _not_on_file(value.strip(), value.strip() in numbers)))
        return stored or value

    caller_phone = full(draft.caller_phone, "caller_phone", call_errors)
    matters = []
    for index, matter in enumerate(draft.matters):
        errors: list[FieldError] = []
        fields = {
            name: full(value, name, errors) if name in PHONE_FIELDS else value
            for name, value in matter.fields.items()
        }
        if errors:
            matter_errors[index] = errors
        matters.append(replace(matter, fields=fields))
    if call_errors or matter_errors:
        raise CallInvalid(call_errors, matter_errors)
    return replace(draft, caller_phone=caller_phone, matters=matters)


def _not_on_file(masked: str, ambiguous: bool) -> str:
    if ambiguous:
        return _("{masked} could be either of two numbers on the card: type it in full").format(
            masked=masked
        )
    return _("{masked} is not a number on the caller's card: type the number in full").format(
        masked=masked
    )


def stand_ins(draft: CallDraft) -> CallDraft:
    """The draft as it can be checked without the database: a masked number passes as the
    number on file it stands for (filing resolves it, or says it is on no card)."""
    matters = [
        replace(
            matter,
            fields={
                name: _stand_in(value) if name in PHONE_FIELDS else value
                for name, value in matter.fields.items()
            },
        )
        for matter in draft.matters
    ]
    return replace(draft, matters=matters)


def _stand_in(value: object) -> object:
    if not isinstance(value, str) or not is_masked(value):
        return value
    masked = value.strip()
    kind = MOBILE if masked.startswith("1") else LANDLINE
    return Phone(national=masked, extension="", kind=kind, e164="")
