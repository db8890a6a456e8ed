"""A time as the caller said it is read back beside its field before it is recorded: the
moment in words, and for an hour said without 上午 or 下午 the other reading, to ask about.
The counter's clock stands at Wednesday 2 December 2026, 15:10."""

from textual.widgets import Input, Static

from frontdesk.store.tables.register import Matter
from frontdesk.tui.dialogs.prompts import ChoicePrompt, MomentPrompt, TextPrompt
from tests.conftest import at
from tests.tui.driving import answer, calls, matters_of_call, settle, type_in
from tests.tui.test_call_screen import find_resident, script
from tests.tui.test_choices_with_an_ime import error_beside, file_the_complaint
from tests.tui.test_followups_screen import open_followups, owed


async def test_an_hour_said_without_its_half_of_the_day_is_read_back_with_the_other(
    make_app, counter
):
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(app, pilot)
        await find_resident(app, pilot, counter)
        await pilot.press("3")  # 投诉
        await settle(app, pilot)
        await type_in(pilot, "三点", enter=False)
        await pilot.pause()
        # Ten minutes ago rather than twelve hours: what happened is the nearer of the two.
        assert error_beside(app, "field-happened_at") == (
            "= today, Wed 2 Dec 15:00 (or 03:00? the part of the day was not said)"
        )
        line = app.screen.query_one("#field-happened_at").parent.parent.query_one(".error")
        assert line.has_class("-ok")
        await pilot.press("enter")
        for text in ("3栋电梯", "安护部", "电梯停了两天没人管"):
            await type_in(pilot, text)
        await pilot.press("1", "5", "4")
        await settle(app, pilot)
        await file_the_complaint(app, pilot)
    (matter,) = matters_of_call(counter, calls(counter)[-1].id)
    assert isinstance(matter, Matter)
    assert matter.happened_at == at(2026, 12, 2, 15, 0)


async def test_a_time_that_cannot_be_read_says_why_under_its_field_and_goes_when_mended(
    make_app, counter
):
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(app, pilot)
        await find_resident(app, pilot, counter)
        await pilot.press("3")
        await settle(app, pilot)
        await type_in(pilot, "昨天下午", enter=False)  # the hour is still to come
        await pilot.pause()
        problem = error_beside(app, "field-happened_at")
        assert problem and not problem.startswith("=")
        line = app.screen.query_one("#field-happened_at").parent.parent.query_one(".error")
        assert not line.has_class("-ok")
        await type_in(pilot, "3点", enter=False)
        await pilot.pause()
        assert error_beside(app, "field-happened_at") == "= yesterday, Tue 1 Dec 15:00"
        # Emptied, the field has nothing to read back.
        app.screen.query_one("#field-happened_at", Input).value = ""
        await pilot.pause()
        assert error_beside(app, "field-happened_at") == ""
        assert "我跟您确认一下" not in script(app)


async def test_the_read_back_stays_beside_a_time_that_passed_the_check(make_app, counter):
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(app, pilot)
        await find_resident(app, pilot, counter)
        await pilot.press("3")
        await settle(app, pilot)
        await type_in(pilot, "昨天下午3点")
        await pilot.press("f8")  # the other fields are still empty: they are named
        await settle(app, pilot)
        assert error_beside(app, "field-happened_at") == "= yesterday, Tue 1 Dec 15:00"
        assert error_beside(app, "field-place")


async def test_a_time_asked_for_in_a_prompt_is_read_back_in_words(make_app, counter):
    call = owed(counter, "repair-")
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await open_followups(app, pilot, call.id)
        await pilot.press("1")
        await answer(app, pilot, ChoicePrompt, "u")
        await answer(app, pilot, TextPrompt, text="水龙头还在漏")
        for _ in range(20):
            if isinstance(app.screen, MomentPrompt):
                break
            await pilot.pause()
        await type_in(pilot, "明天九点", enter=False)
        await pilot.pause()
        said = str(app.screen.query_one("#prompt-error", Static).render())
        assert said == "= tomorrow, Thu 3 Dec 09:00 (or 21:00? the part of the day was not said)"
        await pilot.press("enter")
        await settle(app, pilot)
        assert not isinstance(app.screen, MomentPrompt)
