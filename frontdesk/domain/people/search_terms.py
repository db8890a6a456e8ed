"""What a resident can be found by, and what a typed search looks for (the search index).

A receptionist types while the caller is still talking: one or two characters of a name (张,
张伟), pinyin initials (zw) or full pinyin (zhangwei, wei), a unit in any written form or a
piece of it (3栋2单元, 3-2-12, 1201), or any run of digits of a phone (5678). Every resident is
indexed under terms that such a text is a *prefix* of: the name and each of its endings (so a
search for the given name, 伟, finds 张伟), the pinyin and its endings at syllable boundaries,
the initials, each phone number and its endings, each unit label and its endings at the parts.
A prefix lookup of an ordered index then answers them all, down to one character, which a
trigram index cannot (it needs three).

Results are ranked: the exact unit or phone first, then names, then pieces of names, then
pieces of units and numbers; within a rank, by the matched term.
"""

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

from frontdesk.domain.people.names import has_chinese, is_chinese_name, name_syllables
from frontdesk.domain.people.phones import EXTENSION_MARK, digits_of
from frontdesk.domain.people.units import unit_prefix


class TermKind(StrEnum):
    UNIT = "unit"
    PHONE = "phone"
    NAME = "name"
    PINYIN = "pinyin"
    INITIALS = "initials"
    NAME_PART = "name_part"
    PINYIN_PART = "pinyin_part"
    UNIT_PART = "unit_part"
    PHONE_PART = "phone_part"


#: Lower comes first. A term matched exactly ranks ahead of one the text only begins.
WEIGHTS = {
    TermKind.UNIT: 0,
    TermKind.PHONE: 0,
    TermKind.NAME: 1,
    TermKind.PINYIN: 2,
    TermKind.INITIALS: 2,
    TermKind.NAME_PART: 3,
    TermKind.PINYIN_PART: 3,
    TermKind.UNIT_PART: 4,
    TermKind.PHONE_PART: 4,
}

# Endings of a number shorter than this are not indexed, and fewer typed digits look only at
# units: "13" begins a third of all numbers, and no one picks a caller out of thousands.
PHONE_PART_SHORTEST = 3
# The fewest digits of a whole number (a landline without its area code).
NUMBER_SHORTEST = 7
# Typed search texts longer than this match nothing (no name, pinyin or label is as long).
LONGEST_SEARCH = 300

NAME_KINDS = (TermKind.NAME, TermKind.NAME_PART)
PINYIN_KINDS = (TermKind.PINYIN, TermKind.INITIALS, TermKind.PINYIN_PART)
PHONE_KINDS = (TermKind.PHONE, TermKind.PHONE_PART)
UNIT_KINDS = (TermKind.UNIT, TermKind.UNIT_PART)
# Typed between the digits of a number: 138 0013 8000, 021-6234-5678, +86 (138) …
_PHONE_TEXT = re.compile(r"[0-9０-９+\-－ ()（）]+")


@dataclass(frozen=True, order=True)
class Term:
    kind: TermKind
    text: str

    @property
    def weight(self) -> int:
        return WEIGHTS[self.kind]


@dataclass(frozen=True)
class Form:
    """One way to read a typed search: terms of these kinds that begin with ``text``."""

    text: str
    kinds: tuple[TermKind, ...]


def resident_terms(name: str, phones: list[str], units: list[str]) -> set[Term]:
    """The terms a resident is found by: ``name`` as stored, ``phones`` as stored (national
    numbers, with any extension after its mark), ``units`` as labels (3-2-1201)."""
    terms: set[Term] = set()
    compact = _compact(name)
    if compact:
        terms.add(Term(TermKind.NAME, compact))
        if is_chinese_name(name):
            terms.update(Term(TermKind.NAME_PART, compact[i:]) for i in range(1, len(compact)))
    syllables = name_syllables(name)
    if syllables:
        terms.add(Term(TermKind.PINYIN, "".join(syllables)))
        terms.add(Term(TermKind.INITIALS, "".join(s[0] for s in syllables)))
        terms.update(
            Term(TermKind.PINYIN_PART, "".join(syllables[i:])) for i in range(1, len(syllables))
        )
    for phone in phones:
        digits = digits_of(phone.split(EXTENSION_MARK, 1)[0])
        if not digits:
            continue
        terms.add(Term(TermKind.PHONE, digits))
        ends = range(1, len(digits) - PHONE_PART_SHORTEST + 1)
        terms.update(Term(TermKind.PHONE_PART, digits[i:]) for i in ends)
    for label in units:
        terms.add(Term(TermKind.UNIT, label))
        parts = label.split("-")
        terms.update(Term(TermKind.UNIT_PART, "-".join(parts[i:])) for i in range(1, len(parts)))
    return terms


def search_forms(text: str) -> list[Form]:
    """The ways to read a typed search, each a prefix to look up among terms of some kinds."""
    text = unicodedata.normalize("NFKC", text).strip()
    if not text or len(text) > LONGEST_SEARCH:
        return []
    forms: list[Form] = []
    compact = _compact(text)
    if has_chinese(compact):
        forms.append(Form(compact, NAME_KINDS))
    elif letters := _letters(compact):
        # A latin name as written (o'brien), and its letters among the pinyin and the words
        # of latin names, which are stored without accents or marks (obrien, jose).
        forms.append(Form(compact, (TermKind.NAME,)))
        forms.append(Form(letters, PINYIN_KINDS))
    digits = digits_of(text)
    # Digits with separators are a number only when there are enough of them for one
    # (138-0013-8000); fewer are a unit (3-2-12).
    fewest = PHONE_PART_SHORTEST if text.isdigit() else NUMBER_SHORTEST
    if len(digits) >= fewest and _PHONE_TEXT.fullmatch(text):
        forms.append(Form(digits, PHONE_KINDS))
    unit = unit_prefix(text)
    if unit is not None:
        forms.append(Form(unit, UNIT_KINDS))
    return forms


def _compact(text: str) -> str:
    """A name or search text without case, spaces or middle dots: Anna Li -> annali."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return "".join(ch for ch in text if not ch.isspace() and ch not in "·・.")


def _letters(text: str) -> str:
    """The letters of a latin text without accents: o'brien -> obrien, josé -> jose."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(
        ch for ch in decomposed if ch.isalpha() and not unicodedata.category(ch).startswith("M")
    )
