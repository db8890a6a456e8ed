"""The follow-up view (F5): one key per outcome, checked in the database afterwards."""

import pytest
from textual.widgets import DataTable, Static

from frontdesk.tui.dialogs.prompts import ChoicePrompt, MomentPrompt, TextPrompt
from frontdesk.tui.screens.followups.screen import GROUPS
from frontdesk.wording import say
from tests.conftest import at
from tests.tui.conftest import SIZE
from tests.tui.driving import (
    answer,
    list_shown,
    open_view,
    settle,
    tries_of,
    type_in,
    wait_until,
)


def owed(counter, reason: str):
    return next(c for c in counter.callbacks() if c.reason.startswith(reason))


async def open_followups(app, pilot, follow_up_id: int | None = None) -> None:
    await open_view(app, pilot, "f5", follow_up_id)


async def test_late_calls_come_first_then_those_callable_now(make_app, counter):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_followups(app, pilot)
        table = app.screen.query_one(DataTable)
        when = [table.get_cell(key, "when").plain for key in table.rows]
    late = [c for c in counter.callbacks() if c.overdue]
    assert when[: len(late)] == ["overdue"] * len(late)
    order = [GROUPS.index(w) for w in when]
    assert order == sorted(order)
    assert len(when) == len(counter.callbacks())


async def test_the_pane_says_why_a_call_may_be_made_in_the_evening(make_app, counter):
    evening = next(c for c in counter.callbacks() if c.evening_ok and not c.urgent)
    daytime = next(c for c in counter.callbacks() if not (c.evening_ok or c.urgent))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_followups(app, pilot, evening.id)
        pane = app.screen.query_one("#followups-detail", Static)
        assert "agreed to evening calls" in str(pane.render())
        await open_followups(app, pilot, daytime.id)
        assert "evening" not in str(pane.render())


async def test_a_satisfied_resident_closes_the_matter(make_app, counter):
    call = owed(counter, "complaint-result")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_followups(app, pilot, call.id)
        await pilot.press("1")
        await answer(app, pilot, ChoicePrompt, "s")
        await answer(app, pilot, TextPrompt, text="业主对处理结果满意")
        await settle(app, pilot)
        assert call.id not in app.screen.rows
    assert counter.detail(call.matter_id).matter.status == "closed"
    assert call.id not in [c.id for c in counter.callbacks()]


async def test_the_notes_of_a_reached_call_are_guarded_but_never_blocked(make_app, counter):
    call = owed(counter, "complaint-result")
    notes = "业主说不清楚结果"
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_followups(app, pilot, call.id)
        await pilot.press("1")
        await answer(app, pilot, ChoicePrompt, "s")
        await answer(app, pilot, TextPrompt)
        await type_in(pilot, notes, enter=False)
        warning = str(app.screen.query_one("#prompt-guard", Static).render())
        assert "「不清楚」" in warning and "我帮您确认后回复您" in warning
        await pilot.press("enter")
        await settle(app, pilot)
    assert counter.detail(call.matter_id).matter.status == "closed"


async def test_an_unhappy_resident_reopens_the_complaint(make_app, counter):
    call = owed(counter, "complaint-result")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_followups(app, pilot, call.id)
        await pilot.press("1")
        await answer(app, pilot, ChoicePrompt, "u")
        await answer(app, pilot, TextPrompt, text="垃圾还是没人清运")
        await answer(app, pilot, ChoicePrompt, "y")
        await settle(app, pilot)
    detail = counter.detail(call.matter_id)
    assert detail.matter.status == "open"
    assert ("reopened", "垃圾还是没人清运") in [(e.kind, say(e.text)) for e in detail.events]
    assert call.id not in [c.id for c in counter.callbacks()]


async def test_a_repair_that_did_not_hold_goes_back_to_maintenance(make_app, counter):
    call = owed(counter, "repair-")
    before = {r.id for r in counter.queue()}
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_followups(app, pilot, call.id)
        await pilot.press("1")
        await answer(app, pilot, ChoicePrompt, "u")
        await answer(app, pilot, TextPrompt, text="水龙头还在漏")
        await answer(app, pilot, MomentPrompt, text="明天 10:00")
        await settle(app, pilot)
    new = [r for r in counter.queue() if r.id not in before]
    assert [(r.kind, r.unit) for r in new] == [("repair", call.unit)]
    assert counter.detail(new[0].id).content == "水龙头还在漏"


@pytest.mark.parametrize("key", ["2", "3", "4"])  # no answer, busy, wrong number
async def test_a_try_that_reaches_nobody_keeps_the_call_on_the_list(make_app, counter, key):
    call = owed(counter, "promised")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_followups(app, pilot, call.id)
        await pilot.press(key)
        await settle(app, pilot)
        assert app.screen.rows[call.id].attempts == call.attempts + 1
    after = next(c for c in counter.callbacks() if c.id == call.id)
    assert after.attempts == call.attempts + 1


async def test_outcome_keys_are_greyed_with_no_call_owed(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_followups(app, pilot)
        assert app.screen.check_action("reached", ()) is True
        app.screen.highlight(None)
        assert app.screen.check_action("reached", ()) is None


def test_followups_view_snapshot(snap_compare, make_app, counter):
    # run_before opens the view and lets its workers finish, so the rows are in the picture;
    # pressing F5 again is then a no-op that names the view shown.
    async def shown(pilot) -> None:
        await open_followups(pilot.app, pilot)
        await list_shown(pilot.app, pilot, len(counter.callbacks()))

    assert snap_compare(make_app(), press=["f5"], terminal_size=SIZE, run_before=shown)


@pytest.fixture
def at_night(counter):
    """The counter's clock at 22:30, past the callable window and the evening one."""
    counter.desk.clock.moment = at(2026, 12, 2, 22, 30)
    return counter


async def test_a_try_at_night_asks_why_now_and_an_urgent_one_is_recorded_as_urgent(
    make_app, at_night
):
    call = owed(at_night, "promised")
    before = len(tries_of(at_night, call.id))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_followups(app, pilot, call.id)
        await pilot.press("2")  # no answer
        await answer(app, pilot, ChoicePrompt)
        said = " ".join(str(s.render()) for s in app.screen.query(Static))
        assert "It is 22:30" in said and "called in" in said and "urgent" in said
        await pilot.press("2")  # it is urgent
        await wait_until(app, pilot, lambda: len(tries_of(at_night, call.id)) == before + 1)
    latest = tries_of(at_night, call.id)[-1]
    assert latest.outcome == "no-answer" and latest.urgent


async def test_a_resident_calling_in_at_night_is_recorded_as_such_and_closes_the_matter(
    make_app, at_night
):
    call = owed(at_night, "complaint-result")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_followups(app, pilot, call.id)
        await pilot.press("1")  # reached...
        await answer(app, pilot, ChoicePrompt, "1")  # ...because the resident called in
        await answer(app, pilot, ChoicePrompt, "s")
        await answer(app, pilot, TextPrompt, text="业主来电,对处理结果满意")
        await wait_until(app, pilot, lambda: call.id not in [c.id for c in at_night.callbacks()])
    latest = tries_of(at_night, call.id)[-1]
    assert latest.outcome == "called-in" and not latest.urgent
    assert at_night.detail(call.matter_id).matter.status == "closed"


async def test_a_try_at_night_left_for_the_window_records_nothing(make_app, at_night):
    call = owed(at_night, "promised")
    before = len(tries_of(at_night, call.id))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_followups(app, pilot, call.id)
        await pilot.press("3")  # busy
        await answer(app, pilot, ChoicePrompt)
        await pilot.press("escape")
        await settle(app, pilot)
        assert not isinstance(app.screen, ChoicePrompt)
    assert len(tries_of(at_night, call.id)) == before
