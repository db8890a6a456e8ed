"""Pasting into the app as a terminal does (a bracketed paste reaches the focused field whole),
and reading the screen back as the receptionist sees it."""

from textual import events
from textual.geometry import Region

# What people paste at the counter: from a chat, a web page, a terminal, a phone.
CONTROL = "王\x00师\x07傅\x1b[31m(外来)\x1b[0m\x7f\x08"
ESCAPES = "\x1b]0;owned\x07楼上\x1b[2J漏水\x1b(B"
LINES = "第一行\r\n第二行\n第三行\r"
EMOJI = "👨‍👩‍👧‍👦 家里漏水 👍🏽 🏳️‍🌈 🇨🇳 ❤️"
RTL = "مرحبا بالعالم 水管 שלום עולם"
MARKUP = "[bold]楼上[/bold] [/] [red]漏水 [link=x]点[/link] \\"
LONG = "长" * 10_000


async def paste(app, pilot, text: str, into: str | None = None) -> None:
    """Paste ``text`` into the focused field, or first focus the widget ``into`` names."""
    if into is not None:
        app.screen.query_one(into).focus()
        await pilot.pause()
    app._driver.send_message(events.Paste(text))
    # Not settle(): while a prompt is open, the worker that opened it waits for its answer.
    await pilot.pause()
    await pilot.pause()


def screen_text(app) -> list[str]:
    """The screen as plain lines, one a terminal row."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


def widget_text(widget) -> str:
    """Everything a widget shows, scrolled into view or not, as plain lines."""
    width, height = widget.size
    return "\n".join(strip.text for strip in widget.render_lines(Region(0, 0, width, height)))
