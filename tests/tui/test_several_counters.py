"""Several counters on one database: what one saves reaches the others within five seconds, a
matter someone else is on says so, and a save over someone else's is refused on screen."""

import asyncio
import io
from dataclasses import replace

from textual.widgets import Input, Label, Static

from frontdesk.domain.vocabulary.kinds import ComplaintClass, Role
from frontdesk.services.counter import Counter
from frontdesk.tui.dialogs.prompts import TextPrompt
from frontdesk.wording import say
from tests.tui.conftest import SIZE
from tests.tui.driving import answer, open_view, settle, type_in, wait_until


def night_desk(counter) -> Counter:
    """A second counter on the same database, with the supervisor signed in."""
    other = Counter(counter.engine, replace(counter.desk, counter="night desk"))
    assert other.sign_in("王主管", "1234") is not None
    return other


def detail_text(app) -> str:
    """The detail pane as the receptionist reads it."""
    from rich.console import Console

    console = Console(width=150, record=True, file=io.StringIO())
    console.print(app.screen.query_one("#queue-detail-text", Static).content)
    return console.export_text()


async def test_a_matter_escalated_at_another_counter_shows_here_within_five_seconds(
    make_app, counter
):
    app = make_app()
    other = night_desk(counter)
    row = next(r for r in counter.queue() if r.next_milestone == "escalate")
    async with app.run_test(size=SIZE) as pilot:
        await open_view(app, pilot, "f4", row.id)
        await asyncio.to_thread(
            other.escalate, matter_id=row.id, to_role=Role.MANAGER, to_whom="陈经理"
        )
        took = await wait_until(
            app, pilot, lambda: app.screen.reading.rows[row.id].next_milestone != "escalate"
        )
        assert took < 5
        await settle(app, pilot)
        assert "陈经理" in detail_text(app)


async def test_a_matter_another_counter_is_on_is_marked_in_hand(make_app, counter):
    app = make_app()
    other = night_desk(counter)
    row = counter.queue()[0]
    async with app.run_test(size=SIZE) as pilot:
        await open_view(app, pilot, "f4", row.id)
        await asyncio.to_thread(other.detail, row.id)  # the supervisor opens it over there
        await wait_until(app, pilot, lambda: app.screen.reading.rows[row.id].others)
        await settle(app, pilot)
        assert "Also being handled by 王主管 at night desk since" in detail_text(app)
        assert counter.detail(row.id).others  # and the supervisor sees the receptionist
        assert any("小李" in o for o in other.detail(row.id).others)


def replies(counter, matter_id: int) -> list[str]:
    return [say(e.text) for e in counter.detail(matter_id).events if e.kind == "replied"]


async def reply_while_the_supervisor_reclassifies(app, pilot, counter, row) -> TextPrompt:
    """Type a reply to ``row`` while another counter makes it major: the refused reply comes
    back in a prompt of its own."""
    other = night_desk(counter)
    await open_view(app, pilot, "f4", row.id)
    app.screen.query_one("#queue-table").focus()
    await pilot.press("r")  # reply: the prompt opens on the version shown
    await answer(app, pilot, TextPrompt)
    first = app.screen
    other.reclassify(matter_id=row.id, new_class=ComplaintClass.MAJOR, reason="媒体关注")
    await type_in(pilot, "已联系业主")
    await wait_until(
        app, pilot, lambda: isinstance(app.screen, TextPrompt) and app.screen is not first
    )
    assert isinstance(app.screen, TextPrompt)
    return app.screen


async def test_a_reply_refused_by_a_newer_save_comes_back_typed_and_saves_on_top(make_app, counter):
    app = make_app()
    row = next(r for r in counter.queue() if r.complaint_class in ("important", "minor"))
    async with app.run_test(size=SIZE) as pilot:
        again = await reply_while_the_supervisor_reclassifies(app, pilot, counter, row)
        assert again.query_one("#prompt-input", Input).value == "已联系业主"
        said = " ".join(str(label.render()) for label in again.query(Label))
        assert "→ major" in said and "on top of theirs" in said
        assert "已联系业主" not in replies(counter, row.id)  # refused: nothing written yet
        await pilot.press("enter")
        await wait_until(app, pilot, lambda: "已联系业主" in replies(counter, row.id))
    # Theirs stays: the reply went on top of the reclassification.
    assert counter.detail(row.id).matter.complaint_class == ComplaintClass.MAJOR


async def test_a_reply_refused_by_a_newer_save_is_dropped_only_with_escape(make_app, counter):
    app = make_app()
    row = next(r for r in counter.queue() if r.complaint_class in ("important", "minor"))
    async with app.run_test(size=SIZE) as pilot:
        await reply_while_the_supervisor_reclassifies(app, pilot, counter, row)
        await pilot.press("escape")
        await settle(app, pilot)
        assert not isinstance(app.screen, TextPrompt)
    assert "已联系业主" not in replies(counter, row.id)


async def test_a_card_saved_over_another_counters_save_keeps_both_after_the_refusal(
    make_app, counter
):
    """The other counter adds notes while this one changes the temperament: the first save is
    refused with what they changed, their notes come into the form, and saving again keeps
    both."""
    from frontdesk.services.residents.edit import editable_card
    from frontdesk.tui.screens.residents.edit import EditResidentScreen
    from frontdesk.tui.screens.residents.screen import ResidentsScreen

    (hit,) = counter.search("zw")
    other = night_desk(counter)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f3", *"zw")
        await settle(app, pilot)
        await pilot.press("ctrl+e")
        await settle(app, pilot)
        assert isinstance(app.screen, EditResidentScreen)
        card = other.run(editable_card, resident_id=hit.id)
        other.edit_resident(
            resident_id=hit.id,
            phones=card.phones,
            role=None,
            temperament=None,
            notes="晚上八点后别打",
            evening_calls_ok=card.evening_calls_ok,
        )
        app.screen.field("temperament").focus()
        await pilot.press("a")  # analytical
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, EditResidentScreen)  # refused, the form stays
        error = str(app.screen.query_one("#resident-edit-error", Static).render())
        assert "someone else changed this resident card" in error
        assert app.screen.field("notes").value == "晚上八点后别打"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, ResidentsScreen)
    after = counter.card(hit.id)
    assert (after.temperament, after.notes) == ("analytical", "晚上八点后别打")


async def test_the_month_end_upgrade_made_by_the_change_check_reaches_the_queue(make_app, counter):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_view(app, pilot, "f4")
        minor = {r.id for r in app.screen.reading.rows.values() if r.complaint_class == "minor"}
        assert minor
        # A month and more on: no one saves anything, and the valid complaints still open
        # become major as the handbook says, on screen within a change check or two.
        counter.desk.clock.advance(days=40)

        def upgraded() -> bool:
            shown = {r.id: r.complaint_class for r in app.screen.reading.rows.values()}
            # Still open, so still listed: each one shown, and as major.
            return all(shown.get(i) == "major" for i in minor)

        await wait_until(app, pilot, upgraded, seconds=8)
        (first, *_rest) = minor
        assert "upgraded" in [e.kind for e in counter.detail(first).events]
