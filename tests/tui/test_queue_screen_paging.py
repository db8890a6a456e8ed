"""The queue view reads a page at a time: more as the cursor nears the end, from the top again
when a filter changes, and the totals above it count every matter, not only the rows read."""

import pytest
from textual.widgets import DataTable, Static

from frontdesk.services.matters.queue import QueueFilter
from frontdesk.tui.messages import DatabaseChanged
from frontdesk.tui.screens.queue.screen import QueueScreen
from tests.tui.conftest import SIZE
from tests.tui.driving import settle

PAGE = 5


@pytest.fixture(autouse=True)
def small_pages(monkeypatch):
    """Pages of five rows, the next read two rows before the end: the demo estate's queue
    then takes several pages."""
    monkeypatch.setattr(QueueScreen, "PAGE_SIZE", PAGE)
    monkeypatch.setattr(QueueScreen, "READ_AHEAD", 2)


def whole(counter, filters=None):
    return counter.queue_page(filters, limit=1000).rows


def shown(app) -> list[int]:
    return [int(key.value) for key in app.screen.query_one(DataTable).rows]


def totals_line(app) -> str:
    return str(app.screen.query_one("#queue-filters", Static).render())


async def open_queue(app, pilot) -> None:
    await pilot.press("f4")
    await settle(app, pilot)


async def test_the_first_page_is_the_most_urgent_and_says_how_many_there_are(make_app, counter):
    everything = whole(counter)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_queue(app, pilot)
        assert shown(app) == [r.id for r in everything[:PAGE]]
        line = totals_line(app)
    overdue = sum(r.overdue for r in everything)
    soon = sum(r.due_soon for r in everything)
    assert f"{len(everything)} open · {overdue} overdue · {soon} due within the hour" in line
    assert f"showing the {PAGE} most urgent" in line


async def test_the_cursor_nearing_the_end_reads_the_next_page(make_app, counter):
    everything = [r.id for r in whole(counter)]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_queue(app, pilot)
        await pilot.press("down", "down")  # two rows before the end of the page: not yet
        await settle(app, pilot)
        assert len(shown(app)) == PAGE
        await pilot.press("down")
        await settle(app, pilot)
        assert shown(app) == everything[: 2 * PAGE]
        assert app.screen.current.id == everything[3]  # the cursor stayed where it was
        await pilot.press("ctrl+end")  # the last row read: the next page, and so on
        await settle(app, pilot)
        assert shown(app) == everything[: 3 * PAGE]
        for _ in range(len(everything)):
            await pilot.press("ctrl+end")
            await settle(app, pilot)
        assert shown(app) == everything  # to the end, and no further
        assert "showing" not in totals_line(app)


async def test_a_filter_reads_from_the_top_again(make_app, counter):
    overdue = [r.id for r in whole(counter, QueueFilter(overdue_only=True))]
    assert len(overdue) > PAGE
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_queue(app, pilot)
        await pilot.press("ctrl+end")
        await settle(app, pilot)
        assert len(shown(app)) == 2 * PAGE
        # Back to the top: the cursor stays on its matter, here far from the end of a page.
        await pilot.press("ctrl+home")
        await pilot.press("u")  # overdue only
        await settle(app, pilot)
        assert shown(app) == overdue[:PAGE]
        assert f"{len(overdue)} open · {len(overdue)} overdue" in totals_line(app)
        await pilot.press("u")  # everything again: one page, not the two read before
        await settle(app, pilot)
        assert shown(app) == [r.id for r in whole(counter)[:PAGE]]


async def test_reading_again_keeps_the_rows_read_and_the_cursor_on_its_matter(make_app, counter):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_queue(app, pilot)
        await pilot.press("ctrl+end")
        await settle(app, pilot)
        await pilot.press("down", "down")
        await settle(app, pilot)
        before, on = shown(app), app.screen.current.id
        app.screen.post_message(DatabaseChanged())  # another counter saved something
        await settle(app, pilot)
        assert shown(app) == before
        assert app.screen.current.id == on


async def test_a_change_elsewhere_right_after_a_filter_reads_one_page_of_it(make_app, counter):
    overdue = [r.id for r in whole(counter, QueueFilter(overdue_only=True))]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_queue(app, pilot)
        await pilot.press("ctrl+end")
        await settle(app, pilot)
        await pilot.press("ctrl+home")
        await settle(app, pilot)
        # Another counter saves something as the filter is pressed, before its rows arrive:
        # the reading again is of the new filter's first page, not of as many rows as before.
        app.screen.action_toggle_overdue()  # u
        app.screen.on_database_changed(DatabaseChanged())
        await settle(app, pilot)
        assert shown(app) == overdue[:PAGE]
