"""The queue view (F4), driven by keys; every action is checked in the database afterwards."""

from datetime import timedelta

import pytest
from textual.widgets import DataTable, Static

from frontdesk.services.matters.queue import QueueFilter
from frontdesk.tui.dialogs.prompts import ChoicePrompt, MomentPrompt, TextPrompt
from frontdesk.tui.messages import DatabaseChanged
from frontdesk.tui.screens.queue.screen import countdown
from frontdesk.tui.widgets.resident_card import ResidentCardView
from frontdesk.wording import say
from tests.services.drafts import call, complaint
from tests.tui.conftest import NOW, SIZE
from tests.tui.driving import answer, list_shown, open_view, settle, type_in, wait_until
from tests.tui.pasting import widget_text


def first(counter, **wanted):
    """The most urgent open matter with these attributes (from the demo estate)."""
    return next(r for r in counter.queue() if all(getattr(r, k) == v for k, v in wanted.items()))


def events(counter, matter_id: int) -> list[tuple[str, str]]:
    return [(e.kind, say(e.text)) for e in counter.detail(matter_id).events]


def running(counter, matter_id: int) -> dict[str, object]:
    return {d.milestone: d.due for d in counter.detail(matter_id).deadlines if d.state == "running"}


async def open_queue(app, pilot, matter_id: int | None = None) -> None:
    await open_view(app, pilot, "f4", matter_id)


def test_countdown_reads_late_soon_and_far():
    assert countdown(NOW - timedelta(hours=2, minutes=5), NOW) == "-2h05m"
    assert countdown(NOW + timedelta(minutes=35), NOW) == "35m"
    assert countdown(NOW + timedelta(days=2, hours=3), NOW) == "2d03h"
    assert countdown(None, NOW) == "—"


async def test_overdue_first_and_marked_with_a_countdown_from_the_counters_clock(make_app, counter):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_queue(app, pilot)
        table = app.screen.query_one(DataTable)
        expected = counter.queue()
        assert [int(k.value) for k in table.rows] == [r.id for r in expected]
        late, soon = expected[0], next(r for r in expected if r.due_soon)
        assert table.get_cell(str(late.id), "mark").plain == "OVERDUE"
        assert table.get_cell(str(soon.id), "mark").plain == "<1h"
        assert table.get_cell(str(soon.id), "countdown").plain == countdown(soon.due, NOW)


async def test_escalating_an_important_complaint_to_the_supervisor_stops_its_clock(
    make_app, counter
):
    row = first(counter, complaint_class="important", next_milestone="escalate")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_queue(app, pilot, row.id)
        await pilot.press("e")
        await answer(app, pilot, ChoicePrompt, "s")
        await answer(app, pilot, TextPrompt, text="王主管")
        await settle(app, pilot)
    assert ("escalated", "supervisor: 王主管") in events(counter, row.id)
    assert "escalate" not in running(counter, row.id)


async def test_a_reply_to_a_major_complaint_meets_its_reply_deadline(make_app, counter):
    row = first(counter, complaint_class="major", next_milestone="reply")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_queue(app, pilot, row.id)
        await pilot.press("r")
        await answer(app, pilot, TextPrompt, text="已安排保安队长当面道歉")
        await settle(app, pilot)
    assert ("replied", "已安排保安队长当面道歉") in events(counter, row.id)
    assert "reply" not in running(counter, row.id)


async def test_resolving_a_complaint_owes_the_resident_the_result_call(make_app, counter):
    row = first(counter, complaint_class="minor")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_queue(app, pilot, row.id)
        await pilot.press("v")
        await answer(app, pilot, TextPrompt, text="楼道灯已更换")
        await settle(app, pilot)
        assert row.id not in app.screen.reading.rows
    assert counter.detail(row.id).matter.status == "resolved"
    assert any(
        c.matter_id == row.id and c.reason == "complaint-result" for c in counter.callbacks()
    )


async def test_a_repair_is_resolved_as_done_at_the_time_typed(make_app, counter):
    row = next(r for r in counter.queue() if r.kind == "repair" and r.repair_category != "leak")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_queue(app, pilot, row.id)
        await pilot.press("v")
        await answer(app, pilot, MomentPrompt, "enter")  # offered: now, 15:10
        await settle(app, pilot)  # not a leak: nothing more is asked
        assert not isinstance(app.screen, (MomentPrompt, ChoicePrompt))
    assert counter.detail(row.id).matter.status == "resolved"
    (done,) = [e for e in counter.detail(row.id).events if e.kind == "repair-done"]
    assert done.until == NOW
    assert any(
        c.matter_id == row.id and c.reason == f"repair-{row.repair_category}"
        for c in counter.callbacks()
    )


async def test_a_leak_repair_asks_for_its_leak_test(make_app, counter):
    row = first(counter, kind="repair", repair_category="leak")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_queue(app, pilot, row.id)
        await pilot.press("v")
        await answer(app, pilot, MomentPrompt, "enter")  # done now, 15:10
        await answer(app, pilot, MomentPrompt, text="15:00")  # the leak test
        await settle(app, pilot)
    assert counter.detail(row.id).matter.status == "resolved"
    (call,) = [c for c in counter.callbacks() if c.matter_id == row.id]
    # Three days after the leak test (DOMAIN.md §4), not after the work was done.
    assert (call.reason, call.due) == ("repair-leak", NOW + timedelta(days=3, minutes=-10))


async def test_asking_for_more_time_records_the_request(make_app, counter):
    row = first(counter, complaint_class="important", next_milestone="resolve")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_queue(app, pilot, row.id)
        await pilot.press("x")
        await answer(app, pilot, MomentPrompt, text="+5d")
        await answer(app, pilot, TextPrompt, text="等待电梯配件到货")
        await settle(app, pilot)
    assert ("extension-requested", "等待电梯配件到货") in events(counter, row.id)


async def test_the_office_manager_approves_the_requested_deadline(make_app, counter):
    row = first(counter, complaint_class="important", next_milestone="resolve")
    app = make_app("陈经理")
    until = NOW + timedelta(days=6)
    counter.request_extension(matter_id=row.id, until=until, reason="等待配件")
    async with app.run_test(size=SIZE) as pilot:
        await open_queue(app, pilot, row.id)
        assert app.screen.check_action("approve", ()) is True
        await pilot.press("a")
        await answer(app, pilot, ChoicePrompt)
        # The manager sees the deadline asked for, who asked and why, before approving.
        shown = " ".join(str(s.render()) for s in app.screen.query(Static))
        assert f"resolve by {until:%a %m-%d %H:%M}" in shown and "等待配件" in shown
        await pilot.press("y")
        await settle(app, pilot)
    approved = [e for e in counter.detail(row.id).events if e.kind == "extension-approved"]
    assert [e.until for e in approved] == [until]
    assert running(counter, row.id)["resolve"] == until


async def test_declining_the_requested_deadline_leaves_it_unapproved(make_app, counter):
    row = first(counter, complaint_class="important", next_milestone="resolve")
    app = make_app("陈经理")
    counter.request_extension(matter_id=row.id, until=NOW + timedelta(days=6), reason="等待配件")
    before = running(counter, row.id)["resolve"]
    async with app.run_test(size=SIZE) as pilot:
        await open_queue(app, pilot, row.id)
        await pilot.press("a")
        await answer(app, pilot, ChoicePrompt, "n")
        await settle(app, pilot)
    assert "extension-approved" not in [kind for kind, _text in events(counter, row.id)]
    assert running(counter, row.id)["resolve"] == before


async def test_with_nothing_asked_for_the_manager_gives_the_new_deadline(make_app, counter):
    row = first(counter, complaint_class="important", next_milestone="resolve")
    app = make_app("陈经理")
    async with app.run_test(size=SIZE) as pilot:
        await open_queue(app, pilot, row.id)
        await pilot.press("a")
        await answer(app, pilot, MomentPrompt, text="+6d")
        await settle(app, pilot)
    assert running(counter, row.id)["resolve"] == NOW + timedelta(days=6)


async def test_a_receptionist_cannot_approve_an_extension(make_app, counter):
    row = first(counter, complaint_class="important", next_milestone="resolve")
    app = make_app()
    counter.request_extension(matter_id=row.id, until=NOW + timedelta(days=6), reason="等待配件")
    async with app.run_test(size=SIZE) as pilot:
        await open_queue(app, pilot, row.id)
        assert app.screen.check_action("approve", ()) is None  # greyed in the footer
        for key in ("a", "5"):  # the letter, and the digit an input method lets through
            await pilot.press(key)
            await settle(app, pilot)
            # Said under the list: which role may, which one is signed in, what to do instead.
            said = refusal(app)
            assert "Only the manager approves more time" in said
            assert "signed in as receptionist" in said and "4 (Extend)" in said
        # Another counter saves: the list is read again, the cursor stays, and so does the line.
        app.screen.post_message(DatabaseChanged())
        await settle(app, pilot)
        assert "Only the manager approves more time" in refusal(app)
        await pilot.press("down")  # another row: the line was about the one before
        await settle(app, pilot)
        assert refusal(app) == ""
    assert "extension-approved" not in [kind for kind, _text in events(counter, row.id)]


async def test_reclassifying_a_minor_complaint_as_important(make_app, counter):
    row = first(counter, complaint_class="minor")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_queue(app, pilot, row.id)
        await pilot.press("k")
        await answer(app, pilot, ChoicePrompt, "i")
        await answer(app, pilot, TextPrompt, text="物业服务有过错")
        await settle(app, pilot)
    assert counter.detail(row.id).matter.complaint_class == "important"
    assert ("reclassified", "minor → important: 物业服务有过错") in events(counter, row.id)


async def test_a_reply_with_a_never_say_phrase_is_warned_about_but_still_recorded(
    make_app, counter
):
    row = first(counter, complaint_class="major", next_milestone="reply")
    reply = "已联系维修部,但是配件要等三天"
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_queue(app, pilot, row.id)
        await pilot.press("r")
        await answer(app, pilot, TextPrompt)
        guard = app.screen.query_one("#prompt-guard", Static)
        assert str(guard.render()) == ""
        await type_in(pilot, reply, enter=False)
        warning = str(guard.render())
        assert "「但是」" in warning and "因为" in warning  # the phrase and what to say instead
        await pilot.press("enter")  # a warning, not a block
        await settle(app, pilot)
        assert not isinstance(app.screen, TextPrompt)
    assert ("replied", reply) in events(counter, row.id)


async def test_a_note_goes_into_the_history(make_app, counter):
    row = counter.queue()[0]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_queue(app, pilot, row.id)
        await pilot.press("n")
        await answer(app, pilot, TextPrompt, text="已电话告知业主进度")
        await settle(app, pilot)
    assert ("note", "已电话告知业主进度") in events(counter, row.id)


async def test_a_resolved_complaint_reopens_by_its_number(make_app, counter):
    resolved = next(c.matter_id for c in counter.callbacks() if c.reason == "complaint-result")
    assert counter.detail(resolved).matter.status == "resolved"
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_queue(app, pilot)
        await pilot.press("o")
        await answer(app, pilot, TextPrompt, text="abc")
        assert isinstance(app.screen, TextPrompt)  # not a number: the prompt stays
        app.screen.query_one("#prompt-input").value = ""
        await type_in(pilot, str(resolved))
        await answer(app, pilot, TextPrompt, text="业主说问题还在")
        await settle(app, pilot)
        assert resolved in app.screen.reading.rows
    assert counter.detail(resolved).matter.status == "open"
    assert ("reopened", "业主说问题还在") in events(counter, resolved)


@pytest.mark.parametrize(
    ("key", "wanted"),
    [
        ("c", QueueFilter(complaint_class="major")),
        ("u", QueueFilter(overdue_only=True)),
    ],
)
async def test_filters_narrow_the_rows(make_app, counter, key, wanted):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_queue(app, pilot)
        everything = list(app.screen.reading.rows)
        await pilot.press(key)
        await settle(app, pilot)
        shown = list(app.screen.reading.rows)
    assert shown == [r.id for r in counter.queue(wanted)]
    assert 0 < len(shown) < len(everything)


async def test_mine_shows_only_the_matters_i_filed(make_app, counter):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_queue(app, pilot)
        await pilot.press("m")
        await settle(app, pilot)
        mine = list(app.screen.reading.rows)
        await pilot.press("m")
        await settle(app, pilot)
        everyone = list(app.screen.reading.rows)
    assert mine == [r.id for r in counter.queue(QueueFilter(operator_id=counter.operator.id))]
    assert len(mine) < len(everyone)


async def test_enter_opens_the_residents_card(make_app, counter):
    row = next(r for r in counter.queue() if r.resident_id is not None)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_queue(app, pilot, row.id)
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.current_mode == "residents"
        view = app.screen.query_one(ResidentCardView)
        await wait_until(app, pilot, lambda: view.card is not None)
        card = view.card
    assert card is not None and card.id == row.resident_id and card.name == row.resident


async def test_a_caller_with_no_resident_card_has_no_card_to_open(make_app, counter):
    app = make_app()
    # A caller on no resident card (a visitor, a neighbour from outside the estate).
    (matter_id,) = counter.file_call(call(complaint("minor"))).matter_ids
    row = next(r for r in counter.queue() if r.id == matter_id)
    assert row.resident_id is None
    async with app.run_test(size=SIZE) as pilot:
        await open_queue(app, pilot, row.id)
        assert app.screen.check_action("card", ()) is None  # greyed in the footer
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.current_mode == "queue"
        assert f"#{row.id} has no resident card" in refusal(app)


def refusal(app) -> str:
    """The line under the list that says why a key did nothing; empty while hidden."""
    line = app.screen.query_one("#queue-refusal", Static)
    return str(line.render()) if line.display else ""


async def test_an_action_only_a_complaint_has_says_so_on_a_repair(make_app, counter):
    row = next(r for r in counter.queue() if r.kind == "repair")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_queue(app, pilot, row.id)
        await pilot.press("6")
        await settle(app, pilot)
        assert not isinstance(app.screen, ChoicePrompt)
        assert refusal(app) == (
            f"#{row.id} is filed as repair: only a complaint has its deadline extended or its "
            "class changed."
        )


def test_queue_view_snapshot(snap_compare, make_app, counter):
    # run_before opens the view and waits for its rows, so they are in the picture; pressing
    # F4 again is then a no-op that names the view shown.
    async def shown(pilot) -> None:
        await open_queue(pilot.app, pilot)
        await list_shown(pilot.app, pilot, len(counter.queue()))

    assert snap_compare(make_app(), press=["f4"], terminal_size=SIZE, run_before=shown)


async def test_the_status_key_shows_resolved_matters(make_app, counter):
    from frontdesk.services.matters.queue import QueueFilter

    resolved = {r.id for r in counter.queue(QueueFilter(status="resolved"))}
    assert resolved
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f4")
        await settle(app, pilot)
        await pilot.press("s")
        await settle(app, pilot)
        assert set(app.screen.reading.rows) == resolved


def suggested(counter):
    """The demo's complaint raised again while open: major suggested, not yet decided."""
    return next(r for r in counter.queue() if r.major_suggested_at is not None)


async def test_a_complaint_raised_again_is_marked_until_a_supervisor_keeps_its_class(
    make_app, counter
):
    row = suggested(counter)
    app = make_app("王主管")
    async with app.run_test(size=SIZE) as pilot:
        await open_queue(app, pilot, row.id)
        table = app.screen.query_one(DataTable)
        assert "→ major?" in table.get_cell(str(row.id), "class").plain
        pane = app.screen.query_one("#queue-detail-text", Static)
        await wait_until(app, pilot, lambda: "Raised again while open" in widget_text(pane))
        assert f"filed by {row.major_suggested_by}" in widget_text(pane)
        await pilot.press("6")
        await answer(app, pilot, ChoicePrompt, "s")  # keep its class
        await answer(app, pilot, TextPrompt, text="同一问题已在处理,不算升级")
        await wait_until(
            app, pilot, lambda: "major?" not in table.get_cell(str(row.id), "class").plain
        )
    after = next(r for r in counter.queue() if r.id == row.id)
    assert after.major_suggested_at is None and after.complaint_class == row.complaint_class
    kept = f"kept {row.complaint_class}, not major: 同一问题已在处理,不算升级"
    assert ("major-declined", kept) in events(counter, row.id)


async def test_a_receptionist_keeping_the_class_is_refused_and_the_mark_stays(make_app, counter):
    row = suggested(counter)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_queue(app, pilot, row.id)
        await pilot.press("6")
        await answer(app, pilot, ChoicePrompt, "s")
        await answer(app, pilot, TextPrompt, text="不算升级")
        await settle(app, pilot)
        said = [str(n.message) for n in app._notifications]
        assert any("only a supervisor or above may keep" in m for m in said)
    assert next(r for r in counter.queue() if r.id == row.id).major_suggested_at is not None


async def test_upgrading_the_marked_complaint_to_major_takes_the_mark_away(make_app, counter):
    row = suggested(counter)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_queue(app, pilot, row.id)
        await pilot.press("6")
        await answer(app, pilot, ChoicePrompt, "m")
        await answer(app, pilot, TextPrompt, text="业主多次投诉")
        await settle(app, pilot)
    after = next(r for r in counter.queue() if r.id == row.id)
    assert after.complaint_class == "major" and after.major_suggested_at is None
