"""Moments as typed at the counter: ISO-8601, "2026-12-03 14:00", "12-03 14:00", "14:00",
"明天 14:00" / "tomorrow 14:00", "+2h", "+30m", "+1d"; and times as callers say them,
"昨天下午3点", "上周五晚上8点", "12月3号上午九点一刻", "2小时前" (``spoken``)."""

from datetime import datetime, tzinfo

from frontdesk.domain.clock.reach import REACH, MomentError, too_far, within_reach
from frontdesk.domain.clock.spoken import Heard, Tense, hear_moment
from frontdesk.domain.clock.spoken.refusals import empty

__all__ = [
    "REACH",
    "Heard",
    "MomentError",
    "Tense",
    "understand_moment",
    "parse_moment",
    "within_reach",
]


def parse_moment(text: str, *, now: datetime, tz: tzinfo, tense: Tense = Tense.EITHER) -> datetime:
    """The aware moment ``text`` names, read in ``tz`` when it carries no offset.

    ``now`` anchors "today", "tomorrow", "+2h" and "2小时前"; ``tense`` says which way a
    field looks, and so which 周五, 3号 or 下午3点 is meant when the day is not said. Moments
    further than REACH from ``now`` are refused.
    """
    return understand_moment(text, now=now, tz=tz, tense=tense).moment


def understand_moment(
    text: str, *, now: datetime, tz: tzinfo, tense: Tense = Tense.EITHER
) -> Heard:
    """As ``parse_moment``, with the other reading of an hour said without 上午 or 下午, for
    the read-back beside the field."""
    raw = text.strip()
    if not raw:
        raise empty(tense)
    try:
        parsed = datetime.fromisoformat(raw.replace("/", "-"))
    except ValueError:
        return hear_moment(raw, now=now, tz=tz, tense=tense)
    # Compared before the zone is applied: in year 1 or 9999 the zone itself would overflow.
    local_now = now.astimezone(tz)
    if abs(parsed.replace(tzinfo=None) - local_now.replace(tzinfo=None)) > REACH:
        raise too_far(raw)
    parsed = parsed.replace(tzinfo=tz) if parsed.tzinfo is None else parsed
    return Heard(within_reach(parsed, now=now, text=raw))
