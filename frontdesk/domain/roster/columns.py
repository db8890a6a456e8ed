"""Which column of a resident roster (业主名册) holds what.

Estates keep their rosters in spreadsheets of their own making: 姓名 or 业主姓名, one 房号 column
or 楼栋 / 单元 / 房号 in three, 手机 and 座机 side by side, a title row above the headers. The
common headers, Chinese and English, are known here; anything else is mapped by the user
(``--map 户主=name``). When a building column is present, 单元 is the entrance and 房号 the
room; alone, either is the whole unit.
"""

import re
import unicodedata
from dataclasses import dataclass, field
from enum import StrEnum

from frontdesk.domain.text.free_text import shown
from frontdesk.i18n import _


class Column(StrEnum):
    """What a roster column holds; ``ignore`` leaves a column out on purpose."""

    NAME = "name"
    UNIT = "unit"
    BUILDING = "building"
    ENTRANCE = "entrance"
    ROOM = "room"
    PHONE = "phone"
    ROLE = "role"
    TITLE = "title"
    GENDER = "gender"
    OCCUPATION = "occupation"
    INTERESTS = "interests"
    NOTES = "notes"
    IGNORE = "ignore"


# Columns a roster may have several of: each phone column adds numbers, notes are joined.
REPEATABLE = frozenset({Column.PHONE, Column.NOTES, Column.IGNORE})

_KNOWN: dict[Column, tuple[str, ...]] = {
    Column.NAME: ("姓名", "业主姓名", "住户姓名", "业主", "住户", "客户姓名", "户主", "name",
                  "fullname", "resident", "residentname", "owner", "ownername"),
    Column.UNIT: ("房屋", "房屋编号", "门牌号", "房屋号", "unit", "unitno", "flat", "apartment"),
    Column.BUILDING: ("楼栋", "楼号", "栋", "栋号", "楼栋号", "幢", "幢号", "楼宇", "building",
                      "bldg", "block", "tower"),
    Column.ENTRANCE: ("单元号", "entrance", "stair", "staircase"),
    Column.ROOM: ("室", "室号", "房间", "房间号", "room", "roomno"),
    Column.PHONE: ("电话", "手机", "手机号", "手机号码", "联系电话", "联系方式", "电话号码", "座机",
                   "固定电话", "固话", "phone", "phones", "mobile", "tel", "telephone",
                   "phonenumber", "mobilephone", "landline"),
    Column.ROLE: ("身份", "住户类型", "住户身份", "类型", "关系", "与业主关系", "role", "type"),
    Column.TITLE: ("称谓", "称呼", "title"),
    Column.GENDER: ("性别", "gender", "sex"),
    Column.OCCUPATION: ("职业", "工作", "occupation", "job"),
    Column.INTERESTS: ("兴趣", "爱好", "兴趣爱好", "interests", "hobbies"),
    Column.NOTES: ("备注", "说明", "notes", "note", "remarks", "comment", "comments"),
}  # fmt: skip
_HEADERS = {header: column for column, headers in _KNOWN.items() for header in headers}
# The whole unit on its own; the entrance or the room beside a building column.
_UNIT_OR_PART = {"单元": Column.ENTRANCE, "房号": Column.ROOM, "房间号码": Column.ROOM}
# Rows looked at for the header row: rosters often open with a title and a date.
HEADER_SEARCH = 10


class MappingError(ValueError):
    """A ``--map`` option or mapping entry that cannot be used, with a message for the user."""


def header_key(text: str) -> str:
    """A header as compared: width, case, spaces, punctuation and a required-mark star gone
    (``业主姓名*``, ``Phone No.``, ``联系电话（手机）`` without its note in brackets)."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = re.sub(r"\(.*?\)", "", text)
    return "".join(ch for ch in text if ch.isalnum())


def parse_mapping(entries: list[str]) -> dict[str, Column]:
    """``HEADER=field`` entries as typed after ``--map``: header key to column."""
    mapping: dict[str, Column] = {}
    for entry in entries:
        header, sign, name = entry.rpartition("=")
        if not sign or not header_key(header):
            raise MappingError(
                _("--map {entry}: write it as HEADER=field, e.g. 户主=name").format(entry=entry)
            )
        try:
            mapping[header_key(header)] = Column(name.strip().casefold())
        except ValueError:
            raise MappingError(
                _("--map {entry}: '{name}' is not a field; the fields are {fields}").format(
                    entry=entry, name=name.strip(), fields=", ".join(c.value for c in Column)
                )
            ) from None
    return mapping


@dataclass
class ColumnMap:
    """What each column holds, by position; what was left out and what is wrong."""

    columns: dict[int, Column] = field(default_factory=dict)
    #: Headers nothing was found for: left out, and said so.
    unknown: list[str] = field(default_factory=list)
    #: Why the roster cannot be read as it is (a required column missing, one mapped twice).
    problems: list[str] = field(default_factory=list)

    def has(self, column: Column) -> bool:
        return column in self.columns.values()


def map_columns(headers: list[str], explicit: dict[str, Column] | None = None) -> ColumnMap:
    """Read a header row: the user's mapping first, then the known headers."""
    explicit = explicit or {}
    keys = [header_key(h) for h in headers]
    found = ColumnMap()
    has_building = any(
        explicit.get(k) == Column.BUILDING
        or (k not in explicit and _HEADERS.get(k) == Column.BUILDING)
        for k in keys
    )
    for position, (header, key) in enumerate(zip(headers, keys, strict=True)):
        if not key:
            continue
        column = explicit.get(key) or _HEADERS.get(key)
        if column is None and key in _UNIT_OR_PART:
            column = _UNIT_OR_PART[key] if has_building else Column.UNIT
        if column is None:
            found.unknown.append(shown(header, 40))
            continue
        if column not in REPEATABLE and found.has(column):
            first = next(headers[p] for p, c in found.columns.items() if c == column)
            found.problems.append(
                _("columns '{first}' and '{second}' both hold the {field}: map one of them "
                  "with --map '{second}=ignore'").format(
                    first=shown(first, 40), second=shown(header, 40), field=column.value
                )
            )  # fmt: skip
        found.columns[position] = column
    for key in explicit:
        if key not in keys:
            found.problems.append(
                _("--map names a column '{header}' that the roster does not have").format(
                    header=key
                )
            )
    if not found.has(Column.NAME):
        found.problems.append(_("no column holds the name: map one with --map HEADER=name"))
    if not (found.has(Column.UNIT) or (found.has(Column.BUILDING) and found.has(Column.ROOM))):
        found.problems.append(
            _("no column holds the unit (房号, or 楼栋 and 房号): map one with --map HEADER=unit")
        )
    return found


def find_header(rows: list[list[str]], explicit: dict[str, Column] | None = None) -> int:
    """Which of the first rows is the header row: the first that names the name column
    (a roster often opens with its title, 「阳光花园业主名册」, and a date). 0 if none does."""
    for index, row in enumerate(rows[:HEADER_SEARCH]):
        if map_columns(row, explicit).has(Column.NAME):
            return index
    return 0
