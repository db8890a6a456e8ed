"""The app around the views: sign-in and the first run, one key to each view, the help, the
palette, and failures said out loud."""

from sqlmodel import select

from frontdesk.services.counter import Counter
from frontdesk.services.kernel.context import Desk
from frontdesk.store.database import open_database
from frontdesk.store.engine import new_session
from frontdesk.store.tables.staff import Operator
from frontdesk.tui.app import FrontdeskApp
from frontdesk.tui.screens.call.screen import CallScreen
from frontdesk.tui.screens.sign_in import FirstRunScreen, SignInScreen
from tests.conftest import FrozenClock
from tests.tui.conftest import NOW, SIZE
from tests.tui.driving import settle, type_in


async def test_a_wrong_pin_is_refused_and_the_right_one_opens_the_call_view(make_app):
    app = make_app(signed_in=False)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, SignInScreen)
        await type_in(pilot, "小李")
        await type_in(pilot, "9999")
        await settle(app, pilot)
        assert "not right" in str(app.screen.query_one("#sign-in-error").render())
        await type_in(pilot, "1234")
        await settle(app, pilot)
        assert isinstance(app.screen, CallScreen)
        assert app.counter.operator.name == "小李"


async def test_views_are_locked_until_someone_signs_in(make_app):
    app = make_app(signed_in=False)
    async with app.run_test(size=SIZE) as pilot:
        assert app.check_action("view", ("queue",)) is None
        await pilot.press("f4")
        assert isinstance(app.screen, SignInScreen)


async def test_the_first_run_names_the_centre_and_creates_its_manager(tmp_path, policy):
    counter = Counter(open_database(str(tmp_path / "empty.db")), Desk(policy, FrozenClock(NOW)))
    app = FrontdeskApp(counter, blink=False)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, FirstRunScreen)
        app.screen.query_one("#centre").value = ""
        await type_in(pilot, "翠湖花园")
        await type_in(pilot, "陈经理")
        await type_in(pilot, "12")  # too short: refused beside the form
        await settle(app, pilot)
        assert "4 to 8 digits" in str(app.screen.query_one("#sign-in-error").render())
        app.screen.query_one("#pin").value = ""
        await type_in(pilot, "2468")
        await settle(app, pilot)
        assert isinstance(app.screen, CallScreen)
        assert "您好,翠湖花园客户服务中心" in str(app.screen.query_one("#script").render())
    with new_session(counter.engine) as session:
        (manager,) = session.exec(select(Operator)).all()
    assert (manager.name, manager.role) == ("陈经理", "manager")


async def test_each_view_is_one_function_key_away(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        for key, mode in (
            ("f3", "residents"),
            ("f4", "queue"),
            ("f5", "followups"),
            ("f2", "call"),
        ):
            await pilot.press(key)
            await settle(app, pilot)
            assert app.current_mode == mode


async def test_help_lists_every_key_of_the_current_view(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("f1")
        await pilot.pause()
        shown = str(app.screen.query_one("#help").render())
        for label in ("Read back", "Confirm", "File", "Same matter", "Queue", "Quit"):
            assert label in shown
        await pilot.press("escape")
        assert isinstance(app.screen, CallScreen)


async def test_the_palette_offers_the_actions_that_apply_now(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert any(t.startswith("New call") for t in titles)
        assert not any(t.startswith("File") for t in titles)  # nothing confirmed yet


async def test_a_failing_worker_is_said_not_swallowed(make_app, counter):
    def broken(text):
        raise RuntimeError("disk unplugged")

    counter.search = broken
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("5")
        await settle(app, pilot)
        messages = [n.message for n in app._notifications]
        assert any("disk unplugged" in m for m in messages)


def test_sign_in_snapshot(snap_compare, make_app):
    assert snap_compare(make_app(signed_in=False), terminal_size=SIZE)
