"""Editing a resident card over the Residents view: phones, role, temperament, evening calls,
title and notes, each a line of text or one key."""

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Label, Static

from frontdesk.domain.people.temperaments import STRATEGY
from frontdesk.domain.vocabulary.kinds import ResidentRole, Temperament
from frontdesk.i18n import _
from frontdesk.services.counter import Counter
from frontdesk.services.kernel.concurrency import Conflict, Seen
from frontdesk.services.kernel.errors import FieldError, FieldsInvalid, ServiceError
from frontdesk.services.residents.edit import EditableCard, editable_card
from frontdesk.tui.dialogs.modal import ClosesOnce
from frontdesk.tui.failures import ReportsWorkerFailures
from frontdesk.tui.open_counter import counter_of
from frontdesk.tui.widgets.fields import Advance, Choice, ChoiceField, FieldRow, TextField
from frontdesk.tui.widgets.footer import CounterFooter

ROLE_CHOICES = [
    Choice("o", ResidentRole.OWNER.value, _("owner 业主")),
    Choice("t", ResidentRole.TENANT.value, _("tenant 租户")),
    Choice("f", ResidentRole.FAMILY.value, _("family 家属")),
]
TEMPERAMENT_CHOICES = [
    Choice(key, kind.value, STRATEGY[kind][0])
    for key, kind in (
        ("f", Temperament.FRIENDLY),
        ("d", Temperament.DOMINEERING),
        ("a", Temperament.ANALYTICAL),
        ("s", Temperament.SELF_CENTRED),
    )
] + [Choice("-", "", _("not known"))]
EVENING_CHOICES = [Choice("y", "y", _("yes 可以")), Choice("n", "n", _("no 不可以"))]
# Keys from the pinyin: xiānsheng, nǚshì.
TITLE_CHOICES = [
    # Translators: the English interface shows the title as stored beside its English one.
    Choice("x", "先生", _("Mr 先生")),
    Choice("n", "女士", _("Ms 女士")),
    Choice("-", "", "—"),
]
# The service names fields as it knows them; the form shows them in these rows.
FIELD_ROWS = {"evening_calls_ok": "evening"}


class EditResidentScreen(ReportsWorkerFailures, ClosesOnce[bool]):
    """Change a resident card. Enter moves to the next field, a choice is one key, Ctrl+S
    saves and Escape leaves the card as it was. Returns whether the card was saved."""

    BINDINGS = [
        Binding(
            "ctrl+s",
            "save",
            _("Save"),
            id="resident_edit.save",
            tooltip=_("Check and save the card"),
            priority=True,
        ),
        Binding(
            "escape",
            "cancel",
            _("Cancel"),
            id="resident_edit.cancel",
            tooltip=_("Close without saving"),
        ),
    ]

    def __init__(self, resident_id: int) -> None:
        super().__init__()
        self.resident_id = resident_id
        self.original: EditableCard | None = None
        self.rows: dict[str, FieldRow] = {
            "phones": FieldRow(
                _("phones"),
                TextField("phones", placeholder=_("138 0013 8000, 021-6212 3456 转 801")),
                required=False,
            ),
            "role": FieldRow(_("role"), ChoiceField("role", ROLE_CHOICES), required=False),
            "temperament": FieldRow(
                _("temperament"), ChoiceField("temperament", TEMPERAMENT_CHOICES), required=False
            ),
            "evening": FieldRow(
                _("evening calls"), ChoiceField("evening", EVENING_CHOICES), required=True
            ),
            "title": FieldRow(_("title"), ChoiceField("title", TITLE_CHOICES), required=False),
            "notes": FieldRow(_("notes"), TextField("notes"), required=False),
        }

    def compose(self) -> ComposeResult:
        with Vertical(id="resident-edit"):
            yield Label(_("Edit resident card"), id="resident-edit-title", classes="title")
            yield Static(
                _(
                    "Phones are listed masked; a masked number left in the list is kept. "
                    "Separate numbers with commas."
                ),
                classes="hint",
            )
            yield from self.rows.values()
            yield Static("", id="resident-edit-error", classes="error")
        yield CounterFooter()

    def on_mount(self) -> None:
        self.rows["phones"].field.focus()
        self.load()

    @property
    def counter(self) -> Counter:
        return counter_of(self)

    @work(thread=True, exclusive=True, group="resident-edit", exit_on_error=False)
    def load(self) -> None:
        card = self.counter.run(editable_card, resident_id=self.resident_id)
        self.app.call_from_thread(self.fill, card)

    def fill(self, card: EditableCard) -> None:
        self.original = card
        self.query_one("#resident-edit-title", Label).update(
            _("Edit resident card: {name}").format(name=card.name)
        )
        for name, value in _form_values(card).items():
            self.field(name).set_value(value)
        # Someone with no unit (a visitor, a neighbour from outside) has no role to set.
        self.rows["role"].display = card.has_units

    def take_theirs(self, fresh: EditableCard, message: str) -> None:
        """After a refused save: fields this operator left alone now show the other counter's
        values; the fields they changed keep what they typed. Saving again saves that mix."""
        before = _form_values(self.original) if self.original else {}
        for name, value in _form_values(fresh).items():
            if self.field(name).value == before.get(name):
                self.field(name).set_value(value)
        self.original = fresh
        hint = _("Their changes are now in the form; yours are kept. Save again to save both.")
        self.query_one("#resident-edit-error", Static).update(f"{message}\n{hint}")

    def field(self, name: str) -> TextField | ChoiceField:
        return self.rows[name].field

    @on(Advance)
    def advance(self, event: Advance) -> None:
        event.stop()
        shown = [row for row in self.rows.values() if row.display]
        if not shown:
            return  # closing: the Enter came right behind Escape or Ctrl+S
        # Enter in the role row just as the card loaded and hid it (a visitor has no unit):
        # on from the top.
        at = next((i for i, row in enumerate(shown) if row.field is event.field), -1)
        shown[(at + 1) % len(shown)].field.focus()

    def action_cancel(self) -> None:
        self.dismiss(False)

    def action_save(self) -> None:
        if self.original is None:
            return  # still loading
        for row in self.rows.values():
            row.clear_error()
        self.query_one("#resident-edit-error", Static).update("")
        role = self.field("role").value
        temperament = self.field("temperament").value
        title = self.field("title").value or ""
        self.save(
            phones=[p for p in str(self.field("phones").value).split(",") if p.strip()],
            role=ResidentRole(role) if role and self.original.has_units else None,
            temperament=Temperament(temperament) if temperament else None,
            notes=str(self.field("notes").value),
            evening_calls_ok=self.field("evening").value == "y",
            # An unchanged title is left alone, even one the form does not offer.
            title=None if title == self.original.title else title,
        )

    @work(thread=True, exclusive=True, group="resident-edit", exit_on_error=False)
    def save(self, **fields) -> None:
        # Saved only from a form that read the card first (action_save waits for it).
        assert self.original is not None
        try:
            seen = Seen("resident", self.resident_id, self.original.version)
            self.counter.edit_resident(resident_id=self.resident_id, seen=seen, **fields)
        except FieldsInvalid as exc:
            self.app.call_from_thread(self.show_errors, exc.errors)
            return
        except Conflict as exc:
            # What was typed stays in the form, and what the other counter saved comes in
            # around it: saving again then overwrites nothing of theirs silently.
            fresh = self.counter.run(editable_card, resident_id=self.resident_id)
            self.app.call_from_thread(self.take_theirs, fresh, str(exc))
            return
        except ServiceError as exc:
            self.app.call_from_thread(
                self.query_one("#resident-edit-error", Static).update, str(exc)
            )
            return
        self.app.call_from_thread(self.saved)

    def saved(self) -> None:
        self.dismiss(True)

    def show_errors(self, errors: list[FieldError]) -> None:
        messages: dict[str, list[str]] = {}
        for error in errors:
            messages.setdefault(FIELD_ROWS.get(error.field, error.field), []).append(error.message)
        for name, lines in messages.items():
            if name in self.rows:
                self.rows[name].show_error("\n".join(lines))
            else:
                self.query_one("#resident-edit-error", Static).update("\n".join(lines))
        first = next((row for name, row in self.rows.items() if name in messages), None)
        if first is not None:
            first.field.focus()


def _form_values(card: EditableCard) -> dict[str, object]:
    """The form's fields as a card fills them."""
    return {
        "phones": ", ".join(card.phones),
        "role": card.role.value if card.role else None,
        "temperament": card.temperament.value if card.temperament else "",
        "evening": "y" if card.evening_calls_ok else "n",
        "title": card.title,
        "notes": card.notes,
    }
