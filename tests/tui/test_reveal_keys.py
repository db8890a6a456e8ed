"""F6 shows a full number for half a minute, on the resident card (supervisor, manager) and on
the follow-up to dial (a receptionist too, while it may be called); every reveal is recorded,
and the number is masked again on time or when the selection moves."""

import pytest
from sqlmodel import select

from frontdesk.domain.people.phones import normalize_phone
from frontdesk.store.engine import new_session
from frontdesk.store.listeners.journal import AuditEntry
from frontdesk.store.tables.staff import Operator
from frontdesk.tui import revealing
from frontdesk.tui.widgets.resident_card import ResidentCardView
from tests.tui.conftest import SIZE
from tests.tui.driving import numbers_on_file, open_view, settle, unique_phone


def reveals(counter) -> list[tuple[str, str, str]]:
    """(who, table, row) of every reveal in the log."""
    with new_session(counter.engine) as session:
        rows = session.exec(
            select(Operator.name, AuditEntry.table_name, AuditEntry.row_key)
            .join(Operator, Operator.id == AuditEntry.operator_id)
            .where(AuditEntry.action == "reveal")
            .order_by(AuditEntry.id)
        )
        return [tuple(row) for row in rows]


def card_text(app) -> str:
    return str(app.screen.query_one(ResidentCardView).render())


def enabled(app, key: str) -> bool:
    """Shown and not greyed. A key hidden from the footer does not do its action: pressed, it
    says why (a hidden binding of the same key)."""
    active = app.screen.active_bindings.get(key)
    return active is not None and active.enabled and active.binding.show


@pytest.fixture
def quick(monkeypatch):
    """Numbers masked again after a fifth of a second rather than thirty."""
    monkeypatch.setattr(revealing, "REVEAL_SECONDS", 0.2)


def refusal(app, view: str) -> str:
    """The line that says why a key did nothing; empty while hidden."""
    from textual.widgets import Static

    line = app.screen.query_one(f"#{view}-refusal", Static)
    return str(line.render()) if line.display else ""


async def find(app, pilot, digits: str) -> None:
    await pilot.press("f3", *digits)
    await settle(app, pilot)


async def test_a_supervisor_shows_the_cards_numbers_until_the_time_is_up(make_app, counter, quick):
    resident_id, digits = unique_phone(counter)
    full = normalize_phone(numbers_on_file(counter, resident_id)[0]).display
    app = make_app("王主管")
    async with app.run_test(size=SIZE) as pilot:
        await find(app, pilot, digits)
        assert full not in card_text(app) and enabled(app, "f6")
        await pilot.press("f6")
        await settle(app, pilot)
        assert full in card_text(app)
        assert any("recorded" in n.message for n in app._notifications)
        await pilot.pause(0.4)
        assert full not in card_text(app)
    assert [who for who, table, _row in reveals(counter)] == ["王主管"] * len(
        numbers_on_file(counter, resident_id)
    )
    assert {table for _who, table, _row in reveals(counter)} == {"resident_phone"}


async def test_a_revealed_number_is_masked_again_when_another_card_is_picked(make_app, counter):
    resident_id, digits = unique_phone(counter)
    full = normalize_phone(numbers_on_file(counter, resident_id)[0]).display
    app = make_app("陈经理")
    async with app.run_test(size=SIZE) as pilot:
        await find(app, pilot, digits)
        await pilot.press("f6")
        await settle(app, pilot)
        assert full in card_text(app)
        await pilot.press("ctrl+l", *["backspace"] * len(digits), *"zw")
        await settle(app, pilot)
        await pilot.press("down", "down")
        await settle(app, pilot)
        await pilot.press("ctrl+l", *["backspace"] * 2, *digits)
        await settle(app, pilot)
        assert app.screen.card.id == resident_id and full not in card_text(app)


async def test_a_receptionist_has_no_number_key_on_the_card_and_the_service_refuses(
    make_app, counter
):
    _resident_id, digits = unique_phone(counter)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await find(app, pilot, digits)
        assert not enabled(app, "f6")
        await pilot.press("f6")
        await settle(app, pilot)
        # Said under the card: why not, how the caller is confirmed instead, and who can.
        said = refusal(app, "residents")
        assert "A receptionist does not see a card's full number" in said
        assert "last four digits" in said and "supervisor can show it" in said
        # Past the greyed key, straight to the action: the service says no, and it is shown.
        app.screen.action_reveal()
        await settle(app, pilot)
        assert any("supervisor" in n.message for n in app._notifications)
    assert reveals(counter) == []


async def test_a_receptionist_sees_the_number_of_a_follow_up_callable_now(make_app, counter):
    # 19:00: the day window is over; only the evening window (consent, urgent calls) is open.
    counter.desk.clock.moment = counter.desk.clock.moment.replace(hour=19)
    now = next(c for c in counter.callbacks() if c.callable_now and c.phone)
    later = next(c for c in counter.callbacks() if not c.callable_now and c.phone)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_view(app, pilot, "f5", later.id)
        assert not enabled(app, "f6")
        await pilot.press("f6")
        await settle(app, pilot)
        said = refusal(app, "followups")
        assert said.startswith(
            f"Not to be called now: its callable window opens {later.window_start:%m-%d %H:%M}."
        )
        assert "a supervisor can show it at any time" in said
        await open_view(app, pilot, "f5", now.id)
        assert refusal(app, "followups") == ""  # the cursor moved: it was about another call
        assert enabled(app, "f6")
        await pilot.press("f6")
        await settle(app, pilot)
        pane = str(app.screen.query_one("#followups-detail").render())
        assert "shown on purpose" in pane and now.phone not in pane
    assert reveals(counter) == [("小李", "follow_up", str(now.id))]


async def test_a_supervisor_sees_a_follow_ups_number_at_any_time(make_app, counter):
    counter.desk.clock.moment = counter.desk.clock.moment.replace(hour=19)
    later = next(c for c in counter.callbacks() if not c.callable_now and c.phone)
    app = make_app("王主管")
    async with app.run_test(size=SIZE) as pilot:
        await open_view(app, pilot, "f5", later.id)
        await pilot.press("f6")
        await settle(app, pilot)
        assert "shown on purpose" in str(app.screen.query_one("#followups-detail").render())
    assert reveals(counter) == [("王主管", "follow_up", str(later.id))]
