"""Free text as it reaches the counter: typed, or pasted from a chat, a web page or a terminal.

What a person wrote is kept as written: every script (right-to-left ones too), emoji with their
joiners, skin tones and flags, and, where a text may hold them, line breaks and tabs. What only a
machine reads goes: terminal escape sequences (a pasted "\\x1b[31m" would recolour the screen of
whoever reads the note later), control characters, and invisible format characters that would
make two texts look alike or reorder what is shown around them.
"""

import re
import unicodedata

from frontdesk.i18n import _

MAX_LINE = 200
"""Longest one-line free text (a caller's name or unit as given, a title, an occupation)."""
MAX_TEXT = 4000
"""Longest text a field keeps: a long complaint fits, a pasted novel does not."""

# ESC sequences a terminal acts on: CSI (colours, cursor moves), OSC (titles, links), the string
# sequences DCS/SOS/PM/APC, the 8-bit CSI, and the short two- or three-byte escapes.
_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"
    r"|\x1b[PX^_][^\x1b]*(?:\x1b\\)?"
    r"|\x9b[0-?]*[ -/]*[@-~]"
    r"|\x1b[ -/]*[0-~]"
)
_LINE_BREAKS = re.compile(r"\r\n|[\r\n\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
# Format characters that are part of what is written: the joiners of emoji sequences (👨‍👩‍👧)
# and of Persian and Indic words, and the tag characters of subdivision flags (🏴󠁧󠁢󠁳󠁣󠁴󠁿).
_KEPT_FORMAT = frozenset("\u200c\u200d")
_TAGS = range(0xE0020, 0xE0080)
_BLACK_FLAG = "\U0001f3f4"


class TextError(ValueError):
    """Free text that cannot be kept as it is, with a message for the user."""


def clean_text(text: str, *, multiline: bool = True) -> str:
    """``text`` without escape sequences, control and invisible format characters.

    Line breaks of every convention become ``\\n`` and tabs stay when ``multiline``; otherwise
    both become spaces, so that what was pasted on several lines reads as one. Nothing is
    trimmed: callers strip what they store.
    """
    text = _ESCAPES.sub("", text)
    text = _LINE_BREAKS.sub("\n" if multiline else " ", text)
    if not multiline:
        text = text.replace("\t", " ")
    kept: list[str] = []
    for ch in text:
        if ord(ch) in _TAGS:
            # Only inside a flag (🏴 and its tags): a tag on its own is invisible, and a note
            # of nothing but tags would look empty while counting as written.
            if kept and (kept[-1] == _BLACK_FLAG or ord(kept[-1]) in _TAGS):
                kept.append(ch)
        elif _kept(ch, multiline):
            kept.append(ch)
    return "".join(kept)


def checked_text(text: str, *, what: str, limit: int = MAX_TEXT, multiline: bool = True) -> str:
    """``text`` cleaned and trimmed; ``TextError`` naming ``what`` when longer than ``limit``."""
    cleaned = clean_text(text, multiline=multiline).strip()
    if len(cleaned) > limit:
        raise TextError(
            _("{what} is {n} characters long: at most {limit} are kept").format(
                what=what, n=len(cleaned), limit=limit
            )
        )
    return cleaned


def shown(text: str, width: int = 24) -> str:
    """Typed text as a message quotes it: cleaned, on one line, shortened to ``width``."""
    line = " ".join(clean_text(str(text), multiline=False).split())
    return line if len(line) <= width else line[: width - 1] + "…"


def _kept(ch: str, multiline: bool) -> bool:
    if ch in "\n\t":
        return multiline
    category = unicodedata.category(ch)
    if category in ("Cc", "Cs"):
        return False
    if category == "Cf":
        return ch in _KEPT_FORMAT
    return True
