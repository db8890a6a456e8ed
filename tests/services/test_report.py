"""The monthly report read from a real register (SQLite, or PostgreSQL with --database
postgresql), built through the counter's use cases: every figure of November known in advance
(see ``report_data``)."""

import pytest

from frontdesk.domain.clock.months import Month
from frontdesk.domain.report.figures import Outcome
from frontdesk.services.report.records import last_complete_month, report_for
from tests.services.report_data import NOW, build_register


@pytest.fixture
def register(session, desk, staff, clock):
    return build_register(session, desk, staff, clock)


@pytest.fixture
def november(register, session, desk):
    return report_for(session=session, desk=desk, month=Month(2026, 11))


def test_the_usual_month_is_the_last_complete_one(desk, clock):
    clock.moment = NOW
    assert last_complete_month(desk) == Month(2026, 11)


def test_matters_are_counted_by_kind_class_department_and_party(november):
    this = november.this
    assert (this.matters, this.complaints) == (5, 3)
    assert this.by_kind == {
        "enquiry": 1,
        "repair": 1,
        "complaint": 3,
        "suggestion": 0,
        "praise": 0,
        "other": 0,
    }
    assert this.by_class == {"major": 1, "important": 1, "minor": 1, "invalid": 0}
    assert this.by_department == {"": 2, "环境部": 1, "维修部": 1}
    assert this.by_party == {"安护部": 2, "环境部": 1}


def test_each_milestone_counts_the_deadlines_that_fell_due_in_the_month(november):
    counts = {name: m.counts for name, m in november.this.milestones.items()}
    assert counts["escalate"][Outcome.ON_TIME] == 1 and counts["escalate"][Outcome.MISSED] == 1
    assert counts["reply"][Outcome.LATE] == 1 and november.this.milestones["reply"].rate == 0
    assert (counts["resolve"][Outcome.ON_TIME], counts["resolve"][Outcome.MISSED]) == (2, 1)
    assert (counts["callback"][Outcome.ON_TIME], counts["callback"][Outcome.MISSED]) == (3, 1)
    assert november.this.milestones["reply"].counted == 1  # the enquiry's is its call-back
    assert november.this.on_time.counted == 10
    assert november.this.on_time.rate == pytest.approx(6 / 10)
    assert set(november.this.milestones) == {"escalate", "reply", "resolve", "callback"}


def test_the_follow_up_rate_is_of_follow_ups_owed_for_work_finished_in_the_month(november):
    figures = november.this.follow_ups
    assert (figures.owed, figures.made, figures.overdue, figures.not_yet_due) == (3, 2, 1, 0)
    assert figures.rate == pytest.approx(2 / 3)


def test_median_hours_from_reception_to_first_reply_and_to_resolution(november):
    assert (november.this.reply_hours, november.this.replies) == (72, 1)
    assert (november.this.resolve_hours, november.this.resolutions) == (84, 2)


def test_a_resident_complaining_twice_about_the_same_lift_is_a_repeat_complainer(november):
    (repeat,) = november.this.repeaters
    assert (repeat.name, repeat.unit, repeat.complaints) == ("张伟", "3-2-1201", 2)
    assert (repeat.raised_again, repeat.still_open) == (1, 0)


def test_the_month_before_is_reported_beside_it(november):
    october = november.previous
    assert (october.month, october.matters, october.by_class["important"]) == (
        Month(2026, 10),
        1,
        1,
    )
    assert october.on_time.rate == 1.0 and october.on_time.counted == 3
    assert october.follow_ups.rate == 1.0
    assert (october.resolve_hours, october.reply_hours) == (24, None)


def test_the_current_month_counts_what_is_not_yet_due_apart(register, session, desk):
    december = report_for(session=session, desk=desk, month=Month(2026, 12)).this
    assert december.complaints == 1
    resolve = december.milestones["resolve"]
    assert resolve.counts[Outcome.NOT_YET_DUE] == 1
    assert resolve.rate is None  # nothing fell due yet: no rate, rather than 0 %


def test_a_month_with_nothing_in_it_reports_noughts(register, session, desk):
    empty = report_for(session=session, desk=desk, month=Month(2025, 3)).this
    assert (empty.matters, empty.on_time.rate, empty.follow_ups.rate) == (0, None, None)
    assert empty.reply_hours is None and empty.repeaters == []
