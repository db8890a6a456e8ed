"""The Residents view (DOMAIN.md §5), keys only: find a resident by any term, read the card
with its history, edit it, start a call; every edit is checked in the database."""

from textual.widgets import DataTable, Input, Static

from frontdesk.tui.app import FrontdeskApp
from frontdesk.tui.commands import COMMANDS, ResidentCommands
from frontdesk.tui.screens.residents.edit import EditResidentScreen
from frontdesk.tui.screens.residents.screen import ResidentsScreen
from frontdesk.tui.widgets.resident_card import ResidentCardView
from tests.tui.conftest import SIZE
from tests.tui.driving import numbers_on_file


async def settle(app, pilot) -> None:
    """Let the workers finish and the screen catch up (a worker may start another)."""
    for _ in range(3):
        await app.workers.wait_for_complete()
        await pilot.pause()


async def search(app, pilot, text: str) -> ResidentsScreen:
    await pilot.press("f3", *text)
    await settle(app, pilot)
    assert isinstance(app.screen, ResidentsScreen)
    return app.screen


def rows(screen) -> list[tuple[str, str, str]]:
    table = screen.query_one(DataTable)
    return [tuple(table.get_row_at(i)) for i in range(table.row_count)]


def shown(screen) -> int | None:
    card = screen.query_one(ResidentCardView).card
    return card.id if card else None


def enabled(screen, key: str) -> bool:
    return screen.active_bindings[key].enabled


def phone_digits_of_one_resident(counter) -> tuple[int, str]:
    """A resident whose middle phone digits (the masked ones) find only them."""
    for resident_id in range(1, 300):
        phones = numbers_on_file(counter, resident_id)
        digits = phones[0][3:9] if phones else ""
        if digits and [h.id for h in counter.search(digits)] == [resident_id]:
            return resident_id, digits
    raise AssertionError("no resident with unique phone digits")


def several_matches(counter) -> str:
    for term in ("lx", "wc", "zg", "lb"):
        if 2 <= len(counter.search(term)) <= 10:
            return term
    raise AssertionError("no pinyin initials with a few matches")


async def test_search_starts_in_the_search_field_and_nothing_is_picked(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await search(app, pilot, "")
        assert app.focused is screen.query_one("#resident-search", Input)
        assert rows(screen) == [] and shown(screen) is None
        # Editing and calling need a resident: their keys are greyed and do nothing.
        assert not enabled(screen, "ctrl+e") and not enabled(screen, "ctrl+n")
        await pilot.press("ctrl+e", "ctrl+n")
        await settle(app, pilot)
        assert app.screen is screen and app.current_mode == "residents"


async def test_pinyin_initials_list_every_match_and_show_the_first_card(make_app, counter):
    term = several_matches(counter)
    expected = counter.search(term)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await search(app, pilot, term)
        assert rows(screen) == [(h.name, h.units or "—", h.phone or "—") for h in expected]
        assert shown(screen) == expected[0].id
        assert f"{len(expected)} matches" in str(screen.query_one("#residents-status").render())
        assert enabled(screen, "ctrl+e") and enabled(screen, "ctrl+n")


async def test_any_part_of_a_phone_number_finds_the_resident_shown_masked(make_app, counter):
    resident_id, digits = phone_digits_of_one_resident(counter)
    card = counter.card(resident_id)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await search(app, pilot, digits)
        assert rows(screen) == [(card.name, counter.search(digits)[0].units, card.phones_masked[0])]
        assert shown(screen) == resident_id
        # The full number is on no line of the screen: the card shows it masked too.
        text = str(screen.query_one(ResidentCardView).render())
        assert card.phones_masked[0] in text
        assert numbers_on_file(counter, resident_id)[0] not in text


async def test_down_moves_into_the_results_and_the_card_follows_the_cursor(make_app, counter):
    term = several_matches(counter)
    expected = counter.search(term)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await search(app, pilot, term)
        table = screen.query_one(DataTable)
        await pilot.press("down")
        assert app.focused is table and table.cursor_row == 0
        await pilot.press("down")
        await settle(app, pilot)
        assert shown(screen) == expected[1].id
        await pilot.press("up")
        await settle(app, pilot)
        assert shown(screen) == expected[0].id
        await pilot.press("enter")
        await settle(app, pilot)
        assert shown(screen) == expected[0].id
        # Up from the first row, or Ctrl+L from anywhere, goes back to the search field.
        await pilot.press("up")
        assert app.focused.id == "resident-search"
        await pilot.press("down", "ctrl+l")
        assert app.focused.id == "resident-search"


async def test_the_card_shows_how_to_talk_and_the_history(make_app, counter):
    resident_id = next(i for i in range(1, 300) if counter.card(i).calls)
    card = counter.card(resident_id)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await search(app, pilot, "")
        screen.show_resident(resident_id)
        await settle(app, pilot)
        text = str(screen.query_one(ResidentCardView).render())
        assert card.address in text and "Calls" in text and "Follow-ups" in text
        assert f"{card.calls[0][0]:%Y-%m-%d %H:%M}" in text
        if card.strategy:
            assert card.strategy.split(" — ")[0] in text


async def test_show_resident_lists_everyone_of_the_name_with_the_cursor_on_them(make_app, counter):
    namesakes = counter.search("李梓")
    assert len([h for h in namesakes if h.name == "李梓"]) >= 2
    wanted = namesakes[-1].id
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await search(app, pilot, "zw")  # what the user had searched is replaced
        screen.show_resident(wanted)
        await settle(app, pilot)
        assert screen.query_one("#resident-search", Input).value == "李梓"
        assert len(rows(screen)) == len(namesakes)
        table = screen.query_one(DataTable)
        assert table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value == str(wanted)
        assert shown(screen) == wanted


async def test_a_card_edited_in_the_modal_is_saved_to_the_database(make_app, counter):
    (hit,) = counter.search("zw")
    before = counter.card(hit.id)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await search(app, pilot, "zw")
        await pilot.press("ctrl+e")
        await settle(app, pilot)
        assert isinstance(app.screen, EditResidentScreen)
        assert app.focused.value == ", ".join(before.phones_masked)
        await pilot.press("end", *", 021-6212 3456 转 801", "enter")
        await pilot.press("o", "a", "y", "n")  # owner, analytical, evening calls, 女士
        await pilot.press(*"works nights", "enter")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, ResidentsScreen)
        shown_text = str(app.screen.query_one(ResidentCardView).render())
    after = counter.card(hit.id)
    assert after.phones_masked == [*before.phones_masked, "021-****3456转801"]
    assert [u.endswith("(owner)") for u in after.units] == [True] * len(before.units)
    assert (after.temperament, after.evening_calls_ok, after.title, after.notes) == (
        "analytical",
        True,
        "女士",
        "works nights",
    )
    assert after.address == "张女士" and "张女士" in shown_text


async def test_a_bad_phone_in_the_modal_is_shown_beside_it_and_nothing_is_written(
    make_app, counter
):
    (hit,) = counter.search("zw")
    before = counter.card(hit.id)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await search(app, pilot, "zw")
        await pilot.press("ctrl+e")
        await settle(app, pilot)
        await pilot.press("end", *", 12345", "enter", "o", "a", "y", "n", *"changed", "ctrl+s")
        await settle(app, pilot)
        modal = app.screen
        assert isinstance(modal, EditResidentScreen)
        row = modal.rows["phones"]
        assert "12345" in str(row.query_one(".error", Static).render())
        assert str(modal.rows["notes"].query_one(".error", Static).render()) == ""
        assert app.focused.id == "field-phones"
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, ResidentsScreen)
    assert counter.card(hit.id) == before


async def test_escape_closes_the_modal_and_leaves_the_card_as_it_was(make_app, counter):
    (hit,) = counter.search("zw")
    before = counter.card(hit.id)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await search(app, pilot, "zw")
        await pilot.press("ctrl+e")
        await settle(app, pilot)
        await pilot.press("end", *", 13800138000", "enter", "o", "escape")
        await settle(app, pilot)
        assert isinstance(app.screen, ResidentsScreen)
    assert counter.card(hit.id) == before


async def test_ctrl_n_starts_a_call_for_the_resident_in_the_call_view(make_app, counter):
    (hit,) = counter.search("zw")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await search(app, pilot, "zw")
        await pilot.press("ctrl+n")
        await settle(app, pilot)
        assert app.current_mode == "call"
        assert app.screen.query_one(ResidentCardView).card.id == hit.id


async def test_the_palette_finds_a_resident_and_opens_their_card(make_app, counter, monkeypatch):
    # As the app registers it: COMMANDS = App.COMMANDS | {ResidentCommands}
    monkeypatch.setattr(FrontdeskApp, "COMMANDS", COMMANDS)
    assert ResidentCommands in COMMANDS
    (hit,) = counter.search("zw")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert app.current_mode == "call"
        await pilot.press("ctrl+p", *"zw")
        await settle(app, pilot)
        await pilot.pause(0.3)
        await pilot.press("down", "enter")
        await settle(app, pilot)
        assert app.current_mode == "residents"
        assert shown(app.screen) == hit.id


async def test_the_palette_offers_the_four_views(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        provider = ResidentCommands(app.screen)
        views = [hit.text async for hit in provider.discover()]
        assert views == ["Call view", "Residents view", "Queue view", "Follow-ups view"]
        (queue,) = [hit async for hit in provider.search("queue view")]
        await queue.command()
        await settle(app, pilot)
        assert app.current_mode == "queue"


async def test_nobody_is_found_from_the_palette_before_signing_in(make_app):
    app = make_app(signed_in=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        provider = ResidentCommands(app.screen)
        assert [hit async for hit in provider.search("zw")] == []


def test_the_residents_view_after_typing_pinyin_initials(make_app, snap_compare):
    assert snap_compare(make_app(), press=["f3", *"zw"], terminal_size=SIZE)
