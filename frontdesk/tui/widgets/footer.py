"""The footer every view shows: compact, so the view's own keys and the keys to the other
views fit on one line of a counter terminal."""

from textual.widgets import Footer


class CounterFooter(Footer):
    def __init__(self) -> None:
        # Ctrl+P is in the help (F1): its room in the footer goes to the view's own keys.
        super().__init__(compact=True, show_command_palette=False)
