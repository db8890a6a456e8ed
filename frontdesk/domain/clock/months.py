"""Calendar months as the monthly report counts them (DOMAIN.md §3, "Monthly"): a month is
[the 1st at 00:00, the next 1st at 00:00) in the estate's own time zone, whatever the zone of
the moments compared with it."""

import re
from dataclasses import dataclass
from datetime import datetime, tzinfo

from frontdesk.i18n import _

_MONTH = re.compile(r"^\s*(\d{4})-(\d{1,2})\s*$")
# The years a report or an export may ask for: a month's neighbours and its moments in any time
# zone must still be dates Python can hold (years 1 to 9999).
FIRST_YEAR = 1900
LAST_YEAR = 9998


class MonthError(ValueError):
    """Text that is not a month such as 2026-11."""


@dataclass(frozen=True, order=True)
class Month:
    year: int
    month: int

    @classmethod
    def parse(cls, text: str) -> "Month":
        """``2026-11`` (or ``2026-1``); MonthError with a message for anything else."""
        match = _MONTH.match(text)
        if not match or not 1 <= int(match.group(2)) <= 12:
            raise MonthError(
                _('"{text}" is not a month: write it as YYYY-MM, e.g. 2026-11').format(text=text)
            )
        year = int(match.group(1))
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise MonthError(
                _('"{text}" is out of range: give a month from {first}-01 to {last}-12').format(
                    text=text, first=FIRST_YEAR, last=LAST_YEAR
                )
            )
        return cls(year, int(match.group(2)))

    @classmethod
    def of(cls, moment: datetime, tz: tzinfo) -> "Month":
        """The month ``moment`` falls in, in the time zone ``tz``."""
        if moment.tzinfo is None:
            raise ValueError("a moment must carry its time zone")
        local = moment.astimezone(tz)
        return cls(local.year, local.month)

    def previous(self) -> "Month":
        return Month(self.year - 1, 12) if self.month == 1 else Month(self.year, self.month - 1)

    def next(self) -> "Month":
        return Month(self.year + 1, 1) if self.month == 12 else Month(self.year, self.month + 1)

    def start(self, tz: tzinfo) -> datetime:
        """The 1st at 00:00 in ``tz``."""
        return datetime(self.year, self.month, 1, tzinfo=tz)

    def end(self, tz: tzinfo) -> datetime:
        """The next month's 1st at 00:00 in ``tz``: the first moment not in this month."""
        return self.next().start(tz)

    def holds(self, moment: datetime, tz: tzinfo) -> bool:
        return self.start(tz) <= moment < self.end(tz)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"
