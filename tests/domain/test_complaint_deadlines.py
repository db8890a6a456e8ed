"""DOMAIN.md §3: complaint classes, escalation and deadlines, with the worked examples."""

from dataclasses import replace
from datetime import date

import pytest

from frontdesk.domain.deadlines.rules import complaint_deadlines, extended_resolution
from frontdesk.domain.vocabulary.kinds import ComplaintClass, Milestone
from frontdesk.domain.vocabulary.policy import TimeRange
from frontdesk.wording import said_steps, say
from tests.conftest import at


def due(policy, cls, received, **kw):
    return {d.milestone: d.due for d in complaint_deadlines(policy, cls, received, **kw)}


def test_important_complaint_escalates_to_supervisor_within_an_hour(policy):
    deadlines = due(policy, ComplaintClass.IMPORTANT, at(2026, 12, 2, 14, 40))
    assert deadlines[Milestone.ESCALATE] == at(2026, 12, 2, 15, 40)


def test_important_complaint_is_resolved_within_three_days(policy):
    deadlines = due(policy, ComplaintClass.IMPORTANT, at(2026, 12, 2, 14, 40))
    assert deadlines[Milestone.RESOLVE] == at(2026, 12, 5, 14, 40)


def test_important_complaint_becomes_major_if_open_a_calendar_month(policy):
    deadlines = due(policy, ComplaintClass.IMPORTANT, at(2026, 12, 2, 14, 40))
    assert deadlines[Milestone.UPGRADE] == at(2027, 1, 2, 14, 40)


def test_important_complaint_has_no_reply_milestone(policy):
    assert Milestone.REPLY not in due(policy, ComplaintClass.IMPORTANT, at(2026, 12, 2, 14, 40))


def test_major_complaint_received_after_hours_goes_to_manager_by_end_of_next_working_day(policy):
    deadlines = due(policy, ComplaintClass.MAJOR, at(2026, 12, 2, 19, 10))
    assert deadlines == {
        Milestone.ESCALATE: at(2026, 12, 3, 18, 0),
        Milestone.REPLY: at(2026, 12, 4, 19, 10),
        Milestone.RESOLVE: at(2026, 12, 12, 19, 10),
    }


def test_major_complaint_in_working_hours_goes_to_manager_the_same_day(policy):
    deadlines = due(policy, ComplaintClass.MAJOR, at(2026, 12, 2, 9, 15))
    assert deadlines[Milestone.ESCALATE] == at(2026, 12, 2, 18, 0)


def test_major_complaint_before_opening_is_due_by_that_days_close(policy):
    deadlines = due(policy, ComplaintClass.MAJOR, at(2026, 12, 2, 7, 0))
    assert deadlines[Milestone.ESCALATE] == at(2026, 12, 2, 18, 0)


def test_major_complaint_on_a_closed_day_is_due_by_end_of_next_working_period(policy):
    closed = replace(policy, closed_dates=frozenset({date(2027, 1, 1)}))
    deadlines = due(closed, ComplaintClass.MAJOR, at(2027, 1, 1, 10, 0))
    assert deadlines[Milestone.ESCALATE] == at(2027, 1, 2, 18, 0)


def test_same_day_skips_weekdays_the_counter_is_closed(policy):
    hours = dict(policy.hours)
    hours[3] = None  # Thursday closed
    closed_thursdays = replace(policy, hours=hours)
    deadlines = due(closed_thursdays, ComplaintClass.MAJOR, at(2026, 12, 2, 19, 10))
    assert deadlines[Milestone.ESCALATE] == at(2026, 12, 4, 18, 0)


def test_minor_complaint_honours_the_deadline_the_resident_asked_for(policy):
    deadlines = due(
        policy, ComplaintClass.MINOR, at(2026, 12, 2, 9, 0), requested=at(2026, 12, 2, 17, 0)
    )
    assert deadlines[Milestone.RESOLVE] == at(2026, 12, 2, 17, 0)


def test_minor_complaint_without_a_request_is_resolved_within_two_days(policy):
    deadlines = due(policy, ComplaintClass.MINOR, at(2026, 12, 2, 9, 0))
    assert deadlines[Milestone.RESOLVE] == at(2026, 12, 4, 9, 0)
    assert Milestone.ESCALATE not in deadlines


def test_requested_deadline_is_ignored_for_classes_that_set_their_own(policy):
    deadlines = due(
        policy, ComplaintClass.IMPORTANT, at(2026, 12, 2, 9, 0), requested=at(2026, 12, 2, 17, 0)
    )
    assert deadlines[Milestone.RESOLVE] == at(2026, 12, 5, 9, 0)


def test_one_month_after_31_january_is_the_end_of_february(policy):
    deadlines = due(policy, ComplaintClass.IMPORTANT, at(2027, 1, 31, 10, 0))
    assert deadlines[Milestone.UPGRADE] == at(2027, 2, 28, 10, 0)


def test_one_month_after_31_january_in_a_leap_year_is_29_february(policy):
    deadlines = due(policy, ComplaintClass.MINOR, at(2028, 1, 31, 10, 0))
    assert deadlines[Milestone.UPGRADE] == at(2028, 2, 29, 10, 0)


def test_the_month_end_clamp_is_explained(policy):
    upgrade = complaint_deadlines(policy, ComplaintClass.IMPORTANT, at(2027, 1, 31, 10, 0))[-1]
    assert "last day" in said_steps(upgrade.steps)


def test_invalid_complaint_only_needs_the_reason_explained(policy):
    deadlines = due(policy, ComplaintClass.INVALID, at(2026, 12, 2, 14, 0))
    assert deadlines == {Milestone.REPLY: at(2026, 12, 2, 18, 0)}


def test_working_days_policy_skips_closed_days(policy):
    hours = dict(policy.hours)
    hours[5] = hours[6] = None  # closed at weekends
    weekdays = replace(
        policy, hours=hours, count_working_days=True, closed_dates=frozenset({date(2026, 12, 7)})
    )
    # Received Thu 3 Dec: Fri 4 is one, Mon 7 is closed, Tue 8 two, Wed 9 three.
    deadlines = due(weekdays, ComplaintClass.IMPORTANT, at(2026, 12, 3, 10, 0))
    assert deadlines[Milestone.RESOLVE] == at(2026, 12, 9, 10, 0)
    assert deadlines[Milestone.ESCALATE] == at(2026, 12, 3, 11, 0)


def test_every_deadline_says_how_it_was_worked_out(policy):
    for cls in ComplaintClass:
        for deadline in complaint_deadlines(policy, cls, at(2026, 12, 2, 19, 10)):
            assert say(deadline.rule)
            assert "Wed 2 Dec 2026 19:10" in said_steps(deadline.steps)
            assert deadline.due.strftime("%H:%M") in said_steps(deadline.steps)


def test_after_hours_reception_is_named_in_the_explanation(policy):
    escalate = complaint_deadlines(policy, ComplaintClass.MAJOR, at(2026, 12, 2, 19, 10))[0]
    assert "after working hours" in said_steps(escalate.steps)


def test_approved_extension_replaces_resolution_and_records_who_and_when(policy):
    resolve = due(policy, ComplaintClass.IMPORTANT, at(2026, 12, 2, 14, 40))[Milestone.RESOLVE]
    old = next(
        d
        for d in complaint_deadlines(policy, ComplaintClass.IMPORTANT, at(2026, 12, 2, 14, 40))
        if d.milestone is Milestone.RESOLVE
    )
    assert old.due == resolve
    new = extended_resolution(
        old, at(2026, 12, 8, 18), approver="陈经理", approved_at=at(2026, 12, 4, 10)
    )
    assert new.milestone is Milestone.RESOLVE
    assert new.due == at(2026, 12, 8, 18)
    assert "陈经理" in say(new.rule) and "Fri 4 Dec 2026 10:00" in said_steps(new.steps)
    assert "Sat 5 Dec 2026 14:40" in said_steps(new.steps)


def test_moments_in_other_zones_are_read_in_the_estates_zone(policy):
    from datetime import UTC, datetime

    received = datetime(2026, 12, 2, 11, 10, tzinfo=UTC)  # 19:10 in Shanghai: after hours
    assert due(policy, ComplaintClass.MAJOR, received)[Milestone.ESCALATE] == at(2026, 12, 3, 18)


def test_naive_moments_are_refused(policy):
    from datetime import datetime

    with pytest.raises(ValueError):
        complaint_deadlines(policy, ComplaintClass.MAJOR, datetime(2026, 12, 2, 19, 10))  # noqa: DTZ001


def test_shorter_hours_on_one_weekday_set_that_days_same_day_deadline(policy):
    hours = dict(policy.hours)
    hours[2] = TimeRange(hours[2].start, hours[2].end.replace(hour=12, minute=0))
    short_wednesday = replace(policy, hours=hours)
    deadlines = due(short_wednesday, ComplaintClass.MAJOR, at(2026, 12, 2, 13, 0))
    assert deadlines[Milestone.ESCALATE] == at(2026, 12, 3, 18, 0)


def test_hours_are_real_hours_across_a_daylight_saving_change(policy):
    from zoneinfo import ZoneInfo

    london = replace(policy, timezone=ZoneInfo("Europe/London"))
    # Sun 25 Oct 2026: clocks go back at 02:00 BST; 00:30 BST + 3 h is 02:30 GMT.
    received = at(2026, 10, 25, 0, 30).replace(tzinfo=ZoneInfo("Europe/London"))
    hours = dict(policy.hours)
    deadlines = complaint_deadlines(
        replace(london, hours=hours), ComplaintClass.IMPORTANT, received
    )
    escalate = deadlines[0].due
    assert (escalate - received).total_seconds() == 3600
