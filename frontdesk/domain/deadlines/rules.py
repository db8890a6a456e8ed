"""Deadlines of DOMAIN.md §3 and §4, each with the explanation of how it was worked out.

Users of other helpdesks complain most that they cannot see how a deadline came about; every
``Deadline`` here carries its rule and the steps from the starting moment to the due time.
"""

from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta

from dateutil.relativedelta import relativedelta
from dateutil.rrule import DAILY, rrule, rruleset

from frontdesk.domain.clock.hours import WorkingCalendar
from frontdesk.domain.clock.written_dates import day_text, moment_text
from frontdesk.domain.vocabulary.durations import Duration, Unit, within
from frontdesk.domain.vocabulary.kinds import ComplaintClass, FollowUpReason, Milestone
from frontdesk.domain.vocabulary.labels import named
from frontdesk.domain.vocabulary.policy import Policy, is_working_day_count
from frontdesk.i18n import _

__all__ = ["Deadline", "callback_deadline", "complaint_deadlines", "moment_text"]


@dataclass(frozen=True)
class Deadline:
    """When a milestone is due, under which rule, and how that moment was reached."""

    milestone: Milestone
    due: datetime
    rule: str
    explanation: str


def _advance(
    calendar: WorkingCalendar, start: datetime, duration: Duration
) -> tuple[datetime, str]:
    """``start`` moved on by ``duration``, with the sentence that says how."""
    start = calendar.local(start)
    n = duration.amount
    if duration.unit is Unit.HOURS:
        # Counted on the UTC line: in a zone with daylight saving, an hour is still an hour.
        due = calendar.local(start.astimezone(UTC) + timedelta(hours=n))
        return due, _("+ {d} clock time = {due}").format(d=duration, due=moment_text(due))
    if duration.unit is Unit.MONTHS:
        due = start + relativedelta(months=n)
        note = ""
        if due.day != start.day:
            note = _(" (the month has no day {day}: its last day)").format(day=start.day)
        return due, _("+ {d}, the same day of the month{note} = {due}").format(
            d=duration, note=note, due=moment_text(due)
        )
    if duration.unit is Unit.SAME_DAY:
        return _same_day(calendar, start)
    if is_working_day_count(calendar.policy, duration):
        return _working_days(calendar, start, n)
    due = calendar.local(start.astimezone(UTC) + timedelta(days=n))
    return due, _("+ {n} × 24 h (calendar days) = {due}").format(n=n, due=moment_text(due))


def _same_day(calendar: WorkingCalendar, start: datetime) -> tuple[datetime, str]:
    period = calendar.next_working_period_end(start)
    hours = f"{period.start:%H:%M}-{period.end:%H:%M}"
    if period.start.date() == start.date():
        return period.end, _(
            "same day: before that day's working hours end ({hours}) = {due}"
        ).format(hours=hours, due=moment_text(period.end))
    today = calendar.working_period(start.date())
    why = (
        _("received after working hours ended at {end:%H:%M}").format(end=today.end)
        if today
        else _("received on a day the counter is closed")
    )
    return period.end, _(
        "same day: {why}, so by the end of the next working period = {due}"
    ).format(why=why, due=moment_text(period.end))


def _working_days(calendar: WorkingCalendar, start: datetime, n: int) -> tuple[datetime, str]:
    naive = start.replace(tzinfo=None)
    open_weekdays = [day for day, hours in calendar.policy.hours.items() if hours is not None]
    days = rruleset()
    days.rrule(rrule(DAILY, dtstart=naive + timedelta(days=1), byweekday=open_weekdays))
    for closed in calendar.policy.closed_dates:
        days.exdate(datetime.combine(closed, naive.time()))
    for index, day in enumerate(days):
        if index == n - 1:
            due = day.replace(tzinfo=calendar.tz)
            return due, _("+ {n} working days (closed days skipped) = {due}").format(
                n=n, due=moment_text(due)
            )
    raise AssertionError("an rrule over open weekdays never ends")  # pragma: no cover


def _deadline(
    calendar: WorkingCalendar,
    milestone: Milestone,
    start: datetime,
    duration: Duration,
    rule: str,
    start_label: str,
) -> Deadline:
    due, how = _advance(calendar, start, duration)
    explanation = f"{start_label} {moment_text(calendar.local(start))}; {how}"
    return Deadline(milestone, due, rule, explanation)


def complaint_deadlines(
    policy: Policy,
    complaint_class: ComplaintClass,
    received: datetime,
    *,
    requested: datetime | None = None,
    start_label: str | None = None,
) -> list[Deadline]:
    """The milestones of a complaint of ``complaint_class`` received at ``received``.

    ``requested`` is the resolution deadline the resident asked for, honoured where the class
    allows it (minor). ``start_label`` names the starting moment in explanations (reception by
    default; an automatic upgrade starts the major clocks at the upgrade).
    """
    calendar = WorkingCalendar(policy)
    rule = policy.complaint[complaint_class]
    label = start_label or _("received")
    name = _("{cls} complaint").format(cls=named(complaint_class))
    out: list[Deadline] = []
    if rule.escalate and rule.escalate_to:
        out.append(
            _deadline(
                calendar,
                Milestone.ESCALATE,
                received,
                rule.escalate,
                _("{name}: escalate to the {who} {d}").format(
                    name=name, who=named(rule.escalate_to), d=within(rule.escalate)
                ),
                label,
            )
        )
    if rule.reply:
        out.append(
            _deadline(
                calendar,
                Milestone.REPLY,
                received,
                rule.reply,
                _("{name}: reply to the complainant {d}").format(name=name, d=within(rule.reply)),
                label,
            )
        )
    if requested is not None and rule.resident_may_set_deadline:
        due = calendar.local(requested)
        explanation = _("{label} {received}; the resident asked for {due}").format(
            label=label, received=moment_text(calendar.local(received)), due=moment_text(due)
        )
        if rule.resolve:
            explanation += _(" (instead of {d})").format(d=within(rule.resolve))
        out.append(
            Deadline(
                Milestone.RESOLVE,
                due,
                _("{name}: resolve by the deadline the resident asked for").format(name=name),
                explanation,
            )
        )
    elif rule.resolve:
        out.append(
            _deadline(
                calendar,
                Milestone.RESOLVE,
                received,
                rule.resolve,
                _("{name}: resolve {d}").format(name=name, d=within(rule.resolve)),
                label,
            )
        )
    if complaint_class in (ComplaintClass.IMPORTANT, ComplaintClass.MINOR):
        out.append(
            _deadline(
                calendar,
                Milestone.UPGRADE,
                received,
                policy.upgrade_after,
                _("a valid complaint still open {d} after reception becomes major").format(
                    d=policy.upgrade_after
                ),
                label,
            )
        )
    return out


def extended_resolution(
    previous: Deadline, new_due: datetime, *, approver: str, approved_at: datetime
) -> Deadline:
    """The resolution deadline an approved extension puts in place of ``previous``."""
    return Deadline(
        Milestone.RESOLVE,
        new_due,
        _("extension approved by {who}").format(who=approver),
        _("approved by {who} at {at}; replaces the deadline {old} ({rule})").format(
            who=approver,
            at=moment_text(approved_at.astimezone(new_due.tzinfo)),
            old=moment_text(previous.due.astimezone(new_due.tzinfo)),
            rule=previous.rule,
        ),
    )


def callback_deadline(
    policy: Policy,
    reason: FollowUpReason,
    start: datetime,
    *,
    promised: datetime | None = None,
    evening_ok: bool = False,
    urgent: bool = False,
) -> Deadline:
    """When a follow-up call (回访) is due, never planned for the night.

    ``start`` is the moment the follow-up comes to exist: the repair done, the leak test, the
    complaint resolved, the call that made the promise. Promised and progress calls are due at
    ``promised``. A due time outside the callable window moves back to the end of the last window
    before it; if that is before ``start``, to the start of the next window instead.
    """
    calendar = WorkingCalendar(policy)
    start = calendar.local(start)
    evening = evening_ok or urgent
    label = {
        FollowUpReason.REPAIR_LEAK: _("leak test"),
        FollowUpReason.COMPLAINT_RESULT: _("complaint resolved"),
        FollowUpReason.PROMISED: _("promise made"),
        FollowUpReason.PROGRESS: _("progress call planned"),
    }.get(reason, _("repair done"))
    steps = [f"{label} {moment_text(start)}"]
    raw_text = ""
    if reason in (FollowUpReason.PROMISED, FollowUpReason.PROGRESS):
        if promised is None:
            raise ValueError(_("a promised call needs the promised time"))
        raw = calendar.local(promised)
        rule = _("call back by the time promised to the caller")
        steps.append(_("promised {due}").format(due=moment_text(raw)))
    else:
        duration = policy.followup[reason]
        rule = _("{reason} follow-up {d}").format(reason=named(reason), d=within(duration))
        if duration.unit is Unit.SAME_DAY:
            raw = datetime.combine(start.date() + timedelta(days=1), time(0), tzinfo=calendar.tz)
            steps.append(_("same day: by the end of {day}").format(day=day_text(start)))
            raw_text = _("the end of that day")
        else:
            raw, how = _advance(calendar, start, duration)
            steps.append(how)
    due = _into_window(calendar, raw, start, evening, steps, raw_text)
    return Deadline(Milestone.CALLBACK, due, rule, "; ".join(steps))


def _into_window(
    calendar: WorkingCalendar,
    raw: datetime,
    start: datetime,
    evening: bool,
    steps: list[str],
    raw_text: str,
) -> datetime:
    window = calendar.policy.callable_evening if evening else calendar.policy.callable_normal
    which = _("evening window") if evening else _("callable window")
    if raw >= start and calendar.window_at(raw, evening=evening):
        return raw
    last = calendar.last_window_ending_by(raw, evening=evening)
    if last.end >= start:
        steps.append(
            _(
                "{raw} is outside the {which} ({window}): due at the end of the last "
                "window before it = {due}"
            ).format(
                raw=raw_text or f"{raw:%H:%M}",
                which=which,
                window=window,
                due=moment_text(last.end),
            )
        )
        return last.end
    following = calendar.current_or_next_window(start, evening=evening)
    due = max(following.start, start)
    steps.append(
        _(
            "the last {which} ({window}) before that ended before the follow-up existed, "
            "so due at the start of the next window = {due}"
        ).format(which=which, window=window, due=moment_text(due))
    )
    return due
