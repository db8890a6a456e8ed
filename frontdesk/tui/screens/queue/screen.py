"""The complaint queue (DOMAIN.md §3): every open matter, the most urgent deadline first."""

from collections.abc import Callable
from datetime import datetime
from typing import Any

from rich.console import Group
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.coordinate import Coordinate
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static
from textual.worker import get_current_worker

from frontdesk.domain.vocabulary.durations import span
from frontdesk.domain.vocabulary.kinds import ComplaintClass, MatterKind, Milestone
from frontdesk.domain.vocabulary.labels import named_of
from frontdesk.i18n import _
from frontdesk.services.counter import Counter
from frontdesk.services.matters.detail import MatterDetail
from frontdesk.services.matters.queue import (
    PAGE,
    QueueFilter,
    QueueKey,
    QueuePage,
    QueueRow,
    due_mark,
)
from frontdesk.tui.dialogs.prompts import ChoicePrompt
from frontdesk.tui.failures import ReportsWorkerFailures
from frontdesk.tui.messages import DatabaseChanged
from frontdesk.tui.open_counter import counter_of
from frontdesk.tui.screens.queue import filters
from frontdesk.tui.screens.queue.actions import MatterActions
from frontdesk.tui.screens.queue.matter_detail import matter_detail
from frontdesk.tui.screens.queue.reading import QueueReading
from frontdesk.tui.screens.queue.refusals import ROW_ACTIONS, refused_bindings, why_not
from frontdesk.tui.widgets.footer import CounterFooter
from frontdesk.tui.widgets.refusal import RefusalLine

COLUMNS = ("mark", "due", "countdown", "milestone", "id", "kind", "class", "unit", "resident")


def countdown(due: datetime | None, now: datetime) -> str:
    """Time left as the counter reads it at a glance: "35m", "2h05m", "2d03h"; "-" when late."""
    if due is None:
        return "—"
    return ("-" if due < now else "") + span(due - now)


def column_titles() -> tuple[str, ...]:
    """The titles of COLUMNS, in order."""
    return (
        _("mark"),
        _("due"),
        _("countdown"),
        _("milestone"),
        _("id"),
        _("kind"),
        _("class"),
        _("unit"),
        _("resident"),
    )


def _binding(key: str, action: str, description: str, tooltip: str, **kwargs: Any) -> Binding:
    return Binding(key, action, description, id=f"queue.{action}", tooltip=tooltip, **kwargs)


FILTERS = Binding.Group(_("Filter"), compact=True)


def _filter(key: str, action: str, description: str, tooltip: str) -> Binding:
    return _binding(key, action, description, tooltip, group=FILTERS)


class QueueScreen(ReportsWorkerFailures, Screen):
    """The receptionist sees what is late or due soon, narrows the list with filters, and works
    the highlighted matter (actions.py): escalates it, records a reply or the resolution,
    asks for (or, as office manager, approves) more time, reclassifies it, notes progress, or
    opens the resident's card. The pane below shows its history and how each deadline was
    worked out."""

    BINDINGS = [
        _binding("1,e", "escalate", _("Escalate"), _("Report to a supervisor or the manager")),
        _binding("2,r", "reply", _("Reply"), _("Record the answer given to the resident")),
        _binding("3,v", "resolve", _("Resolve"), _("Record the resolution (repairs: work done)")),
        _binding("4,x", "extend", _("Extend"), _("Ask for a later resolution deadline")),
        _binding("5,a", "approve", _("Approve"), _("Approve the requested extension (manager)")),
        _binding("6,k", "reclassify", _("Reclass"), _("Give the complaint another class")),
        _binding("7,n", "note", _("Note"), _("Add a note to the history")),
        _binding("8,o", "reopen", _("Reopen"), _("Reopen a resolved or closed matter by number")),
        _binding("enter", "card", _("Card"), _("Open the resident's card"), priority=True),
        # Digits first: an input method in Chinese mode lets them through, not the letters.
        _filter("9,f", "filter", _("Filter"), _("Choose a filter and its value by number")),
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
        *refused_bindings(),
    ]

    #: Rows read at a time, and how close the cursor comes to the last row read before the
    #: next page is read (a page is more than a screen: reading ahead, the next is there before
    #: the cursor gets to it).
    PAGE_SIZE = PAGE
    READ_AHEAD = 20

    def __init__(self) -> None:
        super().__init__()
        #: What is read, with the filters it was read by.
        self.reading = QueueReading(page_size=self.PAGE_SIZE)
        #: The highlighted matter, which the action keys work on.
        self.current: QueueRow | None = None
        self.actions = MatterActions(self, self)

    @property
    def counter(self) -> Counter:
        return counter_of(self)

    def from_thread(self, callback: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        return self.app.call_from_thread(callback, *args, **kwargs)

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="queue-filters", classes="hint")
        table: DataTable = DataTable(id="queue-table", cursor_type="row", zebra_stripes=True)
        for key, title in zip(COLUMNS, column_titles(), strict=True):
            # Fixed width for the countdown: it changes every second and must not jiggle.
            table.add_column(title, key=key, width=9 if key == "countdown" else None)
        table.add_column(_("summary"), key="summary")
        yield table
        yield RefusalLine(id="queue-refusal")
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
        return None if why_not(action, self.current, self.counter.role) else True

    def action_refused(self, action: str) -> None:
        self.query_one(RefusalLine).say(why_not(action, self.current, self.counter.role))

    # The keys: the filters, then what is done to the highlighted matter
    def refilter(self, **changes: Any) -> None:
        self.reading.refilter(**changes)
        self.show_filters()
        self.load(from_top=True)

    def show_filters(self) -> None:
        self.query_one("#queue-filters", Static).update(filters.filter_line(self.reading))

    def action_cycle_class(self) -> None:
        self.refilter(**filters.next_class(self.reading))

    def action_cycle_department(self) -> None:
        departments = list(self.counter.desk.policy.departments)
        self.refilter(**filters.next_department(self.reading, departments))

    def action_cycle_kind(self) -> None:
        self.refilter(**filters.next_kind(self.reading))

    def action_cycle_status(self) -> None:
        self.refilter(**filters.next_status(self.reading))

    def action_toggle_overdue(self) -> None:
        self.refilter(**filters.other_deadlines(self.reading))

    def action_toggle_mine(self) -> None:
        me = self.counter.operator.id if self.counter.operator is not None else None
        if me is not None:
            self.refilter(**filters.other_filer(self.reading, me))

    @work(exclusive=True, exit_on_error=False, group="queue-ask")
    async def action_filter(self) -> None:
        which = await self.app.push_screen_wait(
            ChoicePrompt(_("Filter the queue by"), filters.filter_choices())
        )
        if which == "overdue":
            self.action_toggle_overdue()
        elif which == "mine":
            self.action_toggle_mine()
        elif which is not None:
            departments = list(self.counter.desk.policy.departments)
            label = next(c.label for c in filters.filter_choices() if c.value == which)
            title = _("Filter the queue by {filter}").format(filter=label)
            value = await self.app.push_screen_wait(
                ChoicePrompt(title, filters.value_choices(which, departments))
            )
            if value is not None:
                self.refilter(**filters.chosen(which, value))

    def action_escalate(self) -> None:
        self.actions.escalate()

    def action_reply(self) -> None:
        self.actions.reply()

    def action_resolve(self) -> None:
        self.actions.resolve()

    def action_extend(self) -> None:
        self.actions.extend()

    def action_approve(self) -> None:
        self.actions.approve()

    def action_reclassify(self) -> None:
        self.actions.reclassify()

    def action_note(self) -> None:
        self.actions.note()

    def action_reopen(self) -> None:
        self.actions.reopen()

    async def action_card(self) -> None:
        await self.actions.card()

    # Reading the queue
    def load(self, *, from_top: bool = False) -> None:
        """Read the queue again: as many rows as are shown (the cursor stays on its matter), or
        ``from_top``, one page (the filters changed)."""
        self.read(*self.reading.again(from_top=from_top))

    @work(thread=True, exclusive=True, exit_on_error=False, group="queue-load")
    def read(self, reading: int, filters: QueueFilter, limit: int) -> None:
        page = self.counter.queue_page(filters, limit=limit)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self.show, page, reading)

    def read_more(self) -> None:
        """The cursor nears the last row read: read the next page after it."""
        after = self.reading.next_page()
        if after is not None:
            self.read_after(self.reading.number, self.reading.filters, after)

    @work(thread=True, exclusive=True, exit_on_error=False, group="queue-more")
    def read_after(self, reading: int, filters: QueueFilter, after: QueueKey) -> None:
        page = self.counter.queue_page(filters, after=after, limit=self.PAGE_SIZE)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self.extend, page, reading)

    def show(self, page: QueuePage, reading: int) -> None:
        if not self.reading.take(page, reading):
            return  # the filters changed since it was asked for
        table = self.query_one(DataTable)
        keep = self.current.id if self.current else None
        table.clear()
        self.add_rows(list(self.reading.rows.values()))
        if keep in self.reading.rows:
            table.move_cursor(row=table.get_row_index(str(keep)))
        self.highlight(table.cursor_row if self.reading.rows else None)
        self.show_filters()

    def extend(self, page: QueuePage, reading: int) -> None:
        fresh = self.reading.add(page, reading)
        if fresh is None:
            return  # read again from the top since
        self.add_rows(fresh)
        self.show_filters()

    def add_rows(self, rows: list[QueueRow]) -> None:
        table = self.query_one(DataTable)
        now = self.counter.desk.now()
        for row in rows:
            style = "bold red" if row.overdue else ""
            mark = due_mark(row)
            # Someone at another counter is on it: advice, so two people don't call back twice.
            mark = mark or (_("in hand") if row.others else "")
            cells = [
                Text(mark, style="bold red" if row.overdue else "bold yellow"),
                f"{row.due:%m-%d %H:%M}" if row.due else "—",
                self.countdown_cell(row, now),
                named_of(Milestone, row.next_milestone) or "—",
                f"#{row.id}",
                named_of(MatterKind, row.kind),
                self.class_cell(row),
                row.unit,
                row.resident,
                row.summary,
            ]
            table.add_row(
                *(Text(c, style=style) if isinstance(c, str) else c for c in cells), key=str(row.id)
            )

    @staticmethod
    def class_cell(row: QueueRow) -> Text | str:
        """The class; marked while a repeat's suggestion of the major class waits for a
        supervisor."""
        named = named_of(ComplaintClass, row.complaint_class)
        if row.major_suggested_at is None:
            return named
        return Text(_("{cls} → major?").format(cls=named), style="bold yellow")

    def countdown_cell(self, row: QueueRow, now: datetime) -> Text:
        late = row.due is not None and row.due < now
        return Text(countdown(row.due, now), style="bold red" if late else "")

    def tick(self) -> None:
        """Count down without asking the database again: only the countdown cells of the rows
        in sight change."""
        table = self.query_one(DataTable)
        now = self.counter.desk.now()
        first = int(table.scroll_y)
        # The table's own rows, not the last reading's: a refill under way may have emptied it.
        for shown in table.ordered_rows[first : first + table.size.height]:
            row = self.reading.rows.get(int(shown.key.value)) if shown.key.value else None
            if row is not None:
                table.update_cell(shown.key, "countdown", self.countdown_cell(row, now))

    @on(DataTable.RowHighlighted)
    def highlighted(self, event: DataTable.RowHighlighted) -> None:
        # Where the cursor is now: a highlight posted before the table was refilled names a
        # row that may be gone (or -1, for the emptied table).
        table = self.query_one(DataTable)
        if self.row_at(table.cursor_row) is not self.current:
            # A reading highlights its row itself: the cursor set on the refilled table is
            # not a move to another matter.
            self.highlight(table.cursor_row)
        if table.cursor_row >= table.row_count - self.READ_AHEAD:
            self.read_more()

    def row_at(self, index: int | None) -> QueueRow | None:
        table = self.query_one(DataTable)
        if index is None or not table.is_valid_row_index(index):
            return None
        key = table.coordinate_to_cell_key(Coordinate(index, 0)).row_key.value
        return self.reading.rows.get(int(key)) if key else None

    def highlight(self, index: int | None) -> None:
        before, self.current = self.current, self.row_at(index)
        if (before and before.id) != (self.current and self.current.id):
            self.query_one(RefusalLine).clear()  # it was about another matter
        self.refresh_bindings()
        if self.current is None:
            self.query_one("#queue-detail-text", Static).update(
                _("Nothing open matches these filters.")
            )
            return
        # After the rows are painted: the list first, its detail a moment later.
        self.call_after_refresh(self.load_detail, self.current.id)

    @work(thread=True, exclusive=True, exit_on_error=False, group="queue-detail")
    def load_detail(self, matter_id: int) -> None:
        detail = self.counter.detail(matter_id)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self.show_detail, detail)

    def show_detail(self, detail: MatterDetail) -> None:
        shown = matter_detail(detail)
        row = self.current
        if row is not None and row.id == detail.matter.id and row.major_suggested_at:
            suggested = _(
                "Raised again while open ({at}, filed by {who}): the major class is suggested. "
                "6 upgrades it, or keeps its class (a supervisor's call)."
            ).format(at=f"{row.major_suggested_at:%m-%d %H:%M}", who=row.major_suggested_by)
            shown = Group(Text(suggested, style="bold yellow"), shown)
        self.query_one("#queue-detail-text", Static).update(shown)
