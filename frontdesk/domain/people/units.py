"""Units (房号) as residents say them, turned into one label: building-entrance-room.

A caller says "3栋2单元1201", a receptionist types "3-2-1201" or, with a Chinese input method
still on, "３－２－１２０１". All must name the same unit, or the resident's history is split
across spellings and a repeated complaint is not noticed (DOMAIN.md §3).
"""

import re
import unicodedata
from dataclasses import dataclass

from frontdesk.domain.text.free_text import shown
from frontdesk.i18n import _

# Words a receptionist types when the caller has no unit: visitors, contractors, neighbours
# from outside the estate and public-area reports (DOMAIN.md §5).
NO_UNIT_WORDS = frozenset(
    {
        "无",
        "没有",
        "无房号",
        "公共区域",
        "公区",
        "公共",
        "none",
        "no",
        "public",
        "n/a",
        "na",
        "-",
        "/",
    }
)

# NFKC leaves these dashes alone, yet Chinese input methods and word processors produce them.
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63"
# Not 楼 alone: "3楼" is the third floor.
_BUILDING_WORD = r"(?:号楼|栋|幢|座|号)"
_ENTRANCE_WORD = r"单元"
_ROOM_WORD = r"(?:室|号|房)"
# Between parts: a word (3栋, 2单元) or a separator ("-", "/", or a space); the text has its
# separators reduced to "-" and its spaces collapsed before matching, so nothing backtracks.
_UNIT = re.compile(
    rf"""
    (?P<building>[0-9]{{1,3}}|[A-Z])
    (?:\ ?{_BUILDING_WORD}\ ?|[-\ ])
    (?:(?P<entrance>[0-9]{{1,2}})(?:\ ?{_ENTRANCE_WORD}\ ?|[-\ ]))?
    (?P<room>[0-9]{{3,4}}[A-Z]?)
    (?:\ ?{_ROOM_WORD})?
    """,
    re.VERBOSE,
)
_LONGEST = 30  # no unit is written longer; longer text is something else pasted in


class UnitError(ValueError):
    """Text that is not a unit, with a message showing the expected form."""


@dataclass(frozen=True)
class UnitRef:
    """One unit: building, entrance (单元, ``None`` where buildings have none) and room."""

    building: str
    entrance: str | None
    room: str

    @property
    def label(self) -> str:
        """The unit as stored and shown: ``3-2-1201``, or ``12-1201`` without an entrance."""
        if self.entrance is None:
            return f"{self.building}-{self.room}"
        return f"{self.building}-{self.entrance}-{self.room}"

    def __str__(self) -> str:
        return self.label


def normalize_unit(text: str) -> UnitRef:
    """Parse a typed unit into building, entrance and room.

    Understands ``3-2-1201``, ``3栋2单元1201(室)``, ``3号楼…``, ``3幢…``, ``3座…``, ``3/2/1201``,
    full-width digits and any dash, spaces between parts, ``12栋1201`` (no entrance) and letter
    buildings (``A栋2单元1201``). Raises UnitError otherwise.
    """
    cleaned = _clean(text)
    match = _UNIT.fullmatch(cleaned) if len(cleaned) <= _LONGEST else None
    if match is None:
        raise _not_a_unit(text)
    building = _drop_leading_zeros(match["building"])
    entrance = match["entrance"]
    if entrance is not None:
        entrance = _drop_leading_zeros(entrance)
    # Building or entrance 0 is a slip of the finger, not a place anyone lives.
    if building == "0" or entrance == "0":
        raise _not_a_unit(text)
    return UnitRef(building, entrance, match["room"])


def is_no_unit(text: str) -> bool:
    """Whether ``text`` says the caller has no unit (无, 公区, none, -, …).

    Empty text is not such a word: whether a blank unit is allowed is for the form to decide.
    """
    word = unicodedata.normalize("NFKC", text).strip().casefold()
    word = word.translate({ord(dash): "-" for dash in _DASHES})
    return word in NO_UNIT_WORDS


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).upper()
    text = text.translate({ord(dash): "-" for dash in _DASHES})
    text = " ".join(text.split())
    # "3 - 2 / 1201" and "3/2/1201": every separator becomes a bare "-".
    return re.sub(r" ?[-/] ?", "-", text)


def _drop_leading_zeros(part: str) -> str:
    if not part.isdigit():
        return part
    return part.lstrip("0") or "0"


def _not_a_unit(text: str) -> UnitError:
    if not text.strip():
        return UnitError(_("a unit is needed: write it as 3-2-1201 or 3栋2单元1201"))
    return UnitError(
        _("'{text}' is not a unit: write it as 3-2-1201 or 3栋2单元1201").format(text=shown(text))
    )


def unit_prefix(text: str) -> str | None:
    """A piece of a unit label as typed so far, for searching: ``3栋2单元`` -> ``3-2-``,
    ``3-2-12`` and ``1201`` as they are, a whole unit in any written form as its label. None
    for text that cannot be part of a unit (a name, a sentence)."""
    try:
        return normalize_unit(text).label
    except UnitError:
        pass
    cleaned = _clean(text)
    if len(cleaned) > _LONGEST:
        return None
    cleaned = re.sub(rf" ?(?:{_BUILDING_WORD}|{_ENTRANCE_WORD}) ?", "-", cleaned)
    cleaned = re.sub(rf" ?{_ROOM_WORD}$", "", cleaned).replace(" ", "-")
    if not _FRAGMENT.fullmatch(cleaned):
        return None
    # Letters alone are a name being typed (zw), not a building: a unit piece has a digit or
    # is a letter building with its mark (A栋).
    return cleaned if re.search(r"[0-9]|^[A-Z]-", cleaned) else None


# A piece of a unit label: up to three parts of digits or a letter, joined by "-"; a room
# alone (1201) is a piece too.
_FRAGMENT = re.compile(r"[0-9A-Z]{1,5}(?:-[0-9A-Z]{0,5}){0,2}")
