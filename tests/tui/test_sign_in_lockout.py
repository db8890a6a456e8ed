"""Signing in at the counter: five wrong PINs in a row lock the operator out, and the sign-in
says until when, beside the PIN; the right PIN is refused until then."""

from frontdesk.tui.screens.call.screen import CallScreen
from frontdesk.tui.screens.sign_in import SignInScreen
from tests.tui.conftest import SIZE
from tests.tui.driving import settle, type_in


def said(app) -> str:
    return str(app.screen.query_one("#sign-in-error").render())


async def test_five_wrong_pins_lock_the_operator_out_until_a_time_shown_by_the_pin(make_app):
    app = make_app(signed_in=False)
    async with app.run_test(size=SIZE) as pilot:
        await type_in(pilot, "小李")
        for _ in range(4):
            await type_in(pilot, "9999")
            await settle(app, pilot)
            assert said(app) == "Name or PIN is not right."
        await type_in(pilot, "9999")
        await settle(app, pilot)
        assert "小李 is locked out until 15:25" in said(app)
        assert app.focused is app.screen.query_one("#pin")  # the PIN is cleared to type again
        await type_in(pilot, "1234")
        await settle(app, pilot)
        assert isinstance(app.screen, SignInScreen) and "until 15:25" in said(app)
        app.counter.desk.clock.advance(minutes=15)
        await type_in(pilot, "1234")
        await settle(app, pilot)
        assert isinstance(app.screen, CallScreen)


async def test_an_unknown_name_is_answered_like_a_wrong_pin(make_app):
    app = make_app(signed_in=False)
    async with app.run_test(size=SIZE) as pilot:
        await type_in(pilot, "小王")
        await type_in(pilot, "1234")
        await settle(app, pilot)
        assert said(app) == "Name or PIN is not right."
