"""The grammar of a time as said, over the tokens of ``tokens.py``:

    phrase   := 现在 | sign-step | step | (day | part | clock | 的 | 左右)*   each part once
    step     := amount unit (前 | 后)            2小时前, 半小时后, 一个半小时前, 3个小时前
    sign-step:= (+ | -) number unit              +2h, -30m, +1d
    amount   := number [个] [半] | 半 [个]
    day      := 今天 … 大前天 | [上|下|这|本]* [个] weekday | [number 年] number 月 number (日|号)
              | number (日|号) | 2026-12-03 | 12-03 | amount (天|周) (前|后), when a time follows
    clock    := number (点|时) [number [分] | number 刻 | 半 | 整] | number : two digits
              | number am/pm

A day in days before or after (3天前) followed by a time is that day: 3天前下午3点.
"""

from datetime import timedelta
from typing import Any

from frontdesk.domain.clock.reach import REACH, too_far
from frontdesk.domain.clock.spoken import refusals
from frontdesk.domain.clock.spoken.phrase import Calendar, Offset, Phrase, Tense, Weekday
from frontdesk.domain.clock.spoken.tokens import DAY, Kind, Token

_NUMBERS = (Kind.NUM, Kind.HALF)


class _Reader:
    def __init__(self, tokens: list[Token], text: str, tense: Tense) -> None:
        self.tokens = [t for t in tokens if t.kind is not Kind.FILLER]
        self.at = 0
        self.text = text
        self.tense = tense

    def kind(self, ahead: int = 0) -> Kind | None:
        at = self.at + ahead
        return self.tokens[at].kind if at < len(self.tokens) else None

    def take(self, *kinds: Kind) -> Token | None:
        """The next token if it is one of ``kinds``, taken; None otherwise."""
        if self.kind() in kinds:
            self.at += 1
            return self.tokens[self.at - 1]
        return None

    def refuse(self) -> refusals.MomentError:
        """What is wrong where the reader stands."""
        if self.at >= len(self.tokens):
            return refusals.not_understood(self.text, self.text, self.tense)
        return refusals.not_understood(self.text, self.tokens[self.at].text, self.tense)


def read_phrase(tokens: list[Token], text: str, tense: Tense) -> Phrase:
    """The phrase ``tokens`` say; MomentError for what is not one."""
    reader = _Reader(tokens, text, tense)
    if not reader.tokens:
        raise reader.refuse()
    if reader.take(Kind.NOW):
        return _alone(reader, Phrase(text, now=True))
    if reader.kind() is Kind.SIGN:
        return _alone(reader, Phrase(text, step=_signed(reader)))
    found: dict[str, Any] = {}
    while reader.kind() is not None:
        slot, value = _one(reader, found)
        if slot in found:
            raise refusals.said_twice(text, slot)
        found[slot] = value
    step = found.pop("step", None)
    if step is not None:
        if not found:
            return Phrase(text, step=step)
        # 3天前下午3点: a step in whole days, then a time, names that day.
        if "day" in found or step % DAY:
            raise refusals.not_understood(text, text, tense)
        found["day"] = Offset(step // DAY)
    part, part_word = found.get("part", (None, ""))
    hour, minute, with_point = found.get("clock", (None, 0, False))
    return Phrase(
        text,
        day=found.get("day"),
        part=part,
        part_word=part_word,
        hour=hour,
        minute=minute,
        weekday=found.get("weekday"),
        with_point=with_point,
    )


def _alone(reader: _Reader, phrase: Phrase) -> Phrase:
    if reader.kind() is not None:
        raise reader.refuse()
    return phrase


def _one(reader: _Reader, found: dict[str, Any]) -> tuple[str, Any]:
    """The next part of the phrase: which slot it fills, and with what."""
    token = reader.take(Kind.DAY_WORD)
    if token:
        return "day", Offset(int(token.value))
    token = reader.take(Kind.PART)
    if token:
        return "part", (token.value, token.text)
    token = reader.take(Kind.DATE)
    if token:
        year, month, day = token.value
        return "day", Calendar(day, month, year, numeric=year is None)
    if reader.kind() in (Kind.WEEK, Kind.WEEKDAY):
        weekday = _weekday(reader)
        # 12月3日周四: a weekday beside a date is checked against it, not a second day.
        if "day" in found and isinstance(weekday, Weekday) and weekday.weeks is None:
            return "weekday", weekday.index
        return "day", weekday
    if reader.kind() in _NUMBERS:
        return _numeric(reader)
    raise reader.refuse()


def _weekday(reader: _Reader) -> Weekday:
    weeks = None
    while token := reader.take(Kind.WEEK):
        weeks = (weeks or 0) + int(token.value)
    reader.take(Kind.MEASURE)  # 上个星期五
    token = reader.take(Kind.WEEKDAY)
    if token is None:
        if weeks is not None and reader.kind() is Kind.UNIT:
            raise refusals.needs_weekday(reader.text, reader.tense)  # 上周 alone
        raise reader.refuse()
    return Weekday(int(token.value), weeks)


def _numeric(reader: _Reader) -> tuple[str, Any]:
    """What a number begins: a date, a clock time or a step from now."""
    after = reader.kind(1)
    if reader.kind() is Kind.NUM and after in (Kind.YEAR, Kind.MONTH, Kind.DAY):
        return "day", _calendar(reader)
    if reader.kind() is Kind.NUM and after in (Kind.POINT, Kind.COLON):
        return "clock", _clock(reader)
    if reader.kind() is Kind.NUM and after is Kind.PART:
        hour = _number(reader)  # 9pm: the part that follows says which 9
        return "clock", (hour, 0, False)
    return "step", _step(reader)


def _number(reader: _Reader) -> int:
    token = reader.take(Kind.NUM)
    if token is None:
        raise reader.refuse()
    if token.value is None:
        raise refusals.not_understood(reader.text, token.text, reader.tense)
    return int(token.value)


def _calendar(reader: _Reader) -> Calendar:
    year = month = None
    first = _number(reader)
    if reader.take(Kind.YEAR):
        year, first = first, _number(reader)
        if not reader.take(Kind.MONTH):
            raise reader.refuse()
        month, first = first, _number(reader)
    elif reader.take(Kind.MONTH):
        month, first = first, _number(reader)
    if not reader.take(Kind.DAY):
        raise reader.refuse()
    return Calendar(first, month, year)


def _clock(reader: _Reader) -> tuple[int, int, bool]:
    """Hour, minute, and whether the hour was said with 点 or 时 (a caller's twelve hours)
    rather than typed with a colon (the counter's twenty-four)."""
    hour = _number(reader)
    if reader.take(Kind.COLON):
        token = reader.take(Kind.NUM)
        if token is None or len(token.text) != 2:
            raise refusals.not_time_of_day(reader.text)
        return hour, int(token.value), False
    return hour, _minutes(reader), True


def _minutes(reader: _Reader) -> int:
    """What follows 点: 半, 整, 15, 45分, 一刻; nothing is on the hour."""
    reader.take(Kind.POINT)
    if reader.take(Kind.HALF):
        return 30
    if reader.take(Kind.SHARP):
        return 0
    # 9点15, 8点45分, 九点一刻; but 9点 3号 is a time and then a day.
    if reader.kind() is Kind.NUM and reader.kind(1) not in (Kind.MONTH, Kind.DAY, Kind.YEAR):
        if reader.kind(1) in (Kind.UNIT, Kind.MEASURE, Kind.POINT, Kind.COLON):
            raise reader.refuse()
        minutes = _number(reader)
        if reader.take(Kind.QUARTER):
            if not 1 <= minutes <= 3:
                raise refusals.not_time_of_day(reader.text)
            return minutes * 15
        reader.take(Kind.MINUTES)
        return minutes
    return 0


def _amount(reader: _Reader) -> int:
    """How many halves: 3 → 6, 一个半 → 3, 半 → 1."""
    if reader.take(Kind.HALF):
        reader.take(Kind.MEASURE)
        return 1
    token = reader.take(Kind.NUM)
    if token is None:
        raise reader.refuse()
    if token.value is None:
        raise too_far(reader.text)
    reader.take(Kind.MEASURE)
    return int(token.value) * 2 + (1 if reader.take(Kind.HALF) else 0)


def _step(reader: _Reader) -> timedelta:
    halves = _amount(reader)
    unit = reader.take(Kind.UNIT)
    if unit is None:
        raise reader.refuse()
    step = _scaled(reader, unit, halves)
    if reader.take(Kind.AGO):
        return -step
    if reader.take(Kind.LATER):
        return step
    raise refusals.needs_direction(reader.text, reader.tense)


def _signed(reader: _Reader) -> timedelta:
    signed = reader.take(Kind.SIGN)
    if signed is None:
        raise reader.refuse()
    sign = int(signed.value)
    token = reader.take(Kind.NUM)
    if token is None:
        raise refusals.needs_number(reader.text)
    if token.value is None:
        raise too_far(reader.text)
    unit = reader.take(Kind.UNIT)
    if unit is None:
        raise reader.refuse()
    return sign * _scaled(reader, unit, int(token.value) * 2)


def _scaled(reader: _Reader, unit: Token, halves: int) -> timedelta:
    length: timedelta = unit.value
    # Compared in seconds before the step is made: 99999999 weeks would overflow a timedelta.
    if halves * length.total_seconds() / 2 > REACH.total_seconds():
        raise too_far(reader.text)
    return length * halves / 2
