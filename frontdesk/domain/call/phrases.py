"""The phrase guard: language the counter never uses (DOMAIN.md §2).

The handbooks list phrases that tell a caller "no" without helping them. When a receptionist
types a reply or a note containing one, the app marks it and shows what to say instead. The
guard must not be dodged by how the text happens to be typed: full-width characters and
spaces between characters ("但 是") still count.
"""

import re
import unicodedata
from dataclasses import dataclass
from typing import NamedTuple

from frontdesk.i18n import _


class Phrase(NamedTuple):
    """One row of the never-say table."""

    phrase: str
    alternative: str
    gloss: str


@dataclass(frozen=True)
class Flag:
    """One never-say phrase found in a text: ``text[start:end]``, and what to say instead."""

    start: int
    end: int
    phrase: str
    alternative: str
    gloss: str


_CONFIRM = "我帮您确认后回复您"
_NEXT_STEP = _("offer the next step")
_MESSAGE = _("take a message and the caller's purpose")

# DOMAIN.md §2. Where the handbook gives words to say instead they are kept in Chinese, as
# they are said to the caller; where it gives advice, the advice is for the receptionist.
PHRASES: tuple[Phrase, ...] = (
    Phrase("我不能", "看看我们能够帮您做什么", _("refuses before trying")),
    Phrase("我不会做", "我们能为您做的是……", _("says what you won't do")),
    Phrase("这不是我应该做的", "我很愿意为您做", _("pushes the job away")),
    Phrase(
        "我想我做不了",
        _("say what you can do, and that you are glad to help"),
        _("gives up before trying"),
    ),
    Phrase(
        "但是", _("drop it; give the reason with 因为 (because)"), _("negates what came before")
    ),
    Phrase("不知道", _CONFIRM, _("leaves the caller without an answer")),
    Phrase("不清楚", _CONFIRM, _("leaves the caller without an answer")),
    Phrase("我们没做过", _NEXT_STEP, _("closes the door")),
    Phrase("我们也没有办法", _NEXT_STEP, _("leaves the caller with nothing")),
    Phrase("没有办法", _NEXT_STEP, _("leaves the caller with nothing")),
    Phrase("他不在", _MESSAGE, _("the caller would have to call again")),
    Phrase("她不在", _MESSAGE, _("the caller would have to call again")),
)

# Whitespace, and the zero-width characters pasted text carries, may stand between characters.
_GAP = r"[\s\u200b\u200c\u200d\u2060\ufeff]*"
_PATTERNS = tuple(
    (re.compile(_GAP.join(re.escape(ch) for ch in row.phrase)), row) for row in PHRASES
)


def check_phrases(text: str) -> list[Flag]:
    """Every never-say phrase in ``text``, as spans of ``text`` itself, in order.

    Spans never overlap: where two phrases overlap, the longer wins (我们也没有办法 over
    没有办法), then the earlier.
    """
    folded, origin = _fold(text)
    found: list[tuple[int, int, Phrase]] = []
    for pattern, row in _PATTERNS:
        for match in pattern.finditer(folded):
            # Map back to the original text: a span starts at the character its first folded
            # character came from and ends after the one its last came from.
            start, end = origin[match.start()], origin[match.end() - 1] + 1
            found.append((start, end, row))
    taken: list[tuple[int, int, Phrase]] = []
    for start, end, row in sorted(found, key=lambda f: (-len(f[2].phrase), f[0])):
        if all(end <= s or start >= e for s, e, _row in taken):
            taken.append((start, end, row))
    return [
        Flag(start, end, row.phrase, row.alternative, row.gloss)
        for start, end, row in sorted(taken, key=lambda f: f[0])
    ]


def _fold(text: str) -> tuple[str, list[int]]:
    """``text`` in NFKC, with the index in ``text`` each folded character came from.

    Each character is folded on its own so that every folded character has one origin; the
    phrases are plain Chinese characters, which composition never touches.
    """
    folded: list[str] = []
    origin: list[int] = []
    for index, ch in enumerate(text):
        for out in unicodedata.normalize("NFKC", ch):
            folded.append(out)
            origin.append(index)
    return "".join(folded), origin
