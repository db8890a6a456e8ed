"""Editing a resident card at the counter: phones, role, temperament, notes, evening-call
consent and title (DOMAIN.md §5).

Phone numbers stay masked while they are edited: the form lists each stored number masked
(``138****8000``, ``021-****3456转801``) and a masked entry left in the list keeps that stored
number as it is. Only numbers typed in full are parsed, so editing a card never shows a full
number, which would be a reveal (a deliberate, recorded action done elsewhere).
"""

from dataclasses import dataclass

from sqlmodel import Session, col, select

from frontdesk.domain.people.phones import EXTENSION_MARK, PhoneError, mask_phone, normalize_phone
from frontdesk.domain.text.free_text import TextError, checked_text
from frontdesk.domain.vocabulary.kinds import ResidentRole, Temperament
from frontdesk.i18n import _
from frontdesk.services.kernel.context import Desk
from frontdesk.services.kernel.errors import FieldError, FieldsInvalid, NotFound
from frontdesk.services.kernel.permissions import Action, require
from frontdesk.services.kernel.transaction import use_case
from frontdesk.store.tables.people import Resident, ResidentPhone, ResidentUnit

# Titles the greeting knows how to use (「张先生,您好」); an empty title greets by full name.
TITLES = ("先生", "女士")


@dataclass(frozen=True)
class EditableCard:
    """What the edit form starts from; phones only in their masked form."""

    id: int
    name: str
    phones: list[str]
    has_units: bool
    role: ResidentRole | None
    """The role the resident holds in all their units; None if none or they differ."""
    temperament: Temperament | None
    evening_calls_ok: bool
    title: str
    notes: str
    #: The version shown: saving is refused if someone saved the card since.
    version: int = 1


def masked_entry(phone: ResidentPhone) -> str:
    """How the form lists a stored number: masked, with its extension to tell lines apart."""
    masked = mask_phone(phone.national)
    return f"{masked}{EXTENSION_MARK}{phone.extension}" if phone.extension else masked


def editable_card(*, session: Session, desk: Desk, resident_id: int) -> EditableCard:
    """The card as the edit form shows it."""
    resident = _resident(session, resident_id)
    roles = {link.role for link in _links(session, resident_id)}
    return EditableCard(
        id=resident_id,
        name=resident.name,
        phones=[masked_entry(p) for p in _phones(session, resident_id)],
        has_units=bool(roles),
        role=ResidentRole(roles.pop()) if len(roles) == 1 else None,
        temperament=Temperament(resident.temperament) if resident.temperament else None,
        evening_calls_ok=resident.evening_calls_ok,
        title=resident.title,
        notes=resident.notes,
        version=resident.version,
    )


@use_case
def edit_resident(
    *,
    session: Session,
    desk: Desk,
    resident_id: int,
    phones: list[str],
    role: ResidentRole | None,
    temperament: Temperament | None,
    notes: str,
    evening_calls_ok: bool,
    title: str | None = None,
    operator_id: int | None = None,
) -> Resident:
    """Replace the card's phones with ``phones`` (in that order) and set the other fields.

    A ``role`` is set on every unit the resident is linked to; None leaves the links alone,
    and so does ``title=None``. Problems raise FieldsInvalid naming each field, and nothing
    is written. ``operator_id`` is who made the change, for the audit log.
    """
    if operator_id is not None:  # None: the system (an import), never a screen
        require(session, operator_id, Action.WORK)
    resident = _resident(session, resident_id)
    errors: list[FieldError] = []
    wanted = _wanted_phones(session, desk, resident_id, phones, errors)
    links = _links(session, resident_id)
    if role is not None:
        try:
            role = ResidentRole(role)
        except ValueError:
            errors.append(FieldError("role", _("'{role}' is not a role").format(role=role)))
        if not links:
            errors.append(FieldError("role", _("this resident has no unit to hold a role in")))
    if temperament is not None:
        try:
            temperament = Temperament(temperament)
        except ValueError:
            errors.append(
                FieldError("temperament", _("'{t}' is not a temperament").format(t=temperament))
            )
    if title is not None and title.strip() not in ("", *TITLES):
        errors.append(FieldError("title", _("the title is 先生, 女士 or none")))
    try:
        notes = checked_text(notes, what=_("notes"))
    except TextError as exc:
        errors.append(FieldError("notes", str(exc)))
    if errors:
        raise FieldsInvalid(errors)

    existing = _phones(session, resident_id)
    if [(p.national, p.extension) for p in existing] != [(p.national, p.extension) for p in wanted]:
        for phone in existing:
            session.delete(phone)
        session.flush()
        session.add_all(wanted)
    if role is not None:
        for link in links:
            link.role = role
            session.add(link)
    resident.temperament = temperament
    resident.notes = notes
    resident.evening_calls_ok = evening_calls_ok
    if title is not None:
        resident.title = title.strip()
    resident.updated_at = desk.now()
    session.add(resident)
    session.flush()
    return resident


def _wanted_phones(
    session: Session, desk: Desk, resident_id: int, entries: list[str], errors: list[FieldError]
) -> list[ResidentPhone]:
    """New phone rows for ``entries``: a masked entry keeps the stored number it stands for,
    anything else is parsed; a number given twice is kept once."""
    unused = list(_phones(session, resident_id))
    wanted: list[ResidentPhone] = []
    seen: set[tuple[str, str]] = set()
    for entry in (e.strip() for e in entries):
        if not entry:
            continue
        kept = next((p for p in unused if masked_entry(p) == entry), None)
        if kept is not None:
            unused.remove(kept)
            national, extension, kind, label = kept.national, kept.extension, kept.kind, kept.label
        elif "*" in entry:
            errors.append(
                FieldError(
                    "phones",
                    _("'{entry}' is not one of this resident's numbers: type it in full").format(
                        entry=entry
                    ),
                )
            )
            continue
        else:
            try:
                parsed = normalize_phone(entry, area_code=desk.policy.area_code)
            except PhoneError as exc:
                errors.append(FieldError("phones", str(exc)))
                continue
            national, extension, kind, label = parsed.national, parsed.extension, parsed.kind, ""
        if (national, extension) in seen:
            continue
        seen.add((national, extension))
        wanted.append(
            ResidentPhone(
                resident_id=resident_id,
                national=national,
                extension=extension,
                kind=kind,
                label=label,
            )
        )
    return wanted


def _resident(session: Session, resident_id: int) -> Resident:
    resident = session.get(Resident, resident_id)
    if resident is None:
        raise NotFound(_("there is no resident {id}").format(id=resident_id))
    return resident


def _phones(session: Session, resident_id: int) -> list[ResidentPhone]:
    return list(
        session.exec(
            select(ResidentPhone)
            .where(ResidentPhone.resident_id == resident_id)
            .order_by(col(ResidentPhone.id))
        )
    )


def _links(session: Session, resident_id: int) -> list[ResidentUnit]:
    return list(session.exec(select(ResidentUnit).where(ResidentUnit.resident_id == resident_id)))
