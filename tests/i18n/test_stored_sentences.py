"""Counters in two languages on one database: what one counter stores, the other reads in its
own language. A matter's deadlines (the rule and each step that reached the due time), the
lines the system writes into its history, the follow-up's rule: all kept as data and said in
the reader's words. Only the residents' and operators' own words stay as they were typed.
Runs on SQLite and, with ``--database postgresql``, on PostgreSQL."""

import io
import re
from collections.abc import Iterator

import pytest
from rich.console import Console

from frontdesk import i18n
from frontdesk.domain.vocabulary.kinds import AttemptOutcome, ComplaintClass, Role, Verdict
from frontdesk.services.followups.callbacks import list_callbacks, record_attempt
from frontdesk.services.intake.filing import file_call
from frontdesk.services.matters.complaints import (
    approve_extension,
    reclassify,
    request_extension,
    upgrade_overdue,
)
from frontdesk.services.matters.detail import matter_detail
from frontdesk.services.matters.handling import escalate, record_repair_done
from frontdesk.services.matters.queue import list_queue
from frontdesk.tui.screens.queue.matter_detail import matter_detail as detail_pane
from frontdesk.wording import said_steps, say
from tests.conftest import at
from tests.services.drafts import call, complaint, repair

#: What people typed or are called: said as typed, in whatever language that was.
TYPED = ("张伟", "李娜", "小李", "王主管", "陈经理", "3栋2单元1201", "5-1-302", "3栋电梯", "安护部")
TYPED_EN = ("Mr Wang", "Zhang Wei", "lift stopped for two days", "parts from the maker")
ENGLISH_WORD = re.compile(r"[A-Za-z]{2,}")
CHINESE = re.compile(r"[\u3400-\u9fff]")


@pytest.fixture
def counter_language() -> Iterator:
    yield i18n.use
    i18n.use("en")


def history(session, desk, staff, clock, *, content: str, reason: str, why: str) -> list[int]:
    """A complaint and a repair taken, escalated, given more time, reclassified, upgraded by the
    month-end sweep, and the repair done: every kind of sentence the system stores."""
    filed = file_call(
        session=session,
        desk=desk,
        operator_id=staff.receptionist.id,
        draft=call(complaint("minor", content=content), repair("leak")),
    )
    complaint_id, repair_id = filed.matter_ids
    clock.advance(minutes=20)
    escalate(
        session=session,
        desk=desk,
        operator_id=staff.receptionist.id,
        matter_id=complaint_id,
        to_role=Role.SUPERVISOR,
        to_whom="王主管",
    )
    request_extension(
        session=session,
        desk=desk,
        operator_id=staff.supervisor.id,
        matter_id=complaint_id,
        until=at(2026, 12, 20, 18),
        reason=reason,
    )
    approve_extension(
        session=session, desk=desk, operator_id=staff.manager.id, matter_id=complaint_id
    )
    reclassify(
        session=session,
        desk=desk,
        operator_id=staff.supervisor.id,
        matter_id=complaint_id,
        new_class=ComplaintClass.IMPORTANT,
        reason=why,
    )
    clock.advance(hours=3)
    record_repair_done(
        session=session,
        desk=desk,
        operator_id=staff.receptionist.id,
        matter_id=repair_id,
        done_at=clock(),
        leak_test_at=clock(),
    )
    clock.moment = at(2027, 1, 3, 9, 0)
    assert upgrade_overdue(session=session, desk=desk) == [complaint_id]
    session.commit()
    return [complaint_id, repair_id]


def everything_shown(session, desk, matter_ids: list[int]) -> str:
    """The detail pane of each matter as the queue paints it, and the queue's and follow-up
    list's rules and steps, as a counter in the current language shows them."""
    console = Console(file=io.StringIO(), width=240, record=True, color_system=None)
    for matter_id in matter_ids:
        console.print(detail_pane(matter_detail(session=session, desk=desk, matter_id=matter_id)))
    shown = [console.export_text()]
    for row in list_queue(session=session, desk=desk):
        shown += [say(row.rule), said_steps(row.steps)]
    for owed in list_callbacks(session=session, desk=desk):
        shown += [say(owed.rule), said_steps(owed.steps)]
    return "\n".join(shown)


def without(text: str, words: tuple[str, ...]) -> str:
    for word in words:
        text = text.replace(word, " ")
    return text


def test_a_matter_filed_at_an_english_counter_reads_wholly_in_chinese_at_a_chinese_one(
    session, desk, staff, clock, counter_language
):
    counter_language("en")
    ids = history(session, desk, staff, clock, content="电梯停运", reason="等配件", why="多次来电")
    english = everything_shown(session, desk, ids)
    assert "escalate to the supervisor" in english and "became major" in english

    counter_language("zh-Hans")
    chinese = everything_shown(session, desk, ids)

    assert ENGLISH_WORD.findall(without(chinese, TYPED)) == []
    for said in ("升级", "重大", "等配件", "多次来电", "系统", "主管: 王主管"):
        assert said in chinese


def test_a_matter_filed_at_a_chinese_counter_reads_in_english_at_an_english_one(
    session, desk, staff, clock, counter_language
):
    counter_language("zh-Hans")
    ids = history(
        session,
        desk,
        staff,
        clock,
        content="lift stopped for two days",
        reason="parts from the maker",
        why="Mr Wang called again",
    )
    chinese = everything_shown(session, desk, ids)
    assert "重大" in chinese

    counter_language("en")
    english = everything_shown(session, desk, ids)

    # The residents' and operators' own words are theirs; every other word is English.
    own = (*TYPED, "电梯停运两天没人处理", "厨房水龙头坏了", "维修部")
    assert CHINESE.findall(without(english, own)) == []
    for said in ("became major", "extension approved by 陈经理", "supervisor: 王主管", "system"):
        assert said in english


def test_a_work_order_opened_from_a_follow_up_names_its_origin_in_the_reader_s_words(
    session, desk, staff, clock, counter_language
):
    counter_language("en")
    _complaint, repair_id = history(
        session, desk, staff, clock, content="电梯停运", reason="等配件", why="多次来电"
    )
    (owed,) = [f for f in list_callbacks(session=session, desk=desk) if f.matter_id == repair_id]
    record_attempt(
        session=session,
        desk=desk,
        operator_id=staff.receptionist.id,
        follow_up_id=owed.id,
        outcome=AttemptOutcome.REACHED,
        verdict=Verdict.UNSATISFIED,
        notes="还是漏水",
        new_visit_at=at(2027, 1, 4, 10, 0),
    )
    opened = max(row.id for row in list_queue(session=session, desk=desk))
    english = everything_shown(session, desk, [opened])
    assert f"problem found on the follow-up of #{repair_id}" in english

    counter_language("zh-Hans")
    chinese = everything_shown(session, desk, [opened])
    assert ENGLISH_WORD.findall(without(chinese, TYPED)) == []
    assert f"#{repair_id}" in chinese
