"""The counter the app has open, typed, for every screen, widget and command provider that
works through it."""

from typing import Any, Protocol

from textual.app import App

from frontdesk.services.counter import Counter


class InTheApp(Protocol):
    @property
    def app(self) -> App[Any]: ...


def counter_of(node: InTheApp) -> Counter:
    """The app's counter; what uses it is shown only once one is open."""
    counter = getattr(node.app, "counter", None)
    if not isinstance(counter, Counter):
        raise RuntimeError("no counter is open yet")
    return counter
