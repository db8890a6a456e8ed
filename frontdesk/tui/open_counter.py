"""The counter the app has open, and the app itself, typed, for every screen, widget and
command provider that works through them."""

from typing import TYPE_CHECKING, Protocol, runtime_checkable

from textual.dom import DOMNode

if TYPE_CHECKING:
    # For the type alone: the sign-in paints before the database and its libraries load.
    from textual.command import Provider

    from frontdesk.services.counter import Counter


@runtime_checkable
class CounterApp(Protocol):
    """What the views ask of the app beyond Textual's own."""

    counter: "Counter | None"

    def wait_until_open(self) -> bool: ...

    def signed_in(self) -> None: ...

    def report_failure(self, error: BaseException | None) -> None: ...


def app_of(node: DOMNode) -> CounterApp:
    """The app ``node`` runs in, as the views know it."""
    app = node.app
    if not isinstance(app, CounterApp):
        raise RuntimeError(f"{type(app).__name__} is not a counter's app")
    return app


def counter_of(node: "DOMNode | Provider") -> "Counter":
    """The app's counter; what uses it is shown only once one is open."""
    counter = getattr(node.app, "counter", None)
    if counter is None:
        raise RuntimeError("no counter is open yet")
    return counter
