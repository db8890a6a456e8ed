"""Times as callers say them (DOMAIN.md §7): 昨天下午3点, 前天晚上8点, 上周五上午十点半,
12月3号下午两点, 九点一刻, 2小时前, 一个半小时后, +2h; and the ways the counter types them,
14:30, 明天 9:00, 12-03 14:30, 2026-12-03 14:30.

``tokens`` lexes the text, ``grammar`` reads the tokens as a phrase, ``placing`` puts the
phrase on the calendar from the counter's now and the field's ``Tense``; ``parts`` is what
下午 or 夜里 does to an hour. ``describe`` writes the moment back in words, to be read to the
caller before it is recorded.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo

from frontdesk.domain.clock.reach import REACH, MomentError, too_far
from frontdesk.domain.clock.spoken import refusals
from frontdesk.domain.clock.spoken.grammar import read_phrase
from frontdesk.domain.clock.spoken.phrase import Offset, Tense, examples, placeholder
from frontdesk.domain.clock.spoken.placing import place_day, place_readings
from frontdesk.domain.clock.spoken.tokens import lex
from frontdesk.domain.clock.written_dates import day_text, moment_text
from frontdesk.i18n import _

__all__ = [
    "Heard",
    "MomentError",
    "Tense",
    "describe",
    "examples",
    "hear_moment",
    "placeholder",
    "read_back",
    "spoken_day",
    "spoken_moment",
]


@dataclass(frozen=True)
class Heard:
    """A time as understood: the moment, and for an hour said without 上午 or 下午 (三点) the
    other reading, which the read-back names so the caller can say which."""

    moment: datetime
    other: datetime | None = None


def spoken_moment(text: str, *, now: datetime, tz: tzinfo, tense: Tense) -> datetime:
    """The aware moment ``text`` says, in ``tz``; MomentError with a message otherwise."""
    return hear_moment(text, now=now, tz=tz, tense=tense).moment


def hear_moment(text: str, *, now: datetime, tz: tzinfo, tense: Tense) -> Heard:
    """The moment ``text`` says, with the other reading of an hour said without its half of
    the day; MomentError with a message otherwise."""
    if not text.strip():
        raise refusals.empty(tense)
    local = now.astimezone(tz)
    phrase = read_phrase(lex(text), text.strip(), tense)
    naive_now = local.replace(tzinfo=None)
    try:
        moment, other = place_readings(phrase, naive_now, tense)
    except OverflowError:
        raise too_far(phrase.text) from None
    # Compared before the zone is applied: at the calendar's ends the zone would overflow.
    if abs(moment - naive_now) > REACH:
        raise too_far(phrase.text)
    if phrase.step is not None or phrase.now:
        return Heard(local + (moment - naive_now))
    if other is not None and abs(other - naive_now) > REACH:
        other = None
    return Heard(moment.replace(tzinfo=tz), other.replace(tzinfo=tz) if other else None)


def spoken_day(text: str, *, now: datetime, tz: tzinfo, tense: Tense) -> date:
    """The day ``text`` says (今天, 上周五, 12月3日, 3天前), for what is asked by the day; a
    time of day said with it is refused, and so are figures alone such as 12-03 or 12/1,
    which read as another day in another country's order."""
    if not text.strip():
        raise refusals.empty(tense)
    today = now.astimezone(tz).replace(tzinfo=None)
    phrase = read_phrase(lex(text), text.strip(), tense)
    day = phrase.day
    if phrase.step is not None and not phrase.step % timedelta(1):
        day = Offset(phrase.step // timedelta(1))  # 3天前
    if (
        day is None
        or phrase.hour is not None
        or phrase.part is not None
        or phrase.now
        or getattr(day, "numeric", False)
    ):
        raise refusals.not_a_day(phrase.text, tense)
    try:
        placed = place_day(phrase, day, today, tense)
    except OverflowError:
        raise too_far(phrase.text) from None
    if abs(placed - today.date()) > REACH:
        raise too_far(phrase.text)
    return placed


def describe(moment: datetime, *, now: datetime, tz: tzinfo) -> str:
    """The moment in words, as read back to the caller: ``明天 12月4日(周五)09:00``;
    the year is said only when it is not this one."""
    local, today = moment.astimezone(tz), now.astimezone(tz).date()
    days = (local.date() - today).days
    words = {
        -2: _("the day before yesterday"),
        -1: _("yesterday"),
        0: _("today"),
        1: _("tomorrow"),
        2: _("the day after tomorrow"),
    }
    written = (
        _("{day} {time}").format(day=day_text(local), time=f"{local:%H:%M}")
        if local.year == today.year
        else moment_text(local)
    )
    word = words.get(days)
    return _("{word}, {moment}").format(word=word, moment=written) if word else written


def read_back(heard: Heard, *, now: datetime, tz: tzinfo) -> str:
    """What is shown beside a time field: the moment in words, and the other reading of an
    hour said without 上午 or 下午, to be asked about before it is recorded."""
    said = describe(heard.moment, now=now, tz=tz)
    if heard.other is None:
        return said
    other = heard.other.astimezone(tz)
    same_day = other.date() == heard.moment.astimezone(tz).date()
    return _("{moment} (or {other}? the part of the day was not said)").format(
        moment=said, other=f"{other:%H:%M}" if same_day else describe(other, now=now, tz=tz)
    )
