"""Phone intake: the call script of DOMAIN.md §2, step by step, with the caller identified as
you type and every matter recorded, read back, confirmed and filed with one key."""

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Input, Static

from frontdesk.domain.call.script import Step, close, greeting, identify, record, step_name
from frontdesk.domain.vocabulary.kinds import Channel, MatterKind
from frontdesk.i18n import _
from frontdesk.services.counter import Counter
from frontdesk.services.intake.call import CallDraft, MatterDraft
from frontdesk.tui.failures import ReportsWorkerFailures
from frontdesk.tui.keys import keys
from frontdesk.tui.markup import escape, phrase_warnings
from frontdesk.tui.open_counter import counter_of
from frontdesk.tui.screens.call.actions import CallActions
from frontdesk.tui.screens.call.answer import AnswersRings
from frontdesk.tui.screens.call.caller import CallerPanel
from frontdesk.tui.screens.call.drafts import KeepsDraft, holds_saves
from frontdesk.tui.screens.call.matter_form import KIND_CHOICES, MatterForm
from frontdesk.tui.screens.call.steps import offer_line
from frontdesk.tui.widgets.fields import Advance, ChoiceField, FieldRow
from frontdesk.tui.widgets.footer import CounterFooter
from frontdesk.tui.widgets.resident_card import ResidentCardView


class CallScreen(ReportsWorkerFailures, CallActions, AnswersRings, KeepsDraft, Screen):
    """Take a call: greet, identify, record each matter, read back, commit a time, file. What
    is typed is kept as a draft as it is typed, and offered back after a crash. A call the phone
    system announced starts here identified, its rings counted (F2 over the ring card)."""

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
        (
            "ctrl+t",
            "channel",
            _("Channel"),
            _("Phone, walk-in, letter or comment book: all are recorded the same way"),
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
        self.filing = False
        self.step = Step.GREET
        self.init_drafts()
        self.init_answering()

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
        await self.reset()
        self.offer_resume()

    @property
    def counter(self) -> Counter:
        return counter_of(self)

    @property
    def caller(self) -> str:
        """The language spoken to callers."""
        return self.counter.desk.caller_language

    # The script panel
    def say(self, step: Step, line, extra: str = "") -> None:
        self.step = step
        steps = " › ".join(
            f"[reverse]{step_name(s)}[/]" if s is step else step_name(s) for s in Step
        )
        text = f"{steps}\n[b]{escape(line.say)}[/b]"
        if line.gloss:
            text += f"\n[dim]{escape(line.gloss)}[/dim]"
        self.query_one("#script", Static).update(text + (f"\n{extra}" if extra else ""))

    def greet(self) -> None:
        self.say(
            Step.GREET,
            greeting(self.counter.desk.policy, apologise=self.apologise, caller=self.caller),
        )

    @holds_saves
    async def reset(self, note: str = "") -> None:
        """Clear everything for the next call."""
        self.resident_id, self.card, self.recorded = None, None, []
        self.same_as = self.offer = None
        self.same_as_text = ""
        self.apologise = self.confirmed = self.read_back_ok = self.filing = False
        self.rings = self.rang_at = None
        self.discard_armed = False
        self.channel = Channel.PHONE
        # The call is received when its first key is pressed, not when the form was cleared.
        self.started = None
        self.query_one(CallerPanel).clear()
        self.query_one("#field-kind", ChoiceField).set_value(None)
        await self.query_one("#form-slot").remove_children()
        self.form = None
        for widget in ("#offer", "#guard", "#recorded"):
            self.query_one(widget, Static).update("")
        self.query_one(ResidentCardView).show(None)
        self.greet()
        if note:
            self.say(Step.CLOSE, close(caller=self.caller), note)
        self.query_one(CallerPanel).focus_search()
        self.refresh_bindings()

    async def start_for(self, resident_id: int) -> None:
        """Begin a call for a resident picked elsewhere (the Residents view); a call being
        typed is never thrown away for it."""
        if self.started is not None:
            self.notify(
                _("A call is being taken: file it or discard it (Ctrl+N) first."),
                severity="warning",
            )
            return
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
            identify(caller=self.caller),
            _("Not on file: record the caller as given (Ctrl+R makes a resident card)."),
        )
        if not self.query_one(CallerPanel).focus_next_empty():
            self.query_one("#field-kind", ChoiceField).focus()
        self.refresh_bindings()

    def pick(self, resident_id: int) -> None:
        # The caller is the resident once their card is shown: until then a draft holds the
        # call as it was before the pick, never a resident without their details.
        self.load_card(resident_id)

    @work(thread=True, exclusive=True, group="card", exit_on_error=False)
    def load_card(self, resident_id: int, *, refill: bool = True) -> None:
        card = self.counter.card(resident_id)
        self.app.call_from_thread(self.show_card, card, refill=refill)

    def show_card(self, card, *, refill: bool = True) -> None:
        self.resident_id, self.card = card.id, card
        self.query_one(ResidentCardView).show(card)
        if not refill:
            # A resumed call: the caller's fields hold what was typed, the card only shows.
            if self.form is not None and self.same_as is None:
                self.update_offer(self.form.kind)
            if self.step in (Step.GREET, Step.IDENTIFY):
                self.say(
                    Step.IDENTIFY, identify(card.address, caller=self.caller), escape(card.strategy)
                )
            return
        panel = self.query_one(CallerPanel)
        before = panel.caller
        panel.fill_from_card(
            card.name,
            (card.phones_masked or [""])[0],
            card.units[0].split(" ")[0] if card.units else "",
        )
        line = identify(card.address, caller=self.caller)
        if self.rings is not None and self.step is Step.GREET:
            self.greet_then(line, card.strategy)  # picked up: greet first
        else:
            self.say(Step.IDENTIFY, line, escape(card.strategy))
        if self.form is None:
            self.query_one("#field-kind", ChoiceField).focus()
        else:
            # Identified mid-matter: what came from the caller follows the caller; what was
            # typed stays, and focus stays where the typing is.
            self.form.refill(before, panel.caller)
            self.update_offer(self.form.kind)
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
        # Kept before the form is built, which takes a moment the draft must not wait for.
        self.opening = MatterKind(event.value)
        self.save_draft_now()
        await self.open_form(self.opening)

    @holds_saves
    async def open_form(self, kind: MatterKind) -> None:
        slot = self.query_one("#form-slot")
        await slot.remove_children()
        self.same_as, self.confirmed = None, False
        self.form = MatterForm(kind, self.counter.desk.policy.departments)
        await slot.mount(self.form)
        self.prefill_form()
        self.say(Step.RECORD, record(caller=self.caller))
        self.update_offer(kind)
        self.opening = None

    def update_offer(self, kind: MatterKind) -> None:
        """Offer the caller's open matter of this kind instead of a duplicate."""
        self.offer, text = offer_line(self.card, kind)
        self.query_one("#offer", Static).update(text)
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

    def begin(self) -> None:
        """The first key of a call marks when it was received."""
        if self.started is None:
            self.started = self.counter.desk.now()

    def changed(self, *, typed: bool = True) -> None:
        """Anything edited must be read back again before the caller can confirm it. Only
        typing starts a call: the fields emptied for the next call do not."""
        if typed:
            self.begin()
        self.discard_armed = False
        self.draft_changed()
        if self.confirmed or self.read_back_ok:
            self.confirmed = self.read_back_ok = False
            self.refresh_bindings()

    @on(Input.Changed)
    def edited(self, event: Input.Changed) -> None:
        self.changed(typed=bool(event.value))
        if event.input.id == "identify":
            return
        texts = self.form.free_texts() if self.form else []
        self.query_one("#guard", Static).update(phrase_warnings(texts))

    @on(ChoiceField.Chosen)
    def choice_changed(self, event: ChoiceField.Chosen) -> None:
        self.changed()

    def current(self) -> MatterDraft | None:
        if self.form is None:
            return None
        if self.same_as is not None:
            said = {"content": self.same_as_text} if self.same_as_text else {}
            return MatterDraft(self.form.kind, said, same_as=self.same_as, confirmed=self.confirmed)
        return MatterDraft(self.form.kind, self.form.values(), confirmed=self.confirmed)

    def draft(self) -> CallDraft:
        caller = self.query_one(CallerPanel).caller
        matters = [*self.recorded, *([m] if (m := self.current()) else [])]
        for matter in matters:
            matter.confirmed = self.confirmed
        return CallDraft(
            channel=self.channel,
            caller_name=caller["name"],
            caller_phone=caller["phone"],
            caller_unit=caller["unit"],
            resident_id=self.resident_id,
            rings=self.rings_to_file(),
            rang_at=self.rang_at if self.channel is Channel.PHONE else None,
            answered_at=self.started or self.counter.desk.now(),
            matters=matters,
        )

    def rings_to_file(self) -> int | None:
        """As counted while it rang; else a long ring marked with F6 is the policy's count."""
        if self.channel is not Channel.PHONE:
            return None
        if self.rings is not None:
            return self.rings
        return self.counter.desk.policy.apologise_from if self.apologise else None
