"""Who is calling: one field finds them by phone digits, unit, name or pinyin initials as you
type; the caller's name, phone and unit are kept as given for callers who are not on file."""

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from frontdesk.domain.people.phones import digits_of
from frontdesk.domain.vocabulary.kinds import ResidentRole
from frontdesk.i18n import _
from frontdesk.services.kernel.errors import ServiceError
from frontdesk.services.residents.search import ResidentDraft
from frontdesk.tui.failures import ReportsWorkerFailures
from frontdesk.tui.open_counter import counter_of
from frontdesk.tui.widgets.fields import Advance, FieldRow, GoesOnTyping, TextField

CALLER_FIELDS = ("name", "phone", "unit")


def field_name(name: str) -> str:
    """One of CALLER_FIELDS as its row names it."""
    return {"name": _("name"), "phone": _("phone"), "unit": _("unit")}[name]


def _resident_of(option: Option) -> int:
    """The resident a match stands for: every match is listed with its resident's id."""
    assert option.id is not None
    return int(option.id)


class IdentifyInput(GoesOnTyping):
    """The one field that finds the caller; up and down move through the matches."""

    BINDINGS = [
        Binding("down", "next_match", _("Next match"), show=False, id="call.next_match"),
        Binding("up", "previous_match", _("Previous match"), show=False, id="call.previous_match"),
    ]

    def action_next_match(self) -> None:
        self.screen.query_one("#matches", OptionList).action_cursor_down()

    def action_previous_match(self) -> None:
        self.screen.query_one("#matches", OptionList).action_cursor_up()


class CallerPanel(ReportsWorkerFailures, Vertical):
    """Finds the caller and keeps the caller as given."""

    class Picked(Message):
        """A resident on file was picked."""

        def __init__(self, resident_id: int) -> None:
            super().__init__()
            self.resident_id = resident_id

    class NotOnFile(Message):
        """Nobody matched: the caller is recorded as given."""

    def compose(self) -> ComposeResult:
        yield IdentifyInput(placeholder=_("caller: 5678 · 3-2-1201 · 张伟 · zw"), id="identify")
        yield OptionList(id="matches")
        for name in CALLER_FIELDS:
            yield FieldRow(
                _("caller {field}").format(field=field_name(name)),
                TextField(f"caller_{name}"),
                required=False,
            )

    @property
    def caller(self) -> dict[str, str]:
        """The caller as given (a masked phone stands for the number on file)."""
        return {
            n: self.query_one(f"#field-caller_{n}", TextField).real_value.strip()
            for n in CALLER_FIELDS
        }

    @property
    def search_text(self) -> str:
        """What is typed in the one field that finds the caller."""
        return self.query_one("#identify", Input).value

    def fill(self, **values: str) -> None:
        for name, value in values.items():
            field = self.query_one(f"#field-caller_{name}", TextField)
            field.masked = None
            field.value = value

    def fill_from_card(self, name: str, phone: str, unit: str) -> None:
        """A resident on file: their phone stays masked on screen."""
        self.fill(name=name, unit=unit)
        self.query_one("#field-caller_phone", TextField).show_masked(phone)

    def clear(self) -> None:
        self.query_one("#identify", Input).value = ""
        self.query_one("#matches", OptionList).clear_options()
        self.fill(**dict.fromkeys(CALLER_FIELDS, ""))

    def focus_search(self) -> None:
        self.query_one("#identify", Input).focus()

    def focus_next_empty(self, after: str | None = None) -> bool:
        """Focus the first empty caller field (after ``after``); False when there is none."""
        names: list[str] = list(CALLER_FIELDS)
        start = names.index(after.removeprefix("caller_")) + 1 if after else 0
        for name in names[start:]:
            field = self.query_one(f"#field-caller_{name}", TextField)
            if not field.value.strip():
                field.focus()
                return True
        return False

    @on(Input.Changed, "#identify")
    def search(self, event: Input.Changed) -> None:
        self.find(event.value)  # the screen hears it too: the first key starts the call

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def find(self, text: str) -> None:
        hits = counter_of(self).search(text) if text.strip() else []
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self.show_matches, hits)

    def show_matches(self, hits) -> None:
        matches = self.query_one("#matches", OptionList)
        matches.clear_options()
        matches.add_options(
            [Option(f"{h.name} · {h.units} · {h.phone}", id=str(h.id)) for h in hits]
        )
        if hits:
            matches.highlighted = 0

    @on(Input.Submitted, "#identify")
    def identified(self, event: Input.Submitted) -> None:
        event.stop()
        matches = self.query_one("#matches", OptionList)
        if matches.option_count and matches.highlighted is not None:
            option = matches.get_option_at_index(matches.highlighted)
            self.post_message(self.Picked(_resident_of(option)))
            return
        self.not_on_file(event.value.strip())

    @on(OptionList.OptionSelected, "#matches")
    def chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.Picked(_resident_of(event.option)))

    def not_on_file(self, text: str) -> None:
        """Keep what was typed where it belongs: digits as the phone, a unit as the unit."""
        digits = digits_of(text)
        if digits and len(digits) >= 7 and len(digits) * 2 >= len(text):
            self.fill(phone=text)
        elif any(mark in text for mark in "-栋幢座单元"):
            self.fill(unit=text)
        elif text:
            self.fill(name=text)
        self.post_message(self.NotOnFile())

    def show_errors(self, errors: dict[str, str]) -> None:
        """Problems with the caller as given, beside their fields."""
        for row in self.query(FieldRow):
            row.show_error(errors.get(str(row.field.name), ""))

    def create_resident(self) -> None:
        """A resident card from the caller as given; picked once made."""
        values = self.caller
        self.make_card(
            ResidentDraft(
                name=values["name"],
                phones=[values["phone"]] if values["phone"] else [],
                units=[(values["unit"], ResidentRole.OWNER)] if values["unit"] else [],
            )
        )

    @work(thread=True, exclusive=True, group="resident", exit_on_error=False)
    def make_card(self, draft: ResidentDraft) -> None:
        try:
            resident = counter_of(self).create_resident(draft)
        except ServiceError as error:
            self.app.call_from_thread(self.notify, str(error), severity="error")
            return
        assert resident.id is not None  # stored: the card has its number
        self.post_message(self.Picked(resident.id))

    @on(Advance)
    def next_field(self, event: Advance) -> None:
        """Enter in a caller field moves to the next empty one, then on to the matter."""
        if not self.focus_next_empty(after=event.field.name):
            return  # the screen moves on to the kind of matter
        event.stop()
