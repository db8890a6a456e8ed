"""The queue's filters and the line above it that names them, with the totals: how many
matters match, how many are overdue or due within the hour, and how many of them are shown."""

from dataclasses import replace
from typing import Any

from rich.text import Text
from textual.widgets import Static

from frontdesk.domain.vocabulary.kinds import ComplaintClass, MatterKind, MatterStatus
from frontdesk.domain.vocabulary.labels import named_of
from frontdesk.i18n import _
from frontdesk.services.matters.queue import QueueFilter, QueueRow, QueueTotals


class QueueFilters:
    """Mixed into the queue screen, which provides ``query_one``, ``counter`` (the backend),
    ``rows`` (read so far), ``more`` (more to read), ``totals`` and ``load``."""

    filters: QueueFilter
    rows: dict[int, QueueRow]
    more: bool
    totals: QueueTotals
    counter: Any
    query_one: Any
    load: Any

    def show_filters(self) -> None:
        f, every = self.filters, _("all")
        line = Text(
            _("class {cls} · department {dept} · kind {kind} · {overdue} · {mine} — ").format(
                cls=named_of(ComplaintClass, f.complaint_class) or every,
                dept=f.department or every,
                kind=named_of(MatterKind, f.kind) or every,
                overdue=_("overdue only") if f.overdue_only else _("any deadline"),
                mine=_("mine") if f.operator_id is not None else _("anyone's"),
            )
        )
        self.query_one("#queue-filters", Static).update(line + self.totals_text())

    def totals_text(self) -> Text:
        """How many match, how many are overdue or due within the hour (however few rows are
        read), and how many of them are shown."""
        t = self.totals
        text = Text(
            _("{n} {status}").format(
                n=f"{t.matching:,}", status=named_of(MatterStatus, self.filters.status)
            )
        )
        if t.overdue:
            text.append(" · ")
            text.append(_("{n} overdue").format(n=f"{t.overdue:,}"), "bold red")
        if t.due_soon:
            text.append(" · ")
            text.append(_("{n} due within the hour").format(n=f"{t.due_soon:,}"), "bold yellow")
        if self.more:
            text.append(" — " + _("showing the {n} most urgent").format(n=f"{len(self.rows):,}"))
        return text

    def refilter(self, **changes: Any) -> None:
        self.filters = replace(self.filters, **changes)
        self.show_filters()
        self.load(from_top=True)

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
