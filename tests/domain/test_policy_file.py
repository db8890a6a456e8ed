"""The policy file: every number an estate may change, and clear errors naming key and line."""

from datetime import time

import pytest

from frontdesk.domain.vocabulary.durations import Duration, Unit, parse_duration
from frontdesk.domain.vocabulary.kinds import ComplaintClass, FollowUpReason, Role
from frontdesk.domain.vocabulary.policy import PolicyError, load_policy, parse_policy
from tests.conftest import ROOT

SHIPPED = (ROOT / "data" / "policy.toml").read_text(encoding="utf-8")


def test_the_shipped_policy_holds_the_handbook_numbers(policy):
    assert policy.centre_name == "阳光花园"
    assert str(policy.timezone) == "Asia/Shanghai"
    assert policy.hours[0].start == time(8, 30) and policy.hours[6].end == time(18, 0)
    assert (policy.callable_normal.end, policy.callable_evening.end) == (time(18), time(21))
    assert (policy.pick_up_within, policy.apologise_from) == (3, 5)
    major = policy.complaint[ComplaintClass.MAJOR]
    assert (major.escalate_to, major.escalate.unit, major.reply, major.resolve) == (
        Role.MANAGER,
        Unit.SAME_DAY,
        Duration(2, Unit.DAYS),
        Duration(10, Unit.DAYS),
    )
    assert policy.complaint[ComplaintClass.IMPORTANT].extension_approver is Role.MANAGER
    assert policy.complaint[ComplaintClass.MINOR].resident_may_set_deadline
    assert policy.followup[FollowUpReason.REPAIR_LEAK] == Duration(3, Unit.DAYS)
    assert policy.upgrade_after == Duration(1, Unit.MONTHS)


def test_a_wrong_value_is_reported_with_its_key_and_line():
    broken = SHIPPED.replace('resolve = "3 days"', 'resolve = "three days"')
    line = SHIPPED.splitlines().index('resolve = "3 days"') + 1
    with pytest.raises(PolicyError) as error:
        parse_policy(broken)
    assert error.value.key == "complaint.important.resolve"
    assert error.value.line == line
    assert f"line {line}" in str(error.value) and "three days" in str(error.value)


def test_a_missing_key_is_reported_with_its_table():
    broken = SHIPPED.replace('evening = "08:30-21:00"\n', "")
    with pytest.raises(PolicyError, match="callable.evening.*missing"):
        parse_policy(broken)


def test_broken_toml_is_reported_with_its_line():
    with pytest.raises(PolicyError) as error:
        parse_policy("[centre]\nname = \n")
    assert error.value.line == 2


def test_working_hours_must_end_after_they_start():
    broken = SHIPPED.replace('monday = "08:30-18:00"', 'monday = "18:00-08:30"')
    with pytest.raises(PolicyError, match="hours.monday"):
        parse_policy(broken)


def test_a_weekday_may_be_closed_but_not_every_weekday():
    closed_sunday = parse_policy(SHIPPED.replace('sunday = "08:30-18:00"', 'sunday = "closed"'))
    assert closed_sunday.hours[6] is None
    all_closed = SHIPPED
    for day in ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"):
        all_closed = all_closed.replace(f'{day} = "08:30-18:00"', f'{day} = "closed"')
    with pytest.raises(PolicyError, match="at least one weekday"):
        parse_policy(all_closed)


def test_closed_dates_and_unknown_time_zones_are_checked():
    with pytest.raises(PolicyError, match="2027-13-01"):
        parse_policy(SHIPPED.replace("closed_dates = []", 'closed_dates = ["2027-13-01"]'))
    with pytest.raises(PolicyError, match="Mars/Base"):
        parse_policy(SHIPPED.replace("Asia/Shanghai", "Mars/Base"))


def test_a_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(PolicyError, match="cannot read"):
        load_policy(tmp_path / "nope.toml")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1 hours", Duration(1, Unit.HOURS)),
        ("1 hour", Duration(1, Unit.HOURS)),
        ("3 days", Duration(3, Unit.DAYS)),
        ("2 working days", Duration(2, Unit.WORKING_DAYS)),
        ("1 months", Duration(1, Unit.MONTHS)),
        ("same day", Duration(0, Unit.SAME_DAY)),
    ],
)
def test_durations_read_as_the_policy_writes_them(text, expected):
    assert parse_duration(text) == expected


@pytest.mark.parametrize("text", ["", "3", "0 days", "-1 days", "3 weeks", "soon"])
def test_durations_that_are_not_are_refused(text):
    with pytest.raises(ValueError):
        parse_duration(text)


@pytest.mark.parametrize(
    ("typo", "key"),
    [
        ("[complaint.major]", "[complaint.majr]"),
        ('resolve = "3 days"', 'reslove = "3 days"'),
        ("[rings]", "[ring]"),
    ],
)
def test_a_typo_is_an_error_not_a_silently_missing_rule(typo, key):
    with pytest.raises(PolicyError) as error:
        parse_policy(SHIPPED.replace(typo, key, 1))
    assert "unknown key" in str(error.value)
    assert error.value.line is not None


def test_a_class_cannot_leave_out_a_milestone_of_the_handbook():
    without_reply = SHIPPED.replace('reply = "2 days"\n', "", 1)
    with pytest.raises(PolicyError, match="complaint.major.reply.*missing"):
        parse_policy(without_reply)


@pytest.mark.parametrize(
    ("old", "new", "key"),
    [
        ("apologise_from = 5", "apologise_from = 2", "rings.apologise_from"),
        ('evening = "08:30-21:00"', 'evening = "08:30-17:00"', "callable.evening"),
        ('upgrade_after = "1 months"', 'upgrade_after = "same day"', "complaint.upgrade_after"),
    ],
)
def test_keys_that_contradict_each_other_are_refused(old, new, key):
    with pytest.raises(PolicyError) as error:
        parse_policy(SHIPPED.replace(old, new))
    assert error.value.key == key
