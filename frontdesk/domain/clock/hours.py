"""Working hours and callable windows: when the counter is open and when follow-up calls may be
made, in the estate's own time zone."""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from frontdesk.domain.vocabulary.policy import Policy, TimeRange
from frontdesk.i18n import _

# How far the calendar looks for an open day before it gives up: a policy that closes the counter
# for longer than a year is a broken policy, not a long holiday.
SEARCH_DAYS = 400


@dataclass(frozen=True)
class Period:
    """One stretch of open time (working hours or a callable window) on one day."""

    start: datetime
    end: datetime

    def contains(self, moment: datetime) -> bool:
        return self.start <= moment <= self.end


class NoOpenDay(ValueError):
    """The policy leaves no open day within a year of the moment asked about."""


class WorkingCalendar:
    """The estate's open days, working periods and callable windows."""

    def __init__(self, policy: Policy):
        self.policy = policy
        self.tz = policy.timezone

    def local(self, moment: datetime) -> datetime:
        if moment.tzinfo is None:
            raise ValueError("a moment must carry its time zone")
        return moment.astimezone(self.tz)

    def is_open_day(self, day: date) -> bool:
        return day not in self.policy.closed_dates and self.policy.hours[day.weekday()] is not None

    def _period(self, day: date, hours: TimeRange) -> Period:
        return Period(
            datetime.combine(day, hours.start, tzinfo=self.tz),
            datetime.combine(day, hours.end, tzinfo=self.tz),
        )

    def working_period(self, day: date) -> Period | None:
        if not self.is_open_day(day):
            return None
        hours = self.policy.hours[day.weekday()]
        assert hours is not None
        return self._period(day, hours)

    def callable_window(self, day: date, *, evening: bool) -> Period | None:
        """The follow-up window of ``day``: only on open days (DOMAIN.md §4)."""
        if not self.is_open_day(day):
            return None
        window = self.policy.callable_evening if evening else self.policy.callable_normal
        return self._period(day, window)

    def _days(self, start: date, step: int) -> Iterator[date]:
        for offset in range(SEARCH_DAYS):
            yield start + timedelta(days=offset * step)

    def next_working_period_end(self, moment: datetime) -> Period:
        """The first working period that ends after ``moment`` (the "same day" rule)."""
        moment = self.local(moment)
        for day in self._days(moment.date(), 1):
            period = self.working_period(day)
            if period and period.end > moment:
                return period
        raise NoOpenDay(
            _("no working hours within {days} days after {date}").format(
                days=SEARCH_DAYS, date=f"{moment:%Y-%m-%d}"
            )
        )

    def window_at(self, moment: datetime, *, evening: bool) -> Period | None:
        moment = self.local(moment)
        window = self.callable_window(moment.date(), evening=evening)
        return window if window and window.contains(moment) else None

    def last_window_ending_by(self, moment: datetime, *, evening: bool) -> Period:
        """The latest callable window that ends at or before ``moment``."""
        moment = self.local(moment)
        for day in self._days(moment.date(), -1):
            window = self.callable_window(day, evening=evening)
            if window and window.end <= moment:
                return window
        raise NoOpenDay(
            _("no callable window within {days} days before {date}").format(
                days=SEARCH_DAYS, date=f"{moment:%Y-%m-%d}"
            )
        )

    def current_or_next_window(self, moment: datetime, *, evening: bool) -> Period:
        """The callable window ``moment`` is in, else the next one to start."""
        moment = self.local(moment)
        for day in self._days(moment.date(), 1):
            window = self.callable_window(day, evening=evening)
            if window and window.end >= moment:
                return window
        raise NoOpenDay(
            _("no callable window within {days} days after {date}").format(
                days=SEARCH_DAYS, date=f"{moment:%Y-%m-%d}"
            )
        )
