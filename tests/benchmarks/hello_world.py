"""The reference of the start-up figure: a bare Textual app with one Static, which leaves as soon
as its first screen has painted. Textual sends ``Ready`` when "the DOM is ready and the first
frame has been displayed"; the exit waits one refresh more, as the counter app's hook does."""

from textual.app import App, ComposeResult
from textual.widgets import Static


class HelloWorld(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("Hello, World!")

    def on_ready(self) -> None:
        self.call_after_refresh(self.exit, message="ready: Hello, World! on screen")


if __name__ == "__main__":
    HelloWorld().run()
