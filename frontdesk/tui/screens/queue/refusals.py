"""Why a key of the queue does nothing now. Its label is greyed in the footer, and the key
pressed all the same says why under the list, where the receptionist is looking: which matter,
which role, and what to do instead."""

from textual.binding import Binding

from frontdesk.domain.vocabulary.kinds import MatterKind, Role
from frontdesk.domain.vocabulary.labels import named, named_of
from frontdesk.i18n import _
from frontdesk.services.matters.queue import QueueRow
from frontdesk.tui.keys import refusals

# Keys that act on the highlighted matter, and those of them only a complaint has.
ROW_ACTIONS = {"escalate", "reply", "resolve", "extend", "approve", "reclassify", "note", "card"}
COMPLAINT_ACTIONS = {"extend", "approve", "reclassify"}

#: The keys of the actions above, as the queue binds them.
ROW_KEYS = (
    ("1,e", "escalate"),
    ("2,r", "reply"),
    ("3,v", "resolve"),
    ("4,x", "extend"),
    ("5,a", "approve"),
    ("6,k", "reclassify"),
    ("7,n", "note"),
    ("enter", "card"),
)


def refused_bindings() -> list[Binding]:
    """Heard when the key of a row action does nothing now: the line under the list says why.
    Enter is the resident's card, taken before the table's own Enter as the card's key is."""
    return refusals("queue", *ROW_KEYS, priority=frozenset({"enter"}))


def why_not(action: str, row: QueueRow | None, role: Role | None) -> str:
    """What stops ``action`` on ``row`` for an operator of ``role``; empty when nothing does."""
    if action not in ROW_ACTIONS:
        return ""
    if row is None:
        return _("No matter is picked: the list is empty under these filters.")
    if action in COMPLAINT_ACTIONS and row.kind != MatterKind.COMPLAINT:
        return _(
            "#{id} is filed as {kind}: only a complaint has its deadline extended or its class "
            "changed."
        ).format(id=row.id, kind=named_of(MatterKind, row.kind))
    if action == "approve" and role is not Role.MANAGER:
        return _(
            "Only the {manager} approves more time; you are signed in as {role}. "
            "Ask for it with 4 (Extend): the {manager} approves it at their own counter."
        ).format(manager=named(Role.MANAGER), role=named(role) if role else "—")
    if action == "card" and row.resident_id is None:
        return _(
            "#{id} has no resident card: the caller was a visitor, or it was reported for a "
            "public area."
        ).format(id=row.id)
    return ""
