"""One row of a resident roster read the way the counter reads what it is typed: the name, the
unit and every number through the same parsers, so a roster cannot put on file what a
receptionist could not type.

A blank optional cell says nothing: it leaves what is on file as it is (``None`` here). A roster
never deletes.
"""

import re
from dataclasses import dataclass

from frontdesk.domain.people.names import NameInputError, normalize_name
from frontdesk.domain.people.phones import Phone, PhoneError, is_masked, normalize_phone
from frontdesk.domain.people.units import UnitError, UnitRef, normalize_unit
from frontdesk.domain.roster.columns import Column
from frontdesk.domain.text.free_text import MAX_LINE, TextError, checked_text, shown
from frontdesk.domain.vocabulary.kinds import ResidentRole
from frontdesk.i18n import _

# Several numbers in one cell: 13912345678/021-62345678, 139…；138…, 139…、138…
_NUMBER_SEPARATORS = re.compile(r"[;；,，、/\n]+")
_ROLES = {
    ResidentRole.OWNER: ("业主", "产权人", "房主", "户主", "owner"),
    ResidentRole.TENANT: ("租户", "租客", "承租人", "tenant", "renter"),
    ResidentRole.FAMILY: ("家属", "家庭成员", "亲属", "family", "relative"),
}
_ROLE_WORDS = {word: role for role, words in _ROLES.items() for word in words}
_TITLES = {"先生": "先生", "女士": "女士", "mr": "先生", "ms": "女士", "mrs": "女士"}
_GENDERS = {"男": "先生", "女": "女士", "m": "先生", "f": "女士", "male": "先生", "female": "女士"}


class RowInvalid(ValueError):
    """A roster row that cannot go on file: every reason, each for the user."""

    def __init__(self, reasons: list[str]):
        super().__init__("; ".join(reasons))
        self.reasons = reasons


@dataclass(frozen=True)
class RosterEntry:
    """A resident as one roster row gives them; None where the row says nothing."""

    name: str
    unit: UnitRef
    phones: tuple[Phone, ...] = ()
    #: Numbers as an export shows them (139****5678): each stands for a number on the card.
    masked: tuple[str, ...] = ()
    role: ResidentRole | None = None
    title: str | None = None
    occupation: str | None = None
    interests: str | None = None
    notes: str | None = None


def read_entry(cells: dict[Column, list[str]], *, area_code: str) -> RosterEntry:
    """The resident in a row, given its cells by column; RowInvalid with every reason."""
    reasons: list[str] = []

    def checked(parse, *args, **kwargs):
        try:
            return parse(*args, **kwargs)
        except (NameInputError, UnitError, PhoneError, TextError, ValueError) as exc:
            reasons.append(str(exc))
            return None

    text = {
        column: " ".join(v.strip() for v in values if v.strip()) for column, values in cells.items()
    }
    name = checked(normalize_name, text.get(Column.NAME, ""))
    unit = checked(_unit, text)
    phones: list[Phone] = []
    masked: list[str] = []
    for cell in cells.get(Column.PHONE, []):
        for piece in _NUMBER_SEPARATORS.split(cell):
            if is_masked(piece):
                masked.append(piece.strip())
            elif piece.strip():
                phone = checked(normalize_phone, piece, area_code=area_code)
                if phone is not None and phone not in phones:
                    phones.append(phone)
    role = checked(_role, text.get(Column.ROLE, ""))
    title = checked(_title, text.get(Column.TITLE, ""), text.get(Column.GENDER, ""))
    lines = {
        column: checked(checked_text, text[column], what=what, limit=MAX_LINE, multiline=False)
        if text.get(column)
        else None
        for column, what in (
            (Column.OCCUPATION, _("the occupation")),
            (Column.INTERESTS, _("the interests")),
        )
    }
    notes_given = "\n".join(v.strip() for v in cells.get(Column.NOTES, []) if v.strip())
    notes = checked(checked_text, notes_given, what=_("notes")) if notes_given else None
    # A name or unit is None only where its reason is listed.
    if reasons or name is None or unit is None:
        raise RowInvalid(reasons)
    return RosterEntry(
        name=name,
        unit=unit,
        phones=tuple(phones),
        masked=tuple(masked),
        role=role,
        title=title,
        occupation=lines[Column.OCCUPATION],
        interests=lines[Column.INTERESTS],
        notes=notes,
    )


def _unit(text: dict[Column, str]) -> UnitRef:
    if text.get(Column.UNIT):
        return normalize_unit(text[Column.UNIT])
    building, room = text.get(Column.BUILDING, ""), text.get(Column.ROOM, "")
    if not building and not room:
        return normalize_unit("")  # the message that a unit is needed
    entrance = text.get(Column.ENTRANCE, "")
    # Spreadsheets write 3栋 or 3 in the building column, 2单元 or 2 in the entrance column.
    parts = [p for p in (building, entrance, room) if p]
    joined = "-".join(re.sub(r"(号楼|栋|幢|座|单元|室|号)$", "", p.strip()) for p in parts)
    try:
        return normalize_unit(joined)
    except UnitError:
        # A room column that holds the whole unit (3-2-1201) beside its building.
        try:
            return normalize_unit(room)
        except UnitError:
            raise UnitError(
                _("'{text}' is not a unit: write it as 3-2-1201 or 3栋2单元1201").format(
                    text=shown(" ".join(parts))
                )
            ) from None


def _role(text: str) -> ResidentRole | None:
    if not text:
        return None
    role = _ROLE_WORDS.get(text.strip().casefold())
    if role is None:
        raise ValueError(
            _("'{text}' is not a role: 业主 (owner), 租户 (tenant) or 家属 (family)").format(
                text=shown(text)
            )
        )
    return role


def _title(title: str, gender: str) -> str | None:
    if title:
        found = _TITLES.get(title.strip().casefold().rstrip("."))
        if found is None:
            raise ValueError(_("'{text}' is not a title: 先生 or 女士").format(text=shown(title)))
        return found
    if gender:
        found = _GENDERS.get(gender.strip().casefold())
        if found is None:
            raise ValueError(_("'{text}' is not a gender: 男 or 女").format(text=shown(gender)))
        return found
    return None
