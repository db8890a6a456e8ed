"""Small typed questions the views ask while working a matter: a line of text, a moment, or one
choice out of a few. Each returns its value on dismiss (None when cancelled with Escape) and
refuses to close while the answer is not usable, saying why under the field. A text prompt for
what is said to a resident, or noted about them, can also guard against the phrases the counter
never uses (DOMAIN.md §2): it warns while typing, and never blocks."""

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import TypeVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Label, Static

from frontdesk.domain.clock.moments import Heard, MomentError, Tense, understand_moment
from frontdesk.domain.clock.spoken import placeholder, read_back
from frontdesk.domain.text.free_text import TextError, checked_text
from frontdesk.i18n import _
from frontdesk.services.kernel.context import Desk
from frontdesk.tui.dialogs.modal import ClosesOnce
from frontdesk.tui.markup import phrase_warnings
from frontdesk.tui.widgets.fields import LineInput
from frontdesk.tui.widgets.picking import Choice, ChoiceTyping

T = TypeVar("T")

CANCEL = Binding("escape", "cancel", _("Cancel"), id="prompt.cancel", tooltip=_("Ask nothing"))


class _LinePrompt(ClosesOnce[T]):
    """A title, a labelled input, the line for its problem and a hint of the keys."""

    BINDINGS = [CANCEL]
    # The field takes the keys as soon as the prompt shows. Textual does this on activation,
    # which is safe when Escape closed the prompt before it was even mounted (fast typing).
    AUTO_FOCUS = "#prompt-input"

    #: Whether the never-say phrases in the typed text are shown under the field.
    guard = False

    def __init__(self, title: str, label: str, initial: str = "", hint: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.label_text = label
        self.initial = initial
        self.hint = hint or _("Enter: OK · Escape: cancel")

    def compose(self) -> ComposeResult:
        with Vertical(classes="prompt"):
            # Titles carry residents' names and typed text: never read them as markup.
            yield Label(self.title_text, classes="title", markup=False)
            yield Label(self.label_text, classes="hint", markup=False)
            yield LineInput(value=self.initial, id="prompt-input")
            if self.guard:
                # phrase_warnings escapes the typed text: the markup is its own.
                yield Static(phrase_warnings([self.initial]), id="prompt-guard", classes="warning")
            yield Static("", id="prompt-error", classes="prompt-error", markup=False)
            yield Static(self.hint, id="prompt-hint", classes="hint")

    def show_error(self, message: str, *, ok: bool = False) -> None:
        """Write under the field: a problem, or (``ok``) how the answer was understood."""
        line = self.query_one("#prompt-error", Static)
        line.update(message)
        line.set_class(ok, "-ok")

    def action_cancel(self) -> None:
        self.dismiss(None)


class TextPrompt(_LinePrompt[str | None]):
    """Type a line of text (a reply, a note, a reason); Enter submits it, never empty."""

    def __init__(
        self,
        title: str,
        label: str,
        initial: str = "",
        *,
        check: Callable[[str], str | None] | None = None,
        guard: bool = False,
    ) -> None:
        """``check`` returns what is wrong with the text, or None when it will do. ``guard``
        shows each never-say phrase typed, with what to say instead; it does not stop Enter."""
        super().__init__(title, label, initial)
        self.check = check
        self.guard = guard

    @on(Input.Changed)
    def warn(self, event: Input.Changed) -> None:
        if self.guard:
            self.query_one("#prompt-guard", Static).update(phrase_warnings([event.value]))

    @on(Input.Submitted)
    def submit(self, event: Input.Submitted) -> None:
        event.stop()
        try:
            text = checked_text(event.value, what=_("the text"))
        except TextError as error:
            self.show_error(str(error))  # under the field: shorten it, or Escape
            return
        if not text:
            self.show_error(_("Write something first, or press Escape to cancel."))
            return
        problem = self.check(text) if self.check else None
        if problem:
            self.show_error(problem)
            return
        self.dismiss(text)


class MomentPrompt(_LinePrompt[datetime | None]):
    """Type a moment as the counter says it ("明天 9:00", "14:30", "+2h"); the moment it is read
    as is shown while typing, so a wrong day is caught before it is recorded."""

    def __init__(
        self,
        title: str,
        label: str,
        desk: Desk,
        initial: str = "",
        *,
        tense: Tense = Tense.EITHER,
    ) -> None:
        super().__init__(
            title,
            label,
            initial,
            hint=_("{examples} — Enter: OK · Escape: cancel").format(examples=placeholder(tense)),
        )
        self.desk = desk
        self.tense = tense

    def read(self, text: str) -> Heard:
        # The counter's clock, not the computer's: the two differ in tests and in replays.
        return understand_moment(
            text, now=self.desk.now(), tz=self.desk.policy.timezone, tense=self.tense
        )

    @on(Input.Changed)
    def preview(self, event: Input.Changed) -> None:
        if not event.value.strip():
            self.show_error("")
            return
        try:
            heard = self.read(event.value)
        except MomentError as error:
            self.show_error(str(error))
            return
        said = read_back(heard, now=self.desk.now(), tz=self.desk.policy.timezone)
        self.show_error(f"= {said}", ok=True)

    @on(Input.Submitted)
    def submit(self, event: Input.Submitted) -> None:
        event.stop()
        try:
            heard = self.read(event.value)
        except MomentError as error:
            self.show_error(str(error))
            return
        self.dismiss(heard.moment)


def _as_choice(
    option: Choice | tuple[str, str, str] | tuple[str, str, str, tuple[str, ...]],
) -> Choice:
    if isinstance(option, Choice):
        return option
    key, value, label, *words = option
    return Choice(key, value, label, words[0] if words else ())


class ChoicePrompt(ClosesOnce[str | None]):
    """Pick one of a few options with its letter, its number or its Chinese name (as an input
    method commits it); Escape cancels."""

    BINDINGS = [CANCEL]

    def __init__(
        self,
        title: str,
        options: Sequence[Choice | tuple[str, str, str] | tuple[str, str, str, tuple[str, ...]]],
        *,
        detail: str = "",
    ) -> None:
        """``options`` are (key, value, label) with, where the label is not Chinese, the
        Chinese names that pick the option too; the key is one character. ``detail`` is what
        the choice is about, shown under the title."""
        super().__init__()
        self.title_text = title
        self.options = [_as_choice(o) for o in options]
        self.detail = detail
        self.typing = ChoiceTyping(self, lambda: self.options, self._picked, self._refused)

    def compose(self) -> ComposeResult:
        with Vertical(classes="prompt"):
            yield Label(self.title_text, classes="title", markup=False)
            if self.detail:
                yield Static(self.detail, id="prompt-detail", classes="hint", markup=False)
            for number, option in enumerate(self.options, start=1):
                keys = f"{number}" if option.key == str(number) else f"{number} {option.key}"
                yield Static(
                    Text.assemble((f"[{keys}] ", "bold"), option.label), classes="prompt-option"
                )
            yield Static("", id="prompt-error", classes="prompt-error", markup=False)
            yield Static(_("Press its number or its key · Escape: cancel"), classes="hint")

    def on_key(self, event: events.Key) -> None:
        self.typing.key(event)

    def _picked(self, choice: Choice) -> None:
        self.dismiss(choice.value)

    def _refused(self, typed: str) -> None:
        line = self.query_one("#prompt-error", Static)
        line.update(
            _("「{typed}」 is none of these: press its number, or type its name").format(
                typed=typed
            )
        )
        line.display = True

    def action_cancel(self) -> None:
        self.dismiss(None)
