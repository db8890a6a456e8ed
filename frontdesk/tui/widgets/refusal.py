"""The line under a list that says why a key did nothing: shown when the key is pressed, gone
when the cursor moves to another row, which the line was not about."""

from textual.widgets import Static


class RefusalLine(Static):
    DEFAULT_CLASSES = "warning"

    def __init__(self, *, id: str) -> None:  # noqa: A002 - Textual's own name for it
        # What is said names residents and typed text: never read as markup.
        super().__init__("", id=id, markup=False)
        self.display = False

    def say(self, why: str) -> None:
        self.update(why)
        self.display = bool(why)

    def clear(self) -> None:
        self.display = False
