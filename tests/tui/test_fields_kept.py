"""Nothing typed is lost in a field (DOMAIN.md §7): coming back into a filled field goes on after
its text, so the next key adds to it; Escape in a changed field brings back what it held when
the cursor came in, a number on file masked as it was shown, and is filed as that number."""

from frontdesk.tui.widgets.fields import TextField
from tests.tui.conftest import SIZE
from tests.tui.driving import (
    calls,
    matters_of_call,
    numbers_on_file,
    settle,
    type_in,
    unique_phone,
)


async def test_coming_back_into_a_filled_field_adds_to_its_text(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await type_in(pilot, "王先生")  # a caller not on file: the name, then the phone
        name = app.screen.query_one("#field-caller_name", TextField)
        assert app.focused is not name and name.value == "王先生"
        await pilot.press("shift+tab")
        await settle(app, pilot)
        assert app.focused is name and name.cursor_position == 3 and name.selection.is_empty
        await type_in(pilot, "和太太", enter=False)
        assert name.value == "王先生和太太"


async def test_escape_brings_back_what_a_changed_field_held_and_then_leaves_it_alone(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await type_in(pilot, "王先生")
        name = app.screen.query_one("#field-caller_name", TextField)
        await pilot.press("shift+tab")
        await pilot.press("ctrl+u")  # cleared to retype it
        await type_in(pilot, "李", enter=False)
        await pilot.press("escape")
        assert name.value == "王先生" and name.cursor_position == 3
        await pilot.press("escape")  # unchanged now: nothing more happens to it
        assert name.value == "王先生" and app.focused is name


async def test_a_masked_number_overwritten_comes_back_with_escape_and_is_filed_in_full(
    make_app, counter
):
    resident_id, digits = unique_phone(counter)
    full = numbers_on_file(counter, resident_id)[0]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await type_in(pilot, digits)
        await settle(app, pilot)
        await pilot.press("c")  # a complaint: its contact number is the card's, masked
        await settle(app, pilot)
        phone = app.screen.query_one("#field-contact_phone", TextField)
        masked = phone.value
        assert masked == f"{full[:3]}****{full[-4:]}"
        phone.focus()
        await settle(app, pilot)
        await pilot.press("ctrl+u")
        await type_in(pilot, "13700001234", enter=False)
        assert phone.real_value == "13700001234"
        await pilot.press("escape")
        assert phone.value == masked and phone.masked is not None  # as the card gave it
        app.screen.query_one("#field-happened_at", TextField).focus()
        for text in ("今天9:00", "大堂", "客服中心", "排队太久"):
            await type_in(pilot, text)
        await pilot.press("n", "c", "r", "f9", "f10")
        await settle(app, pilot)
    (matter,) = matters_of_call(counter, calls(counter)[-1].id)
    assert matter.contact_phone == full
