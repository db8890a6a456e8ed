"""Moments as the screens and explanations write them, in the interface language:
``Wed 2 Dec 2026 14:40`` in English, ``2026年12月2日(周三)14:40`` in Chinese.

``strftime``'s ``%a`` and ``%b`` would follow the process's C locale, English whatever the
interface says; the names are translated here instead.
"""

from datetime import datetime

from frontdesk.i18n import _


def weekday_name(moment: datetime) -> str:
    """``Wed``, ``周三``."""
    names = (_("Mon"), _("Tue"), _("Wed"), _("Thu"), _("Fri"), _("Sat"), _("Sun"))
    return names[moment.weekday()]


def month_name(moment: datetime) -> str:
    """``Dec``, ``12月``."""
    names = (
        _("Jan"),
        _("Feb"),
        _("Mar"),
        _("Apr"),
        _("May"),
        _("Jun"),
        _("Jul"),
        _("Aug"),
        _("Sep"),
        _("Oct"),
        _("Nov"),
        _("Dec"),
    )
    return names[moment.month - 1]


def moment_text(moment: datetime) -> str:
    """``Wed 2 Dec 2026 14:40``."""
    return _("{weekday} {day} {month} {year} {time}").format(
        weekday=weekday_name(moment),
        day=moment.day,
        month=month_name(moment),
        year=moment.year,
        time=f"{moment:%H:%M}",
    )


def day_text(moment: datetime) -> str:
    """``Wed 2 Dec``."""
    return _("{weekday} {day} {month}").format(
        weekday=weekday_name(moment), day=moment.day, month=month_name(moment)
    )


def short_text(moment: datetime, form: str = "%m-%d %H:%M") -> str:
    """``Wed 12-02 14:40``: the weekday, then ``moment`` in ``form``."""
    return f"{weekday_name(moment)} {moment.strftime(form)}"
