"""The complaint queue (DOMAIN.md §3): every open matter, the most urgent deadline first."""

from dataclasses import replace
from datetime import datetime
from typing import Any

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static
from textual.worker import get_current_worker

from frontdesk.domain.kinds import ComplaintClass, EventKind, MatterKind, Role
from frontdesk.i18n import _
from frontdesk.services.cards import EventLine, MatterDetail
from frontdesk.services.queue import QueueFilter, QueueRow
from frontdesk.tui.failures import ReportsWorkerFailures
from frontdesk.tui.messages import DatabaseChanged
from frontdesk.tui.screens.queue_actions import MatterActions
from frontdesk.tui.widgets.footer import CounterFooter

COLUMNS = ("mark", "due", "countdown", "milestone", "id", "kind", "class", "unit", "resident")
# Keys that act on the highlighted matter, and those of them only a complaint has.
ROW_ACTIONS = {"escalate", "reply", "resolve", "extend", "approve", "reclassify", "note", "card"}
COMPLAINT_ACTIONS = {"extend", "approve", "reclassify"}


def countdown(due: datetime | None, now: datetime) -> str:
    """Time left as the counter reads it at a glance: "35m", "2h05m", "2d03h"; "-" when late."""
    if due is None:
        return "—"
    seconds = int((due - now).total_seconds())
    days, rest = divmod(abs(seconds) // 60, 24 * 60)
    hours, minutes = divmod(rest, 60)
    sign = "-" if seconds < 0 else ""
    if days:
        return f"{sign}{days}d{hours:02d}h"
    return f"{sign}{hours}h{minutes:02d}m" if hours else f"{sign}{minutes}m"


def _binding(key: str, action: str, description: str, tooltip: str, **kwargs: Any) -> Binding:
    return Binding(key, action, description, id=f"queue.{action}", tooltip=tooltip, **kwargs)


FILTERS = Binding.Group(_("Filter"), compact=True)


def _filter(key: str, action: str, description: str, tooltip: str) -> Binding:
    return _binding(key, action, description, tooltip, group=FILTERS)


class QueueScreen(ReportsWorkerFailures, MatterActions, Screen):
    """The receptionist sees what is late or due soon, narrows the list with filters, and works
    the highlighted matter (queue_actions.py): escalates it, records a reply or the resolution,
    asks for (or, as office manager, approves) more time, reclassifies it, notes progress, or
    opens the resident's card. The pane below shows its history and how each deadline was
    worked out."""

    BINDINGS = [
        _binding("e", "escalate", _("Escalate"), _("Report to a supervisor or the manager")),
        _binding("r", "reply", _("Reply"), _("Record the answer given to the resident")),
        _binding("v", "resolve", _("Resolve"), _("Record the resolution (repairs: work done)")),
        _binding("x", "extend", _("Extend"), _("Ask for a later resolution deadline")),
        _binding("a", "approve", _("Approve"), _("Approve the requested extension (manager)")),
        _binding("k", "reclassify", _("Reclass"), _("Give the complaint another class")),
        _binding("n", "note", _("Note"), _("Add a note to the history")),
        _binding("o", "reopen", _("Reopen"), _("Reopen a resolved or closed matter by number")),
        _binding("enter", "card", _("Card"), _("Open the resident's card"), priority=True),
        # The filters share one footer label; F1 lists each with its own description.
        _filter("c", "cycle_class", _("Class"), _("Show one complaint class, then the next")),
        _filter("d", "cycle_department", _("Dept"), _("Show one department, then the next")),
        _filter("t", "cycle_kind", _("Kind"), _("Show one kind of matter, then the next")),
        _filter(
            "s",
            "cycle_status",
            _("Status"),
            _("Open matters, or resolved ones whose result call is still owed"),
        ),
        _filter("u", "toggle_overdue", _("Overdue"), _("Only matters past their deadline")),
        _filter("m", "toggle_mine", _("Mine"), _("Only matters I filed")),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.filters = QueueFilter()
        self.rows: dict[int, QueueRow] = {}
        #: The highlighted matter, which the action keys work on.
        self.current: QueueRow | None = None

    @property
    def counter(self):
        return self.app.counter  # type: ignore[attr-defined]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="queue-filters", classes="hint")
        table: DataTable = DataTable(id="queue-table", cursor_type="row", zebra_stripes=True)
        for key in COLUMNS:
            # Fixed width for the countdown: it changes every second and must not jiggle.
            table.add_column(_(key), key=key, width=9 if key == "countdown" else None)
        table.add_column(_("summary"), key="summary")
        yield table
        with VerticalScroll(id="queue-detail", classes="pane"):
            yield Static(_("Nothing picked."), id="queue-detail-text")
        # Fifteen keys of this view and the app's: compact, and Ctrl+P is in the help (F1).
        yield CounterFooter()

    def on_mount(self) -> None:
        self.show_filters()
        self.ticker = self.set_interval(1, self.tick)

    def on_screen_resume(self) -> None:
        self.ticker.resume()
        self.load()

    def on_database_changed(self, _message: DatabaseChanged) -> None:
        """Another counter saved something: read the queue again (the cursor stays put)."""
        self.load()

    def on_screen_suspend(self) -> None:
        self.ticker.pause()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action not in ROW_ACTIONS:
            return True
        row = self.current
        if row is None:
            return None
        if action in COMPLAINT_ACTIONS and row.kind != MatterKind.COMPLAINT:
            return None
        if action == "approve" and self.counter.role is not Role.MANAGER:
            return None
        if action == "card" and row.resident_id is None:
            return None  # a visitor or a public-area report: no card to open
        return True

    # Reading the queue
    @work(thread=True, exclusive=True, exit_on_error=False, group="queue-load")
    def load(self) -> None:
        rows = self.counter.queue(self.filters)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self.show, rows)

    def show(self, rows: list[QueueRow]) -> None:
        table = self.query_one(DataTable)
        keep = self.current.id if self.current else None
        now = self.counter.desk.now()
        table.clear()
        self.rows = {row.id: row for row in rows}
        for row in rows:
            style = "bold red" if row.overdue else ""
            mark = _("OVERDUE") if row.overdue else _("<1h") if row.due_soon else ""
            # Someone at another counter is on it: advice, so two people don't call back twice.
            mark = mark or (_("in hand") if row.others else "")
            cells = [
                Text(mark, style="bold red" if row.overdue else "bold yellow"),
                f"{row.due:%m-%d %H:%M}" if row.due else "—",
                self.countdown_cell(row, now),
                row.next_milestone or "—",
                f"#{row.id}",
                row.kind,
                row.complaint_class or "",
                row.unit,
                row.resident,
                row.summary,
            ]
            table.add_row(
                *(Text(c, style=style) if isinstance(c, str) else c for c in cells), key=str(row.id)
            )
        if keep in self.rows:
            table.move_cursor(row=table.get_row_index(str(keep)))
        self.highlight(table.cursor_row if rows else None)
        self.show_filters()

    def countdown_cell(self, row: QueueRow, now: datetime) -> Text:
        late = row.due is not None and row.due < now
        return Text(countdown(row.due, now), style="bold red" if late else "")

    def tick(self) -> None:
        """Count down without asking the database again: only the countdown cells change."""
        table = self.query_one(DataTable)
        now = self.counter.desk.now()
        for row in self.rows.values():
            table.update_cell(str(row.id), "countdown", self.countdown_cell(row, now))

    @on(DataTable.RowHighlighted)
    def highlighted(self, event: DataTable.RowHighlighted) -> None:
        # Where the cursor is now: a highlight posted before the table was refilled names a
        # row that may be gone (or -1, for the emptied table).
        self.highlight(self.query_one(DataTable).cursor_row)

    def highlight(self, index: int | None) -> None:
        table = self.query_one(DataTable)
        valid = index is not None and table.is_valid_row_index(index)
        key = table.coordinate_to_cell_key((index, 0)).row_key.value if valid else None
        self.current = self.rows.get(int(key)) if key else None
        self.refresh_bindings()
        if self.current is None:
            self.query_one("#queue-detail-text", Static).update(
                _("Nothing open matches these filters.")
            )
            return
        self.load_detail(self.current.id)

    @work(thread=True, exclusive=True, exit_on_error=False, group="queue-detail")
    def load_detail(self, matter_id: int) -> None:
        detail = self.counter.detail(matter_id)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self.show_detail, detail)

    def show_detail(self, detail: MatterDetail) -> None:
        m = detail.matter
        head = Text()
        kind = f"{m.kind} {m.complaint_class or m.repair_category or ''}"
        head.append(f"#{m.id} {kind} [{m.status}] ", "bold")
        head.append(f"{m.summary}\n{detail.content}\n")
        head.append(f"{_('Contact')}: {detail.contact or '—'} · {_('Unit')}: {detail.unit or '—'}")
        head.append(f" · {_('Department')}: {detail.department or '—'}")
        for other in detail.others:
            head.append("\n" + _("Also being handled by {who}").format(who=other), "bold yellow")
        deadlines = Table.grid(padding=(0, 1))
        for d in detail.deadlines:
            # The rule and how the due time was worked out, so the receptionist can explain it.
            why = Text.assemble(d.rule, "\n", (d.explanation, "dim"))
            style = "bold" if d.state == "running" else "dim"
            deadlines.add_row(Text(d.state, style), d.milestone, f"{d.due:%m-%d %H:%M}", why)
        history = Table.grid(padding=(0, 1))
        # Newest first: the latest step is what the caller asks about.
        for e in reversed(detail.events):
            history.add_row(f"{e.at:%m-%d %H:%M}", e.kind, Text(e.who), _event_text(e))
        parts = [head, Text(), Text(_("Deadlines"), "bold"), deadlines, Text()]
        parts += [Text(_("History, newest first"), "bold"), history]
        self.query_one("#queue-detail-text", Static).update(Group(*parts))

    # Filters
    def show_filters(self) -> None:
        f, every = self.filters, _("all")
        self.query_one("#queue-filters", Static).update(
            _(
                "class {cls} · department {dept} · kind {kind} · {overdue} · {mine} — {n} {status}"
            ).format(
                cls=f.complaint_class or every,
                dept=f.department or every,
                kind=f.kind or every,
                overdue=_("overdue only") if f.overdue_only else _("any deadline"),
                mine=_("mine") if f.operator_id is not None else _("anyone's"),
                n=len(self.rows),
                status=f.status,
            )
        )

    def refilter(self, **changes: Any) -> None:
        self.filters = replace(self.filters, **changes)
        self.show_filters()
        self.load()

    def action_cycle_class(self) -> None:
        self.refilter(complaint_class=_next([None, *ComplaintClass], self.filters.complaint_class))

    def action_cycle_department(self) -> None:
        departments = [None, *self.counter.desk.policy.departments]
        self.refilter(department=_next(departments, self.filters.department))

    def action_cycle_kind(self) -> None:
        self.refilter(kind=_next([None, *MatterKind], self.filters.kind))

    def action_cycle_status(self) -> None:
        self.refilter(status=_next(["open", "resolved"], self.filters.status))

    def action_toggle_overdue(self) -> None:
        self.refilter(overdue_only=not self.filters.overdue_only)

    def action_toggle_mine(self) -> None:
        mine = None if self.filters.operator_id is not None else self.counter.operator.id
        self.refilter(operator_id=mine)


def _next(options: list[Any], current: Any) -> Any:
    return options[(options.index(current) + 1) % len(options)]


def _event_text(event: EventLine) -> Text:
    """What happened, with the deadline asked for or approved, or when a repair was done."""
    text = Text(event.text)
    if event.until is not None:
        said = _("done {at}") if event.kind == EventKind.REPAIR_DONE else _("until {at}")
        text.append(("  " if event.text else "") + said.format(at=f"{event.until:%a %m-%d %H:%M}"))
    return text
