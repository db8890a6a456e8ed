"""Moments as people type them at the counter: ISO-8601, "2026-12-03 14:00", "12-03 14:00",
"14:00" (today), "明天 14:00" / "tomorrow 14:00", "+2h", "+30m", "+1d"."""

import re
from datetime import date, datetime, time, timedelta, tzinfo

from frontdesk.domain.text.free_text import shown
from frontdesk.i18n import _

REACH = timedelta(days=3650)
"""How far from now a moment typed at the counter may lie, either way. Further is a slip of the
finger, and a year like 9999 would overflow every deadline worked out from it."""
_DAY_WORDS = {"今天": 0, "today": 0, "明天": 1, "tomorrow": 1, "后天": 2}
_RELATIVE = re.compile(r"^\+\s*(\d+)\s*([mhd])$", re.IGNORECASE)
_CLOCK = r"(\d{1,2})[:：](\d{2})"


class MomentError(ValueError):
    """Typed text that is not a moment."""


def parse_moment(text: str, *, now: datetime, tz: tzinfo) -> datetime:
    """The aware moment ``text`` names, read in ``tz`` when it carries no offset.

    ``now`` anchors "today", "tomorrow" and "+2h". Moments further than REACH from ``now``
    are refused.
    """
    raw = text.strip()
    if not raw:
        raise MomentError(_("give a time, e.g. 14:30, 明天 9:00 or 2026-12-03 14:30"))
    local_now = now.astimezone(tz)
    relative = _RELATIVE.match(raw)
    if relative:
        # Eight digits of minutes are already past REACH: longer runs are not even counted.
        digits, unit = relative.group(1).lstrip("0") or "0", relative.group(2).lower()
        if len(digits) > 8:
            raise _too_far(raw)
        amount = int(digits)
        step = {
            "m": timedelta(minutes=amount),
            "h": timedelta(hours=amount),
            "d": timedelta(days=amount),
        }[unit]
        if step > REACH:
            raise _too_far(raw)
        return local_now + step
    for word, offset in _DAY_WORDS.items():
        if raw.lower().startswith(word):
            clock = _clock(raw[len(word) :].strip(), raw)
            return datetime.combine(local_now.date() + timedelta(days=offset), clock, tzinfo=tz)
    if re.fullmatch(_CLOCK, raw):
        return datetime.combine(local_now.date(), _clock(raw, raw), tzinfo=tz)
    short = re.fullmatch(r"(\d{1,2})[-/](\d{1,2})\s+" + _CLOCK, raw)
    if short:
        month, day, hour, minute = (int(g) for g in short.groups())
        try:
            return datetime.combine(date(local_now.year, month, day), time(hour, minute), tzinfo=tz)
        except ValueError:
            raise MomentError(
                _('"{text}" is not a date and time').format(text=shown(raw))
            ) from None
    try:
        parsed = datetime.fromisoformat(raw.replace("/", "-"))
    except ValueError:
        raise MomentError(
            _('"{text}" is not a time: write 14:30, 明天 9:00, +2h or 2026-12-03 14:30').format(
                text=shown(raw)
            )
        ) from None
    # Compared before the zone is applied: in year 1 or 9999 the zone itself would overflow.
    if abs(parsed.replace(tzinfo=None) - local_now.replace(tzinfo=None)) > REACH:
        raise _too_far(raw)
    parsed = parsed.replace(tzinfo=tz) if parsed.tzinfo is None else parsed
    return within_reach(parsed, now=now, text=raw)


def within_reach(moment: datetime, *, now: datetime, text: str = "") -> datetime:
    """``moment`` if it lies within REACH of ``now``; MomentError otherwise."""
    if abs(moment - now) > REACH:
        raise _too_far(text or f"{moment:%Y-%m-%d %H:%M}")
    return moment


def _too_far(text: str) -> MomentError:
    return MomentError(
        _('"{text}" is more than {years} years away').format(
            text=shown(text), years=REACH.days // 365
        )
    )


def _clock(text: str, whole: str) -> time:
    match = re.fullmatch(_CLOCK, text)
    if not match:
        raise MomentError(
            _('"{text}": add the time of day, e.g. 明天 14:30').format(text=shown(whole))
        )
    try:
        return time(int(match.group(1)), int(match.group(2)))
    except ValueError:
        raise MomentError(_('"{text}" is not a time of day').format(text=shown(whole))) from None
