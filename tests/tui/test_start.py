"""The start as the command line makes it: the sign-in paints first and the counter is opened
behind it. What the operator types meanwhile is kept, a database awaiting its first run turns
the sign-in into the first run, and a counter that cannot be opened ends the app with why."""

import threading

from frontdesk.services.counter import Counter
from frontdesk.services.kernel.context import Desk
from frontdesk.store.database import open_database
from frontdesk.tui.app import FrontdeskApp
from frontdesk.tui.screens.call.screen import CallScreen
from frontdesk.tui.screens.sign_in import FirstRunScreen, SignInScreen
from tests.conftest import FrozenClock
from tests.tui.conftest import NOW, SIZE
from tests.tui.driving import settle, type_in


def opened_when(gate: threading.Event, counter: Counter):
    """An opener that holds the counter back until the test lets it through."""

    def open_counter() -> Counter:
        assert gate.wait(30), "the test never let the counter open"
        return counter

    return open_counter


async def test_enter_pressed_before_the_database_is_open_signs_in_once_it_is(counter):
    gate = threading.Event()
    app = FrontdeskApp(opened_when(gate, counter), blink=False)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, SignInScreen) and app.counter is None
        await type_in(pilot, "小李")
        await type_in(pilot, "1234")
        for _ in range(5):
            await pilot.pause()
        # Still opening: the sign-in waits, and what was typed stays where it was typed.
        assert isinstance(app.screen, SignInScreen) and app.counter is None
        assert app.screen.query_one("#name").value == "小李"
        assert app.screen.query_one("#pin").value == "1234"
        gate.set()
        await settle(app, pilot)
        assert isinstance(app.screen, CallScreen)
        assert app.counter.operator.name == "小李"


async def test_views_stay_locked_while_the_database_opens(counter):
    gate = threading.Event()
    app = FrontdeskApp(opened_when(gate, counter), blink=False)
    async with app.run_test(size=SIZE) as pilot:
        assert app.check_action("view", ("queue",)) is None
        assert app.check_action("view", ("audit",)) is False
        await pilot.press("f4")
        assert isinstance(app.screen, SignInScreen)
        gate.set()
        await settle(app, pilot)


async def test_a_database_awaiting_its_first_run_opens_on_the_first_run(databases, policy):
    counter = Counter(open_database(databases.empty()), Desk(policy, FrozenClock(NOW)))
    app = FrontdeskApp(lambda: counter, blink=False)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            assert isinstance(app.screen, FirstRunScreen)
            assert app.focused is app.screen.query_one("#centre")
            await type_in(pilot, "")  # the policy's centre name, as it stands
            await type_in(pilot, "陈经理")
            await type_in(pilot, "2468")
            await settle(app, pilot)
            assert isinstance(app.screen, CallScreen)
            assert (counter.operator.name, counter.operator.role) == ("陈经理", "manager")
    finally:
        counter.engine.dispose()


async def test_a_counter_that_cannot_be_opened_ends_the_app_with_the_reason():
    reason = "the database schema is older than this program: run `frontdesk db upgrade`"

    def open_counter() -> Counter:
        raise RuntimeError(reason)

    app = FrontdeskApp(open_counter, blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await type_in(pilot, "小李")
        await settle(app, pilot)
    assert app.return_code == 1
    assert app.failure == reason
