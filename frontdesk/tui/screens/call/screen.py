"""Phone intake: the call script of DOMAIN.md §2, step by step, with the caller identified as
you type and every matter recorded, read back, confirmed and filed with one key."""

from collections.abc import Callable
from datetime import datetime
from functools import partial
from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Header, Input, Static

from frontdesk.domain.call.script import (
    Line,
    Step,
    close,
    greeting,
    identify,
    record,
    step_name,
)
from frontdesk.domain.vocabulary.kinds import MatterKind
from frontdesk.domain.vocabulary.labels import named
from frontdesk.i18n import _
from frontdesk.services.counter import Counter
from frontdesk.services.intake.call import CallDraft, MatterDraft
from frontdesk.services.residents.card import ResidentCard
from frontdesk.tui.failures import ReportsWorkerFailures
from frontdesk.tui.markup import escape
from frontdesk.tui.open_counter import counter_of
from frontdesk.tui.screens.call.actions import CallActions
from frontdesk.tui.screens.call.answer import RingAnswer
from frontdesk.tui.screens.call.aside import CallsAside
from frontdesk.tui.screens.call.bindings import CALL_BINDINGS
from frontdesk.tui.screens.call.caller import CallerPanel
from frontdesk.tui.screens.call.drafts import DraftKeeper
from frontdesk.tui.screens.call.matter_form import KIND_CHOICES, MatterForm
from frontdesk.tui.screens.call.resume import restore, snapshot
from frontdesk.tui.screens.call.state import CallState
from frontdesk.tui.screens.call.steps import offer_line
from frontdesk.tui.widgets.fields import Advance, ChoiceField, FieldRow, TextField
from frontdesk.tui.widgets.footer import CounterFooter
from frontdesk.tui.widgets.resident_card import ResidentCardView

if TYPE_CHECKING:
    from frontdesk.services.intake.incoming import Caller


class CallScreen(ReportsWorkerFailures, Screen):
    """Take a call: greet, identify, record each matter, read back, commit a time, file. What
    is typed is kept as a draft as it is typed, and offered back after a crash. A call the phone
    system announced starts here identified, its rings counted (F2 over the ring card).

    The view holds the widgets and the call's state (``call``); what its keys do is in
    ``actions``, the autosave in ``drafts``, the answering of a ringing call in ``ringing``."""

    BINDINGS = CALL_BINDINGS

    def __init__(self) -> None:
        super().__init__()
        self.call = CallState()
        self.form: MatterForm | None = None
        self.actions = CallActions(self)
        self.ringing = RingAnswer(self)
        self.aside = CallsAside(self)
        self._drafts = DraftKeeper(self, partial(snapshot, self), partial(restore, self))

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal():
            with VerticalScroll(id="call-left"):
                yield Static("", id="script", classes="pane script")
                yield Static("", id="refusal", classes="warning")
                aside = Static("", id="aside", classes="warning")
                aside.display = False  # shown while a call waits there
                yield aside
                yield CallerPanel(id="caller")
                yield FieldRow(
                    _("kind of matter"), ChoiceField("kind", KIND_CHOICES), required=True
                )
                yield Vertical(id="form-slot")
                yield Static("", id="offer", classes="warning")
                yield Static("", id="recorded", classes="hint")
            yield ResidentCardView(id="card")
        yield CounterFooter()

    async def on_mount(self) -> None:
        await self.reset()
        self.drafts.offer_resume()
        self.show_aside()

    # What the helpers work with
    @property
    def counter(self) -> Counter:
        return counter_of(self)

    @property
    def caller(self) -> str:
        """The language spoken to callers."""
        return self.counter.desk.caller_language

    @property
    def drafts(self) -> DraftKeeper:
        return self._drafts

    @property
    def panel(self) -> CallerPanel:
        return self.query_one(CallerPanel)

    @property
    def kind_field(self) -> ChoiceField:
        return self.query_one("#field-kind", ChoiceField)

    def line(self, name: str) -> Static:
        return self.query_one(f"#{name}", Static)

    def widget(self, widget_id: str) -> Widget | None:
        found = self.query(f"#{widget_id}")
        return found.first() if found else None

    def in_focus(self) -> Widget | None:
        return self.focused

    def masked(self) -> list[str]:
        return [str(f.name) for f in self.query(TextField) if f.masked and f.value == f.masked[0]]

    def from_thread(self, callback: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        return self.app.call_from_thread(callback, *args, **kwargs)

    def ask(self, screen: Screen[Any], answered: Callable[[Any], Any]) -> None:
        self.app.push_screen(screen, answered)

    def after_app(self, callback: Callable[[], Any]) -> None:
        self.app.call_later(callback)

    async def clear_form_slot(self) -> None:
        await self.query_one("#form-slot").remove_children()

    # The script panel
    def say(self, step: Step, line: Line, extra: str = "") -> None:
        """The script panel: how the matter came in and the step reached, the line to say
        (none for a letter or the comment book) and what it means or what to do."""
        self.call.step = step
        self.refuse("")
        steps = " › ".join(
            f"[reverse]{step_name(s)}[/]" if s is step else step_name(s) for s in Step
        )
        text = f"[b]{escape(named(self.call.channel))}[/b] · {steps}"
        if line.say:
            text += f"\n[b]{escape(line.say)}[/b]"
        if line.gloss:
            text += f"\n[dim]{escape(line.gloss)}[/dim]"
        self.query_one("#script", Static).update(text + (f"\n{extra}" if extra else ""))

    def greet(self) -> None:
        policy = self.counter.desk.policy
        line = greeting(
            policy, apologise=self.call.apologise, caller=self.caller, channel=self.call.channel
        )
        self.say(Step.GREET, line)

    async def reset(self, note: str = "") -> None:
        """Clear everything for the next call. The call is received when its first key is
        pressed, not when the form was cleared."""
        with self.drafts.held():
            finished = self.call.channel  # the close is the one of the matter just filed
            self.call = CallState()
            self.panel.clear()
            self.kind_field.set_value(None)
            await self.clear_form_slot()
            self.form = None
            for name in ("offer", "recorded"):
                self.line(name).update("")
            self.query_one(ResidentCardView).show(None)
            self.greet()
            if note:
                self.say(Step.CLOSE, close(caller=self.caller, channel=finished), note)
            self.panel.focus_search()
            self.refresh_bindings()

    async def start_for(self, resident_id: int) -> None:
        """Begin a call for a resident picked elsewhere (the Residents view); a call being
        typed is never thrown away for it."""
        if self.call.started is not None:
            self.notify(
                _("A call is being taken: file it or discard it (Ctrl+N) first."),
                severity="warning",
            )
            return
        await self.reset()
        self.pick(resident_id)

    async def answer(
        self, phone: str | None, caller: "Caller | None", rings: int, rang_at: datetime
    ) -> None:
        """A ringing call picked up (F2 over the ring card)."""
        await self.ringing.answer(phone, caller, rings, rang_at)

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
        if not self.panel.focus_next_empty():
            self.kind_field.focus()
        self.refresh_bindings()

    def pick(self, resident_id: int) -> None:
        # The caller is the resident once their card is shown: until then a draft holds the
        # call as it was before the pick, never a resident without their details.
        self.load_card(resident_id)

    def load_card(self, resident_id: int, *, refill: bool = True) -> None:
        self.run_worker(
            partial(self._read_card, resident_id, refill),
            thread=True,
            group="card",
            exclusive=True,
            exit_on_error=False,
        )

    def _read_card(self, resident_id: int, refill: bool) -> None:
        card = self.counter.card(resident_id)
        self.app.call_from_thread(self.show_card, card, refill=refill)

    def show_card(self, card: ResidentCard, *, refill: bool = True) -> None:
        self.call.resident_id, self.call.card = card.id, card
        self.query_one(ResidentCardView).show(card)
        if not refill:
            # A resumed call: the caller's fields hold what was typed, the card only shows.
            if self.form is not None and self.call.same_as is None:
                self.update_offer(self.form.kind)
            if self.call.step in (Step.GREET, Step.IDENTIFY):
                self.say(
                    Step.IDENTIFY, identify(card.address, caller=self.caller), escape(card.strategy)
                )
            return
        panel = self.panel
        before = panel.caller
        panel.fill_from_card(
            card.name,
            self.call.rang_from or (card.phones_masked or [""])[0],
            card.units[0].split(" ")[0] if card.units else "",
        )
        line = identify(card.address, caller=self.caller)
        if self.call.rings is not None and self.call.step is Step.GREET:
            self.ringing.greet_then(line, card.strategy)  # picked up: greet first
        else:
            self.say(Step.IDENTIFY, line, escape(card.strategy))
        if self.form is None:
            self.kind_field.focus()
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
        if str(field.name).startswith("caller_"):
            self.kind_field.focus()  # every caller field is filled
            return
        if field.name == "kind" or self.form is None:
            return
        following = self.form.next_to_fill(after=field.name)
        if following is not None:
            following.focus()
        else:
            self.actions.read_back()

    @on(ChoiceField.Chosen, "#field-kind")
    async def kind_chosen(self, event: ChoiceField.Chosen) -> None:
        # Kept before the form is built, which takes a moment the draft must not wait for.
        self.call.opening = MatterKind(event.value)
        self.drafts.save_now()
        await self.open_form(self.call.opening)

    async def open_form(self, kind: MatterKind) -> None:
        with self.drafts.held():
            await self.clear_form_slot()
            self.call.same_as, self.call.confirmed = None, False
            self.form = MatterForm(kind, self.counter.desk.policy.departments)
            await self.query_one("#form-slot").mount(self.form)
            self.prefill_form()
            self.say(Step.RECORD, record(caller=self.caller))
            self.update_offer(kind)
            self.call.opening = None

    def update_offer(self, kind: MatterKind) -> None:
        """Offer the caller's open matter of this kind instead of a duplicate."""
        self.call.offer, text = offer_line(self.call.card, kind)
        self.line("offer").update(text)
        self.refresh_bindings()

    def prefill_form(self) -> None:
        if self.form is None:
            return
        caller = self.panel.caller
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

    def show_recorded(self) -> None:
        kinds = ", ".join(named(m.kind) for m in self.call.recorded)
        self.line("recorded").update(
            _("Recorded on this call: {kinds}").format(kinds=kinds) if kinds else ""
        )

    def begin(self) -> None:
        """The first key of a call marks when it was received."""
        self.call.begin(self.counter.desk.now())

    def changed(self, *, typed: bool = True) -> None:
        """Anything edited must be read back again before the caller can confirm it. Only
        typing starts a call: the fields emptied for the next call do not."""
        if typed:
            self.begin()
        undone = self.call.edited()
        self.drafts.changed()
        if undone:
            # The sentence read back no longer matches the fields: it goes, and says so.
            withdrawn = _("Changed after the read-back, so not confirmed: F8 reads it back again.")
            self.say(Step.RECORD, Line("", withdrawn))
            self.refresh_bindings()
        else:
            self.refuse("")

    @on(Input.Changed)
    def edited(self, event: Input.Changed) -> None:
        # What is typed here is the caller's own account, not words said to them: the phrase
        # guard watches replies and notes (the queue's and the follow-ups' questions).
        self.changed(typed=bool(event.value))

    @on(ChoiceField.Chosen)
    def choice_changed(self, event: ChoiceField.Chosen) -> None:
        self.changed()

    def on_descendant_focus(self) -> None:
        self.drafts.changed()  # the cursor comes back where it was

    def current(self) -> MatterDraft | None:
        form = self.form
        return self.call.in_form(form.kind if form else None, form.values() if form else {})

    def draft(self) -> CallDraft:
        return self.call.draft(
            self.panel.caller,
            self.current(),
            now=self.counter.desk.now(),
            apologise_from=self.counter.desk.policy.apologise_from,
        )

    # Keys
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "refused":
            return True
        if action == "aside":  # in the footer only while a call waits there
            return bool(self.aside.calls)
        caller_named = bool(self.panel.caller["name"])
        available = self.call.available(
            action, form_open=self.form is not None, caller_named=caller_named
        )
        return True if available else None

    def action_refused(self, action: str) -> None:
        if action == "aside":
            self.refuse(self.aside.none_aside())
            return
        self.refuse(self.call.why_not(action, form_open=self.form is not None))

    def refuse(self, why: str) -> None:
        """Say beside the script why a key did nothing (nothing: the line goes)."""
        line = self.line("refusal")
        line.update(why)
        line.display = bool(why)

    def show_aside(self) -> None:
        self.aside.refresh()

    def action_aside(self) -> None:
        self.aside.choose()

    def action_apology(self) -> None:
        self.actions.apology()

    def action_channel(self) -> None:
        self.actions.channel()

    async def action_another(self) -> None:
        await self.actions.another()

    async def action_same_matter(self) -> None:
        await self.actions.same_matter()

    def action_read_back(self) -> None:
        self.actions.read_back()

    def action_confirm(self) -> None:
        self.actions.confirm()

    def action_file(self) -> None:
        self.actions.file()

    def action_create_resident(self) -> None:
        self.panel.create_resident()

    async def action_discard(self) -> None:
        await self.actions.discard()
