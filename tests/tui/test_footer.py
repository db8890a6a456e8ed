"""The footer: its keys are built again only when they change (building them was most of what
switching views cost), and a key that stops applying is greyed at once."""

from textual.widgets._footer import FooterKey

from frontdesk.tui.widgets.footer import CounterFooter
from tests.services.drafts import call, complaint
from tests.tui.conftest import SIZE
from tests.tui.driving import open_view, settle


def keys(app) -> list[FooterKey]:
    return list(app.screen.query_one(CounterFooter).query(FooterKey))


def card_key_greyed(app) -> bool:
    (card,) = [key for key in keys(app) if key.action == "card"]
    return card.has_class("-disabled")


async def test_switching_views_back_and_forth_keeps_the_footer_as_it_was(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_view(app, pilot, "f4")
        before = keys(app)
        for view in ("f3", "f5", "f2", "f4"):
            await open_view(app, pilot, view)
        assert keys(app) == before  # the same widgets: not built again
        assert "f4" not in [k.key for k in keys(app)]  # the view's own key still hidden


async def test_a_key_that_stops_applying_is_greyed_at_once(make_app, counter):
    app = make_app()
    # A caller on no resident card: no card to open from that row.
    (visitor,) = counter.file_call(call(complaint("minor"))).matter_ids
    resident = next(r.id for r in counter.queue() if r.resident_id is not None)
    async with app.run_test(size=SIZE) as pilot:
        await open_view(app, pilot, "f4", resident)
        assert not card_key_greyed(app)
        await open_view(app, pilot, "f4", visitor)  # F4 again is nothing: the cursor moves
        await settle(app, pilot)
        assert card_key_greyed(app)
        await open_view(app, pilot, "f4", resident)
        await settle(app, pilot)
        assert not card_key_greyed(app)
