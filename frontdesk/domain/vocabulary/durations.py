"""Durations as the policy file writes them: "1 hours", "3 days", "2 working days", "1 months",
"same day"."""

import re
from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum

from frontdesk.i18n import _


class Unit(StrEnum):
    HOURS = "hours"
    DAYS = "days"
    WORKING_DAYS = "working days"
    MONTHS = "months"
    SAME_DAY = "same day"


# The longest each unit may run: ten years. A longer one is a typo, and would overflow the
# calendar when a deadline is worked out from it.
LONGEST = {"hours": 87_600, "days": 3_650, "working days": 3_650, "months": 120}
_PATTERN = re.compile(r"^\s*(\d+)\s*(hours?|days?|working\s+days?|months?)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Duration:
    """An amount of time the handbook allows; ``same day`` has no amount."""

    amount: int
    unit: Unit

    def __str__(self) -> str:
        one = self.amount == 1
        match self.unit:
            case Unit.SAME_DAY:
                return _("same day")
            case Unit.HOURS:
                said = _("{n} hour") if one else _("{n} hours")
            case Unit.DAYS:
                said = _("{n} day") if one else _("{n} days")
            case Unit.WORKING_DAYS:
                said = _("{n} working day") if one else _("{n} working days")
            case _months:
                said = _("{n} month") if one else _("{n} months")
        return said.format(n=self.amount)


def parse_duration(text: str) -> Duration:
    """Parse a policy duration; raises ValueError with a message for the user."""
    if re.fullmatch(r"\s*same[\s-]day\s*", text, re.IGNORECASE):
        return Duration(0, Unit.SAME_DAY)
    match = _PATTERN.match(text)
    if not match:
        raise ValueError(
            _(
                '"{text}" is not a duration: write "N hours", "N days", "N working days", '
                '"N months" or "same day"'
            ).format(text=text)
        )
    digits = match.group(1).lstrip("0") or "0"
    word = " ".join(match.group(2).lower().split())
    unit = {
        "hour": Unit.HOURS,
        "day": Unit.DAYS,
        "working day": Unit.WORKING_DAYS,
        "month": Unit.MONTHS,
    }[word.rstrip("s")]
    amount = int(digits) if len(digits) <= 9 else LONGEST[unit.value] + 1
    if amount <= 0:
        raise ValueError(_('"{text}": a duration must be at least 1').format(text=text.strip()))
    if amount > LONGEST[unit.value]:
        raise ValueError(
            _('"{text}": at most {longest}').format(
                text=text.strip()[:40], longest=Duration(LONGEST[unit.value], unit)
            )
        )
    return Duration(amount, unit)


def within(duration: Duration) -> str:
    """How a rule says it: "within 3 days", "the same day"."""
    if duration.unit is Unit.SAME_DAY:
        return _("the same day")
    return _("within {duration}").format(duration=duration)


def span(length: timedelta) -> str:
    """A length of time as the counter reads it at a glance: "35m", "2h05m", "2d03h"."""
    minutes = abs(int(length.total_seconds())) // 60
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    if days:
        return _("{days}d{hours}h").format(days=days, hours=f"{hours:02d}")
    if hours:
        return _("{hours}h{minutes}m").format(hours=hours, minutes=f"{minutes:02d}")
    return _("{minutes}m").format(minutes=minutes)
