"""Resident cards: creating them, finding them, and what the card shows (DOMAIN.md §5)."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar, cast

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from frontdesk.domain.people.names import name_initials, name_pinyin, normalize_name
from frontdesk.domain.people.phones import mask_phone, normalize_phone
from frontdesk.domain.people.search_terms import search_forms
from frontdesk.domain.people.units import normalize_unit
from frontdesk.domain.text.free_text import MAX_LINE, checked_text, clean_text
from frontdesk.domain.vocabulary.kinds import ResidentRole, Temperament
from frontdesk.i18n import _
from frontdesk.services.kernel.context import Desk
from frontdesk.services.kernel.errors import FieldError, FieldsInvalid
from frontdesk.services.kernel.permissions import Action, require
from frontdesk.services.kernel.transaction import use_case
from frontdesk.services.residents.edit import TITLES
from frontdesk.store.listeners import search_index
from frontdesk.store.queries import estate_named, id_of, unit_for
from frontdesk.store.tables.people import Resident, ResidentPhone, ResidentUnit

T = TypeVar("T")

# How many matches a search returns; the caller narrows from there.
SEARCH_LIMIT = 50


@dataclass
class ResidentDraft:
    name: str
    title: str = ""
    phones: list[str] = field(default_factory=list)
    units: list[tuple[str, ResidentRole]] = field(default_factory=list)
    temperament: Temperament | None = None
    occupation: str = ""
    interests: str = ""
    preferred_call_times: str = ""
    evening_calls_ok: bool = False
    notes: str = ""


@use_case
def create_resident(
    *, session: Session, desk: Desk, draft: ResidentDraft, operator_id: int | None = None
) -> Resident:
    """A new resident card; name, phones and units are normalised, free text cleaned of control
    characters, a number or unit given twice kept once (errors name their field).

    Made by ``operator_id`` at the counter (any active operator may); without one, by the system
    (the demo builder, an import), which the audit log then says."""
    if operator_id is not None:
        require(session, operator_id, Action.WORK)
    now = desk.now()
    errors: list[FieldError] = []
    name = _checked(errors, "name", lambda: normalize_name(draft.name))
    phones = [
        _checked(errors, "phones", lambda p=p: normalize_phone(p, area_code=desk.policy.area_code))
        for p in draft.phones
    ]
    texts = {
        field: _checked(
            errors,
            field,
            lambda f=field, what=what: checked_text(
                getattr(draft, f), what=what, limit=MAX_LINE, multiline=False
            ),
        )
        for field, what in (
            ("occupation", _("the occupation")),
            ("interests", _("the interests")),
            ("preferred_call_times", _("the preferred call times")),
        )
    }
    texts["notes"] = _checked(errors, "notes", lambda: checked_text(draft.notes, what=_("notes")))
    if draft.title.strip() not in ("", *TITLES):
        errors.append(FieldError("title", _("the title is 先生, 女士 or none")))
    units = [
        (
            _checked(errors, "units", lambda u=u: normalize_unit(u)),
            _checked(errors, "units", lambda r=role: ResidentRole(r)),
        )
        for u, role in draft.units
    ]
    if errors:
        raise FieldsInvalid(errors)
    resident = Resident(
        name=name,
        name_pinyin=name_pinyin(name),
        name_initials=name_initials(name),
        title=draft.title.strip(),
        temperament=draft.temperament if draft.temperament else None,
        evening_calls_ok=draft.evening_calls_ok,
        created_at=now,
        updated_at=now,
        occupation=texts["occupation"],
        interests=texts["interests"],
        preferred_call_times=texts["preferred_call_times"],
        notes=texts["notes"],
    )
    session.add(resident)
    session.flush()
    # The same number or unit typed twice (3-2-1201 and 3栋2单元1201) is kept once, as the
    # edit form does: a second link to one unit would break the table's key.
    phones = _first_of_each(phones, lambda p: (p.national, p.extension))
    units = _first_of_each(units, lambda unit: unit[0].label)
    for phone in phones:
        session.add(
            ResidentPhone(
                resident_id=id_of(resident),
                national=phone.national,
                extension=phone.extension,
                kind=phone.kind,
            )
        )
    if units:
        estate = estate_named(session, desk.policy.centre_name)
        for ref, role in units:
            unit = unit_for(session, id_of(estate), ref)
            session.add(ResidentUnit(resident_id=id_of(resident), unit_id=id_of(unit), role=role))
    return resident


def _first_of_each(items: list[T], key: Callable[[T], object]) -> list[T]:
    seen: dict[object, T] = {}
    for item in items:
        seen.setdefault(key(item), item)
    return list(seen.values())


def _checked(errors: list[FieldError], field_name: str, parse: Callable[[], T]) -> T:
    try:
        return parse()
    except ValueError as exc:
        errors.append(FieldError(field_name, str(exc)))
        # Stands in for the value refused: the refusals are raised before any value is read.
        return cast(T, None)


def find_residents(*, session: Session, text: str, limit: int = SEARCH_LIMIT) -> list[Resident]:
    """Residents matching a name or part of one, pinyin initials or full pinyin, a unit or a
    piece of one, or any run of three or more digits of a phone; the best matches first (see
    ``search_residents``)."""
    ids = [row[0] for row in _lookup(session, text, limit)]
    found = {r.id: r for r in session.exec(select(Resident).where(col(Resident.id).in_(ids)))}
    return [found[i] for i in ids if i in found]


def _lookup(session: Session, text: str, limit: int):
    # Pasted control characters match nothing stored, and PostgreSQL refuses a NUL in a query.
    forms = search_forms(clean_text(text, multiline=False))
    return search_index.lookup(session.connection(), forms, limit)


@dataclass(frozen=True)
class ResidentHit:
    """One line of search results: enough to tell two 张伟 apart."""

    id: int
    name: str
    units: str
    phone: str


def search_residents(
    *, session: Session, text: str, limit: int = SEARCH_LIMIT
) -> list[ResidentHit]:
    """Residents matching ``text`` with their units and masked first phone: the exact unit or
    number first, then names, then pieces of names, units and numbers (one indexed query)."""
    return _hits(_lookup(session, text, limit))


def search_residents_in(
    *, engine: Engine, text: str, limit: int = SEARCH_LIMIT
) -> list[ResidentHit]:
    """``search_residents`` as the screens run it at every key: on a pooled connection, without
    a session or a transaction of its own to set up and tear down (a third of the time)."""
    forms = search_forms(clean_text(text, multiline=False))
    return _hits(search_index.lookup_in(engine, forms, limit))


def _hits(rows) -> list[ResidentHit]:
    return [
        ResidentHit(rid, name, units or "", mask_phone(phone) if phone else "")
        for rid, name, units, phone in rows
    ]
