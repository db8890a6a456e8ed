"""The Call view speaks to callers in the caller language, whatever the interface's."""

from dataclasses import replace

from textual.widgets import Static

from frontdesk.tui.app import FrontdeskApp
from tests.tui.conftest import SIZE
from tests.tui.driving import open_view, settle


def script_of(app) -> str:
    return str(app.screen.query_one("#script", Static).render())


async def test_an_english_interface_at_a_chinese_estate_shows_the_chinese_line_and_its_gloss(
    make_app,
):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_view(app, pilot, "f2")
        script = script_of(app)
        assert "您好,阳光花园客户服务中心,请问有什么可以帮您?" in script
        assert "Hello, 阳光花园 customer service centre, how can I help you?" in script


async def test_an_estate_speaking_english_to_callers_shows_the_english_line_alone(counter):
    counter.desk = replace(counter.desk, caller_language="en")
    assert counter.sign_in("小李", "1234") is not None
    app = FrontdeskApp(counter, blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await open_view(app, pilot, "f2")
        await settle(app, pilot)
        script = script_of(app)
        assert "Hello, 阳光花园 customer service centre, how may I help you?" in script
        assert "您好" not in script
        assert "how can I help you" not in script  # no gloss repeating the line
