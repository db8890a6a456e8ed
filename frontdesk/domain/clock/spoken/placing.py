"""A phrase placed on the calendar, from the counter's now and the way the field looks.

What the caller left out the tense supplies. In a field about the past, 周五 is the most recent
Friday at that time not after now, 3号 the most recent 3rd, 12月31日 in January last year's,
下午3点 today's if it has passed and yesterday's if not; in a field about the future, the next
of each not before now. Weeks begin on Monday, as the Chinese calendar counts them: 这周日 is
the Sunday that ends this week, 上周日 the one that ended last week, whatever the tense.

An hour said with 点 and no part of the day (三点) is 03:00 or 15:00. What happened is the
nearer of the two looking back; a time ahead, or on a day named, is the working day's (1 to 6
the afternoon's, 7 to 12 the morning's and noon). The other reading is kept, to be read back.

A day alone (昨天, 周五, 3号) is refused in a moment: a deadline, a visit or the hour a thing
happened is recorded to the minute, and a default hour would be recorded as if it were said.
A part of the day alone (明天下午) is refused too: 下午 is five hours wide.
"""

from collections.abc import Callable
from datetime import date, datetime, time, timedelta

from frontdesk.domain.clock.reach import REACH, MomentError, too_far
from frontdesk.domain.clock.spoken import refusals
from frontdesk.domain.clock.spoken.parts import clock_hour
from frontdesk.domain.clock.spoken.phrase import Calendar, Day, Offset, Phrase, Tense, Weekday
from frontdesk.domain.clock.written_dates import month_name, weekday_name
from frontdesk.i18n import _

#: The moment said, on a day placed: naive, in the estate's local time.
When = Callable[[date], datetime]


def place_moment(phrase: Phrase, now: datetime, tense: Tense) -> datetime:
    """The naive local moment ``phrase`` names, ``now`` being the counter's local time."""
    return place_readings(phrase, now, tense)[0]


def place_readings(phrase: Phrase, now: datetime, tense: Tense) -> tuple[datetime, datetime | None]:
    """The moment ``phrase`` names and, for an hour said without its half of the day (三点),
    the other reading, to be read back beside it."""
    if phrase.now:
        return now, None
    if phrase.step is not None:
        return now + phrase.step, None
    if phrase.hour is None:
        if phrase.part is not None:
            raise refusals.needs_hour(phrase.text)
        raise refusals.needs_time(phrase.text)
    if not 0 <= phrase.minute <= 59:
        raise refusals.not_time_of_day(phrase.text)
    if phrase.either_half:
        return _either_half(phrase, now, tense)
    hour = clock_hour(phrase.part, phrase.hour)
    if hour is None:
        if phrase.part is None or not 0 <= phrase.hour <= 24:
            raise refusals.not_time_of_day(phrase.text)
        raise refusals.not_in_part(phrase.text, phrase.part_word, phrase.hour)
    return _on_the_hour(phrase, hour, now, tense), None


def _either_half(phrase: Phrase, now: datetime, tense: Tense) -> tuple[datetime, datetime | None]:
    """三点: 03:00 or 15:00. A reading the rest of the phrase rules out (12月3日周五 placed on
    another 3 December) leaves the other, said for certain."""
    assert phrase.hour is not None
    readings: list[datetime | None] = []
    refused: MomentError | None = None
    for hour in (phrase.hour % 12, phrase.hour % 12 + 12):
        try:
            readings.append(_on_the_hour(phrase, (hour, 0), now, tense))
        except MomentError as error:
            readings.append(None)
            refused = refused or error
    small, large = readings
    if small is None or large is None:
        only = small or large
        if only is None:
            assert refused is not None
            raise refused
        return only, None
    if tense is Tense.PAST and phrase.day is None:
        # What just happened: the nearer of the two, 三点 said at 15:10 being 15:00.
        chosen = max(small, large)
    else:
        # A visit, a promise, a day named: the hours of the estate's working day, 1 to 6
        # the afternoon's, 7 to 11 the morning's, 12 noon.
        chosen = small if 7 <= phrase.hour <= 11 else large
    return chosen, large if chosen is small else small


def _on_the_hour(phrase: Phrase, hour: tuple[int, int], now: datetime, tense: Tense) -> datetime:
    """``hour`` of the clock (and the days after the day named it lies) on the day said."""
    clock, days_after = time(hour[0], phrase.minute), hour[1]

    def when(day: date) -> datetime:
        return datetime.combine(day, clock) + timedelta(days_after)

    return when(place_day(phrase, phrase.day, now, tense, when))


def place_day(
    phrase: Phrase, day: Day | None, now: datetime, tense: Tense, when: When | None = None
) -> date:
    """The day ``day`` names. ``when`` is the time said on a day, compared with ``now`` where
    the tense decides; without it, the day itself is compared with today."""
    if when is None:
        when, now = _midnight, datetime.combine(now.date(), time())
    today = now.date()
    match day:
        case None:
            placed = _nearest(today, timedelta(1), now, tense, when)
        case Offset(days=days):
            placed = _shifted(phrase, today, timedelta(days))
        case Weekday(index=index, weeks=None):
            # EITHER: this week's, Monday to Sunday.
            first = _shifted(phrase, today, timedelta(index - today.weekday()))
            placed = _nearest(first, timedelta(7), now, tense, when)
        case Weekday(index=index, weeks=int() as weeks):
            monday = today - timedelta(today.weekday())
            placed = _shifted(phrase, monday, timedelta(weeks * 7 + index))
        case Calendar():
            placed = _calendar(phrase, day, now, tense, when)
            if phrase.weekday is not None and placed.weekday() != phrase.weekday:
                # 12月3日周四 said on the 3rd after the hour: the weekday says which 3 December.
                either = _calendar(phrase, day, now, Tense.EITHER, when)
                placed = either if either.weekday() == phrase.weekday else placed
    if phrase.weekday is not None and placed.weekday() != phrase.weekday:
        moment = datetime.combine(placed, time())
        raise refusals.not_that_weekday(
            phrase.text,
            _("{day} {month}").format(day=placed.day, month=month_name(moment)),
            weekday_name(moment),
        )
    return placed


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time())


def _shifted(phrase: Phrase, day: date, step: timedelta) -> date:
    if abs(step) > REACH:
        raise too_far(phrase.text)
    return day + step


def _nearest(first: date, period: timedelta, now: datetime, tense: Tense, when: When) -> date:
    """``first``, or the one a period before or after it that the tense looks to. ``first`` is
    within a period of today, so one step is enough."""
    if tense is Tense.PAST:
        while when(first) > now:
            first -= period
        while when(first + period) <= now:
            first += period
    elif tense is Tense.FUTURE:
        while when(first) < now:
            first += period
        while when(first - period) >= now:
            first -= period
    return first


def _calendar(phrase: Phrase, day: Calendar, now: datetime, tense: Tense, when: When) -> date:
    today = now.date()
    if day.year is not None:
        assert day.month is not None
        if abs(day.year - today.year) > REACH.days // 365 + 1:
            raise too_far(phrase.text)
        return _date(phrase, day.year, day.month, day.day)
    if day.month is not None:
        month = day.month
        if not 1 <= month <= 12:
            raise refusals.not_a_date(phrase.text)
        years = [today.year]
        if tense is Tense.PAST:
            years = [today.year, today.year - 1]
        elif tense is Tense.FUTURE:
            years = [today.year, today.year + 1]
        return _first_fitting(phrase, [(y, month) for y in years], day.day, now, tense, when)
    this = (today.year, today.month)
    months = [this]
    if tense is Tense.PAST:
        months = [this, _month_step(this, -1)]
    elif tense is Tense.FUTURE:
        months = [this, _month_step(this, 1)]
    return _first_fitting(phrase, months, day.day, now, tense, when)


def _first_fitting(
    phrase: Phrase,
    months: list[tuple[int, int]],
    day: int,
    now: datetime,
    tense: Tense,
    when: When,
) -> date:
    """Day ``day`` of the first of ``months`` that lies the way the tense looks. A month without
    that day is not skipped when it is the one the tense would take: 31号 said on 3 December
    about the past is refused (November has no 31st) rather than read as 31 October."""
    if not 1 <= day <= 31:
        raise refusals.not_a_date(phrase.text)
    today = now.date()
    for year, month in months:
        try:
            placed = date(year, month, day)
        except ValueError:
            behind = (year, month, day) <= (today.year, today.month, today.day)
            if tense is Tense.EITHER or (tense is Tense.PAST) == behind:
                raise refusals.no_such_day(phrase.text, _month_word(month), day) from None
            continue
        if tense is Tense.EITHER:
            return placed
        if (when(placed) <= now) if tense is Tense.PAST else (when(placed) >= now):
            return placed
    raise refusals.not_a_date(phrase.text)  # pragma: no cover - the last month always fits


def _date(phrase: Phrase, year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        if 1 <= month <= 12 and 1 <= day <= 31 and 1 <= year <= 9999:
            raise refusals.no_such_day(phrase.text, _month_word(month), day) from None
        raise refusals.not_a_date(phrase.text) from None


def _month_step(month: tuple[int, int], step: int) -> tuple[int, int]:
    index = month[0] * 12 + month[1] - 1 + step
    return index // 12, index % 12 + 1


def _month_word(month: int) -> str:
    return month_name(datetime.combine(date(2000, month, 1), time()))
