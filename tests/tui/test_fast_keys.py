"""Keys typed faster than the screen follows: each case the monkey test found ended the app,
and here each is reproduced on its own (DOMAIN.md §1: the call must not be lost)."""

from types import SimpleNamespace

from textual.widgets import Static

from frontdesk.tui.dialogs.prompts import TextPrompt
from frontdesk.tui.screens.residents.edit import EditResidentScreen
from frontdesk.tui.screens.residents.screen import ResidentsScreen
from frontdesk.tui.widgets.fields import Advance, FieldRow, TextField
from frontdesk.tui.widgets.resident_card import ResidentCardView
from tests.tui.conftest import SIZE
from tests.tui.driving import answer, open_view, settle


async def test_a_highlight_for_rows_that_are_gone_is_ignored(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_view(app, pilot, "f4")
        queue = app.screen
        queue.query_one("#queue-table").clear()
        queue.highlighted(SimpleNamespace(cursor_row=-1, row_key=None))
        assert queue.current is None
        await pilot.press("f3", *"zw")
        await settle(app, pilot)
        app.screen.row_highlighted(SimpleNamespace(row_key=None))
        await pilot.pause()
        assert app.is_running


async def test_a_dialog_asked_twice_to_close_closes_once(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_view(app, pilot, "f4")
        await pilot.press("n")
        await answer(app, pilot, TextPrompt)
        prompt = app.screen
        prompt.dismiss("记录")  # Enter ...
        prompt.dismiss(None)  # ... and the Escape typed right behind it
        await settle(app, pilot)
        assert app.is_running and app.current_mode == "queue" and not app.screen.is_modal


async def test_a_dialog_closed_before_it_was_shown_leaves_the_view_working(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_view(app, pilot, "f4")
        app.push_screen(TextPrompt("Note", "What happened"))
        app.screen.dismiss(None)
        await settle(app, pilot)
        assert app.is_running and not app.screen.is_modal


async def test_enter_in_a_card_editor_that_is_closing_is_ignored(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f3", *"zw")
        await settle(app, pilot)
        await pilot.press("ctrl+e")
        await settle(app, pilot)
        editor = app.screen
        assert isinstance(editor, EditResidentScreen)
        notes = editor.rows["notes"].field
        editor.action_cancel()
        await pilot.pause()
        editor.advance(Advance(notes))
        editor.dismiss(True)  # a save finishing after the Escape
        await settle(app, pilot)
        assert app.is_running and isinstance(app.screen, ResidentsScreen)


async def test_a_card_opens_from_the_queue_with_the_help_left_open_over_residents(
    make_app, counter
):
    row = next(r for r in counter.queue() if r.resident_id is not None)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f3", "f1")
        await settle(app, pilot)
        # Leaving the help open, as the palette's "Queue view" does (Ctrl+P over the help).
        await app.run_action("view('queue')")
        await settle(app, pilot)
        table = app.screen.query_one("#queue-table")
        table.move_cursor(row=table.get_row_index(str(row.id)))
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.is_running and app.current_mode == "residents"
        view = app.screen_stack[0]
        assert view.query_one(ResidentCardView).card.id == row.resident_id


async def test_an_error_for_a_row_still_composing_waits_for_the_next_check():
    row = FieldRow("content", TextField("content"), required=True)
    row.show_error("content is required")
    row.clear_error()
    assert not list(row.query(Static))
