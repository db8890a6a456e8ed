"""Phone intake: the call script of DOMAIN.md §2, step by step, with the caller identified as
you type and every matter recorded, read back, confirmed and filed with one key."""

from rich.markup import escape
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Input, Static

from frontdesk.domain.kinds import Channel, MatterKind
from frontdesk.domain.script import Step, close, greeting, identify, record
from frontdesk.i18n import _
from frontdesk.services.errors import CallInvalid, ServiceError
from frontdesk.services.intake import CallDraft, MatterDraft, check_call
from frontdesk.tui.failures import ReportsWorkerFailures
from frontdesk.tui.keys import keys
from frontdesk.tui.screens.call_steps import commit_lines, phrase_warnings, read_back_line
from frontdesk.tui.widgets.caller import CallerPanel
from frontdesk.tui.widgets.fields import Advance, ChoiceField, FieldRow
from frontdesk.tui.widgets.footer import CounterFooter
from frontdesk.tui.widgets.matter_form import KIND_CHOICES, MatterForm
from frontdesk.tui.widgets.resident_card import ResidentCardView

# Rings from which the greeting opens with an apology when the key marks a long ring.
LONG_RING = 5


class CallScreen(ReportsWorkerFailures, Screen):
    """Take a call: greet, identify, record each matter, read back, commit a time, file."""

    BINDINGS = keys(
        "call",
        (
            "f6",
            "apology",
            _("Rang 5+"),
            _("The phone rang five times or more: greet with an apology"),
        ),
        (
            "f7",
            "another",
            _("Another"),
            _("Keep this matter and record another one on the same call"),
        ),
        (
            "ctrl+o",
            "same_matter",
            _("Same matter"),
            _("Add this call to the caller's open matter instead of a new one"),
        ),
        (
            "ctrl+r",
            "create_resident",
            _("New card"),
            _("Create a resident card from the caller as given"),
        ),
        (
            "f8",
            "read_back",
            _("Read back"),
            _("Check the fields and compose the sentence to read back"),
        ),
        ("f9", "confirm", _("Confirm"), _("The caller confirmed what was read back")),
        (
            "f10",
            "file",
            _("File"),
            _("File the call and all its matters, and clear for the next call"),
        ),
        ("ctrl+n", "discard", _("New call"), _("Throw this call away and start the next")),
    )

    def __init__(self) -> None:
        super().__init__()
        self.resident_id: int | None = None
        self.card = None
        self.recorded: list[MatterDraft] = []
        self.form: MatterForm | None = None
        self.same_as: int | None = None
        self.offer: int | None = None
        self.apologise = False
        self.confirmed = False
        self.started = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal():
            with VerticalScroll(id="call-left"):
                yield Static("", id="script", classes="pane script")
                yield CallerPanel(id="caller")
                yield FieldRow(
                    _("kind of matter"), ChoiceField("kind", KIND_CHOICES), required=True
                )
                yield Vertical(id="form-slot")
                yield Static("", id="offer", classes="warning")
                yield Static("", id="guard", classes="warning")
                yield Static("", id="recorded", classes="hint")
            yield ResidentCardView(id="card")
        yield CounterFooter()

    async def on_mount(self) -> None:
        for field in self.query(Input):
            field.cursor_blink = getattr(self.app, "blink", True)
        await self.reset()

    @property
    def counter(self):
        return self.app.counter  # type: ignore[attr-defined]

    # The script panel
    def say(self, step: Step, line, extra: str = "") -> None:
        steps = " › ".join(f"[reverse]{s.value}[/]" if s is step else s.value for s in Step)
        text = f"{steps}\n[b]{escape(line.say)}[/b]\n[dim]{escape(line.gloss)}[/dim]"
        self.query_one("#script", Static).update(text + (f"\n{extra}" if extra else ""))

    def greet(self) -> None:
        self.say(Step.GREET, greeting(self.counter.desk.policy, apologise=self.apologise))

    async def reset(self, note: str = "") -> None:
        """Clear everything for the next call."""
        self.resident_id, self.card, self.recorded = None, None, []
        self.same_as = self.offer = None
        self.apologise = self.confirmed = False
        self.started = self.counter.desk.now()
        self.query_one(CallerPanel).clear()
        self.query_one("#field-kind", ChoiceField).set_value(None)
        await self.query_one("#form-slot").remove_children()
        self.form = None
        for widget in ("#offer", "#guard", "#recorded"):
            self.query_one(widget, Static).update("")
        self.query_one(ResidentCardView).show(None)
        self.greet()
        if note:
            self.say(Step.CLOSE, close(), note)
        self.query_one(CallerPanel).focus_search()
        self.refresh_bindings()

    async def start_for(self, resident_id: int) -> None:
        """Begin a call for a resident picked elsewhere (the Residents view)."""
        await self.reset()
        self.pick(resident_id)

    # Identify
    @on(CallerPanel.Picked)
    def picked(self, event: CallerPanel.Picked) -> None:
        self.pick(event.resident_id)

    @on(CallerPanel.NotOnFile)
    def not_on_file(self) -> None:
        self.say(
            Step.IDENTIFY,
            identify(),
            _("Not on file: record the caller as given (Ctrl+R makes a resident card)."),
        )
        if not self.query_one(CallerPanel).focus_next_empty():
            self.query_one("#field-kind", ChoiceField).focus()
        self.refresh_bindings()

    def pick(self, resident_id: int) -> None:
        self.resident_id = resident_id
        self.load_card(resident_id)

    @work(thread=True, exclusive=True, group="card", exit_on_error=False)
    def load_card(self, resident_id: int) -> None:
        card = self.counter.card(resident_id)
        self.app.call_from_thread(self.show_card, card)

    def show_card(self, card) -> None:
        self.card = card
        self.query_one(ResidentCardView).show(card)
        self.query_one(CallerPanel).fill_from_card(
            card.name, (card.phones or [""])[0], card.units[0].split(" ")[0] if card.units else ""
        )
        self.say(Step.IDENTIFY, identify(card.address), escape(card.strategy))
        self.query_one("#field-kind", ChoiceField).focus()
        self.refresh_bindings()

    # Record
    @on(Advance)
    def advance(self, event: Advance) -> None:
        field = event.field
        if field.name.startswith("caller_"):
            self.query_one("#field-kind", ChoiceField).focus()  # every caller field is filled
            return
        if field.name == "kind" or self.form is None:
            return
        following = self.form.next_to_fill(after=field.name)
        if following is not None:
            following.focus()
        else:
            self.action_read_back()

    @on(ChoiceField.Chosen, "#field-kind")
    async def kind_chosen(self, event: ChoiceField.Chosen) -> None:
        await self.open_form(MatterKind(event.value))

    async def open_form(self, kind: MatterKind) -> None:
        slot = self.query_one("#form-slot")
        await slot.remove_children()
        self.same_as, self.confirmed = None, False
        self.form = MatterForm(kind, self.counter.desk.policy.departments)
        await slot.mount(self.form)
        self.prefill_form()
        self.say(Step.RECORD, record())
        self.offer = next(
            (m.id for m in (self.card.open_matters if self.card else []) if m.kind == kind.value),
            None,
        )
        offer = ""
        if self.offer is not None:
            matter = next(m for m in self.card.open_matters if m.id == self.offer)
            offer = _(
                "Caller has open {kind} #{id} «{summary}»: Ctrl+O adds this call to it "
                "instead of filing a duplicate."
            ).format(kind=kind.value, id=matter.id, summary=escape(matter.summary))
        self.query_one("#offer", Static).update(offer)
        self.refresh_bindings()

    def prefill_form(self) -> None:
        if self.form is None:
            return
        caller = self.query_one(CallerPanel).caller
        self.form.prefill(
            {
                "contact_name": caller["name"],
                "unit": caller["unit"],
                "contact_phone": caller["phone"],
                "callback_phone": caller["phone"],
            },
            phones={"contact_phone", "callback_phone"},
        )
        following = self.form.next_to_fill()
        (following or self.form.fields[0]).focus()

    @on(Input.Changed)
    def edited(self, event: Input.Changed) -> None:
        if event.input.id == "identify":
            return
        if self.confirmed:
            self.confirmed = False
            self.refresh_bindings()
        texts = self.form.free_texts() if self.form else []
        self.query_one("#guard", Static).update(phrase_warnings(texts))

    @on(ChoiceField.Chosen)
    def choice_changed(self, event: ChoiceField.Chosen) -> None:
        if event.field.name != "kind" and self.confirmed:
            self.confirmed = False
            self.refresh_bindings()

    def current(self) -> MatterDraft | None:
        if self.form is None:
            return None
        if self.same_as is not None:
            return MatterDraft(self.form.kind, same_as=self.same_as, confirmed=self.confirmed)
        return MatterDraft(self.form.kind, self.form.values(), confirmed=self.confirmed)

    def draft(self) -> CallDraft:
        caller = self.query_one(CallerPanel).caller
        matters = [*self.recorded, *([m] if (m := self.current()) else [])]
        for matter in matters:
            matter.confirmed = self.confirmed
        return CallDraft(
            channel=Channel.PHONE,
            caller_name=caller["name"],
            caller_phone=caller["phone"],
            caller_unit=caller["unit"],
            resident_id=self.resident_id,
            rings=LONG_RING if self.apologise else None,
            answered_at=self.started,
            matters=matters,
        )

    # Keys
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        has_matter = self.form is not None or bool(self.recorded)
        available = {
            "another": self.form is not None,
            "same_matter": self.offer is not None and self.same_as is None,
            "create_resident": self.resident_id is None
            and bool(self.query_one(CallerPanel).caller["name"]),
            "read_back": has_matter,
            "confirm": has_matter,
            "file": self.confirmed,
        }
        return None if available.get(action, True) is False else True

    def action_apology(self) -> None:
        self.apologise = not self.apologise
        self.greet()

    async def action_another(self) -> None:
        matter = self.current()
        if matter is None:
            return
        self.recorded.append(matter)
        self.query_one("#recorded", Static).update(
            _("Recorded on this call: {kinds}").format(
                kinds=", ".join(m.kind.value for m in self.recorded)
            )
        )
        await self.query_one("#form-slot").remove_children()
        self.form, self.same_as, self.offer = None, None, None
        self.query_one("#offer", Static).update("")
        kind = self.query_one("#field-kind", ChoiceField)
        kind.set_value(None)
        kind.focus()
        self.refresh_bindings()

    async def action_same_matter(self) -> None:
        if self.offer is None or self.form is None:
            return
        self.same_as = self.offer
        await self.query_one("#form-slot").remove_children()
        self.query_one("#offer", Static).update(
            _("This call will be added to #{id}.").format(id=self.offer)
        )
        self.action_read_back()

    def validated(self) -> bool:
        """Check every field; problems are written beside their fields."""
        draft = self.draft()
        for matter in draft.matters:
            matter.confirmed = True  # the check of confirmation is the next step's
        try:
            self.clean = check_call(self.counter.desk, draft)
        except CallInvalid as error:
            current = len(draft.matters) - 1
            if self.form is not None and self.same_as is None:
                self.form.show_errors(error.matter_errors.get(current, []))
                first = next(iter(error.matter_errors.get(current, [])), None)
                if first is not None:
                    self.query_one(f"#field-{first.field}").focus()
            others = [f"{e.field}: {e.message}" for e in error.call_errors] + [
                _("matter {n}: {msg}").format(n=i + 1, msg=e.message)
                for i, errors in error.matter_errors.items()
                if i != current
                for e in errors
            ]
            if others:
                self.notify("\n".join(others), severity="error")
            return False
        if self.form is not None and self.same_as is None:
            self.form.show_errors([])
        return True

    def action_read_back(self) -> None:
        if not self.validated():
            return
        self.say(
            Step.REPEAT_BACK,
            read_back_line(self.draft(), self.clean, self.card),
            _("F9 when the caller confirms."),
        )
        self.refresh_bindings()

    def action_confirm(self) -> None:
        if not self.validated():
            return
        self.confirmed = True
        line, explained = commit_lines(
            self.counter.desk,
            self.clean,
            self.started,
            evening_ok=bool(self.card and self.card.evening_calls_ok),
        )
        self.say(Step.COMMIT, line, explained + "\n" + _("F10 files the call."))
        self.refresh_bindings()

    def action_file(self) -> None:
        if not self.confirmed:
            self.notify(_("Read back and confirm first (F9)."), severity="warning")
            return
        self.file(self.draft())

    @work(thread=True, exclusive=True, group="file", exit_on_error=False)
    def file(self, draft: CallDraft) -> None:
        try:
            filed = self.counter.file_call(draft)
        except ServiceError as error:
            self.app.call_from_thread(self.notify, str(error), severity="error")
            return
        self.app.call_from_thread(self.filed, filed)

    async def filed(self, filed) -> None:
        ids = ", ".join(f"#{i}" for i in filed.matter_ids)
        for matter_id in filed.suggest_major:
            self.notify(
                _(
                    "Complaint #{id} was raised again while open: consider making it "
                    "major (Queue, k)."
                ).format(id=matter_id),
                severity="warning",
                timeout=10,
            )
        await self.reset(
            _("Filed: {ids}. Thank the caller and let them hang up first.").format(ids=ids)
        )

    def action_create_resident(self) -> None:
        self.query_one(CallerPanel).create_resident()

    async def action_discard(self) -> None:
        await self.reset()
