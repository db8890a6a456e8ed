"""The monthly report as tables: the one layout the command line prints, the app shows and the
spreadsheet holds (a sheet a table), so the three never disagree. Each column says what its
values are (a count, a share, hours, a date), and each place that shows them formats them so."""

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from frontdesk.domain.report.figures import MonthlyReport, Outcome
from frontdesk.domain.vocabulary.kinds import ComplaintClass, MatterKind, Milestone
from frontdesk.domain.vocabulary.labels import named_of
from frontdesk.i18n import _


class Type(StrEnum):
    TEXT = "text"
    COUNT = "count"
    #: A share from 0 to 1, shown as a percentage.
    RATE = "rate"
    #: A difference of two shares: percentage points.
    POINTS = "points"
    #: A difference of two counts, with its sign.
    CHANGE = "change"
    HOURS = "hours"
    #: A difference of two times in hours, with its sign.
    HOURS_CHANGE = "hours change"
    DATE = "date"


@dataclass(frozen=True)
class Column:
    #: The column's name in JSON, the same in every language.
    key: str
    title: str
    type: Type


@dataclass(frozen=True)
class Table:
    """``key`` names the table in JSON; ``title`` is the sheet's name (at most 31 characters)."""

    key: str
    title: str
    columns: tuple[Column, ...]
    rows: list[tuple[Any, ...]]
    note: str = ""


def _c(key: str, title: str, type_: Type = Type.COUNT) -> Column:
    return Column(key, title, type_)


def _change(this: float | None, previous: float | None) -> float | None:
    return None if this is None or previous is None else this - previous


def _none(label: str) -> str:
    return label or _("(not given)")


def report_tables(report: MonthlyReport) -> list[Table]:
    """Every table of the report, the summary first."""
    this, prev = report.this, report.previous
    return [
        summary_table(report),
        _counts(
            report,
            "by_kind",
            _("By kind"),
            _("kind"),
            this.by_kind,
            prev.by_kind,
            named_by=MatterKind,
        ),
        _counts(
            report,
            "by_class",
            _("By class"),
            _("class"),
            this.by_class,
            prev.by_class,
            named_by=ComplaintClass,
        ),
        _counts(
            report,
            "by_department",
            _("By department"),
            _("department"),
            this.by_department,
            prev.by_department,
            note=_("Complaints and repairs received, by the department they were sent to."),
        ),
        _counts(
            report,
            "by_party",
            _("By party complained about"),
            _("party"),
            this.by_party,
            prev.by_party,
            note=_(
                "The register keeps no cause (投诉原因) for a complaint: complaints are counted by "
                "who or which department was complained about, as typed."
            ),
        ),
        milestone_table(report),
        repeaters_table(report),
    ]


def summary_table(report: MonthlyReport) -> Table:
    this, prev = report.this, report.previous
    columns = (
        _c("measure", _("measure"), Type.TEXT),
        _c("this_month", str(this.month)),
        _c("previous_month", str(prev.month)),
        _c("change", _("change"), Type.CHANGE),
    )
    # Each of the summary's cells carries its own type (a count, a share, hours): the column's
    # is only where it is aligned.
    rows: list[tuple[Any, ...]] = []

    def add(label: str, type_: Type, a: float | None, b: float | None) -> None:
        change = {Type.RATE: Type.POINTS, Type.HOURS: Type.HOURS_CHANGE}.get(type_, Type.CHANGE)
        rows.append((label, (type_, a), (type_, b), (change, _change(a, b))))

    add(_("matters received"), Type.COUNT, this.matters, prev.matters)
    add(_("complaints received"), Type.COUNT, this.complaints, prev.complaints)
    for cls in ComplaintClass:
        add(
            _("  of them {cls}").format(cls=named_of(ComplaintClass, cls)),
            Type.COUNT,
            this.by_class.get(cls, 0),
            prev.by_class.get(cls, 0),
        )
    add(_("on-time rate, all milestones"), Type.RATE, this.on_time.rate, prev.on_time.rate)
    follow, before = this.follow_ups, prev.follow_ups
    add(_("follow-ups due (回访)"), Type.COUNT, follow.owed, before.owed)
    add(_("follow-ups made"), Type.COUNT, follow.made, before.made)
    add(_("follow-up rate (target 100%)"), Type.RATE, follow.rate, before.rate)
    add(_("follow-ups not yet due"), Type.COUNT, follow.not_yet_due, before.not_yet_due)
    add(_("median hours to reply"), Type.HOURS, this.reply_hours, prev.reply_hours)
    add(_("median hours to resolve"), Type.HOURS, this.resolve_hours, prev.resolve_hours)
    add(_("repeat complainers"), Type.COUNT, len(this.repeaters), len(prev.repeaters))
    note = _(
        "Counts are of matters received in the month; on-time rates of deadlines that fell due "
        "in it; the follow-up rate of follow-ups owed for repairs done and complaints resolved "
        "in it and due by now; median hours (calendar hours from reception) of complaints "
        "first replied to or resolved in it. Worked out {now:%Y-%m-%d %H:%M}."
    ).format(now=report.now)
    return Table("summary", _("Summary"), columns, rows, note)


def _counts(
    report: MonthlyReport,
    key: str,
    title: str,
    first: str,
    this: dict[str, int],
    prev: dict[str, int],
    note: str = "",
    named_by: type[StrEnum] | None = None,
) -> Table:
    """A count a row; the rows of a vocabulary (``named_by``) by their names in the interface
    language, as the rest of the app shows them."""
    labels = list(this) + [k for k in prev if k not in this and prev[k]]

    def shown(k: str) -> str:
        return named_of(named_by, k) if named_by is not None and k else _none(k)

    rows = [
        (shown(k), this.get(k, 0), prev.get(k, 0), this.get(k, 0) - prev.get(k, 0)) for k in labels
    ]
    columns = (
        _c("name", first, Type.TEXT),
        _c("this_month", str(report.this.month)),
        _c("previous_month", str(report.previous.month)),
        _c("change", _("change"), Type.CHANGE),
    )
    return Table(key, title, columns, rows, note)


def milestone_table(report: MonthlyReport) -> Table:
    this, prev = report.this, report.previous
    rows = []
    for name, figures in [*this.milestones.items(), ("all", this.on_time)]:
        before = prev.on_time if name == "all" else prev.milestones[name]
        c = figures.counts
        rows.append(
            (
                named_of(Milestone, name) if name != "all" else _("all milestones"),
                figures.counted,
                c[Outcome.ON_TIME],
                c[Outcome.LATE],
                c[Outcome.MISSED],
                c[Outcome.NOT_YET_DUE],
                figures.rate,
                before.rate,
                _change(figures.rate, before.rate),
            )
        )
    columns = (
        _c("milestone", _("milestone"), Type.TEXT),
        _c("fell_due", _("fell due")),
        _c("on_time", _("on time")),
        _c("late", _("late")),
        _c("missed", _("missed")),
        _c("not_yet_due", _("not yet due")),
        _c("rate", _("on-time rate"), Type.RATE),
        _c("previous_rate", _("previous month"), Type.RATE),
        _c("change", _("change"), Type.POINTS),
    )
    note = _(
        "Deadlines that fell due in the month: met by the deadline, met after it, or passed "
        "unmet. Deadlines replaced before they fell due (an extension, a new class) are not "
        "counted; those not yet due are left out of the rate. Escalate, reply and resolve are "
        "complaints'; callback is every follow-up call (回访, promised call-backs, progress)."
    )
    return Table("milestones", _("Milestones"), columns, rows, note)


def repeaters_table(report: MonthlyReport) -> Table:
    tz = report.tz
    rows = [
        (
            r.name,
            r.unit,
            r.complaints,
            r.raised_again,
            r.still_open,
            r.first.astimezone(tz),
            r.last.astimezone(tz),
        )
        for r in report.this.repeaters
    ]
    columns = (
        _c("complainant", _("complainant"), Type.TEXT),
        _c("unit", _("unit"), Type.TEXT),
        _c("complaints", _("complaints")),
        _c("raised_again", _("raised again")),
        _c("still_open", _("still open")),
        _c("first", _("first"), Type.DATE),
        _c("last", _("last"), Type.DATE),
    )
    note = _("Complainants with two complaints or more received in the month.")
    return Table("repeat_complainers", _("Repeat complainers"), columns, rows, note)


def text_of(value: Any, type_: Type) -> str:
    """A cell as the command line and the app write it."""
    if isinstance(value, tuple):  # the summary's cells carry their own type
        type_, value = value
    if value is None:
        return "—"
    match type_:
        case Type.RATE:
            return f"{value:.1%}"
        case Type.POINTS:
            return _("{sign}{points:.1f} pts").format(
                sign="+" if value > 0 else "", points=value * 100
            )
        case Type.CHANGE:
            return f"{value:+,}" if value else "0"
        case Type.HOURS:
            return _("{hours:.1f} h").format(hours=value)
        case Type.HOURS_CHANGE:
            return _("{hours:+.1f} h").format(hours=value)
        case Type.DATE:
            return f"{value:%Y-%m-%d}" if isinstance(value, datetime) else str(value)
        case Type.COUNT:
            return f"{value:,}"
    return str(value)
