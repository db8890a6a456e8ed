"""The monthly report worked out from plain records: months in the estate's zone, each deadline
counted once as on time, late, missed or not yet due, the follow-up rate, medians, repeats."""

from datetime import UTC, datetime, timedelta

import pytest

from frontdesk.domain.clock.months import Month, MonthError
from frontdesk.domain.report.figures import (
    DeadlineRecord,
    FollowUpRecord,
    MatterRecord,
    Outcome,
    Reached,
    Records,
    monthly_report,
    outcome,
)
from tests.conftest import SHANGHAI, at

NOW = at(2026, 12, 2, 14, 40)


def test_a_month_runs_from_the_first_at_midnight_local_to_the_next_first():
    november = Month.parse("2026-11")
    assert november.start(SHANGHAI) == at(2026, 11, 1)
    assert november.end(SHANGHAI) == at(2026, 12, 1)
    # 30 Nov 16:30 UTC is already 1 Dec 00:30 in Shanghai: December's.
    assert not november.holds(datetime(2026, 11, 30, 16, 30, tzinfo=UTC), SHANGHAI)
    assert november.holds(datetime(2026, 11, 30, 15, 59, tzinfo=UTC), SHANGHAI)
    assert Month.of(datetime(2026, 11, 30, 16, 30, tzinfo=UTC), SHANGHAI) == Month(2026, 12)


def test_january_follows_december_and_comes_before_february():
    assert Month(2026, 12).next() == Month(2027, 1)
    assert Month(2027, 1).previous() == Month(2026, 12)
    assert str(Month.parse("2027-1")) == "2027-01"


@pytest.mark.parametrize("text", ["2026-13", "2026-00", "nov", "2026/11", "", "11-2026"])
def test_a_month_that_is_not_one_is_refused_with_the_form_to_write(text):
    with pytest.raises(MonthError, match="YYYY-MM"):
        Month.parse(text)


def _deadline(due, met=None, superseded=None, milestone="resolve"):
    return DeadlineRecord(milestone, due, met, superseded)


@pytest.mark.parametrize(
    ("met", "superseded", "expected"),
    [
        (at(2026, 11, 10, 9), None, Outcome.ON_TIME),
        (at(2026, 11, 10, 10), None, Outcome.ON_TIME),  # met at the very minute
        (at(2026, 11, 10, 11), None, Outcome.LATE),
        (None, at(2026, 11, 10, 12), Outcome.MISSED),  # stopped unmet after it passed
        (None, at(2026, 11, 10, 9), Outcome.REPLACED),  # an extension before it fell due
        (None, None, Outcome.MISSED),  # still running, long past
    ],
)
def test_each_deadline_is_counted_one_way(met, superseded, expected):
    assert outcome(_deadline(at(2026, 11, 10, 10), met, superseded), NOW) is expected


def test_a_running_deadline_still_to_come_is_not_yet_due():
    assert outcome(_deadline(NOW + timedelta(hours=1)), NOW) is Outcome.NOT_YET_DUE


def _complaint(matter_id, received, who="resident:1", cls="minor", **more):
    return MatterRecord(
        matter_id, "complaint", received, cls, complainant=who, complainant_name="张伟", **more
    )


def test_the_month_against_the_one_before():
    records = Records(
        matters=[
            _complaint(1, at(2026, 11, 3), cls="major"),
            _complaint(2, at(2026, 11, 20), still_open=True, raised_again=1),
            _complaint(3, at(2026, 10, 31, 23, 59), who="resident:2"),
            MatterRecord(4, "repair", at(2026, 11, 5), department="维修部"),
            MatterRecord(5, "repair", at(2026, 12, 1), department="维修部"),  # December's
        ],
        deadlines=[
            _deadline(at(2026, 11, 4), met=at(2026, 11, 3, 12)),
            _deadline(at(2026, 11, 5), met=at(2026, 11, 6)),
            _deadline(at(2026, 11, 6), milestone="escalate"),
            _deadline(at(2026, 11, 7), milestone="upgrade"),  # a rule, not a service
            _deadline(at(2026, 11, 8), milestone="visit", met=at(2026, 11, 8, 2)),  # appointment
            _deadline(at(2026, 10, 7), met=at(2026, 10, 6)),
        ],
        follow_ups=[
            FollowUpRecord(
                "complaint-result",
                at(2026, 11, 4),
                at(2026, 11, 4, 18),
                "done",
                at(2026, 11, 4, 17),
            ),
            FollowUpRecord("repair-other", at(2026, 11, 30, 20), at(2026, 12, 2, 18), "owed"),
            FollowUpRecord(
                "repair-leak", at(2026, 11, 9), at(2026, 11, 12), "cancelled", at(2026, 11, 10)
            ),
            FollowUpRecord(
                "promised", at(2026, 11, 9), at(2026, 11, 9, 16), "done", at(2026, 11, 9, 17)
            ),
        ],
        replies=[
            Reached(at(2026, 11, 3), at(2026, 11, 4)),
            Reached(at(2026, 10, 1), at(2026, 11, 1, 6)),
        ],
        resolutions=[
            Reached(at(2026, 11, 3), at(2026, 11, 3, 10)),
            Reached(at(2026, 11, 20), at(2026, 11, 21)),
            Reached(at(2026, 11, 1), at(2026, 11, 1, 3)),
            Reached(at(2026, 10, 1), at(2026, 10, 2)),
        ],
    )
    report = monthly_report(records, Month(2026, 11), tz=SHANGHAI, now=NOW)
    this, before = report.this, report.previous
    assert (this.matters, this.complaints, before.complaints) == (3, 2, 1)
    assert this.by_class == {"major": 1, "important": 0, "minor": 1, "invalid": 0}
    assert this.by_department == {"维修部": 1, "": 2}
    resolve = this.milestones["resolve"].counts
    assert (resolve[Outcome.ON_TIME], resolve[Outcome.LATE]) == (1, 1)
    assert this.milestones["escalate"].counts[Outcome.MISSED] == 1
    assert "visit" not in this.milestones and "upgrade" not in this.milestones
    callbacks = this.milestones["callback"].counts
    assert (callbacks[Outcome.ON_TIME], callbacks[Outcome.LATE]) == (1, 1)
    assert callbacks[Outcome.REPLACED] == 1
    assert this.on_time.rate == pytest.approx(2 / 5)
    assert before.milestones["resolve"].rate == 1.0
    # 回访: the result call made; the repair's not due until 2 Dec 18:00, counted apart; the
    # cancelled one and the promise are not 回访 owed for finished work.
    follow = this.follow_ups
    assert (follow.owed, follow.made, follow.not_yet_due, follow.rate) == (1, 1, 1, 1.0)
    assert (this.reply_hours, this.replies) == (pytest.approx((24 + 750) / 2), 2)
    assert (this.resolve_hours, this.resolutions) == (10, 3)
    (repeat,) = this.repeaters
    assert (repeat.complainant, repeat.complaints, repeat.raised_again, repeat.still_open) == (
        "resident:1",
        2,
        1,
        1,
    )
    assert before.repeaters == []
    assert len(this.complaints_by_day) == 30 and len(before.complaints_by_day) == 31
    assert (this.complaints_by_day[2], this.complaints_by_day[19], sum(this.complaints_by_day)) == (
        1,
        1,
        2,
    )
    assert before.complaints_by_day[30] == 1  # 31 Oct 23:59
