"""What a caller's time says, before it is placed on the calendar: the day named (if any), the
part of the day, the hour and minute, or a step from now. And which way the question looks."""

from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum

from frontdesk.domain.clock.spoken.parts import Part


class Tense(StrEnum):
    """Which way a field looks. When something happened looks back: 周五 is the last Friday,
    3号 the last 3rd, 下午3点 today's if it has passed, else yesterday's. A visit, a promise or
    a deadline looks ahead: the next of each. EITHER takes this week, this month, this year and
    today, as the counter typed them before callers' words were read."""

    PAST = "past"
    FUTURE = "future"
    EITHER = "either"


_EXAMPLES = {
    Tense.PAST: ("昨天下午3点", "14:30", "2小时前"),
    Tense.FUTURE: ("明天上午9点", "周五下午3点", "+2h"),
    Tense.EITHER: ("14:30", "明天 9:00", "+2h", "2026-12-03 14:30"),
}


def examples(tense: Tense = Tense.EITHER) -> tuple[str, ...]:
    """Times as a field of ``tense`` would be given them: a past field never suggests 明天."""
    return _EXAMPLES[tense]


def placeholder(tense: Tense = Tense.EITHER) -> str:
    """The examples shown in an empty time field: ``昨天下午3点 · 14:30 · 2小时前``."""
    return " · ".join(examples(tense))


@dataclass(frozen=True)
class Offset:
    """今天, 明天, 大前天, 3天前 with a time: days from today."""

    days: int


@dataclass(frozen=True)
class Weekday:
    """周五 (``weeks`` None: the tense decides), 上周五 (-1), 这周五 (0), 下周一 (1)."""

    index: int
    weeks: int | None = None


@dataclass(frozen=True)
class Calendar:
    """12月3日, 3号, 2026年12月3日, 2026-12-03, 12-03: what was not said the tense decides.
    ``numeric`` is a date written in figures alone (12-03)."""

    day: int
    month: int | None = None
    year: int | None = None
    numeric: bool = False


Day = Offset | Weekday | Calendar


@dataclass(frozen=True)
class Phrase:
    """One time as said. Either a step from now (``step``; ``now`` for 现在), or a day, part
    and clock, each possibly missing; ``weekday`` is a weekday said beside a date (12月3日周四),
    checked against it. ``with_point`` is an hour said with 点 or 时, as callers count the
    clock, rather than typed with a colon."""

    text: str
    day: Day | None = None
    part: Part | None = None
    part_word: str = ""
    hour: int | None = None
    minute: int = 0
    step: timedelta | None = None
    now: bool = False
    weekday: int | None = None
    with_point: bool = False

    @property
    def either_half(self) -> bool:
        """三点 with no 上午 or 下午: the caller's clock has twelve hours, so it is 03:00 or
        15:00, and which one is a guess to be read back."""
        return (
            self.part is None and self.with_point and self.hour is not None and 1 <= self.hour <= 12
        )
