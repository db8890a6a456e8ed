"""Durations as the policy file writes them: "1 hours", "3 days", "2 working days", "1 months",
"same day"."""

import re
from dataclasses import dataclass
from enum import StrEnum


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
        if self.unit is Unit.SAME_DAY:
            return "same day"
        name = str(self.unit)
        return f"{self.amount} {name[:-1] if self.amount == 1 else name}"


def parse_duration(text: str) -> Duration:
    """Parse a policy duration; raises ValueError with a message for the user."""
    if re.fullmatch(r"\s*same[\s-]day\s*", text, re.IGNORECASE):
        return Duration(0, Unit.SAME_DAY)
    match = _PATTERN.match(text)
    if not match:
        raise ValueError(
            f'"{text}" is not a duration: write "N hours", "N days", "N working days", '
            '"N months" or "same day"'
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
        raise ValueError(f'"{text.strip()}": a duration must be at least 1')
    if amount > LONGEST[unit.value]:
        raise ValueError(f'"{text.strip()[:40]}": at most {LONGEST[unit.value]} {unit.value}')
    return Duration(amount, unit)


def within(duration: Duration) -> str:
    """How a rule says it: "within 3 days", "the same day"."""
    return "the same day" if duration.unit is Unit.SAME_DAY else f"within {duration}"
