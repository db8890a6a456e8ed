"""Deadlines of DOMAIN.md §3 and §4, each with the explanation of how it was worked out.

Users of other helpdesks complain most that they cannot see how a deadline came about; every
``Deadline`` here carries its rule and the steps from the starting moment to the due time, as
sentences (domain/vocabulary/sentences.py) the reader sees in their own language.
"""

from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta

from dateutil.relativedelta import relativedelta
from dateutil.rrule import DAILY, rrule, rruleset

from frontdesk.domain.clock.hours import WorkingCalendar
from frontdesk.domain.vocabulary.durations import Duration, Unit
from frontdesk.domain.vocabulary.kinds import ComplaintClass, FollowUpReason, Milestone
from frontdesk.domain.vocabulary.policy import Policy, is_working_day_count
from frontdesk.domain.vocabulary.sentences import Day, Moment, Sentence, Within, sentence

__all__ = ["Deadline", "callback_deadline", "complaint_deadlines"]


@dataclass(frozen=True)
class Deadline:
    """When a milestone is due, under which rule, and the steps by which that moment was
    reached: the moment it ran from, then each adjustment with the policy facts it used."""

    milestone: Milestone
    due: datetime
    rule: Sentence
    steps: tuple[Sentence, ...]


def _advance(
    calendar: WorkingCalendar, start: datetime, duration: Duration
) -> tuple[datetime, Sentence]:
    """``start`` moved on by ``duration``, with the step that says how."""
    start = calendar.local(start)
    n = duration.amount
    if duration.unit is Unit.HOURS:
        # Counted on the UTC line: in a zone with daylight saving, an hour is still an hour.
        due = calendar.local(start.astimezone(UTC) + timedelta(hours=n))
        return due, sentence("+ {d} clock time = {due}", d=duration, due=Moment(due))
    if duration.unit is Unit.MONTHS:
        due = start + relativedelta(months=n)
        if due.day != start.day:
            return due, sentence(
                "+ {d}, the same day of the month (the month has no day {day}: its last day)"
                " = {due}",
                d=duration,
                day=start.day,
                due=Moment(due),
            )
        return due, sentence(
            "+ {d}, the same day of the month = {due}", d=duration, due=Moment(due)
        )
    if duration.unit is Unit.SAME_DAY:
        return _same_day(calendar, start)
    if is_working_day_count(calendar.policy, duration):
        return _working_days(calendar, start, n)
    due = calendar.local(start.astimezone(UTC) + timedelta(days=n))
    return due, sentence("+ {n} × 24 h (calendar days) = {due}", n=n, due=Moment(due))


def _same_day(calendar: WorkingCalendar, start: datetime) -> tuple[datetime, Sentence]:
    period = calendar.next_working_period_end(start)
    hours = f"{period.start:%H:%M}-{period.end:%H:%M}"
    if period.start.date() == start.date():
        return period.end, sentence(
            "same day: before that day's working hours end ({hours}) = {due}",
            hours=hours,
            due=Moment(period.end),
        )
    today = calendar.working_period(start.date())
    ended = f"{today.end:%H:%M}" if today else ""
    why = (
        sentence("received after working hours ended at {end}", end=ended)
        if today
        else sentence("received on a day the counter is closed")
    )
    return period.end, sentence(
        "same day: {why}, so by the end of the next working period = {due}",
        why=why,
        due=Moment(period.end),
    )


def _working_days(calendar: WorkingCalendar, start: datetime, n: int) -> tuple[datetime, Sentence]:
    naive = start.replace(tzinfo=None)
    open_weekdays = [day for day, hours in calendar.policy.hours.items() if hours is not None]
    days = rruleset()
    days.rrule(rrule(DAILY, dtstart=naive + timedelta(days=1), byweekday=open_weekdays))
    for closed in calendar.policy.closed_dates:
        days.exdate(datetime.combine(closed, naive.time()))
    for index, day in enumerate(days):
        if index == n - 1:
            due = day.replace(tzinfo=calendar.tz)
            return due, sentence(
                "+ {n} working days (closed days skipped) = {due}", n=n, due=Moment(due)
            )
    raise AssertionError("an rrule over open weekdays never ends")  # pragma: no cover


def _deadline(
    calendar: WorkingCalendar,
    milestone: Milestone,
    start: datetime,
    duration: Duration,
    rule: Sentence,
    start_label: Sentence,
) -> Deadline:
    due, how = _advance(calendar, start, duration)
    return Deadline(milestone, due, rule, (_started(start_label, calendar.local(start)), how))


def _started(label: Sentence, at: datetime) -> Sentence:
    return sentence("{start} {at}", start=label, at=Moment(at))


def complaint_deadlines(
    policy: Policy,
    complaint_class: ComplaintClass,
    received: datetime,
    *,
    requested: datetime | None = None,
    start_label: Sentence | None = None,
) -> list[Deadline]:
    """The milestones of a complaint of ``complaint_class`` received at ``received``.

    ``requested`` is the resolution deadline the resident asked for, honoured where the class
    allows it (minor). ``start_label`` names the starting moment in explanations (reception by
    default; an automatic upgrade starts the major clocks at the upgrade).
    """
    calendar = WorkingCalendar(policy)
    rule = policy.complaint[complaint_class]
    label = start_label or sentence("received")
    name = sentence("{cls} complaint", cls=complaint_class)
    out: list[Deadline] = []
    if rule.escalate and rule.escalate_to:
        out.append(
            _deadline(
                calendar,
                Milestone.ESCALATE,
                received,
                rule.escalate,
                sentence(
                    "{name}: escalate to the {who} {d}",
                    name=name,
                    who=rule.escalate_to,
                    d=Within(rule.escalate),
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
                sentence("{name}: reply to the complainant {d}", name=name, d=Within(rule.reply)),
                label,
            )
        )
    if requested is not None and rule.resident_may_set_deadline:
        due = calendar.local(requested)
        asked = (
            sentence(
                "the resident asked for {due} (instead of {d})",
                due=Moment(due),
                d=Within(rule.resolve),
            )
            if rule.resolve
            else sentence("the resident asked for {due}", due=Moment(due))
        )
        out.append(
            Deadline(
                Milestone.RESOLVE,
                due,
                sentence("{name}: resolve by the deadline the resident asked for", name=name),
                (_started(label, calendar.local(received)), asked),
            )
        )
    elif rule.resolve:
        out.append(
            _deadline(
                calendar,
                Milestone.RESOLVE,
                received,
                rule.resolve,
                sentence("{name}: resolve {d}", name=name, d=Within(rule.resolve)),
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
                sentence(
                    "a valid complaint still open {d} after reception becomes major",
                    d=policy.upgrade_after,
                ),
                label,
            )
        )
    return out


def extended_resolution(
    previous: Deadline | None, new_due: datetime, *, approver: str, approved_at: datetime
) -> Deadline:
    """The resolution deadline an approved extension puts in place of ``previous`` (None: no
    resolution deadline was running)."""
    at = Moment(approved_at.astimezone(new_due.tzinfo))
    step = (
        sentence(
            "approved by {who} at {at}; replaces the deadline {old} ({rule})",
            who=approver,
            at=at,
            old=Moment(previous.due.astimezone(new_due.tzinfo)),
            rule=previous.rule,
        )
        if previous
        else sentence("approved by {who} at {at}", who=approver, at=at)
    )
    return Deadline(
        Milestone.RESOLVE, new_due, sentence("extension approved by {who}", who=approver), (step,)
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
        FollowUpReason.REPAIR_LEAK: sentence("leak test"),
        FollowUpReason.COMPLAINT_RESULT: sentence("complaint resolved"),
        FollowUpReason.PROMISED: sentence("promise made"),
        FollowUpReason.PROGRESS: sentence("progress call planned"),
        FollowUpReason.MISSED_CALL: sentence("rang unanswered"),
    }.get(reason, sentence("repair done"))
    steps = [_started(label, start)]
    raw_text: Sentence | None = None
    if reason in (FollowUpReason.PROMISED, FollowUpReason.PROGRESS):
        if promised is None:
            raise ValueError("a promised call needs the promised time")
        raw = calendar.local(promised)
        rule = sentence("call back by the time promised to the caller")
        steps.append(sentence("promised {due}", due=Moment(raw)))
    else:
        duration = policy.followup[reason]
        rule = sentence("{reason} follow-up {d}", reason=reason, d=Within(duration))
        if duration.unit is Unit.SAME_DAY:
            raw = datetime.combine(start.date() + timedelta(days=1), time(0), tzinfo=calendar.tz)
            steps.append(sentence("same day: by the end of {day}", day=Day(start)))
            raw_text = sentence("the end of that day")
        else:
            raw, how = _advance(calendar, start, duration)
            steps.append(how)
    due = _into_window(calendar, raw, start, evening, steps, raw_text)
    return Deadline(Milestone.CALLBACK, due, rule, tuple(steps))


def _into_window(
    calendar: WorkingCalendar,
    raw: datetime,
    start: datetime,
    evening: bool,
    steps: list[Sentence],
    raw_text: Sentence | None,
) -> datetime:
    window = str(calendar.policy.callable_evening if evening else calendar.policy.callable_normal)
    which = sentence("evening window") if evening else sentence("callable window")
    if raw >= start and calendar.window_at(raw, evening=evening):
        return raw
    last = calendar.last_window_ending_by(raw, evening=evening)
    clock = f"{raw:%H:%M}"
    if last.end >= start:
        steps.append(
            sentence(
                "{raw} is outside the {which} ({window}): due at the end of the last "
                "window before it = {due}",
                raw=raw_text or clock,
                which=which,
                window=window,
                due=Moment(last.end),
            )
        )
        return last.end
    following = calendar.current_or_next_window(start, evening=evening)
    due = max(following.start, start)
    steps.append(
        sentence(
            "the last {which} ({window}) before that ended before the follow-up existed, "
            "so due at the start of the next window = {due}",
            which=which,
            window=window,
            due=Moment(due),
        )
    )
    return due
