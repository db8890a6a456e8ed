"""The queue's filters: the line above the list that names them, with the totals (how many
matters match, how many are overdue or due within the hour, and how many of them are shown),
and the next choice of each filter as its key cycles through them."""

from typing import Any

from rich.text import Text

from frontdesk.domain.vocabulary.kinds import ComplaintClass, MatterKind, MatterStatus
from frontdesk.domain.vocabulary.labels import chinese_name, named, named_of
from frontdesk.i18n import _
from frontdesk.tui.screens.queue.reading import QueueReading
from frontdesk.tui.widgets.picking import Choice


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


# The filters as one question, then the value, for the keys an input method lets through:
# digits, or the Chinese names.
def filter_choices() -> list[Choice]:
    return [
        Choice("c", "class", _("class"), ("级别",)),
        Choice("d", "department", _("department"), ("部门",)),
        Choice("t", "kind", _("kind"), ("类型",)),
        Choice("s", "status", _("status"), ("状态",)),
        Choice("u", "overdue", _("overdue only, or any deadline"), ("超期",)),
        Choice("m", "mine", _("mine, or anyone's"), ("我的",)),
    ]


def value_choices(which: str, departments: list[str]) -> list[Choice]:
    """The values of filter ``which`` to pick from, "all" first (its value is "")."""
    values: list[tuple[str, str, tuple[str, ...]]]
    if which == "class":
        values = [(c.value, named(c), (chinese_name(c),)) for c in ComplaintClass]
    elif which == "kind":
        values = [(k.value, named(k), (chinese_name(k),)) for k in MatterKind]
    elif which == "department":
        values = [(d, d, ()) for d in departments]
    else:
        statuses = (MatterStatus.OPEN, MatterStatus.RESOLVED)
        return [
            Choice(str(i), s.value, named(s), (chinese_name(s),))
            for i, s in enumerate(statuses, start=1)
        ]
    every = Choice("1", "", _("all"), ("全部",))
    return [every] + [
        Choice(str(i), value, label, words)
        for i, (value, label, words) in enumerate(values, start=2)
    ]


def chosen(which: str, value: str) -> dict[str, Any]:
    """The filter ``which`` set to ``value`` ("" for all)."""
    field = {"class": "complaint_class", "kind": "kind", "department": "department"}
    if which == "status":
        return {"status": value}
    return {field[which]: value or None}
