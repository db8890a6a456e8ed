"""What the counter is told when a time as said cannot be placed: what was not understood, and an
example that fits the field (a field about the past never suggests 明天 9:00)."""

from frontdesk.domain.clock.reach import MomentError
from frontdesk.domain.clock.spoken.phrase import Tense, examples
from frontdesk.domain.text.free_text import shown
from frontdesk.i18n import _


def _listed(tense: Tense) -> str:
    return " · ".join(examples(tense))


def _completed(text: str, rest: str) -> str:
    """What was typed with ``rest`` after it, as an example of what is missing."""
    typed = shown(text, 12)
    latin = typed.isascii()
    return f"{typed} {rest}" if latin else f"{typed}{rest}"


def empty(tense: Tense) -> MomentError:
    return MomentError(_("give a time, e.g. {examples}").format(examples=_listed(tense)))


def not_understood(text: str, word: str, tense: Tense) -> MomentError:
    if word.strip() == text.strip():
        return MomentError(
            _('"{text}" is not a time: write e.g. {examples}').format(
                text=shown(text), examples=_listed(tense)
            )
        )
    return MomentError(
        _('"{text}" is not a time: "{word}" is not understood; write e.g. {examples}').format(
            text=shown(text), word=shown(word, 12), examples=_listed(tense)
        )
    )


def said_twice(text: str, word: str) -> MomentError:
    return MomentError(
        _('"{text}" is not a time: it names the {what} twice').format(
            text=shown(text), what=_what(word)
        )
    )


def _what(slot: str) -> str:
    return {"day": _("day"), "part": _("part of the day"), "clock": _("time of day")}.get(
        slot, _("time")
    )


def needs_time(text: str) -> MomentError:
    """A day alone: a deadline or a visit needs its hour, and a guess would be recorded."""
    example = _completed(text, "15:00" if shown(text, 12).isascii() else "下午3点")
    return MomentError(
        _('"{text}" is not a time: add the time of day, e.g. {example}').format(
            text=shown(text), example=example
        )
    )


def needs_hour(text: str) -> MomentError:
    return MomentError(
        _('"{text}" is not a time: add the hour, e.g. {example}').format(
            text=shown(text), example=_completed(text, "3点")
        )
    )


def needs_weekday(text: str, tense: Tense) -> MomentError:
    example = {Tense.PAST: "上周五下午3点", Tense.FUTURE: "下周一上午9点"}.get(tense, "周五下午3点")
    return MomentError(
        _('"{text}" is not a time: name the day of the week, e.g. {example}').format(
            text=shown(text), example=example
        )
    )


def needs_direction(text: str, tense: Tense) -> MomentError:
    example = {Tense.PAST: "2小时前 · -2h", Tense.FUTURE: "3小时后 · +3h"}.get(
        tense, "2小时前 · +3h"
    )
    return MomentError(
        _('"{text}" is not a time: say before or after now, e.g. {example}').format(
            text=shown(text), example=example
        )
    )


def needs_number(text: str) -> MomentError:
    return MomentError(
        _('"{text}" is not a time: say how many, e.g. 3天前 or +2h').format(text=shown(text))
    )


def not_time_of_day(text: str) -> MomentError:
    return MomentError(_('"{text}" is not a time of day').format(text=shown(text)))


def not_in_part(text: str, part_word: str, hour: int) -> MomentError:
    return MomentError(
        _('"{text}" is not a time of day: {part} has no {hour} o\'clock').format(
            text=shown(text), part=part_word, hour=hour
        )
    )


def not_a_date(text: str) -> MomentError:
    return MomentError(_('"{text}" is not a date and time').format(text=shown(text)))


def no_such_day(text: str, month: str, day: int) -> MomentError:
    return MomentError(
        _('"{text}" is not a date: {month} has no day {day}').format(
            text=shown(text), month=month, day=day
        )
    )


def not_that_weekday(text: str, date: str, weekday: str) -> MomentError:
    return MomentError(
        _('"{text}" does not add up: {date} is a {weekday}').format(
            text=shown(text), date=date, weekday=weekday
        )
    )


def not_a_day(text: str, tense: Tense) -> MomentError:
    example = {Tense.PAST: "昨天 · 上周五 · 12月1日", Tense.FUTURE: "明天 · 下周一 · 12月8日"}.get(
        tense, "今天 · 周五 · 12月3日"
    )
    return MomentError(
        _('"{text}" is not a day: write e.g. {examples}').format(text=shown(text), examples=example)
    )
