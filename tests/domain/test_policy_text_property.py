"""Whatever an estate writes in its policy file: typed settings or a PolicyError naming the key
and line, never a crash; and every policy that loads can work out every deadline."""

import json
import tomllib
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from frontdesk.domain.deadlines.rules import callback_deadline, complaint_deadlines
from frontdesk.domain.vocabulary.durations import parse_duration
from frontdesk.domain.vocabulary.kinds import ComplaintClass, FollowUpReason
from frontdesk.domain.vocabulary.policy import PolicyError, parse_policy, parse_time_range
from frontdesk.wording import said_steps, say
from tests.conftest import ROOT, SHANGHAI
from tests.domain.input_text import anything

SHIPPED = (ROOT / "data" / "policy.toml").read_text(encoding="utf-8")
MANY = settings(max_examples=200, deadline=None)
# Hypothesis takes naive bounds and puts the zone on what it draws.
EARLIEST, LATEST = datetime(2020, 1, 1), datetime(2035, 12, 31)  # noqa: DTZ001


def toml(table: dict[str, Any], prefix: str = "") -> str:
    """The few TOML forms a policy uses, written out (tomllib only reads)."""
    lines, tables = [], []
    for key, value in table.items():
        if isinstance(value, dict):
            tables.append(f"\n[{prefix}{key}]\n" + toml(value, f"{prefix}{key}."))
        else:
            lines.append(f"{json.dumps(key, ensure_ascii=False)} = {_value(value)}")
    return "\n".join(lines) + "".join(tables) + "\n"


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | date):
        return str(value) if not isinstance(value, datetime) else value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    return json.dumps(str(value), ensure_ascii=False)


def _paths(table: dict[str, Any], prefix: str = "") -> list[str]:
    out = []
    for key, value in table.items():
        out += _paths(value, f"{prefix}{key}.") if isinstance(value, dict) else [prefix + key]
    return out


SHIPPED_TABLE = tomllib.loads(SHIPPED)
PATHS = _paths(SHIPPED_TABLE)
WORDS = [
    "same day", "3 days", "99999999 days", "closed", "08:30-18:00", "Asia/Shanghai", "Asia",
    "Europe/London", "../etc/passwd", "a" * 300, "UTC", "manager", "calendar", "working",
    "021", "0755", "21", "", " ", "阳光花园", "[bold]",
]  # fmt: skip
toml_values = st.recursive(
    st.one_of(
        st.sampled_from(WORDS),
        anything,
        st.integers(min_value=-(2**63), max_value=2**63 - 1),
        st.booleans(),
        st.dates(),
    ),
    lambda inner: st.lists(inner, max_size=4),
    max_leaves=8,
)
# What each kind of key holds, right and wrong, so that many changed files still load.
DURATIONS = [
    "same day",
    "1 hours",
    "3 days",
    "2 working days",
    "1 months",
    "0 days",
    "-1 days",
    "99999999 days",
    "999999999999 months",
    "3650 days",
    "87600 hours",
    "120 months",
]
RANGES = ["closed", "CLOSED", "08:30-18:00", "00:00-23:59", "18:00-08:30", "24:00-25:00",
          "9:5-10:00", "23:58-23:59", "00:00-00:01"]  # fmt: skip
PLAUSIBLE = {"hours": RANGES, "callable": RANGES[2:], "complaint": DURATIONS, "followup": DURATIONS}


def _plausible(path: str) -> st.SearchStrategy:
    words = PLAUSIBLE.get(path.split(".")[0], WORDS)
    if path.endswith(("escalate_to", "extension_approver")):
        words = ["manager", "supervisor", "receptionist", "boss"]
    if path == "hours.closed_dates":
        return st.lists(st.dates(date(2019, 1, 1), date(2037, 1, 1)), max_size=30)
    return st.one_of(*[st.sampled_from(words)] * 4, toml_values, st.none())


# A change to the shipped file: a key set to something else, taken out, or added.
change = st.sampled_from([*PATHS, "hours.closed_dates", "centre.extra", "complaint.x.y"]).flatmap(
    lambda path: st.tuples(st.just(path), _plausible(path))
)


def changed(changes: list[tuple[str, Any]]) -> str:
    table = json.loads(json.dumps(SHIPPED_TABLE, default=str))  # a deep copy, dates as text
    table["hours"]["closed_dates"] = []
    for path, value in changes:
        *parents, leaf = path.split(".")
        node = table
        for part in parents:
            node = node.setdefault(part, {}) if isinstance(node, dict) else {}
        if not isinstance(node, dict):
            continue
        if value is None:
            node.pop(leaf, None)
        else:
            node[leaf] = value
    return toml(table)


def assert_loads_or_says_where(text: str):
    try:
        return parse_policy(text, source="policy.toml")
    except PolicyError as error:
        assert str(error).startswith("policy.toml") and str(error).strip()
        return None


@MANY
@given(anything)
def test_any_text_is_a_policy_or_a_policy_error(text):
    assert_loads_or_says_where(text)


@pytest.mark.parametrize(
    "text",
    [
        "a = " + "[" * 5000 + "]" * 5000,
        "a = " + "{b = " * 3000 + "1" + "}" * 3000,
        SHIPPED.replace('"Asia/Shanghai"', '"Asia"'),
        SHIPPED.replace('"Asia/Shanghai"', '"' + "a" * 300 + '"'),
        SHIPPED.replace('"10 days"', '"' + "9" * 5000 + ' days"'),
        SHIPPED.replace('"10 days"', '"99999999 days"'),
        SHIPPED.replace('"1 months"', '"999999999999 months"'),
    ],
    ids=["deep-array", "deep-table", "zone-folder", "zone-long", "digits", "days", "months"],
)
def test_a_policy_file_that_could_never_work_is_refused_with_its_key(text):
    assert assert_loads_or_says_where(text) is None


@settings(max_examples=300, deadline=None)
@given(
    st.lists(change, min_size=1, max_size=4),
    st.datetimes(EARLIEST, LATEST, timezones=st.just(SHANGHAI)),
)
def test_every_policy_that_loads_works_out_every_deadline(changes, received):
    policy = assert_loads_or_says_where(changed(changes))
    if policy is None:
        return
    for cls in ComplaintClass:
        for deadline in complaint_deadlines(policy, cls, received):
            assert deadline.due >= received and said_steps(deadline.steps)
    for reason in FollowUpReason:
        promised = received + timedelta(days=1)
        deadline = callback_deadline(policy, reason, received, promised=promised)
        assert deadline.due >= received and say(deadline.rule)


@MANY
@given(st.one_of(anything, st.sampled_from(WORDS)))
def test_a_duration_reads_back_from_how_it_is_shown(text):
    try:
        duration = parse_duration(text)
    except ValueError as error:
        assert str(error).strip()
        return
    assert parse_duration(str(duration)) == duration


@MANY
@given(st.one_of(anything, st.sampled_from(WORDS)))
def test_a_time_range_reads_back_from_how_it_is_shown(text):
    try:
        hours = parse_time_range(text)
    except ValueError as error:
        assert str(error).strip()
        return
    assert hours.start < hours.end and parse_time_range(str(hours)) == hours
