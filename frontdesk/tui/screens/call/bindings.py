"""The Call view's keys. Those that may do nothing now (F7 to F10, Ctrl+B) have a hidden twin
that says why beside the script: what to do first."""

from frontdesk.i18n import _
from frontdesk.tui.keys import keys, refusals

CALL_BINDINGS = keys(
    "call",
    (
        "f6",
        "apology",
        _("Rang 5+"),
        _("The phone rang five times or more: greet with an apology"),
    ),
    (
        "f7",
        "another",
        _("Another"),
        _("Keep this matter and record another one on the same call"),
    ),
    (
        "ctrl+o",
        "same_matter",
        _("Same matter"),
        _("Add this call to the caller's open matter instead of a new one"),
    ),
    (
        "ctrl+r",
        "create_resident",
        _("New card"),
        _("Create a resident card from the caller as given"),
    ),
    (
        "f8",
        "read_back",
        _("Read back"),
        _("Check the fields and compose the sentence to read back"),
    ),
    ("f9", "confirm", _("Confirm"), _("The caller confirmed what was read back")),
    (
        "f10",
        "file",
        _("File"),
        _("File the call and all its matters, and clear for the next call"),
    ),
    (
        "ctrl+t",
        "channel",
        _("Channel"),
        _("Phone, walk-in, letter or comment book: all are recorded the same way"),
    ),
    ("ctrl+n", "discard", _("New call"), _("Throw this call away and start the next")),
    (
        "ctrl+b",
        "aside",
        _("Set aside"),
        _("The calls set aside for a ringing one: take one back, or throw it away"),
    ),
) + [
    # Heard when the key above it does nothing now: what to do first, beside the script.
    *refusals(
        "call",
        ("f7", "another"),
        ("f8", "read_back"),
        ("f9", "confirm"),
        ("f10", "file"),
        ("ctrl+b", "aside"),
    )
]
