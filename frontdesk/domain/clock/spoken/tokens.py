"""The words of a time as a caller says it, as tokens: 昨天 / 下午 / 3 / 点 / 半, 上 / 周五,
12 / 月 / 3 / 号, 2 / 个 / 小时 / 前, + / 2 / h.

The lexer never fails: what it does not know becomes an UNKNOWN token, and the grammar says
which word it was. Full-width digits and colons (３点, 9：05) are read as their ASCII forms.
"""

import re
import unicodedata
from dataclasses import dataclass
from datetime import timedelta
from enum import Enum, auto
from typing import Any

from frontdesk.domain.clock.spoken.parts import Part


class Kind(Enum):
    NUM = auto()  # 3, 十二, 二十三, 两; value None when too long to be anything at the counter
    HALF = auto()  # 半
    QUARTER = auto()  # 刻 (一刻, 三刻)
    SHARP = auto()  # 整 (9点整)
    POINT = auto()  # 点, 时, 点钟
    COLON = auto()  # 9:05
    MINUTES = auto()  # 分 (8点45分)
    DAY_WORD = auto()  # 今天 明天 昨天 … : value is the days from today
    WEEK = auto()  # 上 / 下 / 这 / 本: value is the weeks from this one
    WEEKDAY = auto()  # 周五 星期五 礼拜五: value 0 (Monday) to 6 (Sunday)
    PART = auto()  # 下午, 晚上, pm …: value a Part
    YEAR = auto()  # 年
    MONTH = auto()  # 月
    DAY = auto()  # 日, 号
    DATE = auto()  # 2026-12-03: value (year, month, day); 12-03: (None, month, day)
    UNIT = auto()  # 小时 分钟 天 周 h m d w: value a timedelta
    MEASURE = auto()  # 个 (3个小时, 上个星期五)
    AGO = auto()  # 前 以前 之前 ago
    LATER = auto()  # 后 以后 之后 later
    SIGN = auto()  # + or -: value 1 or -1
    NOW = auto()  # 现在 刚才 now
    FILLER = auto()  # 的, 左右, 大约, commas and brackets: nothing to read
    UNKNOWN = auto()


@dataclass(frozen=True)
class Token:
    kind: Kind
    text: str
    value: Any = None


HOUR, MINUTE, DAY, WEEK = (timedelta(hours=1), timedelta(minutes=1), timedelta(1), timedelta(7))
_WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6, "七": 6}

_WORDS: dict[str, tuple[tuple[Kind, object], ...]] = {
    **{w: ((Kind.DAY_WORD, n),) for w, n in (("今天", 0), ("今日", 0), ("明天", 1), ("明日", 1))},
    **{w: ((Kind.DAY_WORD, n),) for w, n in (("后天", 2), ("大后天", 3), ("昨天", -1))},
    **{w: ((Kind.DAY_WORD, n),) for w, n in (("昨日", -1), ("前天", -2), ("大前天", -3))},
    **{w: ((Kind.DAY_WORD, n),) for w, n in (("today", 0), ("tomorrow", 1), ("yesterday", -1))},
    # One word for a day and its part: 今晚 is 今天晚上.
    "今早": ((Kind.DAY_WORD, 0), (Kind.PART, Part.MORNING)),
    "今晚": ((Kind.DAY_WORD, 0), (Kind.PART, Part.EVENING)),
    "明早": ((Kind.DAY_WORD, 1), (Kind.PART, Part.MORNING)),
    "明晚": ((Kind.DAY_WORD, 1), (Kind.PART, Part.EVENING)),
    "昨晚": ((Kind.DAY_WORD, -1), (Kind.PART, Part.EVENING)),
    "昨夜": ((Kind.DAY_WORD, -1), (Kind.PART, Part.NIGHT)),
    **{
        f"{week}{day}": ((Kind.WEEKDAY, index),)
        for week in ("周", "星期", "礼拜")
        for day, index in _WEEKDAYS.items()
        if not (week == "周" and day == "七")
    },
    **{w: ((Kind.WEEK, n),) for w, n in (("上", -1), ("下", 1), ("这", 0), ("本", 0))},
    **{w: ((Kind.PART, p),) for p in Part for w in p.words},
    "点": ((Kind.POINT, None),),
    "点钟": ((Kind.POINT, None),),
    "时": ((Kind.POINT, None),),
    ":": ((Kind.COLON, None),),
    "分": ((Kind.MINUTES, None),),
    "刻": ((Kind.QUARTER, None),),
    "整": ((Kind.SHARP, None),),
    "半": ((Kind.HALF, None),),
    "年": ((Kind.YEAR, None),),
    "月": ((Kind.MONTH, None),),
    "日": ((Kind.DAY, None),),
    "号": ((Kind.DAY, None),),
    **{w: ((Kind.UNIT, HOUR),) for w in ("小时", "钟头", "h", "hr", "hour", "hours")},
    **{w: ((Kind.UNIT, MINUTE),) for w in ("分钟", "m", "min", "mins", "minute", "minutes")},
    **{w: ((Kind.UNIT, DAY),) for w in ("天", "d", "day", "days")},
    **{w: ((Kind.UNIT, WEEK),) for w in ("周", "星期", "礼拜", "w", "week", "weeks")},
    "个": ((Kind.MEASURE, None),),
    **{w: ((Kind.AGO, None),) for w in ("前", "以前", "之前", "ago")},
    **{w: ((Kind.LATER, None),) for w in ("后", "以后", "之后", "过后", "later")},
    **{w: ((Kind.NOW, None),) for w in ("现在", "刚才", "刚刚", "now")},
    **{
        w: ((Kind.FILLER, None),) for w in ("的", "左右", "大约", "大概", "约", ",", "、", "(", ")")
    },
    "+": ((Kind.SIGN, 1),),
    "-": ((Kind.SIGN, -1),),
}
_LONGEST = max(len(w) for w in _WORDS)
_NUMERALS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5}
_NUMERALS |= {"六": 6, "七": 7, "八": 8, "九": 9}
_POWERS = {"十": 10, "百": 100, "千": 1000}
_CHINESE_NUMBER = re.compile(f"[{''.join(_NUMERALS)}{''.join(_POWERS)}]+")
_DIGITS = re.compile(r"\d+", re.ASCII)
_LETTERS = re.compile(r"[a-z]+")
_DATE = re.compile(r"(\d{4})([-/])(\d{1,2})\2(\d{1,2})(?!\d)", re.ASCII)
_SHORT_DATE = re.compile(r"(\d{1,2})([-/])(\d{1,2})(?![\d:])", re.ASCII)
#: Digits beyond these are no time anyone says: they are not counted (nor is int() asked to).
LONGEST_NUMBER = 8


def lex(text: str) -> list[Token]:
    """The tokens of ``text``; spaces only separate them."""
    text = unicodedata.normalize("NFKC", text).lower()
    tokens: list[Token] = []
    at = 0
    while at < len(text):
        if text[at].isspace():
            at += 1
            continue
        found = _date(text, at, tokens) or _word(text, at) or _number(text, at)
        if found is None:
            # An unknown run of letters is one word to name, not one letter at a time.
            letters = _LETTERS.match(text, at)
            end = letters.end() if letters else at + 1
            found = ([Token(Kind.UNKNOWN, text[at:end])], end)
        read, at = found
        tokens.extend(read)
    return tokens


def _date(text: str, at: int, before: list[Token]) -> tuple[list[Token], int] | None:
    """2026-12-03 or 2026/12/03; 12-03 only at the start, where it cannot be a sign."""
    full = _DATE.match(text, at)
    if full:
        year, _sep, month, day = full.groups()
        value = (int(year), int(month), int(day))
        return [Token(Kind.DATE, full.group(), value)], full.end()
    short = _SHORT_DATE.match(text, at) if not before else None
    if short:
        month, _sep, day = short.groups()
        return [Token(Kind.DATE, short.group(), (None, int(month), int(day)))], short.end()
    return None


def _word(text: str, at: int) -> tuple[list[Token], int] | None:
    for length in range(min(_LONGEST, len(text) - at), 0, -1):
        word = text[at : at + length]
        meanings = _WORDS.get(word)
        if meanings is None:
            continue
        # "h" and "day" are words only standing alone: "hello" is not an hour.
        if word.isascii() and word.isalpha():
            run = _LETTERS.match(text, at)
            if run is None or run.end() != at + length:
                continue
        return [Token(kind, word, value) for kind, value in meanings], at + length
    return None


def _number(text: str, at: int) -> tuple[list[Token], int] | None:
    digits = _DIGITS.match(text, at)
    if digits:
        run = digits.group()
        significant = run.lstrip("0") or "0"
        value = int(significant) if len(significant) <= LONGEST_NUMBER else None
        return [Token(Kind.NUM, run, value)], digits.end()
    chinese = _CHINESE_NUMBER.match(text, at)
    if chinese:
        run = chinese.group()
        return [Token(Kind.NUM, run, chinese_number(run))], chinese.end()
    return None


def chinese_number(run: str) -> int | None:
    """二十三 → 23, 十五 → 15, 一百零五 → 105, 二〇二六 → 2026 (digit by digit); None for what
    is no number (十十, or longer than a time needs)."""
    if len(run) > LONGEST_NUMBER:
        return None
    if not any(ch in _POWERS for ch in run):
        return int("".join(str(_NUMERALS[ch]) for ch in run))
    total, digit, last_power = 0, None, 10_000
    for ch in run:
        if ch in _NUMERALS:
            if digit is not None and _NUMERALS[ch] != 0:
                return None  # 二三十: two digits with no power between them
            digit = _NUMERALS[ch] or None
            continue
        power = _POWERS[ch]
        if power >= last_power:
            return None
        total += (1 if digit is None else digit) * power
        digit, last_power = None, power
    return total + (digit or 0)
