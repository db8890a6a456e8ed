"""Driving the app as a receptionist would: keys only."""

import time
from collections import Counter as Tally
from contextlib import suppress

from sqlmodel import select
from textual.worker import WorkerCancelled

from frontdesk.store.engine import new_session
from frontdesk.store.tables.people import ResidentPhone
from frontdesk.store.tables.register import Call, FollowUpAttempt, Matter, MatterEvent


async def settle(app, pilot) -> None:
    """Let workers finish and the screen catch up: three rounds at least, and more while a
    worker is at work (one started by what the last round painted). A worker cancelled by a
    newer one of its group (the queue read again because another counter saved) is done with
    as well."""
    for round_ in range(30):
        with suppress(WorkerCancelled):
            await app.workers.wait_for_complete()
        await pilot.pause()
        if round_ >= 2 and not app.workers and tables_measured(app):
            return


async def list_shown(app, pilot, rows: int) -> None:
    """Wait until the view's list holds ``rows`` rows, measured. A list read again (another
    counter saved, or this one marked what it shows) may be refilled after ``settle``: a list
    first read empty and refilled then would otherwise be pictured before it is measured."""
    from textual.widgets import DataTable

    table = app.screen.query_one(DataTable)
    await wait_until(app, pilot, lambda: table.row_count == rows and tables_measured(app))


def tables_measured(app) -> bool:
    """A table measures the rows put in it when its own message queue runs dry: until then
    its columns are as wide as their titles and the cells are cut. On a loaded machine a
    pause can end before that, and a picture taken then shows the cut table."""
    from textual.widgets import DataTable

    return not any(
        table._require_update_dimensions or table._updated_cells
        for table in app.screen.query(DataTable)
    )


async def wait_until(app, pilot, condition, seconds: float = 5.0) -> float:
    """How long it took for ``condition`` to hold on screen; fails after ``seconds``."""
    start = time.monotonic()
    while time.monotonic() - start < seconds:
        await pilot.pause(0.1)
        if condition():
            return time.monotonic() - start
    raise AssertionError(f"not within {seconds} s")


async def type_in(pilot, text: str, *, enter: bool = True) -> None:
    await pilot.press(*text)
    if enter:
        await pilot.press("enter")


async def open_view(app, pilot, key: str, row_id: int | None = None) -> None:
    """Switch view with ``key``, then put the cursor on ``row_id`` as the arrow keys would."""
    from textual.widgets import DataTable

    await pilot.press(key)
    await settle(app, pilot)
    if row_id is not None:
        table = app.screen.query_one(DataTable)
        table.move_cursor(row=table.get_row_index(str(row_id)))
        await pilot.pause()
        assert app.screen.current.id == row_id


async def answer(app, pilot, prompt: type, *keys: str, text: str | None = None) -> None:
    """Wait for ``prompt`` to be shown, then press ``keys`` or type ``text`` and Enter."""
    for _ in range(20):
        if isinstance(app.screen, prompt):
            break
        await pilot.pause()
    assert isinstance(app.screen, prompt), app.screen
    if text is not None:
        await type_in(pilot, text)
    await pilot.press(*keys)
    await pilot.pause()


def numbers_on_file(counter, resident_id: int) -> list[str]:
    """A resident's full numbers as stored: what a caller would say (the screens never get them
    unmasked without a recorded reveal)."""
    with new_session(counter.engine) as session:
        phones = session.exec(
            select(ResidentPhone)
            .where(ResidentPhone.resident_id == resident_id)
            .order_by(ResidentPhone.id)
        )
        return [f"{p.national}转{p.extension}" if p.extension else p.national for p in phones]


def unique_phone(counter) -> tuple[int, str]:
    """A resident whose last four phone digits find only them."""
    for resident_id in range(1, 300):
        card = counter.card(resident_id)
        digits = card.phones_masked[0][-4:] if card.phones_masked else ""
        if digits and [h.id for h in counter.search(digits)] == [resident_id]:
            return resident_id, digits
    raise AssertionError("no resident with unique last digits")


def calls(counter) -> list[Call]:
    with new_session(counter.engine) as session:
        return list(session.exec(select(Call).order_by(Call.id)))


def matters_of_call(counter, call_id: int) -> list[Matter]:
    with new_session(counter.engine) as session:
        return list(
            session.exec(select(Matter).where(Matter.call_id == call_id).order_by(Matter.id))
        )


def tries_of(counter, follow_up_id: int) -> list[FollowUpAttempt]:
    """The tries recorded at a follow-up call, oldest first."""
    with new_session(counter.engine) as session:
        return list(
            session.exec(
                select(FollowUpAttempt)
                .where(FollowUpAttempt.follow_up_id == follow_up_id)
                .order_by(FollowUpAttempt.id)
            )
        )


def events_of(counter, matter_id: int) -> list[MatterEvent]:
    with new_session(counter.engine) as session:
        return list(
            session.exec(
                select(MatterEvent)
                .where(MatterEvent.matter_id == matter_id)
                .order_by(MatterEvent.id)
            )
        )


def phones_held_by(counter, how_many: int, skip: str = "") -> tuple[str, list[int]]:
    """A mobile on file for exactly ``how_many`` residents, and who they are."""
    with new_session(counter.engine) as session:
        rows = session.exec(
            select(ResidentPhone.national, ResidentPhone.resident_id).where(
                ResidentPhone.kind == "mobile"
            )
        ).all()
    holders = Tally(national for national, _ in rows)
    for national, count in sorted(holders.items()):
        if count == how_many and national != skip:
            return national, sorted(rid for n, rid in rows if n == national)
    # The demo estate is built from a fixed seed: a test that needs a shared mobile and finds
    # none is a broken estate, not a case to pass over.
    raise AssertionError(f"the demo estate has no mobile shared by {how_many}")
