"""Form fields made for typing while the caller talks: Enter moves on, a choice is one key, and
a problem is written beside the field it concerns."""

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.timer import Timer
from textual.widgets import Input, Label, Static

from frontdesk.domain.text.free_text import clean_text
from frontdesk.i18n import _
from frontdesk.tui.widgets.picking import Choice, ChoiceTyping, number_of


class Advance(Message):
    """The field is done with: move to the next one that still needs filling."""

    def __init__(self, field: "TextField | ChoiceField") -> None:
        super().__init__()
        self.field = field


class LineInput(Input):
    """A line of text that takes pasted text whole and clean: every pasted line (Input keeps
    only the first) joined with spaces, without control characters or escape sequences."""

    def _on_paste(self, event: events.Paste) -> None:
        event.prevent_default()  # instead of Input's own, which would insert it raw
        event.stop()
        cleaned = clean_text(event.text, multiline=False)
        if not cleaned:
            return
        if self.selection.is_empty:
            self.insert_text_at_cursor(cleaned)
        else:
            self.replace(cleaned, *self.selection)


class GoesOnTyping(LineInput):
    """A field taken up again goes on after its text: the cursor at its end, so that a key
    typed there adds to what the caller said rather than replacing it. Escape brings back what
    it held when it was entered (a masked number as it was shown), once it was changed."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("select_on_focus", False)
        super().__init__(*args, **kwargs)
        #: What the field held when the cursor came into it.
        self.entered: str | None = None

    def focus_at_end(self) -> None:
        self.cursor_position = len(self.value)
        self.focus()

    def on_focus(self) -> None:
        self.cursor_position = len(self.value)
        self.entered = self.value

    def on_key(self, event: events.Key) -> None:
        if event.key != "escape" or self.entered is None or self.value == self.entered:
            return  # unchanged: Escape is the screen's (a dialog's cancel)
        event.stop()
        event.prevent_default()
        self.value = self.entered
        self.cursor_position = len(self.value)


class TextField(GoesOnTyping):
    """A line of text; Enter moves to the next field."""

    def __init__(self, name: str, **kwargs) -> None:
        super().__init__(name=name, id=f"field-{name}", **kwargs)

    #: A number shown masked (DOMAIN.md §5): (what is shown, the number it stands for).
    masked: tuple[str, str] | None = None

    def show_masked(self, real: str) -> None:
        """Show a phone number masked; the number given is used unless it is retyped. A number
        on file arrives masked already and stays so (the service files the number it masks)."""
        from frontdesk.domain.people.phones import is_masked, mask_phone

        shown = (real if is_masked(real) else mask_phone(real)) if real else ""
        self.masked = (shown, real) if real else None
        self.value = shown

    @property
    def real_value(self) -> str:
        if self.masked is not None and self.value == self.masked[0]:
            return self.masked[1]
        return self.value

    def set_value(self, value: object) -> None:
        self.value = "" if value is None else str(value)

    async def action_submit(self) -> None:
        self.post_message(Advance(self))


class ChoiceField(Static, can_focus=True):
    """One key picks an option and moves on: its letter, the number shown beside it, or its
    Chinese name as the input method commits it (picking.py)."""

    chosen: reactive[str | None] = reactive(None)

    class Chosen(Message):
        def __init__(self, field: "ChoiceField", value: str) -> None:
            super().__init__()
            self.field = field
            self.value = value

        @property
        def control(self) -> "ChoiceField":
            """Lets ``@on(ChoiceField.Chosen, "#id")`` pick the field."""
            return self.field

    class Refused(Message):
        """What was typed names none of the options (or more than one)."""

        def __init__(self, field: "ChoiceField", typed: str) -> None:
            super().__init__()
            self.field = field
            self.typed = typed

    def __init__(self, name: str, choices: list[Choice], **kwargs) -> None:
        super().__init__(name=name, id=f"field-{name}", **kwargs)
        self.choices = choices
        self.typing = ChoiceTyping(self, lambda: self.choices, self._picked, self._refused)
        self._cursor_keeper: Timer | None = None

    @property
    def value(self) -> str | None:
        return self.chosen

    def set_value(self, value: object) -> None:
        self.chosen = None if value in (None, "") else str(value)

    def render(self) -> Text:
        text = Text()
        for choice in self.choices:
            style = "reverse" if choice.value == self.chosen else ""
            number = number_of(self.choices, choice)
            # Non-breaking spaces: a wrapped line never parts a key from its option.
            text.append(number, style=f"bold {style}".strip())
            if choice.key != number:
                text.append(choice.key, style=f"dim {style}".strip())
            text.append(")\u00a0", style=f"bold {style}".strip())
            text.append(choice.label.replace(" ", "\u00a0"), style=style)
            text.append("   ")
        return text

    def on_key(self, event: events.Key) -> None:
        if self.typing.key(event):
            return
        if event.key == "enter":
            event.stop()
            self.post_message(Advance(self))

    def check_consume_key(self, key: str, character: str | None) -> bool:
        return character is not None and character.isprintable()

    def on_focus(self) -> None:
        # An input method opens its candidates where the terminal's cursor is: here, not
        # wherever the last repaint of the screen left it. The field moves when what is above
        # it grows (a card shown, a script line): the cursor follows while it has the focus.
        self._place_cursor()
        self._cursor_keeper = self.set_interval(0.2, self._place_cursor)

    def _place_cursor(self) -> None:
        if self.has_focus:
            self.app.cursor_position = self.content_region.offset

    def on_blur(self) -> None:
        if self._cursor_keeper is not None:
            self._cursor_keeper.stop()
            self._cursor_keeper = None
        self.typing.settle()  # a name half read when the cursor left is read as it stands

    def _picked(self, choice: Choice) -> None:
        self.chosen = choice.value
        self.post_message(self.Chosen(self, choice.value))
        self.post_message(Advance(self))

    def _refused(self, typed: str) -> None:
        self.post_message(self.Refused(self, typed))


class FieldRow(Vertical):
    """A label, the field, and the line where its problem is written."""

    def __init__(self, label: str, field: "TextField | ChoiceField", *, required: bool) -> None:
        super().__init__(classes="required" if required else "")
        self.label = label
        self.field = field
        self.required = required

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield Label(self.label + (" *" if self.required else ""), classes="label")
            yield self.field
        line = Static("", classes="error")
        line.display = False
        yield line

    def on_choice_field_refused(self, event: ChoiceField.Refused) -> None:
        event.stop()
        self.show_error(
            _("「{typed}」 is none of these: press its number, or type its name").format(
                typed=event.typed
            )
        )

    def on_choice_field_chosen(self, event: ChoiceField.Chosen) -> None:
        self.clear_error()  # the screen hears it too

    def show_error(self, message: str, *, ok: bool = False) -> None:
        """Write under the field: a problem, or (``ok``) how the typed value was understood."""
        # A row mounted a moment ago (F8 typed right after the kind) may not have composed its
        # line yet: nothing to write on, and the next check writes again.
        for line in self.query(".error").results(Static):
            line.update(Text(message))
            line.display = bool(message)
            line.set_class(ok, "-ok")

    def clear_error(self) -> None:
        self.show_error("")
