"""The footer every view shows: compact, so the view's own keys and the keys to the other
views fit on one line of a counter terminal."""

from textual.widgets import Footer


class CounterFooter(Footer):
    def __init__(self) -> None:
        super().__init__(compact=True)
