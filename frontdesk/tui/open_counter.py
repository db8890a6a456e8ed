"""The counter the app has open, typed, for every screen, widget and command provider that
works through it."""

from typing import TYPE_CHECKING, Any, Protocol

from textual.app import App

if TYPE_CHECKING:
    # For the type alone: the sign-in paints before the database and its libraries load.
    from frontdesk.services.counter import Counter


class InTheApp(Protocol):
    @property
    def app(self) -> App[Any]: ...


def counter_of(node: InTheApp) -> "Counter":
    """The app's counter; what uses it is shown only once one is open."""
    counter = getattr(node.app, "counter", None)
    if counter is None:
        raise RuntimeError("no counter is open yet")
    return counter
