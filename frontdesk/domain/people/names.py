"""Residents' names: one stored spelling, the surname, pinyin for searching, and the greeting.

The handbooks ask staff to greet known residents by name (「X先生/X女士,您好」, DOMAIN.md §2),
so the surname must be found, compound ones included (欧阳女士, not 欧女士). Receptionists
search by pinyin or initials while the caller talks, so the pinyin must read surnames the way
people say them: 曾 is zeng, not the ceng pypinyin gives.
"""

import unicodedata
from itertools import groupby

from frontdesk.domain.people.surnames import COMPOUND_SURNAMES, SURNAME_READINGS
from frontdesk.domain.text.free_text import shown
from frontdesk.i18n import _

MAX_LENGTH = 40
# Punctuation that belongs in names: minority and transliterated names (买买提·艾力) and
# western ones (O'Brien, Jean-Luc, J. Smith).
_NAME_PUNCTUATION = frozenset("·-'.")
# Separator dots that input methods produce in place of the middle dot of 买买提·艾力.
_MIDDLE_DOTS = {ord(dot): "·" for dot in "•‧・∙⋅"}
_APOSTROPHES = {ord(mark): "'" for mark in "’‘ʼ"}
# Unified ideographs and their extensions; NFKC has already folded compatibility forms.
_CJK_RANGES = (
    (0x3007, 0x3007),  # 〇, used in names
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0x20000, 0x3134F),
)


class NameInputError(ValueError):
    """Text that cannot be a person's name, with a message for the user."""


def normalize_name(text: str) -> str:
    """The stored spelling of a typed name.

    NFKC, trimmed, runs of whitespace made single; Chinese names lose their spaces
    ('张 伟' -> '张伟'), latin names keep single ones. Raises NameInputError for empty text,
    digits, control or other characters that are not part of names, punctuation alone, and over
    40 characters.
    """
    name = unicodedata.normalize("NFKC", text).translate(_MIDDLE_DOTS).translate(_APOSTROPHES)
    # Tabs and line breaks come with pasted text and are only spacing; other control and
    # invisible format characters would make two spellings of one name look identical.
    if any(unicodedata.category(ch)[0] == "C" and ch not in "\t\n\r" for ch in name):
        raise NameInputError(_("the name contains an invisible control character"))
    name = " ".join(name.split())
    if not name:
        raise NameInputError(_("a name is needed"))
    for ch in name:
        if ch.isdigit():
            raise NameInputError(_("'{name}': a name has no digits").format(name=shown(name)))
        if not (ch.isalpha() or ch == " " or ch in _NAME_PUNCTUATION or _is_mark(ch)):
            raise NameInputError(
                _("'{name}': '{ch}' is not used in names").format(name=shown(name), ch=ch)
            )
    if not any(ch.isalpha() for ch in name):
        # Punctuation alone ('.', '-') names no one, and no search could find the card.
        raise NameInputError(_("'{name}': a name needs letters").format(name=shown(name)))
    if is_chinese_name(name):
        name = name.replace(" ", "")
    if len(name) > MAX_LENGTH:
        raise NameInputError(_("the name is longer than {n} characters").format(n=MAX_LENGTH))
    return name


def is_chinese_name(name: str) -> bool:
    """Whether ``name`` is written in Chinese characters (spaces and middle dots aside)."""
    letters = [ch for ch in name if ch not in " ·"]
    return bool(letters) and all(_is_cjk(ch) for ch in letters)


def has_chinese(text: str) -> bool:
    """Whether ``text`` holds any Chinese character."""
    return any(_is_cjk(ch) for ch in text)


def split_surname(name: str) -> tuple[str, str]:
    """Surname and given name of a normalized name; ``('', name)`` when there is no surname.

    Compound surnames come first (欧阳娜娜 -> 欧阳, 娜娜); a two-character name is read as
    surname and given name (单于 is Mr Shan Yu more often than a lone 单于). Latin names and
    names with a middle dot (买买提·艾力) have no surname the counter can pick out.
    """
    name = _compact(name)
    if not is_chinese_name(name) or "·" in name:
        return "", name
    if len(name) > 2 and name[:2] in COMPOUND_SURNAMES:
        return name[:2], name[2:]
    return name[:1], name[1:]


def name_pinyin(name: str) -> str:
    """Full pinyin of a name for searching: lower case, no tones, no spaces.

    Surnames are read from the surname table ('曾小明' -> 'zengxiaoming'); latin names are
    lower-cased with spaces, punctuation and accents dropped ('José Li' -> 'joseli').
    """
    return "".join(_syllables(name))


def name_initials(name: str) -> str:
    """First letter of each syllable ('曾小明' -> 'zxm', '欧阳娜娜' -> 'oynn').

    For latin names, the first letter of each word ('John Smith' -> 'js').
    """
    return "".join(syllable[0] for syllable in _syllables(name))


#: The titles as an English-speaking counter says them, before the surname: Mr 张.
ENGLISH_TITLES = {"先生": "Mr", "女士": "Ms"}


def address_as(name: str, title: str, *, caller: str = "zh-Hans") -> str:
    """How to greet a known resident in the ``caller`` language: surname and title ('张先生',
    '欧阳女士'; 'Mr 张' in English).

    ``title`` is usually '先生' or '女士'; with no title, the full name. Latin names and
    names without a surname get the title after the full name ('John Smith 先生',
    '买买提·艾力先生').
    """
    name, title = _compact(name), title.strip()
    if not title:
        return name
    surname, _given = split_surname(name)
    if caller == "en" and title in ENGLISH_TITLES:
        return f"{ENGLISH_TITLES[title]} {surname or name}"
    if surname:
        return surname + title
    return f"{name} {title}" if not is_chinese_name(name) else name + title


def name_syllables(name: str) -> list[str]:
    """Pinyin syllables of a Chinese name ('曾小明' -> zeng, xiao, ming), surname read from the
    surname table; for other names, one 'syllable' per word, lower case."""
    return _syllables(name)


def _syllables(name: str) -> list[str]:
    """Pinyin syllables of a Chinese name; for other names, one 'syllable' per word."""
    name = _compact(name)
    if not is_chinese_name(name):
        return _word_syllables(name)
    surname, given = split_surname(name)
    if surname in COMPOUND_SURNAMES:
        out = list(COMPOUND_SURNAMES[surname])
    elif surname in SURNAME_READINGS:
        out = [SURNAME_READINGS[surname]]
    else:
        out = _read(surname)
    # The given name is read as a whole so that pypinyin can use its phrase readings.
    return out + _read(given)


def _word_syllables(name: str) -> list[str]:
    # Names mixing scripts (Anna张) exist; their Chinese characters are still read as pinyin.
    out: list[str] = []
    for word in name.split():
        for chinese, run in groupby(word, key=_is_cjk):
            part = "".join(run)
            out.extend(_read(part) if chinese else [w for w in [_latin(part)] if w])
    return out


def _read(chinese: str) -> list[str]:
    """pypinyin's toneless syllables, leaving out characters it has no reading for."""
    # Its tables take some 50 MB: loaded the first time a name is read (a new card, a new
    # name), not by every counter that only looks names up by the pinyin already stored.
    from pypinyin import Style, lazy_pinyin

    syllables = lazy_pinyin(chinese, style=Style.NORMAL, errors="ignore")
    letters = ("".join(ch for ch in s.lower() if "a" <= ch <= "z") for s in syllables)
    return [syllable for syllable in letters if syllable]


def _latin(text: str) -> str:
    """Letters of a latin name, lower case and without accents: 'José' -> 'jose'."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if ch.isalpha() and not _is_mark(ch))


def _compact(name: str) -> str:
    """A name as stored, without re-checking it: Chinese names lose their spaces."""
    name = " ".join(unicodedata.normalize("NFKC", name).split())
    return name.replace(" ", "") if is_chinese_name(name) else name


def _is_cjk(ch: str) -> bool:
    code = ord(ch)
    return any(low <= code <= high for low, high in _CJK_RANGES)


def _is_mark(ch: str) -> bool:
    return unicodedata.category(ch).startswith("M")
