"""The queue's filters: the line above the list that names them, with the totals (how many
matters match, how many are overdue or due within the hour, and how many of them are shown),
and the next choice of each filter as its key cycles through them."""

from typing import Any

from rich.text import Text

from frontdesk.domain.vocabulary.kinds import ComplaintClass, MatterKind, MatterStatus
from frontdesk.domain.vocabulary.labels import named_of
from frontdesk.i18n import _
from frontdesk.tui.screens.queue.reading import QueueReading


def filter_line(reading: QueueReading) -> Text:
    f, every = reading.filters, _("all")
    line = Text(
        _("class {cls} · department {dept} · kind {kind} · {overdue} · {mine} — ").format(
            cls=named_of(ComplaintClass, f.complaint_class) or every,
            dept=f.department or every,
            kind=named_of(MatterKind, f.kind) or every,
            overdue=_("overdue only") if f.overdue_only else _("any deadline"),
            mine=_("mine") if f.operator_id is not None else _("anyone's"),
        )
    )
    return line + totals_text(reading)


def totals_text(reading: QueueReading) -> Text:
    """How many match, how many are overdue or due within the hour (however few rows are
    read), and how many of them are shown."""
    t = reading.totals
    text = Text(
        _("{n} {status}").format(
            n=f"{t.matching:,}", status=named_of(MatterStatus, reading.filters.status)
        )
    )
    if t.overdue:
        text.append(" · ")
        text.append(_("{n} overdue").format(n=f"{t.overdue:,}"), "bold red")
    if t.due_soon:
        text.append(" · ")
        text.append(_("{n} due within the hour").format(n=f"{t.due_soon:,}"), "bold yellow")
    if reading.more:
        text.append(" — " + _("showing the {n} most urgent").format(n=f"{len(reading.rows):,}"))
    return text


def following(options: list[Any], current: Any) -> Any:
    """The choice after ``current``, the first again after the last."""
    return options[(options.index(current) + 1) % len(options)]


def next_class(reading: QueueReading) -> dict[str, Any]:
    return {"complaint_class": following([None, *ComplaintClass], reading.filters.complaint_class)}


def next_department(reading: QueueReading, departments: list[str]) -> dict[str, Any]:
    return {"department": following([None, *departments], reading.filters.department)}


def next_kind(reading: QueueReading) -> dict[str, Any]:
    return {"kind": following([None, *MatterKind], reading.filters.kind)}


def next_status(reading: QueueReading) -> dict[str, Any]:
    return {"status": following([MatterStatus.OPEN, MatterStatus.RESOLVED], reading.filters.status)}


def other_deadlines(reading: QueueReading) -> dict[str, Any]:
    return {"overdue_only": not reading.filters.overdue_only}


def other_filer(reading: QueueReading, me: int) -> dict[str, Any]:
    return {"operator_id": None if reading.filters.operator_id is not None else me}
