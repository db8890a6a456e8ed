"""The queue's detail pane: the highlighted matter, how each of its deadlines was worked out,
and its history, newest first."""

from rich.console import Group
from rich.table import Table
from rich.text import Text

from frontdesk.domain.clock.written_dates import short_text
from frontdesk.domain.vocabulary.kinds import (
    ComplaintClass,
    DeadlineState,
    EventKind,
    MatterKind,
    MatterStatus,
    Milestone,
    RepairCategory,
)
from frontdesk.domain.vocabulary.labels import named_of
from frontdesk.i18n import _
from frontdesk.services.matters.detail import EventLine, MatterDetail
from frontdesk.wording import said_steps, say


def matter_detail(detail: MatterDetail) -> Group:
    m = detail.matter
    head = Text()
    sort = named_of(ComplaintClass, m.complaint_class) or named_of(
        RepairCategory, m.repair_category
    )
    kind = f"{named_of(MatterKind, m.kind)} {sort}"
    head.append(f"#{m.id} {kind} [{named_of(MatterStatus, m.status)}] ", "bold")
    head.append(f"{m.summary}\n{detail.content}\n")
    head.append(_("Contact: {contact}").format(contact=detail.contact or "—"))
    head.append(" · " + _("Unit: {unit}").format(unit=detail.unit or "—"))
    head.append(" · " + _("Department: {department}").format(department=detail.department or "—"))
    for other in detail.others:
        head.append("\n" + _("Also being handled by {who}").format(who=other), "bold yellow")
    deadlines = Table.grid(padding=(0, 1))
    for d in detail.deadlines:
        # The rule and how the due time was worked out, so the receptionist can explain it.
        why = Text.assemble(say(d.rule), "\n", (said_steps(d.steps), "dim"))
        style = "bold" if d.state is DeadlineState.RUNNING else "dim"
        deadlines.add_row(
            Text(state_name(d.state), style),
            named_of(Milestone, d.milestone),
            f"{d.due:%m-%d %H:%M}",
            why,
        )
    history = Table.grid(padding=(0, 1))
    # Newest first: the latest step is what the caller asks about.
    for e in reversed(detail.events):
        history.add_row(
            f"{e.at:%m-%d %H:%M}",
            named_of(EventKind, e.kind),
            Text(e.who or _("system")),
            _event_text(e),
        )
    parts = [head, Text(), Text(_("Deadlines"), "bold"), deadlines, Text()]
    parts += [Text(_("History, newest first"), "bold"), history]
    return Group(*parts)


def state_name(state: DeadlineState) -> str:
    """A deadline's state as shown."""
    names = {
        DeadlineState.RUNNING: _("running"),
        DeadlineState.MET: _("met"),
        DeadlineState.SUPERSEDED: _("superseded"),
    }
    return names[state]


def _event_text(event: EventLine) -> Text:
    """What happened, with the deadline asked for or approved, or when a repair was done."""
    text = Text(say(event.text))
    if event.until is not None:
        said = _("done {at}") if event.kind == EventKind.REPAIR_DONE else _("until {at}")
        text.append(("  " if text.plain else "") + said.format(at=short_text(event.until)))
    return text
