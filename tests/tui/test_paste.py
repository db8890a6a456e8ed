"""Text pasted at the counter (DOMAIN.md §1): control characters and terminal escape codes are
dropped, lines are joined, emoji and right-to-left text are kept exactly, brackets are shown as
typed and never read as markup, and a page pasted on one line is refused beside its field."""

from textual.widgets import Static

from frontdesk.domain.text.free_text import clean_text
from frontdesk.tui.dialogs.prompts import TextPrompt
from frontdesk.tui.screens.residents.edit import EditResidentScreen
from frontdesk.tui.widgets.resident_card import ResidentCardView
from frontdesk.wording import say
from tests.tui.conftest import SIZE
from tests.tui.driving import answer, calls, matters_of_call, open_view, settle
from tests.tui.pasting import (
    CONTROL,
    EMOJI,
    ESCAPES,
    LINES,
    LONG,
    MARKUP,
    RTL,
    paste,
    screen_text,
    widget_text,
)

SHOWN = f"{EMOJI} {RTL} {MARKUP}"


def error_beside(app, field_id: str) -> str:
    row = app.screen.query_one(field_id).parent.parent
    return str(row.query_one(".error", Static).render())


def footer_intact(app) -> bool:
    lines = screen_text(app)
    return len(lines) == SIZE[1] and "f1 Help" in lines[-1]


async def test_a_pasted_call_is_filed_clean_and_whole(make_app, counter):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await paste(app, pilot, CONTROL, into="#identify")
        assert app.screen.query_one("#identify").value == "王师傅(外来)"
        await pilot.press("enter", "enter", "enter", "o")
        await settle(app, pilot)
        await paste(app, pilot, f"{ESCAPES} {LINES} {SHOWN}", into="#field-content")
        await pilot.press("enter", "f9", "f10")
        await settle(app, pilot)
    call = calls(counter)[-1]
    assert call.caller_name == "王师傅(外来)"
    (matter,) = matters_of_call(counter, call.id)
    assert matter.content == f"楼上漏水 第一行 第二行 第三行  {SHOWN}"


async def test_a_page_pasted_on_one_line_is_refused_beside_its_field(make_app, counter):
    filed = len(calls(counter))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await paste(app, pilot, LONG, into="#field-caller_name")
        app.screen.query_one("#field-kind").focus()
        await pilot.press("o")
        await settle(app, pilot)
        await paste(app, pilot, LONG, into="#field-content")
        await pilot.press("f8")
        await settle(app, pilot)
        assert "10000 characters: at most 4000" in error_beside(app, "#field-content")
        assert "10000 characters long: at most 200" in error_beside(app, "#field-caller_name")
        assert footer_intact(app)
        await pilot.press("f9", "f10")
        await settle(app, pilot)
        assert app.is_running
    assert len(calls(counter)) == filed


async def test_a_pasted_note_is_kept_clean_and_shown_as_typed(make_app, counter):
    row = counter.queue()[0]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_view(app, pilot, "f4", row.id)
        await pilot.press("n")
        await answer(app, pilot, TextPrompt)
        await paste(app, pilot, f"{CONTROL}{ESCAPES}{LINES}{SHOWN}")
        await pilot.press("enter")
        await settle(app, pilot)
        (note,) = [e for e in counter.detail(row.id).events if e.kind == "note"]
        assert say(note.text) == clean_text(f"{CONTROL}{ESCAPES}{LINES}{SHOWN}", multiline=False)
        await settle(app, pilot)
        shown = widget_text(app.screen.query_one("#queue-detail-text"))
        # Wrapped to the pane, brackets as typed: never read as markup.
        for word in ("[bold]楼上[/bold]", "[/]", "[link=x]点[/link]"):
            assert word in shown
        assert "مرحبا" in shown and "👨‍👩‍👧‍👦" in shown and "\x1b" not in shown
        assert footer_intact(app)


async def test_a_page_pasted_as_a_note_is_refused_under_the_field(make_app, counter):
    row = counter.queue()[0]
    before = counter.detail(row.id).events
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_view(app, pilot, "f4", row.id)
        await pilot.press("n")
        await answer(app, pilot, TextPrompt)
        await paste(app, pilot, LONG)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TextPrompt)
        message = str(app.screen.query_one("#prompt-error", Static).render())
        assert "10000 characters long: at most 4000" in message
        await pilot.press("escape")
        await settle(app, pilot)
    assert counter.detail(row.id).events == before


async def test_pasted_card_notes_are_saved_clean_and_the_card_shows_them_as_typed(
    make_app, counter
):
    (hit,) = counter.search("zw")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f3", *"zw")
        await settle(app, pilot)
        await pilot.press("ctrl+e")
        await settle(app, pilot)
        await paste(app, pilot, LONG, into="#field-notes")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, EditResidentScreen)
        assert "at most 4000" in error_beside(app, "#field-notes")
        app.screen.query_one("#field-notes").value = ""
        await paste(app, pilot, f"{CONTROL} {LINES} {SHOWN}", into="#field-notes")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        card = app.screen.query_one(ResidentCardView)
        assert MARKUP.rstrip("\\") in str(card.render())
        assert footer_intact(app)
    notes = counter.card(hit.id).notes
    assert notes == clean_text(f"{CONTROL} {LINES} {SHOWN}", multiline=False).strip()
