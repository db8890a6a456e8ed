"""The audit log (F12), the office manager's: every change to the register and every full number
shown, newest first, one line each; Enter opens an entry with every field before and after.
Read only: there is no key here, or anywhere, that changes or removes an entry."""

from typing import Any

from rich.cells import cell_len
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Header, Input, Static
from textual.worker import get_current_worker

from frontdesk.domain.clock.moments import MomentError, Tense, parse_moment
from frontdesk.i18n import _
from frontdesk.record_words import action_word, table_named, table_word
from frontdesk.services.counter import Counter
from frontdesk.services.kernel.errors import ServiceError
from frontdesk.services.staff.audit import SYSTEM, AuditFilter, AuditLine, AuditPage
from frontdesk.store.listeners.journal import DELETE, INSERT, REVEAL, UPDATE
from frontdesk.tui.failures import ReportsWorkerFailures
from frontdesk.tui.keys import keys
from frontdesk.tui.open_counter import counter_of
from frontdesk.tui.widgets.footer import CounterFooter

ACTIONS = (INSERT, UPDATE, DELETE, REVEAL)
FILTER_HINT = _(
    "Filter: who:小李 (or system) · table:matter · row:12 · action:update · since:2026-12-01; "
    "a bare word is an action, or else a name."
)
# How each kind of entry is coloured: reveals stand out, removals warn.
STYLES = {REVEAL: "bold yellow", DELETE: "bold red", INSERT: "green", UPDATE: ""}


def parse_filter(text: str, *, now, tz) -> AuditFilter:
    """What the filter line asks for; ValueError with a message for a word it cannot read.
    Keys and values are read in English and in the interface language alike (表:事项 is
    table:matter)."""
    found: dict[str, Any] = {}  # the filter's fields, each of its own type
    names = {
        "who": "operator",
        "operator": "operator",
        _("who"): "operator",
        "table": "table_name",
        _("table"): "table_name",
        "row": "row_key",
        _("row"): "row_key",
        "action": "action",
        _("action"): "action",
        "since": "since",
        _("since"): "since",
    }
    actions = {a: a for a in ACTIONS} | {action_word(a): a for a in ACTIONS}
    for word in text.split():
        key, colon, value = word.partition(":")
        if not colon:
            if word in actions:
                found["action"] = actions[word]
            else:
                found["operator"] = SYSTEM if word == _("system") else word
            continue
        field = names.get(key)
        if field is None:
            raise ValueError(_("'{key}:' is not a filter").format(key=key))
        if field == "action":
            if value not in actions:
                shown = ", ".join(action_word(a) for a in ACTIONS)
                raise ValueError(_("an action is one of {all}").format(all=shown))
            found["action"] = actions[value]
        elif field == "since":
            try:
                found["since"] = parse_moment(value, now=now, tz=tz, tense=Tense.PAST)
            except MomentError as exc:
                raise ValueError(str(exc)) from None
        elif field == "table_name":
            found["table_name"] = table_named(value)
        else:
            found[field] = SYSTEM if field == "operator" and value == _("system") else value
    return AuditFilter(**found)


class AuditScreen(ReportsWorkerFailures, Screen):
    """The office manager reads who did what, where and when: filter by who, what and since
    when, read further back a page at a time, and open an entry to see every field before and
    after. Anyone else is told the service's refusal."""

    BINDINGS = keys(
        "audit",
        ("ctrl+l", "focus_filter", _("Filter"), _("Who, what, which kind, since when")),
        ("ctrl+o", "older", _("Older"), _("The next page, further back")),
        ("ctrl+r", "reload", _("Newest"), _("Read the log again from the newest entry")),
    )

    def __init__(self) -> None:
        super().__init__()
        self.lines: dict[int, AuditLine] = {}
        #: Where the next (older) page starts; None when the last page is shown.
        self.older: int | None = None
        self.filters = AuditFilter()

    @property
    def counter(self) -> Counter:
        return counter_of(self)

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder=_("who:小李 table:matter since:today"), id="audit-filter")
        yield Static(FILTER_HINT, id="audit-status", classes="hint")
        table: DataTable = DataTable(id="audit-table", cursor_type="row", zebra_stripes=True)
        for key, label, width in (
            ("at", _("when"), 16),
            ("operator", _("who"), 8),
            ("counter", _("counter"), 8),
            ("action", _("what"), 12),
            ("subject", _("of"), 22),
            ("changes", _("before → after"), 83),
        ):
            table.add_column(label, key=key, width=width)
        yield table
        yield CounterFooter()

    def on_mount(self) -> None:
        self.query_one(DataTable).focus()

    def on_screen_resume(self) -> None:
        self.load()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "older":
            return True if self.older is not None else None
        return True

    # Reading
    def load(self, *, more: bool = False) -> None:
        self.fetch(self.filters, self.older if more else None)

    @work(thread=True, exclusive=True, group="audit", exit_on_error=False)
    def fetch(self, filters: AuditFilter, before_id: int | None) -> None:
        try:
            page = self.counter.audit_page(filters=filters, before_id=before_id)
        except ServiceError as refused:
            # The service decides who reads the log; its refusal is what the screen says.
            self.app.call_from_thread(self.refused, str(refused))
            return
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self.show, page, before_id is not None)

    def refused(self, message: str) -> None:
        self.query_one(DataTable).clear()
        self.lines, self.older = {}, None
        self.query_one("#audit-status", Static).update(Text(message, "bold red"))
        self.refresh_bindings()

    def show(self, page: AuditPage, more: bool) -> None:
        table = self.query_one(DataTable)
        if not more:
            table.clear()
            self.lines = {}
        for line in page.entries:
            self.lines[line.id] = line
            style = STYLES.get(line.action, "")
            table.add_row(
                f"{line.at:%Y-%m-%d %H:%M}",
                Text(operator_name(line.operator)),
                Text(line.counter or "—"),
                Text(action_word(line.action), style),
                Text(f"{table_word(line.table_name)} #{line.row_key}"),
                Text(line.summary, no_wrap=True, overflow="ellipsis"),
                key=str(line.id),
            )
        self.older = page.older
        more_text = _("Ctrl+O for older ones.") if page.older else _("That is the first entry.")
        self.query_one("#audit-status", Static).update(
            _("{n} entries, newest first. Enter opens one. {more}").format(
                n=len(self.lines), more=more_text
            )
        )
        self.refresh_bindings()

    # Keys
    def action_focus_filter(self) -> None:
        self.query_one("#audit-filter", Input).focus()

    def action_older(self) -> None:
        if self.older is not None:
            self.load(more=True)

    def action_reload(self) -> None:
        self.load()

    @on(Input.Submitted, "#audit-filter")
    def filter_submitted(self, event: Input.Submitted) -> None:
        desk = self.counter.desk
        try:
            self.filters = parse_filter(event.value, now=desk.now(), tz=desk.policy.timezone)
        except ValueError as exc:
            self.query_one("#audit-status", Static).update(Text(str(exc), "bold red"))
            return
        self.older = None
        self.load()
        self.query_one(DataTable).focus()

    @on(DataTable.RowSelected, "#audit-table")
    def open_entry(self, event: DataTable.RowSelected) -> None:
        line = self.lines.get(int(event.row_key.value or 0))
        if line is not None:
            self.app.push_screen(AuditEntryScreen(line))


class AuditEntryScreen(ModalScreen[None]):
    """One entry in full: who, where, when, and every field before and after. Escape closes."""

    BINDINGS = [Binding("escape,enter", "dismiss", _("Close"), id="audit-entry.close")]

    def __init__(self, line: AuditLine) -> None:
        super().__init__()
        self.line = line

    def compose(self) -> ComposeResult:
        line = self.line
        text = Text()
        subject = f"{action_word(line.action)} {table_word(line.table_name)} #{line.row_key}"
        text.append(f"#{line.id} {subject}\n", "bold")
        text.append(
            _("{at:%Y-%m-%d %H:%M:%S} by {who} at {counter}").format(
                at=line.at, who=operator_name(line.operator), counter=line.counter or "—"
            )
            + "\n\n"
        )
        # Padded by the cells they take: a Chinese word is twice as wide as its length.
        width = max((cell_len(c.word) for c in line.changes), default=0)
        for change in line.changes:
            text.append(change.word + " " * (width - cell_len(change.word) + 2), "bold")
            if line.action == UPDATE:
                text.append(change.before, "dim")
                text.append(" → ")
            text.append((change.after if line.action != DELETE else change.before) + "\n")
        text.append(
            "\n" + _("Escape or Enter closes. Entries are never changed or removed."), "dim"
        )
        with VerticalScroll(id="audit-entry", classes="pane"):
            yield Static(text)


def operator_name(operator: str) -> str:
    """Who acted, in the reader's words when it was no one signed in."""
    return _("system") if operator == SYSTEM else operator
