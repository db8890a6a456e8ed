"""What the Call view's helpers (its keys, its drafts, a ringing call answered) need of the
view they work in. The view keeps the widgets and the call's state; the helpers keep the
rules of what a key, a save or a ring does with them."""

from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Any, Protocol

from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Static
from textual.worker import Worker

from frontdesk.domain.call.script import Line, Step
from frontdesk.domain.vocabulary.kinds import MatterKind
from frontdesk.services.intake.call import CallDraft, MatterDraft
from frontdesk.services.intake.drafts import SavedCall
from frontdesk.tui.screens.call.caller import CallerPanel
from frontdesk.tui.screens.call.matter_form import MatterForm
from frontdesk.tui.screens.call.state import CallState
from frontdesk.tui.widgets.fields import ChoiceField

if TYPE_CHECKING:
    from frontdesk.services.counter import Counter


class Drafts(Protocol):
    """The view's autosave, as the keys and the rings use it."""

    def held(self) -> AbstractContextManager[None]:
        """Nothing is saved inside; what it changed is saved after."""
        ...

    def changed(self) -> None: ...

    def save_now(self) -> None: ...

    def forget(self) -> None: ...

    def drop_now(self) -> None: ...

    def hold(self, saved: SavedCall) -> None: ...

    def take_back(self, name: str, current: SavedCall | None) -> None: ...

    def throw_away(self, name: str) -> None: ...


class CallView(Protocol):
    #: The call being taken; replaced by a new one for the next call.
    call: CallState
    #: The form of the matter being recorded; None before a kind is chosen.
    form: MatterForm | None

    @property
    def counter(self) -> "Counter": ...

    @property
    def caller(self) -> str:
        """The language spoken to callers."""
        ...

    @property
    def drafts(self) -> Drafts: ...

    @property
    def panel(self) -> CallerPanel: ...

    @property
    def kind_field(self) -> ChoiceField: ...

    def in_focus(self) -> Widget | None:
        """The widget the cursor is in."""
        ...

    def masked(self) -> list[str]:
        """The fields that show a number on file masked, as it was put there."""
        ...

    def widget(self, widget_id: str) -> Widget | None:
        """The view's widget of this id, if it is there now (a form may be gone)."""
        ...

    def line(self, name: str) -> Static:
        """One of the view's lines: offer, recorded."""
        ...

    def say(self, step: Step, line: Line, extra: str = "") -> None: ...

    def refuse(self, why: str) -> None:
        """Say beside the script why a key did nothing."""
        ...

    def show_aside(self) -> None:
        """Name the calls set aside again (one was set aside, taken back or thrown away)."""
        ...

    def greet(self) -> None: ...

    async def reset(self, note: str = "") -> None: ...

    def pick(self, resident_id: int) -> None: ...

    def load_card(self, resident_id: int, *, refill: bool = True) -> None: ...

    async def open_form(self, kind: MatterKind) -> None: ...

    async def clear_form_slot(self) -> None:
        """The form's fields off the screen (the form itself is the caller's to forget)."""
        ...

    def prefill_form(self) -> None: ...

    def show_recorded(self) -> None: ...

    def current(self) -> MatterDraft | None: ...

    def draft(self) -> CallDraft: ...

    def begin(self) -> None: ...

    def refresh_bindings(self) -> None: ...

    def from_thread(self, callback: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """Run ``callback`` on the app's thread, from a worker thread, and wait for it."""
        ...

    def ask(self, screen: Screen[Any], answered: Callable[[Any], Any]) -> None:
        """Put a dialog over the view; ``answered`` hears what it was dismissed with."""
        ...

    def after_app(self, callback: Callable[[], Any]) -> None:
        """Run ``callback`` once the app has done what is queued before it."""
        ...

    async def action_same_matter(self) -> None: ...

    def action_read_back(self) -> None: ...

    def notify(self, message: str, *, severity: Any = ..., timeout: float | None = ...) -> None: ...

    def run_worker(
        self,
        work: Any,
        *,
        group: str = ...,
        exit_on_error: bool = ...,
        exclusive: bool = ...,
        thread: bool = ...,
    ) -> Worker[Any]: ...

    def set_timer(self, delay: float, callback: Callable[[], Any]) -> Timer: ...

    def call_later(self, callback: Callable[..., Any], *args: Any) -> bool: ...

    def prevent(self, *message_types: type[Message]) -> AbstractContextManager[None]: ...
