"""The call being typed survives a crash: every change in the Call view is saved as a draft at
most ``SAVE_WITHIN`` seconds later, and the next sign-in offers to resume it with every field,
the caller and the matters already recorded with F7."""

import threading
from functools import partial, wraps

from textual import work
from textual.widgets import Input, Static

from frontdesk.domain.call.script import Step, identify
from frontdesk.domain.vocabulary.kinds import MatterKind
from frontdesk.i18n import _
from frontdesk.services.intake.call import MatterDraft
from frontdesk.services.intake.drafts import SavedCall
from frontdesk.store.drafts import DraftUnreadable
from frontdesk.tui.dialogs.resume_prompt import ResumeCallPrompt
from frontdesk.tui.markup import phrase_warnings
from frontdesk.tui.screens.call.caller import CallerPanel
from frontdesk.tui.widgets.fields import ChoiceField, GoesOnTyping, TextField

# What the writer has still to do: nothing, or drop the draft (None), or save a SavedCall.
_NOTHING = object()


def holds_saves(method):
    """No draft is saved while ``method`` is half done (a form half built, a call half
    cleared); the view is saved as soon as it is done."""

    @wraps(method)
    async def held(self, *args, **kwargs):
        self.transitions += 1
        try:
            return await method(self, *args, **kwargs)
        finally:
            self.transitions -= 1
            self.draft_changed()

    return held


class KeepsDraft:
    """Mixed into ``CallScreen``: the autosave, the snapshot of the view and its restore.

    A change starts a timer rather than restarting it, so continuous typing is still saved
    every ``SAVE_WITHIN`` seconds (a throttle, not a debounce). The snapshot is taken between
    two of the screen's handlers, never in the middle of one; the file is written in a thread,
    the latest snapshot wins, and writes never overtake one another.
    """

    #: Longest time between a change and its save. A crash may cost at most 300 ms of typing;
    #: the rest is for a busy moment of the screen (a card shown, a form laid out) delaying the
    #: snapshot.
    SAVE_WITHIN = 0.1

    def init_drafts(self) -> None:
        #: Off until the resume question is answered: a clean form must not erase the draft.
        self.autosave = False
        self.save_timer = None
        self.transitions = 0
        #: The kind whose form is being built: saved before the form is there.
        self.opening: MatterKind | None = None
        self.unsaved: object = _NOTHING
        self.unsaved_lock = threading.Lock()  # held for an assignment only, never for a write
        self.write_lock = threading.Lock()
        self.save_failed = False

    @property
    def operator_id(self) -> int:
        return self.counter.operator.id

    # Saving
    def draft_changed(self) -> None:
        """Something in the view changed: it is saved within ``SAVE_WITHIN``."""
        if self.autosave and not self.filing and self.save_timer is None:
            # The timer runs beside the screen's handlers: it queues the save behind them.
            self.save_timer = self.set_timer(
                self.SAVE_WITHIN, partial(self.call_later, self.save_draft)
            )

    def save_draft(self) -> None:
        self.save_timer = None
        self.save_draft_now()

    def save_draft_now(self) -> None:
        if self.autosave and not self.filing and not self.transitions:
            self.write_later(self.snapshot())

    def forget_draft(self) -> None:
        """The call was thrown away: its draft goes."""
        self.write_later(None)

    def drop_draft_now(self) -> None:
        """The call is filed: its draft goes before anything else is written (in the filing
        thread, so a crash straight after filing finds no draft of a filed call)."""
        with self.unsaved_lock:
            self.unsaved = _NOTHING
        try:
            with self.write_lock:
                self.counter.drafts.drop(self.operator_id)
        except OSError as error:  # the call is filed all the same
            message = _("The filed call's draft could not be removed: {error}").format(error=error)
            self.app.call_from_thread(self.notify, message, severity="warning", timeout=8)

    def write_later(self, saved: SavedCall | None) -> None:
        with self.unsaved_lock:
            self.unsaved = saved
        self.write_draft()

    @work(thread=True, group="draft", exit_on_error=False)
    def write_draft(self) -> None:
        with self.write_lock:
            with self.unsaved_lock:
                saved, self.unsaved = self.unsaved, _NOTHING
            if saved is _NOTHING:
                return  # a later worker took it: only the newest snapshot is written
            try:
                if saved is None:
                    self.counter.drafts.drop(self.operator_id)
                else:
                    self.counter.drafts.keep(self.operator_id, saved)
            except OSError as error:
                if not self.save_failed:  # said once, not at every save that follows
                    self.app.call_from_thread(
                        self.notify,
                        _("The call could not be saved as a draft: {error}").format(error=error),
                        severity="error",
                        timeout=8,
                    )
                self.save_failed = True
                return
            self.save_failed = False

    def on_descendant_focus(self) -> None:
        self.draft_changed()  # the cursor comes back where it was

    def snapshot(self) -> SavedCall:
        """What the receptionist typed and chose, as it is on screen now."""
        call = self.draft()
        call.answered_at = self.started  # None: not a key pressed yet
        call.matters = list(self.recorded)
        masked = [f.name for f in self.query(TextField) if f.masked and f.value == f.masked[0]]
        focused = self.focused
        current = self.current()
        if self.opening is not None:
            # The form is on its way: resumed, it is built again and the cursor put in it.
            current, focused = MatterDraft(self.opening), None
        return SavedCall(
            call=call,
            current=current,
            search=self.query_one("#identify", Input).value,
            long_ring=self.apologise,
            masked=[str(name) for name in masked],
            focus=focused.id if focused is not None else None,
            step=self.step.value,
            saved_at=self.counter.desk.now(),
        )

    # Resuming
    @work(thread=True, exclusive=True, group="draft-resume", exit_on_error=False)
    def offer_resume(self) -> None:
        """Offer the operator's draft, if there is one; then start saving."""
        try:
            saved = self.counter.drafts.find(self.operator_id)
        except DraftUnreadable as error:
            self.app.call_from_thread(
                self.notify,
                _("A saved call could not be read ({reason}); the file is kept at {path}").format(
                    reason=error.reason, path=error.kept_at
                ),
                severity="error",
                timeout=15,
            )
            saved = None
        except OSError as error:
            # Saving now could replace a draft that is there but could not be read.
            self.app.call_from_thread(
                self.notify,
                _("Calls are not kept as drafts this session: {error}").format(error=error),
                severity="error",
                timeout=15,
            )
            return
        self.app.call_from_thread(self.ask_resume, saved)

    def ask_resume(self, saved: SavedCall | None) -> None:
        if saved is None:
            self.start_autosave()
            return
        summary = saved.summary(self.counter.desk.policy.timezone)

        async def answered(resume: bool | None) -> None:
            if resume:
                await self.restore(saved)
                self.notify(_("Call resumed: {summary}").format(summary=summary), timeout=6)
            else:
                self.set_draft_aside()
            # Focus moves after this (queued by the restore): the first save waits for it.
            self.app.call_later(self.start_autosave)

        self.app.push_screen(ResumeCallPrompt(summary), answered)

    def start_autosave(self) -> None:
        self.autosave = True
        self.draft_changed()

    @work(thread=True, group="draft", exit_on_error=False)
    def set_draft_aside(self) -> None:
        with self.write_lock:
            kept = self.counter.drafts.set_aside(self.operator_id)
        if kept is not None:
            self.app.call_from_thread(
                self.notify, _("The saved call is kept at {path}").format(path=kept), timeout=8
            )

    async def restore(self, saved: SavedCall) -> None:
        """Put a saved call back into the view, as it was typed."""
        call, current = saved.call, saved.current
        await self.reset()
        self.channel, self.apologise, self.started = call.channel, saved.long_ring, call.answered_at
        if call.rang_at is not None:  # announced by the phone system: its count stands
            self.rings, self.rang_at = call.rings, call.rang_at
        self.greet()
        if current is not None:
            # The form first, while the caller is still empty: nothing is filled from it.
            self.query_one("#field-kind", ChoiceField).set_value(current.kind.value)
            await self.open_form(MatterKind(current.kind))
        panel = self.query_one(CallerPanel)
        # Set as typed, without the messages typing sends: nothing here is a new edit.
        with self.prevent(Input.Changed):
            panel.query_one("#identify", Input).value = saved.search
            panel.fill(name=call.caller_name, unit=call.caller_unit, phone=call.caller_phone)
            if "caller_phone" in saved.masked:
                panel.query_one("#field-caller_phone", TextField).show_masked(call.caller_phone)
            if self.form is not None and current is not None:
                for name, value in current.fields.items():
                    field = self.form.rows[name].field if name in self.form.rows else None
                    if isinstance(field, TextField) and name in saved.masked:
                        field.show_masked(str(value))
                    elif field is not None:
                        field.set_value(value)
        if current is not None and not current.fields:
            self.prefill_form()  # saved as its form was being built: filled as it would have been
        if saved.search.strip():
            panel.find(saved.search)  # the matches as they were listed
        self.recorded = list(call.matters)
        self.show_recorded()
        self.query_one("#guard", Static).update(
            phrase_warnings(self.form.free_texts() if self.form else [])
        )
        if call.resident_id is not None:
            self.resident_id = call.resident_id
            self.load_card(call.resident_id, refill=False)
        elif current is None and any((call.caller_name, call.caller_phone, call.caller_unit)):
            self.say(Step.IDENTIFY, identify(caller=self.caller))
        if current is not None and current.same_as is not None:
            self.offer = current.same_as
            await self.action_same_matter()
        elif current is not None and saved.step in (Step.REPEAT_BACK, Step.COMMIT):
            self.action_read_back()  # the caller confirms again: the call was interrupted
        self.focus_saved(saved.focus)
        self.refresh_bindings()

    def focus_saved(self, widget_id: str | None) -> None:
        """The cursor back where it was, after what was typed there."""
        found = self.query(f"#{widget_id}") if widget_id else None
        target = found.first() if found else None
        if isinstance(target, GoesOnTyping):
            target.focus_at_end()
        elif target is not None and target.focusable:
            target.focus()
        elif self.form is not None:
            (self.form.next_to_fill() or self.form.fields[0]).focus()
