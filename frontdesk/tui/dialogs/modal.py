"""Dialogs over a view that close once, however fast the keys come."""

from typing import TypeVar

from textual.await_complete import AwaitComplete
from textual.screen import ModalScreen

T = TypeVar("T")


class ClosesOnce(ModalScreen[T]):
    """A modal screen whose second dismiss does nothing.

    Keys typed fast are already on their way to a dialog when it closes: Enter submits it and
    the Escape right behind asks to cancel it. Screen.dismiss pops whatever screen is on top,
    so that second request would close the view underneath (an error: a view is the last
    screen of its stack) or the next dialog, and hand this one's answer to its caller.
    """

    def dismiss(self, result: T | None = None) -> AwaitComplete:
        if not self.is_active:
            return AwaitComplete.nothing()
        return super().dismiss(result)
