"""Taking calls in the Call view (DOMAIN.md §2), from the greeting to the filed matter, keys
only; each test checks the database afterwards."""

import pytest

from frontdesk.tui.screens.call.screen import CallScreen
from tests.conftest import at
from tests.tui.conftest import SIZE
from tests.tui.driving import (
    calls,
    events_of,
    matters_of_call,
    numbers_on_file,
    settle,
    type_in,
    unique_phone,
)


def script(app) -> str:
    return str(app.screen.query_one("#script").render())


async def find_resident(app, pilot, counter) -> int:
    resident_id, digits = unique_phone(counter)
    await type_in(pilot, digits)
    await settle(app, pilot)
    return resident_id


async def test_a_complaint_call_from_greeting_to_the_queue(make_app, counter):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, CallScreen)
        assert "您好,阳光花园客户服务中心" in script(app)
        resident_id = await find_resident(app, pilot, counter)
        assert "您好" in script(app) and app.focused.id == "field-kind"
        await pilot.press("c")
        await settle(app, pilot)
        for text in ("今天9:00", "3栋电梯", "安护部", "电梯停了两天没人管"):
            await type_in(pilot, text)
        await pilot.press("i", "a", "s")
        await settle(app, pilot)
        assert "我跟您确认一下" in script(app)
        await pilot.press("f9")
        # An important complaint is promised by its resolution: 3 days from reception.
        assert "我们会在12月5日(星期六)15:10前给您答复" in script(app)
        assert "escalate to the supervisor within 1 hour" in script(app)
        await pilot.press("f10")
        await settle(app, pilot)
        assert "Filed" in script(app) and "hang up first" in script(app)
    call = calls(counter)[-1]
    assert call.resident_id == resident_id
    (matter,) = matters_of_call(counter, call.id)
    assert (matter.kind, matter.complaint_class, matter.place) == (
        "complaint",
        "important",
        "3栋电梯",
    )
    assert matter.id in [row.id for row in counter.queue()]


# Each step: ("type", text) then Enter, or ("key", k) for a one-key choice that moves on.
@pytest.mark.parametrize(
    ("kind", "steps", "status"),
    [
        ("e", [("type", "物业费什么时候交"), ("key", "y")], "closed"),
        ("e", [("type", "装修要办什么手续"), ("key", "n"), ("type", "明天 10:00")], "open"),
        (
            "r",
            [("type", "厨房水龙头漏水"), ("key", "l"), ("type", "明天 9:30"), ("key", "1")],
            "open",
        ),
        ("s", [("type", "建议南门加雨棚")], "closed"),
        ("p", [("type", "保安小王很负责")], "closed"),
        ("o", [("type", "捡到钥匙一串")], "closed"),
    ],
    ids=["enquiry-answered", "enquiry-promised", "repair", "suggestion", "praise", "other"],
)
async def test_a_whole_call_of_each_kind(make_app, counter, kind, steps, status):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await find_resident(app, pilot, counter)
        await pilot.press(kind)
        await settle(app, pilot)
        for how, value in steps:
            if how == "key":
                await pilot.press(value)
            else:
                await type_in(pilot, value)
            await pilot.pause()
        await pilot.press("f9", "f10")
        await settle(app, pilot)
    (matter,) = matters_of_call(counter, calls(counter)[-1].id)
    assert matter.status == status
    assert matter.content == steps[0][1]


async def test_an_unknown_caller_is_recorded_as_given_and_can_get_a_card(make_app, counter):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await type_in(pilot, "13911112222")
        await settle(app, pilot)
        assert "Not on file" in script(app)
        assert app.focused.id == "field-caller_name"
        await type_in(pilot, "王小虎")
        await type_in(pilot, "9-1-101")
        assert app.focused.id == "field-kind"
        await pilot.press("ctrl+r")
        await settle(app, pilot)
        assert "王小虎" in str(app.screen.query_one("#card").render())
        await pilot.press("s")
        await settle(app, pilot)
        await type_in(pilot, "建议增加路灯")
        await pilot.press("f9", "f10")
        await settle(app, pilot)
    call = calls(counter)[-1]
    assert (call.caller_name, call.caller_phone, call.caller_unit) == (
        "王小虎",
        "13911112222",
        "9-1-101",
    )
    assert call.resident_id is not None


async def test_an_unknown_caller_without_a_card_is_still_filed(make_app, counter):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await type_in(pilot, "路人甲")
        await settle(app, pilot)
        await pilot.press("enter", "enter")  # no phone, no unit: a visitor
        await pilot.press("p")
        await settle(app, pilot)
        await type_in(pilot, "门岗大爷很热心")
        await pilot.press("f9", "f10")
        await settle(app, pilot)
    call = calls(counter)[-1]
    assert (call.caller_name, call.resident_id) == ("路人甲", None)


async def test_an_open_matter_is_offered_and_the_call_added_to_it(make_app, counter):
    row = next(r for r in counter.queue() if r.kind == "complaint" and r.complaint_class == "minor")
    with_phone = None
    for resident_id in range(1, 300):
        card = counter.card(resident_id)
        if any(m.id == row.id for m in card.open_matters) and card.phones_masked:
            with_phone = numbers_on_file(counter, resident_id)[0]
            break
    assert with_phone, "the demo has a resident with an open minor complaint"
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await type_in(pilot, with_phone)
        await settle(app, pilot)
        await pilot.press("c")
        await settle(app, pilot)
        offer = str(app.screen.query_one("#offer").render())
        assert "Ctrl+O" in offer and f"#{row.id}" in offer
        await pilot.press("ctrl+o")
        await settle(app, pilot)
        await pilot.press("f9", "f10")
        await settle(app, pilot)
    call = calls(counter)[-1]
    assert matters_of_call(counter, call.id) == []
    raised = [e for m in [row.id] for e in events_of(counter, m) if e.kind == "raised-again"]
    assert any(e.call_id == call.id for e in raised)


async def test_a_validation_error_is_shown_beside_its_field_and_fixed(make_app, counter):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await find_resident(app, pilot, counter)
        await pilot.press("r")
        await settle(app, pilot)
        await type_in(pilot, "门锁坏了")
        await pilot.press("o")
        await type_in(pilot, "昨天下午")  # not a time
        await pilot.press("2")
        await pilot.press("f9")
        await settle(app, pilot)
        row = app.screen.query_one("#field-visit_at").parent.parent
        error = str(row.query_one(".error").render())
        assert "is not a time" in error
        assert app.focused.id == "field-visit_at"
        before = len(calls(counter))
        await pilot.press("f10")  # not confirmed: nothing is filed
        await settle(app, pilot)
        assert len(calls(counter)) == before
        app.focused.value = ""
        await type_in(pilot, "明天 14:00", enter=False)
        await pilot.press("f9")  # greyed: the corrected matter has not been read back yet
        assert not app.screen.call.confirmed
        await pilot.press("f8", "f9")
        # The problem is gone; the moment as understood is read back in its place.
        assert str(row.query_one(".error").render()) == "= tomorrow, Thu 3 Dec 14:00"
        await pilot.press("f10")
        await settle(app, pilot)
    assert len(calls(counter)) == before + 1
    (matter,) = matters_of_call(counter, calls(counter)[-1].id)
    assert (matter.kind, matter.department, matter.content) == ("repair", "安护部", "门锁坏了")


async def test_the_caller_s_own_account_is_not_held_to_the_phrases_the_counter_never_says(
    make_app, counter
):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await find_resident(app, pilot, counter)
        await pilot.press("o")
        await settle(app, pilot)
        await type_in(pilot, "保安说但是这个他不知道", enter=False)
        await pilot.pause()
        shown = " ".join(str(s.render()) for s in app.screen.query(".warning"))
        assert "不知道" not in shown and "我帮您确认后回复您" not in shown


async def test_a_long_ring_starts_the_greeting_with_an_apology(make_app, counter):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("f6")
        assert "让您久等了" in script(app)
        await find_resident(app, pilot, counter)
        await pilot.press("p")
        await settle(app, pilot)
        await type_in(pilot, "感谢维修师傅")
        await pilot.press("f9", "f10")
        await settle(app, pilot)
    assert calls(counter)[-1].rings == 5


async def test_file_is_greyed_until_the_caller_confirms(make_app, counter):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        screen = app.screen
        assert screen.check_action("file", ()) is None
        assert screen.check_action("read_back", ()) is None
        await find_resident(app, pilot, counter)
        await pilot.press("p")
        await settle(app, pilot)
        await type_in(pilot, "好")
        assert screen.check_action("file", ()) is None
        await pilot.press("f9")
        assert screen.check_action("file", ()) is True
        await type_in(pilot, "x", enter=False)  # an edit after confirming
        assert screen.check_action("file", ()) is None


def test_call_view_snapshot(snap_compare, make_app):
    assert snap_compare(make_app(), terminal_size=SIZE)


def test_call_view_mid_call_snapshot(snap_compare, make_app):
    async def run_before(pilot):
        app = pilot.app
        await type_in(pilot, "3-2")
        await settle(app, pilot)

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run_before)


async def test_a_residents_number_stays_masked_on_screen_but_is_filed_in_full(make_app, counter):
    resident_id, digits = unique_phone(counter)
    full = numbers_on_file(counter, resident_id)[0]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await type_in(pilot, digits)
        await settle(app, pilot)
        await pilot.press("c")
        await settle(app, pilot)
        shown = [f.value for f in app.screen.query("Input")]
        assert full not in shown
        assert app.screen.query_one("#field-contact_phone").value == f"{full[:3]}****{full[-4:]}"
        for text in ("今天9:00", "大堂", "客服中心", "排队太久"):
            await type_in(pilot, text)
        await pilot.press("n", "c", "r", "f9", "f10")
        await settle(app, pilot)
    call = calls(counter)[-1]
    (matter,) = matters_of_call(counter, call.id)
    assert (call.caller_phone, matter.contact_phone) == (full, full)


async def test_a_call_is_received_when_its_first_key_is_pressed(make_app, counter):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        counter.desk.clock.advance(hours=2, minutes=30)  # the view sat idle since 15:10
        await find_resident(app, pilot, counter)
        await pilot.press("p")
        await settle(app, pilot)
        await type_in(pilot, "好")
        await pilot.press("f9", "f10")
        await settle(app, pilot)
    assert calls(counter)[-1].answered_at == at(2026, 12, 2, 17, 40)


async def test_another_matter_is_kept_only_once_its_fields_are_right(make_app, counter):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await find_resident(app, pilot, counter)
        await pilot.press("r")
        await settle(app, pilot)
        await type_in(pilot, "门锁坏了")
        await pilot.press("o")
        await type_in(pilot, "昨天下午")
        await pilot.press("2", "f7")
        await settle(app, pilot)
        assert app.screen.call.recorded == [] and app.focused.id == "field-visit_at"


async def test_an_edit_after_the_read_back_must_be_read_back_again(make_app, counter):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await find_resident(app, pilot, counter)
        await pilot.press("o")
        await settle(app, pilot)
        await type_in(pilot, "捡到钥匙")
        assert app.screen.check_action("confirm", ()) is True
        app.screen.query_one("#field-content").value = "捡到钱包"
        await pilot.pause()
        assert app.screen.check_action("confirm", ()) is None
        await pilot.press("f8")
        assert "捡到钱包" in script(app)


async def test_a_second_f10_does_not_file_the_call_twice(make_app, counter):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await find_resident(app, pilot, counter)
        await pilot.press("p")
        await settle(app, pilot)
        await type_in(pilot, "谢谢保安")
        before = len(calls(counter))
        await pilot.press("f9", "f10", "f10")
        await settle(app, pilot)
    assert len(calls(counter)) == before + 1


async def test_discarding_a_call_takes_the_key_twice(make_app, counter):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await find_resident(app, pilot, counter)
        await pilot.press("ctrl+n")
        assert app.screen.call.resident_id is not None
        await pilot.press("ctrl+n")
        await settle(app, pilot)
        assert app.screen.call.resident_id is None and app.screen.call.started is None


async def test_a_walk_in_is_greeted_seen_off_and_recorded_as_a_walk_in(make_app, counter):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+t")
        assert script(app).startswith("walk-in · ") and "您好,请坐" in script(app)
        await find_resident(app, pilot, counter)
        assert script(app).startswith("walk-in · ")  # the channel stays in sight
        await pilot.press("s")
        await settle(app, pilot)
        await type_in(pilot, "建议加装雨棚")
        await pilot.press("f9", "f10")
        await settle(app, pilot)
        assert "请慢走,再见" in script(app) and "Filed" in script(app)
        assert "来电" not in script(app) and "hang up" not in script(app)
        assert script(app).startswith("phone · ")  # the next one is a call again
    assert (calls(counter)[-1].channel, calls(counter)[-1].rings) == ("walk-in", None)


async def test_a_letter_has_nothing_to_say_but_what_to_do_with_it(make_app, counter):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+t", "ctrl+t")
        assert script(app).startswith("letter · ") and "handling form" in script(app)
        assert "您好" not in script(app)
        await find_resident(app, pilot, counter)
        await pilot.press("s")
        await settle(app, pilot)
        await type_in(pilot, "建议小区增设快递柜")
        await pilot.press("f9", "f10")
        await settle(app, pilot)
        assert "supervisor confirms the reply" in script(app) and "来电" not in script(app)
    assert calls(counter)[-1].channel == "letter"


async def test_brackets_in_what_is_typed_are_shown_not_read_as_markup(make_app, counter):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await type_in(pilot, "王[/]主管")
        await settle(app, pilot)
        await pilot.press("f3")
        await type_in(pilot, "a[/]", enter=False)
        await settle(app, pilot)
        app.notify("[/b] typed by a user")
        await settle(app, pilot)
        assert app.is_running


def refusal(app) -> str:
    return str(app.screen.query_one("#refusal").render())


async def test_a_key_that_does_nothing_yet_says_what_to_do_first(make_app, counter):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await find_resident(app, pilot, counter)
        await pilot.press("f8")
        assert "Choose the kind of matter first" in refusal(app)
        await pilot.press("s")
        await settle(app, pilot)
        assert refusal(app) == ""  # the script moved on: the refusal is gone
        await type_in(pilot, "建议南门加雨棚", enter=False)
        before = len(calls(counter))
        await pilot.press("f10")
        assert "Read the call back first (F8)" in refusal(app)
        await pilot.press("f9")
        assert "Read the call back first (F8)" in refusal(app)
        await pilot.press("f8")
        await pilot.press("f10")
        assert "has not confirmed the read-back" in refusal(app)
        await settle(app, pilot)
        assert len(calls(counter)) == before


async def test_a_change_after_the_read_back_withdraws_it_visibly(make_app, counter):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await find_resident(app, pilot, counter)
        await pilot.press("s")
        await settle(app, pilot)
        await type_in(pilot, "建议南门加雨棚", enter=False)
        await pilot.press("f8")
        assert "建议南门加雨棚" in script(app)
        await pilot.press("f9")
        assert app.screen.call.confirmed and "F10 files the call" in script(app)
        await type_in(pilot, "和座椅", enter=False)
        assert "F10 files the call" not in script(app)  # what no longer holds is gone
        assert "Changed after the read-back" in script(app) and not app.screen.call.confirmed
        before = len(calls(counter))
        await pilot.press("f10")
        await settle(app, pilot)
        assert len(calls(counter)) == before and "Read the call back first" in refusal(app)
        await pilot.press("f8")
        assert "建议南门加雨棚和座椅" in script(app)
        await pilot.press("f9", "f10")
        await settle(app, pilot)
    (matter,) = matters_of_call(counter, calls(counter)[-1].id)
    assert matter.content == "建议南门加雨棚和座椅"
