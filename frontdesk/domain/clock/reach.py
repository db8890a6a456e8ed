"""How far from now a moment typed at the counter may lie, and the error of text that is not a
moment: shared by the moments as typed and the grammar of times as callers say them."""

from datetime import datetime, timedelta

from frontdesk.domain.text.free_text import shown
from frontdesk.i18n import _

REACH = timedelta(days=3650)
"""How far from now a moment typed at the counter may lie, either way. Further is a slip of the
finger, and a year like 9999 would overflow every deadline worked out from it."""


class MomentError(ValueError):
    """Typed text that is not a moment."""


def within_reach(moment: datetime, *, now: datetime, text: str = "") -> datetime:
    """``moment`` if it lies within REACH of ``now``; MomentError otherwise."""
    if abs(moment - now) > REACH:
        raise too_far(text or f"{moment:%Y-%m-%d %H:%M}")
    return moment


def too_far(text: str) -> MomentError:
    return MomentError(
        _('"{text}" is more than {years} years away').format(
            text=shown(text), years=REACH.days // 365
        )
    )
