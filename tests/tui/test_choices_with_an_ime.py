"""Choices as a receptionist with a Pinyin input method in Chinese mode makes them: letters
never reach the app, so a digit picks the option shown beside it, and a Chinese name as the
input method commits it (its characters one after another at once) picks it too. Each test
checks the database afterwards."""

import pytest
from textual.widgets import Static

from frontdesk.services.matters.queue import QueueFilter
from frontdesk.tui.dialogs.prompts import ChoicePrompt, TextPrompt
from frontdesk.tui.widgets.fields import FieldRow
from frontdesk.tui.widgets.picking import COMMIT_PAUSE
from tests.tui.conftest import SIZE
from tests.tui.driving import answer, calls, matters_of_call, open_view, settle, type_in
from tests.tui.test_call_screen import find_resident, script


async def commit(pilot, word: str) -> None:
    """What an input method sends when a word is committed: its characters, at once."""
    await pilot.press(*word)


def error_beside(app, field_id: str) -> str:
    row = app.screen.query_one(f"#{field_id}").parent.parent
    assert isinstance(row, FieldRow)
    return " ".join(str(s.render()) for s in row.query(".error").results(Static) if s.display)


async def file_the_complaint(app, pilot) -> None:
    await pilot.press("f9")
    await pilot.press("f10")
    await settle(app, pilot)
    assert "Filed" in script(app)


async def test_a_complaint_call_with_its_choices_committed_in_chinese(make_app, counter):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        resident_id = await find_resident(app, pilot, counter)
        await commit(pilot, "投诉")  # taken at its second character: no other name goes on so
        await settle(app, pilot)
        assert app.screen.form is not None and app.screen.form.kind == "complaint"
        for text in ("今天9:00", "3栋电梯", "安护部", "电梯停了两天没人管"):
            await type_in(pilot, text)
        await commit(pilot, "重要")
        await commit(pilot, "焦急")
        await commit(pilot, "求解决")  # a beginning of 求解决问题 only: taken when the typing stops
        await pilot.pause(COMMIT_PAUSE + 0.2)
        await settle(app, pilot)
        assert "我跟您确认一下" in script(app)  # every field filled: the read-back is composed
        await file_the_complaint(app, pilot)
    call = calls(counter)[-1]
    (matter,) = matters_of_call(counter, call.id)
    assert call.resident_id == resident_id
    assert (matter.kind, matter.complaint_class, matter.emotion, matter.need) == (
        "complaint",
        "important",
        "anxious",
        "solution",
    )


async def test_a_complaint_call_with_its_choices_made_by_digits(make_app, counter):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await find_resident(app, pilot, counter)
        await pilot.press("3")  # the number shown beside 投诉
        await settle(app, pilot)
        for text in ("今天9:00", "3栋电梯", "安护部", "电梯停了两天没人管"):
            await type_in(pilot, text)
        await pilot.press("1", "5", "4")  # 重大, 平静, 求赔偿: each moves on to the next
        await settle(app, pilot)
        await file_the_complaint(app, pilot)
    (matter,) = matters_of_call(counter, calls(counter)[-1].id)
    assert (matter.complaint_class, matter.emotion, matter.need) == (
        "major",
        "calm",
        "compensation",
    )


async def test_what_names_no_option_is_said_beside_the_field_and_nothing_is_chosen(
    make_app, counter
):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await find_resident(app, pilot, counter)
        await pilot.press("9")
        await settle(app, pilot)
        assert "「9」 is none of these" in error_beside(app, "field-kind")
        assert app.screen.form is None and app.focused.id == "field-kind"
        await commit(pilot, "投票")
        await settle(app, pilot)
        assert "「投票」 is none of these" in error_beside(app, "field-kind")
        await commit(pilot, "报修")
        await settle(app, pilot)
        assert error_beside(app, "field-kind") == ""  # chosen: the problem is gone
        assert app.screen.form is not None and app.screen.form.kind == "repair"


async def test_the_letters_still_pick_and_the_numbers_are_shown_beside_the_options(
    make_app, counter
):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await find_resident(app, pilot, counter)
        shown = str(app.screen.query_one("#field-kind").render())
        assert "1e)" in shown and "3c)" in shown and "投诉" in shown
        await pilot.press("s")
        await settle(app, pilot)
        assert app.screen.form is not None and app.screen.form.kind == "suggestion"


async def test_a_queue_question_is_answered_by_its_number_or_its_chinese_name(make_app, counter):
    from tests.tui.test_queue_screen import events, first

    minor = first(counter, complaint_class="minor")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_view(app, pilot, "f4", minor.id)
        await pilot.press("k")
        await answer(app, pilot, ChoicePrompt)
        await commit(pilot, "重要")
        await answer(app, pilot, TextPrompt, text="物业服务有过错")
        await settle(app, pilot)
    assert counter.detail(minor.id).matter.complaint_class == "important"
    assert ("reclassified", "minor → important: 物业服务有过错") in events(counter, minor.id)


async def test_the_queue_s_actions_are_digits_too(make_app, counter):
    from tests.tui.test_queue_screen import events, first

    row = first(counter, complaint_class="major", next_milestone="reply")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_view(app, pilot, "f4", row.id)
        await pilot.press("7")  # a note
        await answer(app, pilot, TextPrompt, text="已联系维修部")
        await settle(app, pilot)
    assert ("note", "已联系维修部") in events(counter, row.id)


@pytest.mark.parametrize(
    ("keys", "wanted"),
    [
        (("9", "1", "2"), QueueFilter(complaint_class="major")),  # 级别 → 重大 (1 is all)
        (("9", "级别", "重大"), QueueFilter(complaint_class="major")),
        (("9", "类型", "报修"), QueueFilter(kind="repair")),
        (("9", "5"), QueueFilter(overdue_only=True)),  # a toggle: no second question
    ],
    ids=["digits", "class-in-chinese", "kind-in-chinese", "overdue"],
)
async def test_the_queue_is_filtered_by_number_or_chinese_name(make_app, counter, keys, wanted):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_view(app, pilot, "f4")
        everything = list(app.screen.reading.rows)
        first_key, *rest = keys
        await pilot.press(first_key)
        for key in rest:
            await answer(app, pilot, ChoicePrompt)
            await commit(pilot, key)
        await settle(app, pilot)
        shown = list(app.screen.reading.rows)
    assert shown == [r.id for r in counter.queue(wanted)]
    assert 0 < len(shown) < len(everything)


async def test_the_report_goes_back_and_forth_by_digits(make_app):
    from frontdesk.domain.clock.months import Month

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_view(app, pilot, "f11")
        await pilot.press("1")
        await settle(app, pilot)
        assert app.screen.report.month == Month(2026, 10)
        await pilot.press("2", "2")
        await settle(app, pilot)
        assert app.screen.report.month == Month(2026, 12)
        await pilot.press("1", "3")
        await settle(app, pilot)
        assert app.screen.report.month == Month(2026, 12)


async def test_the_terminal_cursor_is_on_the_choice_being_made(make_app, counter):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await find_resident(app, pilot, counter)
        kind = app.screen.query_one("#field-kind")
        assert app.focused is kind
        await pilot.pause(0.3)  # the card shown above it moved the field down
        assert app.cursor_position == kind.content_region.offset
