"""Why a key of the follow-up list does nothing now. Its label is greyed in the footer, and the
key pressed all the same says why under the list: which call, which window, which role, and
when it can be done."""

from textual.binding import Binding

from frontdesk.i18n import _
from frontdesk.services.followups.callbacks import Callback
from frontdesk.tui.keys import refusals

#: The keys that record a try at the highlighted call.
ATTEMPT_ACTIONS = {"reached", "no_answer", "busy", "wrong_number"}
ROW_KEYS = (
    ("1", "reached"),
    ("2", "no_answer"),
    ("3", "busy"),
    ("4", "wrong_number"),
    ("f6", "reveal"),
)


def refused_bindings() -> list[Binding]:
    """Heard when the key of a row action does nothing now: the line under the list says why."""
    return refusals("followups", *ROW_KEYS)


def why_not(action: str, owed: Callback | None, *, may_reveal_any: bool) -> str:
    """What stops ``action`` on the call ``owed``; empty when nothing does. ``may_reveal_any``:
    the operator's role shows any number at any time (a supervisor, the manager)."""
    if action not in ATTEMPT_ACTIONS and action != "reveal":
        return ""
    if owed is None:
        return _("No call is owed here: nothing to record, no number to show.")
    if action != "reveal":
        return ""
    if not owed.phone:
        return _("This call has no number on file to show.")
    if not owed.callable_now and not may_reveal_any:
        return _(
            "Not to be called now: its callable window opens {at:%m-%d %H:%M}. A receptionist "
            "sees the full number only while the call may be made; a supervisor can show it "
            "at any time."
        ).format(at=owed.window_start)
    return ""
