"""The monthly report (F11, DOMAIN.md §3 "Monthly"): the month's tables and charts, each figure
beside the month before's; one key to the month before or after. Read only."""

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static
from textual.worker import get_current_worker

from frontdesk.domain.clock.months import Month
from frontdesk.domain.report.figures import MonthlyReport
from frontdesk.i18n import _
from frontdesk.services.counter import Counter
from frontdesk.services.report.records import current_month, last_complete_month
from frontdesk.services.report.tables import Table, Type, report_tables, text_of
from frontdesk.tui.failures import ReportsWorkerFailures
from frontdesk.tui.keys import keys
from frontdesk.tui.messages import DatabaseChanged
from frontdesk.tui.open_counter import counter_of
from frontdesk.tui.screens.report.charts import ReportCharts
from frontdesk.tui.widgets.footer import CounterFooter

# Where each table goes: the summary beside the charts, the milestones across, the counts four
# abreast, the repeat complainers across.
TOP, WIDE, ABREAST = (
    ("summary",),
    ("milestones", "repeat_complainers"),
    (
        "by_kind",
        "by_class",
        "by_department",
        "by_party",
    ),
)


class ReportScreen(ReportsWorkerFailures, Screen):
    """The office reads the month: counts by kind, class, department and party complained
    about, each milestone's on-time rate, the follow-up rate against its 100 % target, median
    hours to reply and to resolve, repeat complainers, all beside the month before. 1 and 2 (or P
    and N) go a month back and forth, 3 (or T) to the month in progress; the arrows and Page
    keys scroll."""

    BINDINGS = keys(
        "report",
        # Digits first: an input method in Chinese mode lets them through, not the letters.
        ("1,p", "month(-1)", _("Month before"), _("The report of the month before")),
        ("2,n", "month(1)", _("Month after"), _("The report of the month after")),
        ("3,t", "this_month", _("This month"), _("The month in progress, so far")),
        ("ctrl+r", "reload", _("Reload"), _("Read the register again")),
    )

    def __init__(self) -> None:
        super().__init__()
        self.month: Month | None = None
        self.report: MonthlyReport | None = None

    @property
    def counter(self) -> Counter:
        return counter_of(self)

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="report-status", classes="hint")
        with VerticalScroll(id="report-body"):
            with Horizontal(id="report-top"):
                yield self._section("summary")
                yield ReportCharts(id="report-charts")
            yield self._section("milestones")
            with Horizontal(id="report-counts"):
                for key in ABREAST:
                    yield self._section(key)
            yield self._section("repeat_complainers")
        yield CounterFooter()

    def _section(self, key: str) -> Vertical:
        table: DataTable = DataTable(id=f"report-{key}", zebra_stripes=True, cursor_type="none")
        # The view is read, not worked: the keys scroll it as a whole.
        table.can_focus = False
        return Vertical(
            Static("", id=f"report-{key}-title", classes="title"),
            table,
            Static("", id=f"report-{key}-note", classes="hint report-note"),
            classes="report-section",
            id=f"report-{key}-section",
        )

    def on_mount(self) -> None:
        self.month = last_complete_month(self.counter.desk)
        self.query_one("#report-body").focus()

    def on_screen_resume(self) -> None:
        self.load()

    def on_database_changed(self, _message: DatabaseChanged) -> None:
        """Saved at a counter: the month's figures may have moved."""
        self.load()

    def action_month(self, step: int) -> None:
        assert self.month is not None
        self.month = self.month.next() if step > 0 else self.month.previous()
        self.load()

    def action_this_month(self) -> None:
        self.month = current_month(self.counter.desk)
        self.load()

    def action_reload(self) -> None:
        self.load()

    def load(self) -> None:
        assert self.month is not None
        self.query_one("#report-status", Static).update(
            _("Reading the report of {month}…").format(month=self.month)
        )
        self.fetch(self.month)

    @work(thread=True, exclusive=True, exit_on_error=False, group="report-load")
    def fetch(self, month: Month) -> None:
        report = self.counter.report(month)
        tables = report_tables(report)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self.show, report, tables)

    def show(self, report: MonthlyReport, tables: list[Table]) -> None:
        self.report = report
        for table in tables:
            self._fill(table)
        self.query_one(ReportCharts).show(report)
        now = current_month(self.counter.desk)
        so_far = _(" (in progress: figures so far)") if report.month == now else ""
        self.query_one("#report-status", Static).update(
            _(
                "Monthly report {month}{so_far}, against {previous}. "
                "1 the month before · 2 the month after · 3 this month · arrows scroll."
            ).format(month=report.month, so_far=so_far, previous=report.previous.month)
        )

    def _fill(self, table: Table) -> None:
        grid = self.query_one(f"#report-{table.key}", DataTable)
        grid.clear(columns=True)
        for column in table.columns:
            right = column.type is not Type.TEXT
            grid.add_column(Text(column.title, justify="right" if right else "left"))
        for row in table.rows:
            grid.add_row(
                *(
                    Text(
                        text_of(value, column.type),
                        justify="left" if column.type is Type.TEXT else "right",
                    )
                    for value, column in zip(row, table.columns, strict=True)
                )
            )
        self.query_one(f"#report-{table.key}-title", Static).update(table.title)
        empty = _("None this month.") if not table.rows else ""
        note = " ".join(part for part in (empty, table.note) if part)
        self.query_one(f"#report-{table.key}-note", Static).update(note)
