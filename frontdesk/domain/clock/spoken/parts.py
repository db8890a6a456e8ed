"""The parts of the day a caller names, and the hours of the clock each one means.

A caller counts the clock in twelve hours and says the part of the day: 下午3点 is 15:00,
晚上8点 20:00. An hour the part cannot hold (上午15点, 凌晨9点) is a slip, refused rather than
guessed. The night belongs to the evening before it, as callers count it: 晚上12点 and
夜里2点 are the midnight and the 02:00 that end that day, so 昨天晚上12点 is today 00:00;
凌晨 begins a day, so 今天凌晨2点 is today 02:00.
"""

from enum import Enum


class Part(Enum):
    """A part of the day: the words that name it, and for each hour said (0 to 24) the hour
    of the clock it is and whether it falls after midnight."""

    EARLY = ("凌晨",)
    MORNING = ("早上", "早晨", "清晨", "早", "上午")
    NOON = ("中午", "正午")
    AFTERNOON = ("下午",)
    DUSK = ("傍晚",)
    EVENING = ("晚上", "晚")
    NIGHT = ("夜里", "夜间", "深夜", "半夜", "午夜")
    AM = ("am",)
    PM = ("pm",)

    @property
    def words(self) -> tuple[str, ...]:
        return self.value


#: hour said → (hour of the clock, days after the day named)
_HOURS: dict[Part, dict[int, tuple[int, int]]] = {
    Part.EARLY: {12: (0, 0)} | {h: (h, 0) for h in range(0, 7)},
    Part.MORNING: {h: (h, 0) for h in range(0, 13)},
    Part.NOON: {11: (11, 0), 12: (12, 0), 1: (13, 0), 2: (14, 0), 13: (13, 0), 14: (14, 0)},
    Part.AFTERNOON: {12: (12, 0)}
    | {h: (h + 12, 0) for h in range(1, 12)}
    | {h: (h, 0) for h in range(13, 24)},
    Part.DUSK: {h: (h + 12, 0) for h in range(4, 9)} | {h: (h, 0) for h in range(16, 21)},
    Part.EVENING: {h: (h + 12, 0) for h in range(5, 12)}
    | {h: (h, 0) for h in range(17, 24)}
    | {12: (0, 1), 24: (0, 1)}
    | {h: (h, 1) for h in range(0, 5)},
    Part.NIGHT: {h: (h + 12, 0) for h in range(9, 12)}
    | {h: (h, 0) for h in range(21, 24)}
    | {12: (0, 1), 24: (0, 1)}
    | {h: (h, 1) for h in range(0, 6)},
    # As on any twelve-hour clock: 12am begins the day, 12pm is noon.
    Part.AM: {12: (0, 0)} | {h: (h, 0) for h in range(1, 12)},
    Part.PM: {12: (12, 0)} | {h: (h + 12, 0) for h in range(1, 12)},
}


def clock_hour(part: Part | None, hour: int) -> tuple[int, int] | None:
    """The hour of the clock ``hour`` said in ``part`` is, and the days it lies after the day
    named; None for an hour the part has not. With no part the hour is the clock's own, 0-23."""
    if part is None:
        return (hour, 0) if 0 <= hour <= 23 else None
    return _HOURS[part].get(hour)
