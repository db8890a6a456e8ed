"""DOMAIN.md §4: follow-up calls, only in the callable window, with the worked examples."""

from dataclasses import replace
from datetime import date

import pytest

from frontdesk.domain.deadlines.rules import callback_deadline
from frontdesk.domain.vocabulary.kinds import FollowUpReason as Reason
from frontdesk.wording import said_steps
from tests.conftest import at


def test_water_leak_follow_up_is_three_days_after_the_leak_test(policy):
    assert callback_deadline(policy, Reason.REPAIR_LEAK, at(2026, 12, 3, 16)).due == at(
        2026, 12, 6, 16
    )


def test_safety_facility_follow_up_is_within_two_days(policy):
    assert callback_deadline(policy, Reason.REPAIR_SAFETY, at(2026, 12, 3, 10)).due == at(
        2026, 12, 5, 10
    )


def test_other_repair_done_after_hours_is_followed_up_by_the_last_window_before(policy):
    deadline = callback_deadline(policy, Reason.REPAIR_OTHER, at(2026, 12, 3, 19, 30))
    assert deadline.due == at(2026, 12, 5, 18, 0)
    assert "outside the callable window" in said_steps(deadline.steps)


def test_complaint_result_is_called_the_same_day(policy):
    assert callback_deadline(policy, Reason.COMPLAINT_RESULT, at(2026, 12, 3, 11)).due == at(
        2026, 12, 3, 18
    )


def test_complaint_resolved_at_night_is_called_at_the_next_window_opening(policy):
    deadline = callback_deadline(policy, Reason.COMPLAINT_RESULT, at(2026, 12, 3, 20, 15))
    assert deadline.due == at(2026, 12, 4, 8, 30)
    assert "start of the next window" in said_steps(deadline.steps)


def test_complaint_resolved_at_night_with_evening_consent_is_called_by_nine(policy):
    deadline = callback_deadline(
        policy, Reason.COMPLAINT_RESULT, at(2026, 12, 3, 20, 15), evening_ok=True
    )
    assert deadline.due == at(2026, 12, 3, 21, 0)


def test_urgent_calls_use_the_evening_window(policy):
    deadline = callback_deadline(
        policy, Reason.COMPLAINT_RESULT, at(2026, 12, 3, 20, 15), urgent=True
    )
    assert deadline.due == at(2026, 12, 3, 21, 0)


def test_promised_reply_is_due_at_the_promised_time(policy):
    deadline = callback_deadline(
        policy, Reason.PROMISED, at(2026, 12, 3, 10), promised=at(2026, 12, 3, 16)
    )
    assert deadline.due == at(2026, 12, 3, 16)


def test_promise_for_the_evening_without_consent_is_kept_inside_the_window(policy):
    deadline = callback_deadline(
        policy, Reason.PROMISED, at(2026, 12, 3, 10), promised=at(2026, 12, 3, 20)
    )
    assert deadline.due == at(2026, 12, 3, 18)


def test_promise_for_the_evening_with_consent_stands(policy):
    deadline = callback_deadline(
        policy, Reason.PROMISED, at(2026, 12, 3, 10), promised=at(2026, 12, 3, 20), evening_ok=True
    )
    assert deadline.due == at(2026, 12, 3, 20)


def test_promise_before_the_window_opens_moves_back_to_the_previous_evening(policy):
    deadline = callback_deadline(
        policy, Reason.PROMISED, at(2026, 12, 3, 10), promised=at(2026, 12, 4, 7, 0)
    )
    assert deadline.due == at(2026, 12, 3, 18)


def test_promised_call_needs_the_promised_time(policy):
    with pytest.raises(ValueError):
        callback_deadline(policy, Reason.PROMISED, at(2026, 12, 3, 10))


def test_follow_ups_are_not_planned_on_closed_days(policy):
    closed = replace(policy, closed_dates=frozenset({date(2026, 12, 5)}))
    # Due Sat 5 Dec 10:00, but the counter is closed that day: the last window is Fri's.
    deadline = callback_deadline(closed, Reason.REPAIR_OTHER, at(2026, 12, 3, 10))
    assert deadline.due == at(2026, 12, 4, 18)


def test_follow_up_made_on_a_closed_day_at_night_waits_for_the_next_open_day(policy):
    closed = replace(policy, closed_dates=frozenset({date(2026, 12, 4)}))
    deadline = callback_deadline(closed, Reason.COMPLAINT_RESULT, at(2026, 12, 3, 20, 15))
    assert deadline.due == at(2026, 12, 5, 8, 30)


def test_callback_explanations_carry_every_step(policy):
    deadline = callback_deadline(policy, Reason.REPAIR_OTHER, at(2026, 12, 3, 19, 30))
    assert said_steps(deadline.steps).count(";") == 2
    assert "repair done Thu 3 Dec 2026 19:30" in said_steps(deadline.steps)
