"""The monthly report's charts, drawn in the terminal: each milestone's on-time rate as a bar
beside the month before's, the follow-up rate against its 100 % target, and the complaints of
each day as sparklines (Textual's own ``Sparkline``: no chart library to install)."""

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Sparkline, Static

from frontdesk.domain.report.figures import MonthlyReport
from frontdesk.domain.vocabulary.kinds import Milestone
from frontdesk.domain.vocabulary.labels import named_of
from frontdesk.i18n import _

BAR = 30
# Below the handbook's target a rate is shown as a warning, well below it as an error.
GOOD, FAIR = 0.95, 0.8


def bar(rate: float | None, width: int = BAR) -> Text:
    """A rate as a bar of ``width`` cells, coloured by how far it is from the target."""
    if rate is None:
        return Text("·" * width, "dim")
    filled = round(rate * width)
    style = "green" if rate >= GOOD else "yellow" if rate >= FAIR else "red"
    return Text("█" * filled, style) + Text("░" * (width - filled), "dim")


def _percent(rate: float | None) -> str:
    return "—" if rate is None else f"{rate:.1%}"


def rate_bars(report: MonthlyReport) -> Text:
    """One line a milestone (and one for the follow-ups): this month's bar, its rate, the
    month before's rate."""
    this, before = report.this, report.previous
    lines: list[tuple[str, float | None, float | None, int]] = [
        (named_of(Milestone, name), m.rate, before.milestones[name].rate, m.counted)
        for name, m in this.milestones.items()
    ]
    lines.append((_("all"), this.on_time.rate, before.on_time.rate, this.on_time.counted))
    width = max(cell_len(label) for label, *_rest in lines)  # a Chinese character takes two
    text = Text()
    text.append(_("On time, of the deadlines that fell due") + "\n", "bold")
    for label, rate, previous, counted in lines:
        text.append(label + " " * (width - cell_len(label) + 1))
        text.append_text(bar(rate))
        text.append(f" {_percent(rate):>6}", "bold")
        text.append(
            "  "
            + _("of {n}; {month}: {rate}").format(
                n=counted, month=before.month, rate=_percent(previous)
            )
            + "\n",
            "dim",
        )
    follow = this.follow_ups
    text.append("\n" + _("Follow-up rate (回访), target 100%") + "\n", "bold")
    text.append(f"{'':<{width}} ")
    text.append_text(bar(follow.rate))
    text.append(f" {_percent(follow.rate):>6}", "bold")
    text.append(
        "  "
        + _("{made} of {owed} made, {waiting} not yet due; {month}: {rate}").format(
            made=follow.made,
            owed=follow.owed,
            waiting=follow.not_yet_due,
            month=before.month,
            rate=_percent(before.follow_ups.rate),
        ),
        "dim",
    )
    return text


class ReportCharts(Vertical):
    """The charts of one report; ``show`` puts another report's figures in."""

    def compose(self) -> ComposeResult:
        yield Static("", id="report-bars")
        with Horizontal(id="report-days"):
            with Vertical():
                yield Static("", id="report-days-this", classes="hint")
                yield Sparkline([], id="report-spark-this")
            with Vertical():
                yield Static("", id="report-days-before", classes="hint")
                yield Sparkline([], id="report-spark-before")

    def show(self, report: MonthlyReport) -> None:
        self.query_one("#report-bars", Static).update(rate_bars(report))
        for which, figures in (("this", report.this), ("before", report.previous)):
            days = figures.complaints_by_day
            self.query_one(f"#report-days-{which}", Static).update(
                _("{month}: complaints received each day (at most {most} a day)").format(
                    month=figures.month, most=max(days, default=0)
                )
            )
            self.query_one(f"#report-spark-{which}", Sparkline).data = days
