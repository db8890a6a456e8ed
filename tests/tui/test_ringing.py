"""A call ringing at the counter (README, The phone system): the phone system writes to the app's
socket, the caller's card shows before pickup with the rings counted, and F2 picks up into the
Call view with the caller identified and, after five rings, the greeting's apology."""

import asyncio
from datetime import timedelta

import pytest
from textual.widgets import DataTable, Static

from frontdesk import i18n
from frontdesk.domain.call.ring import Event, RingEvent, decode_reply, encode
from frontdesk.services.intake.call import CallDraft
from frontdesk.services.intake.drafts import SavedCall
from frontdesk.services.intake.incoming import Caller, Known
from frontdesk.services.matters.detail import MatterLine
from frontdesk.store.engine import new_session
from frontdesk.store.tables.people import ResidentPhone
from frontdesk.tui.app import FrontdeskApp
from frontdesk.tui.dialogs.prompts import ChoicePrompt, TextPrompt
from frontdesk.tui.dialogs.resume_prompt import ResumeCallPrompt
from frontdesk.tui.phone.ring_card import RingCard, _who
from frontdesk.tui.screens.call.caller import CallerPanel
from frontdesk.tui.screens.call.screen import CallScreen
from tests.tui.conftest import NOW, SIZE
from tests.tui.driving import (
    answer,
    open_view,
    phones_held_by,
    settle,
    tries_of,
    type_in,
    wait_until,
)


class Tick:
    """The clock the rings are counted by, moved by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def ringing_app(make_app, tmp_path):
    tick = Tick()

    def make(**kwargs) -> FrontdeskApp:
        app = make_app(**kwargs)
        app.ring_socket, app.tick = tmp_path / "ring-lobby.sock", tick
        return app

    make.tick = tick
    make.socket = tmp_path / "ring-lobby.sock"
    return make


async def post(socket, event: RingEvent):
    """What ``frontdesk ring`` does: one line to the app's socket, one line back."""
    reader, writer = await asyncio.open_unix_connection(str(socket))
    writer.write(encode(event))
    await writer.drain()
    reply = decode_reply(await reader.readline())
    writer.close()
    return reply


async def ring_out(socket, phone: str) -> None:
    """A call that rings and is hung up before anyone picks up."""
    await post(socket, RingEvent(Event.RING, phone))
    await post(socket, RingEvent(Event.HANGUP, phone))


def missed_calls(counter):
    return [c for c in counter.callbacks() if c.reason == "missed-call"]


def said(notification) -> str:
    return str(notification.message)


def card_text(app) -> str:
    return str(app.screen.query_one(RingCard).render())


def script(app) -> str:
    return str(app.screen.query_one("#script").render())


async def test_a_ringing_resident_is_shown_before_pickup_and_greeted_with_an_apology_at_five(
    ringing_app, counter
):
    phone, (resident_id,) = phones_held_by(counter, 1)
    card = counter.card(resident_id)
    app = ringing_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert (ringing_app.socket.stat().st_mode & 0o777) == 0o600
        reply = await post(ringing_app.socket, RingEvent(Event.RING, phone))
        assert reply.ok
        await settle(app, pilot)
        assert card.name in card_text(app) and card.units[0].split(" ")[0] in card_text(app)
        assert "ring 1" in card_text(app) and "pick up now" not in card_text(app)
        ringing_app.tick.now += 15  # past the three rings the handbook picks up within
        app.show_ringing()
        assert "ring 4" in card_text(app) and "pick up now" in card_text(app)
        ringing_app.tick.now += 5  # 1 s on, 4 s off: the fifth ring has begun
        app.show_ringing()
        assert "ring 5" in card_text(app) and "apology" in card_text(app)
        await pilot.press("f2")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, CallScreen) and not screen.query(RingCard)
        assert screen.call.resident_id == resident_id
        assert "让您久等了。您好,阳光花园客户服务中心" in script(app)
        caller = screen.query_one(CallerPanel).caller
        assert caller["name"] == card.name
        assert caller["phone"] == phone  # the number that rang, not the card's first one
        assert phone not in str(screen.query_one("#field-caller_phone").value)  # masked
        draft = screen.draft()
        assert (draft.rings, draft.resident_id) == (5, resident_id)
        assert draft.rang_at is not None and draft.rang_at < draft.answered_at
    assert not ringing_app.socket.exists()  # taken away when the app ends


async def test_picked_up_within_three_rings_the_greeting_does_not_apologise(ringing_app, counter):
    phone, _ = phones_held_by(counter, 1)
    app = ringing_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await post(ringing_app.socket, RingEvent(Event.RING, phone))
        ringing_app.tick.now += 12
        await pilot.press("f2")
        await settle(app, pilot)
        assert "让您久等了" not in script(app) and app.screen.draft().rings == 3


async def test_a_phone_system_that_counts_rings_is_believed(ringing_app, counter):
    phone, _ = phones_held_by(counter, 1)
    app = ringing_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("f1")  # reading the help when it rings
        await post(ringing_app.socket, RingEvent(Event.RING, phone, rings=6))
        await settle(app, pilot)
        assert "ring 6" in card_text(app)
        await pilot.press("f2")
        await settle(app, pilot)
        assert "让您久等了" in script(app) and app.screen.draft().rings == 6


def share_phone(counter) -> tuple[str, list[int]]:
    """A husband and wife on one mobile: the number of one put on the card of another."""
    phone, (first,) = phones_held_by(counter, 1)
    _, (second,) = phones_held_by(counter, 1, skip=phone)
    with new_session(counter.engine) as session:
        session.add(ResidentPhone(resident_id=second, national=phone, kind="mobile"))
        session.commit()
    return phone, sorted((first, second))


async def test_several_residents_on_one_number_are_listed_to_pick_from(ringing_app, counter):
    phone, ids = share_phone(counter)
    names = [counter.card(i).name for i in ids]
    app = ringing_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await post(ringing_app.socket, RingEvent(Event.RING, phone))
        await settle(app, pilot)
        assert "2 residents share this number" in card_text(app)
        assert all(name in card_text(app) for name in names)
        await pilot.press("f2")
        await settle(app, pilot)
        assert app.screen.call.resident_id is None
        await pilot.press("enter")  # the first one listed
        await settle(app, pilot)
        assert app.screen.call.resident_id == ids[0]


async def test_a_number_on_no_card_is_kept_as_the_callers_phone(ringing_app):
    app = ringing_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await post(ringing_app.socket, RingEvent(Event.RING, "13900001111"))
        await settle(app, pilot)
        assert "139****1111" in card_text(app) and "Not on file" in card_text(app)
        await pilot.press("f2")
        await settle(app, pilot)
        assert app.screen.query_one(CallerPanel).caller["phone"] == "13900001111"
        assert app.screen.call.resident_id is None


async def test_a_number_from_outside_the_mainland_still_rings_masked_and_not_on_file(ringing_app):
    app = ringing_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        reply = await post(ringing_app.socket, RingEvent(Event.RING, "+852 9123 4567"))
        assert reply.ok, reply.message
        await settle(app, pilot)
        assert "****4567" in card_text(app) and "Not on file" in card_text(app)
        assert "9123" not in card_text(app)
        await pilot.press("f2")
        await settle(app, pilot)
        assert isinstance(app.screen, CallScreen) and app.screen.call.resident_id is None
        assert app.screen.query_one(CallerPanel).caller["phone"] == "+85291234567"


def test_the_card_names_a_caller_s_open_matters_in_the_interface_s_language():
    matter = MatterLine(
        id=7,
        kind="complaint",
        complaint_class="important",
        status="open",
        summary="楼上漏水",
        received_at=NOW,
        next_milestone=None,
        next_due=None,
        resident_id=1,
        repair_category=None,
    )
    known = Known(1, "王芳", "王女士", ("3-1-502",), (matter,))
    caller = Caller("13900001111", "139****1111", (known,))
    try:
        i18n.use("zh-Hans")
        lines = _who("13900001111", caller)
    finally:
        i18n.use("en")
    assert "  #7 投诉 (重要) 处理中: 楼上漏水" in lines
    assert not any(word in line for line in lines for word in ("complaint", "important", "open"))


async def test_a_second_number_ringing_takes_the_card(ringing_app):
    app = ringing_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await post(ringing_app.socket, RingEvent(Event.RING, "13900001111"))
        await settle(app, pilot)
        assert (await post(ringing_app.socket, RingEvent(Event.RING, "13900002222"))).ok
        await settle(app, pilot)
        assert len(app.screen.query(RingCard)) == 1 and "139****2222" in card_text(app)


async def test_a_caller_who_hangs_up_first_is_a_missed_call_owed_a_call_back(ringing_app, counter):
    app = ringing_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("f4")  # the card follows the receptionist to any view
        await post(ringing_app.socket, RingEvent(Event.RING, "13900001111"))
        await settle(app, pilot)
        assert app.screen.query(RingCard)
        assert (await post(ringing_app.socket, RingEvent(Event.HANGUP, "13900001111"))).ok
        await settle(app, pilot)
        assert not app.screen.query(RingCard) and app.ringing is None
        await wait_until(app, pilot, lambda: missed_calls(counter))
        assert any("on the follow-up list to return" in said(n) for n in app._notifications)
    (owed,) = missed_calls(counter)  # every call is returned
    assert owed.matter_id is None and owed.phone == "139****1111" and owed.rang_at == NOW
    assert owed.due == NOW + timedelta(hours=1) and owed.callable_now


async def test_a_missed_call_is_returned_from_the_follow_up_list_with_what_the_caller_wanted(
    ringing_app, counter
):
    app = ringing_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await ring_out(ringing_app.socket, "13900001111")
        await wait_until(app, pilot, lambda: missed_calls(counter))
        (owed,) = missed_calls(counter)
        await open_view(app, pilot, "f5", owed.id)
        table = app.screen.query_one(DataTable)
        assert table.get_cell(str(owed.id), "reason").plain == "missed-call"
        assert table.get_cell(str(owed.id), "matter").plain == "—"
        assert "Rang unanswered at 12-02 15:10" in str(
            app.screen.query_one("#followups-detail").render()
        )
        await pilot.press("1")  # reached: no verdict to give, only what they wanted
        await answer(app, pilot, TextPrompt, text="问明天停水的时间,已告知")
        await wait_until(app, pilot, lambda: not missed_calls(counter))
    (attempt,) = tries_of(counter, owed.id)
    assert attempt.outcome == "reached" and attempt.notes == "问明天停水的时间,已告知"


async def test_a_call_the_next_ring_took_the_card_from_is_owed(ringing_app, counter):
    app = ringing_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await post(ringing_app.socket, RingEvent(Event.RING, "13900001111"))
        await post(ringing_app.socket, RingEvent(Event.RING, "13900002222"))
        await wait_until(app, pilot, lambda: missed_calls(counter))
    assert [c.phone for c in missed_calls(counter)] == ["139****1111"]


async def test_a_hang_up_whose_ring_never_showed_here_is_owed(ringing_app, counter):
    app = ringing_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        hung_up = RingEvent(Event.HANGUP, "13900001111", rings=4)  # rang before the app heard
        assert (await post(ringing_app.socket, hung_up)).ok
        await wait_until(app, pilot, lambda: missed_calls(counter))
    (owed,) = missed_calls(counter)
    assert owed.rang_at == NOW - timedelta(seconds=15)  # four rings, one every 5 s


async def test_the_phone_system_s_hang_up_after_a_pickup_is_no_missed_call(ringing_app, counter):
    app = ringing_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await post(ringing_app.socket, RingEvent(Event.RING, "13900001111"))
        await settle(app, pilot)
        await pilot.press("f2")
        await settle(app, pilot)
        assert (await post(ringing_app.socket, RingEvent(Event.HANGUP, "13900001111"))).ok
        await settle(app, pilot)
    assert missed_calls(counter) == []


async def test_a_caller_whose_call_was_missed_rings_again_and_is_picked_up_it_is_returned(
    ringing_app, counter
):
    app = ringing_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await ring_out(ringing_app.socket, "13900001111")
        await wait_until(app, pilot, lambda: missed_calls(counter))
        await ring_out(ringing_app.socket, "13900002222")
        await wait_until(app, pilot, lambda: len(missed_calls(counter)) == 2)
        await post(ringing_app.socket, RingEvent(Event.RING, "13900001111"))
        await settle(app, pilot)
        await pilot.press("f2")
        await wait_until(app, pilot, lambda: len(missed_calls(counter)) == 1)
        assert any("returned by this one" in said(n) for n in app._notifications)
    # The other caller is still owed theirs.
    assert [c.phone for c in missed_calls(counter)] == ["139****2222"]


async def test_a_call_being_typed_when_the_phone_rings_is_kept_aside_not_lost(ringing_app, counter):
    app = ringing_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await type_in(pilot, "王先生")  # a walk-in at the counter, not on file
        await pilot.press("c")
        await settle(app, pilot)
        await post(ringing_app.socket, RingEvent(Event.RING, "13900001111"))
        await settle(app, pilot)
        await pilot.press("f2")
        await settle(app, pilot)
        held = list(counter.drafts.store.directory.glob("*.held-*"))
        assert len(held) == 1 and "王先生" in held[0].read_text(encoding="utf-8")
        assert app.screen.query_one(CallerPanel).caller["phone"] == "13900001111"


async def test_ringing_while_a_saved_call_is_offered_back_keeps_it_aside_and_picks_up(
    ringing_app, counter
):
    operator = counter.sign_in("小李", "1234")
    call = CallDraft(caller_name="张伟", caller_phone="13800138000", caller_unit="3-2-1201")
    counter.drafts.keep(operator.id, SavedCall(call=call, saved_at=NOW))
    app = ringing_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, ResumeCallPrompt)
        await post(ringing_app.socket, RingEvent(Event.RING, "13900001111", rings=2))
        await settle(app, pilot)
        await pilot.press("f2")  # over the question: the ringing phone comes first
        await settle(app, pilot)
        assert isinstance(app.screen, CallScreen)
        assert app.screen.query_one(CallerPanel).caller["phone"] == "13900001111"
        aside = list(counter.drafts.store.directory.glob("*.declined-*"))
        assert len(aside) == 1 and "张伟" in aside[0].read_text(encoding="utf-8")


async def test_a_withheld_number_rings_and_the_caller_is_asked_who_they_are(ringing_app):
    app = ringing_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert (await post(ringing_app.socket, RingEvent(Event.RING, None))).ok
        await settle(app, pilot)
        assert "number withheld" in card_text(app)
        await pilot.press("f2")
        await settle(app, pilot)
        assert app.screen.query_one(CallerPanel).caller == {"name": "", "phone": "", "unit": ""}
        assert "您好,阳光花园客户服务中心" in script(app)


async def test_a_ring_stamped_when_it_began_is_counted_from_then(ringing_app):
    app = ringing_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        began = NOW - timedelta(seconds=12)  # the counter's clock stands at NOW
        await post(ringing_app.socket, RingEvent(Event.RING, "13900001111", at=began))
        await settle(app, pilot)
        assert "ring 3" in card_text(app)
        await pilot.press("f2")
        await settle(app, pilot)
        assert app.screen.draft().rang_at == began


async def test_a_ring_nobody_ends_is_dropped_as_missed_after_three_minutes(ringing_app, counter):
    app = ringing_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await post(ringing_app.socket, RingEvent(Event.RING, "13900001111"))
        await settle(app, pilot)
        ringing_app.tick.now += 181
        app.show_ringing()
        await settle(app, pilot)
        assert app.ringing is None and not app.screen.query(RingCard)
        await wait_until(app, pilot, lambda: missed_calls(counter))
        assert any("Missed call" in said(n) for n in app._notifications)
    (owed,) = missed_calls(counter)
    assert owed.rang_at == NOW - timedelta(seconds=181)  # when it began, not when it was dropped


async def test_nobody_signed_in_is_said_to_the_phone_system(ringing_app):
    app = ringing_app(signed_in=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        reply = await post(ringing_app.socket, RingEvent(Event.RING, "13900001111"))
        assert not reply.ok and "signed in" in reply.message


async def test_a_bad_number_or_line_is_answered_with_why(ringing_app):
    app = ringing_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        reply = await post(ringing_app.socket, RingEvent(Event.RING, "12ab"))
        assert not reply.ok and "not a phone number" in reply.message
        reader, writer = await asyncio.open_unix_connection(str(ringing_app.socket))
        writer.write(b"ring 13900001111\n")
        assert not decode_reply(await reader.readline()).ok
        writer.close()
        assert app.ringing is None


def aside_line(app) -> str:
    line = app.screen.query_one("#aside", Static)
    return str(line.render()) if line.display else ""


def set_aside(counter) -> list:
    operator = counter.operator
    return counter.drafts.set_aside_calls(operator.id)


async def hold_a_walk_in_for_a_ringing_call(app, pilot, ringing_app) -> None:
    await settle(app, pilot)
    await type_in(pilot, "王先生")  # a walk-in at the counter, not on file
    await type_in(pilot, "13700001234")
    await settle(app, pilot)
    await post(ringing_app.socket, RingEvent(Event.RING, "13900001111"))
    await settle(app, pilot)
    await pilot.press("f2")
    await wait_until(app, pilot, lambda: "王先生" in aside_line(app))


async def test_a_call_held_for_a_ringing_one_is_named_in_the_call_view_and_taken_back(
    ringing_app, counter
):
    app = ringing_app()
    async with app.run_test(size=SIZE) as pilot:
        await hold_a_walk_in_for_a_ringing_call(app, pilot, ringing_app)
        assert "1 call set aside (Ctrl+B takes it back)" in aside_line(app)
        assert app.screen.check_action("aside", ()) is True  # in the footer while it waits
        await pilot.press("ctrl+b")
        await answer(app, pilot, ChoicePrompt, "1")  # the call held
        await answer(app, pilot, ChoicePrompt, "1")  # take it back
        await wait_until(app, pilot, lambda: "139****1111" in aside_line(app))
        # The walk-in is back as typed; the call picked up waits in its place.
        assert app.screen.query_one(CallerPanel).caller["name"] == "王先生"
        assert app.screen.query_one(CallerPanel).caller["phone"] == "13700001234"
        (aside,) = set_aside(counter)
        assert aside.saved.call.caller_phone == "13900001111"
        await wait_until(app, pilot, lambda: counter.drafts.find(counter.operator.id) is not None)
        assert counter.drafts.find(counter.operator.id).call.caller_name == "王先生"


async def test_a_call_set_aside_is_thrown_away_only_when_asked_and_the_line_goes(
    ringing_app, counter
):
    app = ringing_app()
    async with app.run_test(size=SIZE) as pilot:
        await hold_a_walk_in_for_a_ringing_call(app, pilot, ringing_app)
        await pilot.press("ctrl+b")
        await answer(app, pilot, ChoicePrompt, "1")
        await pilot.press("escape")  # changed their mind: it stays
        await settle(app, pilot)
        assert len(set_aside(counter)) == 1 and "王先生" in aside_line(app)
        await pilot.press("ctrl+b")
        await answer(app, pilot, ChoicePrompt, "1")
        await answer(app, pilot, ChoicePrompt, "2")  # throw it away
        await wait_until(app, pilot, lambda: aside_line(app) == "")
    assert set_aside(counter) == []


async def test_ctrl_b_with_no_call_set_aside_says_so_beside_the_script(ringing_app):
    app = ringing_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+b")
        await settle(app, pilot)
        assert "No call is set aside" in str(app.screen.query_one("#refusal", Static).render())
        assert not isinstance(app.screen, ChoicePrompt)
