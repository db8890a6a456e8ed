"""Sentences kept as data: what is stored reads back as the same sentence, in any language,
and a stored value the program no longer knows is shown, never a traceback."""

import json

import pytest

from frontdesk import i18n
from frontdesk.domain.deadlines.rules import complaint_deadlines
from frontdesk.domain.vocabulary.durations import Duration, Unit
from frontdesk.domain.vocabulary.kinds import ComplaintClass
from frontdesk.domain.vocabulary.sentences import (
    Day,
    Moment,
    Within,
    as_it_is,
    from_data,
    history_line,
    sentence,
    stored_sentence,
    stored_steps,
    to_data,
    worked_out_data,
)
from frontdesk.wording import said_steps, say
from tests.conftest import at


@pytest.fixture
def chinese():
    i18n.use("zh-Hans")
    yield
    i18n.use("en")


def stored(data):
    """Through the database's JSON column and back."""
    return json.loads(json.dumps(data))


def test_every_deadline_of_every_class_reads_back_as_it_was_worked_out(policy):
    for cls in ComplaintClass:
        for deadline in complaint_deadlines(policy, cls, at(2026, 12, 2, 19, 10)):
            data = stored(worked_out_data(deadline.rule, deadline.steps))
            rule, steps = stored_steps(data, "", "")
            assert (rule, tuple(steps)) == (deadline.rule, deadline.steps)


def test_each_kind_of_value_keeps_its_type():
    said = sentence(
        "{a} {b} {c} {d} {e} {f} {g}",
        a=ComplaintClass.MAJOR,
        b=Moment(at(2026, 12, 2, 14, 40)),
        c=Day(at(2026, 12, 2)),
        d=Within(Duration(3, Unit.WORKING_DAYS)),
        e=Duration(1, Unit.MONTHS),
        f=sentence("#{id}", id=7),
        g="业主原话",
    )
    assert from_data(stored(to_data(said))) == said


def test_the_same_stored_sentence_reads_in_each_language(chinese):
    data = stored(to_data(sentence("{cls} complaint", cls=ComplaintClass.IMPORTANT)))
    assert say(from_data(data)) == "重要投诉"
    i18n.use("en")
    assert say(from_data(data)) == "important complaint"


def test_a_class_the_vocabulary_no_longer_has_is_said_as_stored():
    data = {
        "v": 1,
        "say": "{cls} complaint",
        "with": {"cls": {"label": "ComplaintClass", "value": "urgent"}},
    }
    assert say(from_data(data)) == "urgent complaint"


def test_unreadable_or_unknown_data_shows_the_legacy_text():
    for data in (
        {"v": 2, "say": "x"},
        {"v": 1, "say": 3},
        {"v": 1, "say": "{a}", "with": {"a": {}}},
        [1],
    ):
        assert say(stored_sentence(data, "旧的说明")) == "旧的说明"
    assert say(stored_steps({"v": 1, "rule": {}}, "旧规则", "旧说明")[0]) == "旧规则"
    assert said_steps(stored_steps(None, "旧规则", "旧说明")[1]) == "旧说明"


def test_a_sentence_missing_a_value_is_shown_as_its_template():
    assert say(from_data({"v": 1, "say": "raised again as #{id}: consider the major class"})) == (
        "raised again as #{id}: consider the major class"
    )


def test_an_escalation_names_the_role_in_the_reader_s_words(chinese):
    assert say(history_line("supervisor: 王主管", "", None)) == "主管: 王主管"
    assert say(history_line("王主管", "尽快", None)) == "王主管 尽快"
    assert say(history_line("", "", None)) == ""
    assert say(as_it_is("")) == "" and say(from_data({"v": 1, "say": ""})) == ""
