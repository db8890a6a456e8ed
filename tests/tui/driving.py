"""Driving the app as a receptionist would: keys only."""

from sqlmodel import select

from frontdesk.store.engine import new_session
from frontdesk.store.models import Call, Matter, MatterEvent


async def settle(app, pilot) -> None:
    """Let workers finish and the screen catch up."""
    for _ in range(3):
        await app.workers.wait_for_complete()
        await pilot.pause()


async def type_in(pilot, text: str, *, enter: bool = True) -> None:
    await pilot.press(*text)
    if enter:
        await pilot.press("enter")


def unique_phone(counter) -> tuple[int, str]:
    """A resident whose last four phone digits find only them."""
    for resident_id in range(1, 300):
        card = counter.card(resident_id)
        digits = card.phones[0][-4:] if card.phones else ""
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


def events_of(counter, matter_id: int) -> list[MatterEvent]:
    with new_session(counter.engine) as session:
        return list(
            session.exec(
                select(MatterEvent)
                .where(MatterEvent.matter_id == matter_id)
                .order_by(MatterEvent.id)
            )
        )
