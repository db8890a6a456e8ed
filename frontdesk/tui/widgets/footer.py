"""The footer every view shows: compact, so the view's own keys and the keys to the other
views fit on one line of a counter terminal."""

from textual.screen import Screen
from textual.widgets import Footer


def _keys_shown(screen: Screen) -> tuple:
    """What the footer shows of ``screen``'s keys: each key, its label and whether it applies."""
    return tuple(
        (binding.key, binding.description, binding.group, enabled, tooltip)
        for (_node, binding, enabled, tooltip) in screen.active_bindings.values()
        if binding.show
    )


class CounterFooter(Footer):
    """Textual's footer builds its keys anew whenever the bindings may have changed: at every
    switch of view (the view left as well as the one shown) and every row the cursor moves to.
    Building them is a good part of what switching to a view costs; this one builds them only
    when the view is shown and its keys did change."""

    def __init__(self) -> None:
        # Ctrl+P is in the help (F1): its room in the footer goes to the view's own keys.
        super().__init__(compact=True, show_command_palette=False)
        self._composed: tuple | None = None

    def compose(self):
        self._composed = _keys_shown(self.screen) if self._bindings_ready else None
        yield from super().compose()

    def bindings_changed(self, screen: Screen) -> None:
        if self._composed is not None and screen is self.screen:
            if not screen.is_current:
                return  # a view left behind: its keys are worked out again when it is back
            if _keys_shown(screen) == self._composed:
                return
        super().bindings_changed(screen)
