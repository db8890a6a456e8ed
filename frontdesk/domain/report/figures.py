"""The monthly report (DOMAIN.md §3, "Monthly: count, classify and analyse all complaints"),
worked out from plain records: no database here, the services gather the records.

What each figure counts, so that the report can say it:

- Counts (by kind, class, department, party complained about) and repeat complainers: matters
  *received* in the month. A complaint's class is its class now (after any reclassification or
  the one-month upgrade). The register keeps no field for a complaint's cause (投诉原因): the
  nearest it records is who or which department was complained about, counted as typed.
- On-time rate of each milestone: the deadlines that *fell due* in the month: complaints'
  escalation, reply and resolution, and every follow-up call. Met by the
  deadline is on time; met after it is late; passed unmet (still running, or stopped when the
  matter was resolved) is missed. A deadline replaced before it fell due (an approved extension,
  a new class, a matter resolved before the clock mattered) is not counted: its replacement is.
  Deadlines still running and not yet due (in the current month) are counted apart, as "not yet
  due", and left out of the rate. The one-month upgrade is a rule, not a service, and a repair's
  visit an appointment, not a deadline: both left out.
- Follow-up rate (回访, target 100 %): the follow-ups owed for work finished in the month (repairs
  done, complaints resolved) and due by now: made, or overdue. Those not yet due are counted
  apart; one cancelled because the matter was reopened before the call is left out.
- Median time to reply and to resolve: complaints whose first reply (first resolution) was in
  the month, in calendar hours from reception.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from enum import StrEnum
from statistics import median

from frontdesk.domain.clock.months import Month
from frontdesk.domain.vocabulary.kinds import (
    ComplaintClass,
    FollowUpReason,
    FollowUpStatus,
    MatterKind,
    Milestone,
)

# The follow-ups the handbook's 100 % target is about: after a repair and a complaint's result.
VISITS = frozenset(
    {
        FollowUpReason.REPAIR_SAFETY,
        FollowUpReason.REPAIR_LEAK,
        FollowUpReason.REPAIR_OTHER,
        FollowUpReason.COMPLAINT_RESULT,
    }
)
# The milestones whose on-time rate is reported, in the order a matter meets them. A repair's
# visit is an appointment made with the resident, not a deadline of the handbook: the work is
# done at it or after it, never "by" it, so it has no on-time rate.
REPORTED = (Milestone.ESCALATE, Milestone.REPLY, Milestone.RESOLVE, Milestone.CALLBACK)


class Outcome(StrEnum):
    ON_TIME = "on time"
    LATE = "late"
    MISSED = "missed"
    NOT_YET_DUE = "not yet due"
    REPLACED = "replaced"


@dataclass(frozen=True)
class MatterRecord:
    """A matter received in the months reported on."""

    id: int
    kind: str
    received_at: datetime
    complaint_class: str | None = None
    department: str = ""
    complained_party: str = ""
    #: Who complained: ``resident:<id>`` for a resident on file, else ``phone:<number>``.
    complainant: str = ""
    complainant_name: str = ""
    unit: str = ""
    still_open: bool = False
    #: Times a later complaint was noticed to be about the same matter (DOMAIN.md §3).
    raised_again: int = 0


@dataclass(frozen=True)
class DeadlineRecord:
    """A milestone's deadline, or a follow-up call's (milestone ``callback``)."""

    milestone: str
    due: datetime
    met_at: datetime | None = None
    superseded_at: datetime | None = None


@dataclass(frozen=True)
class FollowUpRecord:
    reason: str
    created_at: datetime
    due: datetime
    status: str
    done_at: datetime | None = None


@dataclass(frozen=True)
class Reached:
    """A complaint's first reply or first resolution, and when it was received."""

    received_at: datetime
    at: datetime

    @property
    def hours(self) -> float:
        return (self.at - self.received_at).total_seconds() / 3600


@dataclass(frozen=True)
class Records:
    """Everything the report of a month and the month before is worked out from."""

    matters: list[MatterRecord] = field(default_factory=list)
    deadlines: list[DeadlineRecord] = field(default_factory=list)
    follow_ups: list[FollowUpRecord] = field(default_factory=list)
    replies: list[Reached] = field(default_factory=list)
    resolutions: list[Reached] = field(default_factory=list)


@dataclass(frozen=True)
class MilestoneFigures:
    milestone: str
    counts: dict[Outcome, int]

    @property
    def counted(self) -> int:
        return sum(self.counts[o] for o in (Outcome.ON_TIME, Outcome.LATE, Outcome.MISSED))

    @property
    def rate(self) -> float | None:
        """Share met on time, 0 to 1; None when nothing fell due."""
        return self.counts[Outcome.ON_TIME] / self.counted if self.counted else None


@dataclass(frozen=True)
class FollowUpFigures:
    """回访 owed for the month's finished work: due by now (made, or overdue), and not yet due
    (left out of the rate, as a milestone not yet due is)."""

    owed: int
    made: int
    overdue: int
    not_yet_due: int
    cancelled: int

    @property
    def rate(self) -> float | None:
        return self.made / self.owed if self.owed else None


@dataclass(frozen=True)
class Repeater:
    complainant: str
    name: str
    unit: str
    complaints: int
    raised_again: int
    still_open: int
    first: datetime
    last: datetime


@dataclass(frozen=True)
class MonthFigures:
    month: Month
    matters: int
    complaints: int
    by_kind: dict[str, int]
    by_class: dict[str, int]
    by_department: dict[str, int]
    by_party: dict[str, int]
    milestones: dict[str, MilestoneFigures]
    follow_ups: FollowUpFigures
    reply_hours: float | None
    replies: int
    resolve_hours: float | None
    resolutions: int
    repeaters: list[Repeater]
    #: Complaints received on each day of the month, the 1st first.
    complaints_by_day: list[int]

    @property
    def on_time(self) -> MilestoneFigures:
        """Every milestone together."""
        total = {o: sum(m.counts[o] for m in self.milestones.values()) for o in Outcome}
        return MilestoneFigures("all", total)


@dataclass(frozen=True)
class MonthlyReport:
    """The month, the month before it, and the moment the report was worked out at."""

    this: MonthFigures
    previous: MonthFigures
    now: datetime
    #: The estate's time zone, the months' and the report's moments are in.
    tz: tzinfo

    @property
    def month(self) -> Month:
        return self.this.month


def outcome(deadline: DeadlineRecord, now: datetime) -> Outcome:
    """How a deadline fared, as the report counts it (see the module's docstring)."""
    if deadline.met_at is not None:
        return Outcome.ON_TIME if deadline.met_at <= deadline.due else Outcome.LATE
    if deadline.superseded_at is not None:
        return Outcome.REPLACED if deadline.superseded_at < deadline.due else Outcome.MISSED
    return Outcome.MISSED if deadline.due < now else Outcome.NOT_YET_DUE


def follow_up_deadline(follow_up: FollowUpRecord) -> DeadlineRecord:
    """A follow-up as a deadline: made is met, cancelled is replaced."""
    done = follow_up.status == FollowUpStatus.DONE
    cancelled = follow_up.status == FollowUpStatus.CANCELLED
    return DeadlineRecord(
        Milestone.CALLBACK,
        follow_up.due,
        met_at=follow_up.done_at if done else None,
        superseded_at=follow_up.done_at if cancelled else None,
    )


def monthly_report(records: Records, month: Month, *, tz: tzinfo, now: datetime) -> MonthlyReport:
    """The report of ``month`` and of the month before it, from ``records`` (which may hold more:
    only what falls in each month is counted). ``now`` decides what is not yet due."""
    if now.tzinfo is None:
        raise ValueError("now must carry its time zone")
    return MonthlyReport(
        this=month_figures(records, month, tz=tz, now=now),
        previous=month_figures(records, month.previous(), tz=tz, now=now),
        now=now.astimezone(tz),
        tz=tz,
    )


def month_figures(records: Records, month: Month, *, tz: tzinfo, now: datetime) -> MonthFigures:
    start, end = month.start(tz), month.end(tz)

    def within(moment: datetime) -> bool:
        return start <= moment < end

    matters = [m for m in records.matters if within(m.received_at)]
    complaints = [m for m in matters if m.kind == MatterKind.COMPLAINT]
    deadlines = [d for d in records.deadlines if d.milestone != Milestone.UPGRADE]
    deadlines += [follow_up_deadline(f) for f in records.follow_ups]
    milestones = {}
    for milestone in REPORTED:
        counts = Counter(
            outcome(d, now) for d in deadlines if d.milestone == milestone and within(d.due)
        )
        milestones[milestone.value] = MilestoneFigures(
            milestone.value, {o: counts.get(o, 0) for o in Outcome}
        )
    replies = [r.hours for r in records.replies if within(r.at)]
    resolutions = [r.hours for r in records.resolutions if within(r.at)]
    return MonthFigures(
        month=month,
        matters=len(matters),
        complaints=len(complaints),
        by_kind=_ordered(Counter(m.kind for m in matters), [k.value for k in MatterKind]),
        by_class=_ordered(
            Counter(m.complaint_class or "" for m in complaints), [c.value for c in ComplaintClass]
        ),
        by_department=_ordered(
            Counter(m.department for m in matters if m.kind in _WITH_DEPARTMENT), []
        ),
        by_party=_ordered(Counter(m.complained_party for m in complaints), []),
        milestones=milestones,
        follow_ups=_follow_ups([f for f in records.follow_ups if within(f.created_at)], now),
        reply_hours=median(replies) if replies else None,
        replies=len(replies),
        resolve_hours=median(resolutions) if resolutions else None,
        resolutions=len(resolutions),
        repeaters=repeat_complainers(complaints),
        complaints_by_day=_by_day(complaints, start, end, tz),
    )


_WITH_DEPARTMENT = frozenset({MatterKind.COMPLAINT, MatterKind.REPAIR})


def _ordered(counts: Counter[str], first: list[str]) -> dict[str, int]:
    """``first`` in its order (each, even at nought), then the rest most first; blank last."""
    out = {key: counts.get(key, 0) for key in first}
    rest = sorted(
        ((k, n) for k, n in counts.items() if k not in out and k), key=lambda kn: (-kn[1], kn[0])
    )
    out.update(rest)
    if counts.get("") and "" not in out:
        out[""] = counts[""]
    return out


def _by_day(matters: list[MatterRecord], start: datetime, end: datetime, tz: tzinfo) -> list[int]:
    days = (end.date() - start.date()).days
    counts = [0] * days
    for matter in matters:
        counts[(matter.received_at.astimezone(tz).date() - start.date()).days] += 1
    return counts


def _follow_ups(created: list[FollowUpRecord], now: datetime) -> FollowUpFigures:
    visits = [f for f in created if f.reason in VISITS]
    made = sum(f.status == FollowUpStatus.DONE for f in visits)
    overdue = sum(f.status == FollowUpStatus.OWED and f.due < now for f in visits)
    waiting = sum(f.status == FollowUpStatus.OWED and f.due >= now for f in visits)
    cancelled = sum(f.status == FollowUpStatus.CANCELLED for f in visits)
    return FollowUpFigures(
        owed=made + overdue, made=made, overdue=overdue, not_yet_due=waiting, cancelled=cancelled
    )


def repeat_complainers(complaints: list[MatterRecord]) -> list[Repeater]:
    """Complainants with two complaints or more in the month, most complaints first."""
    by_who: dict[str, list[MatterRecord]] = {}
    for matter in complaints:
        if matter.complainant:
            by_who.setdefault(matter.complainant, []).append(matter)
    out = []
    for who, theirs in by_who.items():
        if len(theirs) < 2:
            continue
        theirs.sort(key=lambda m: (m.received_at, m.id))
        latest = theirs[-1]
        out.append(
            Repeater(
                complainant=who,
                name=latest.complainant_name,
                unit=latest.unit,
                complaints=len(theirs),
                raised_again=sum(m.raised_again for m in theirs),
                still_open=sum(m.still_open for m in theirs),
                first=theirs[0].received_at,
                last=latest.received_at,
            )
        )
    out.sort(key=lambda r: (-r.complaints, -r.raised_again, r.first, r.complainant))
    return out
