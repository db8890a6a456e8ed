"""What the Call view's keys do: record another matter, add the call to an open matter, read
back, confirm, file (once), change channel, mark a long ring, make a card, start over."""

from functools import partial

from frontdesk.domain.call.script import Step
from frontdesk.i18n import _
from frontdesk.services.intake.call import CallDraft, FiledCall
from frontdesk.services.intake.filing import check_call
from frontdesk.services.kernel.errors import CallInvalid, ServiceError
from frontdesk.tui.screens.call.steps import commit_lines, read_back_line
from frontdesk.tui.screens.call.view import CallView, Drafts


class CallActions:
    """The Call view's key actions. The view keeps the keys; each key calls the action of the
    same name here, on the view's state and widgets."""

    def __init__(self, view: CallView) -> None:
        self.view = view

    @property
    def drafts(self) -> Drafts:
        return self.view.drafts

    def apology(self) -> None:
        self.view.begin()
        self.view.call.apologise = not self.view.call.apologise
        self.view.greet()
        self.drafts.changed()

    def channel(self) -> None:
        """Walk-ins, letters and the comment book are recorded the same way as calls."""
        self.view.begin()
        self.view.call.next_channel()
        self.view.greet()  # the script panel names the channel, and greets as it asks
        self.drafts.changed()

    async def another(self) -> None:
        with self.drafts.held():
            view = self.view
            matter = view.current()
            if matter is None or not self.validated():
                return  # a matter is kept only once its fields are right: it cannot be fixed later
            view.call.recorded.append(matter)
            view.show_recorded()
            await view.clear_form_slot()
            view.form = None
            view.call.same_as = view.call.offer = None
            view.line("offer").update("")
            view.kind_field.set_value(None)
            view.kind_field.focus()
            view.refresh_bindings()

    async def same_matter(self) -> None:
        with self.drafts.held():
            view, call = self.view, self.view.call
            if call.offer is None or view.form is None:
                return
            call.same_as = call.offer
            # What the caller said this time goes into the open matter's history.
            call.same_as_text = str(view.form.values().get("content") or "").strip()
            await view.clear_form_slot()  # the form's kind stays: the call adds to a matter of it
            view.line("offer").update(_("This call will be added to #{id}.").format(id=call.offer))
            self.read_back()

    def validated(self) -> bool:
        """Check every field; problems are written beside their fields."""
        view = self.view
        draft = view.draft()
        for matter in draft.matters:
            matter.confirmed = True  # the check of confirmation is the next step's
        current = len(draft.matters) - 1
        form = view.form if view.form is not None and view.call.same_as is None else None
        try:
            view.call.clean = check_call(view.counter.desk, draft)
        except CallInvalid as error:
            mine = error.matter_errors.get(current, [])
            view.panel.show_errors({e.field: e.message for e in error.call_errors})
            if form is not None:
                form.show_errors(mine)
            first = view.widget(f"field-{mine[0].field}") if mine and form is not None else None
            if first is not None:  # none while the form is composed
                first.focus()
            elsewhere = [e.message for e in error.call_errors if not e.field.startswith("caller_")]
            if elsewhere:
                view.notify("\n".join(elsewhere), severity="error")
            return False
        view.panel.show_errors({})
        if form is not None:
            form.show_errors([])
        return True

    def read_back(self) -> None:
        view = self.view
        if not self.validated():
            return
        line = read_back_line(
            view.draft(), view.call.clean, view.call.card, caller=view.counter.desk.caller_language
        )
        view.say(Step.REPEAT_BACK, line, _("F9 when the caller confirms."))
        view.call.read_back_ok = True
        view.refresh_bindings()

    def confirm(self) -> None:
        view = self.view
        if not self.validated():
            return
        view.call.confirmed = True
        card = view.call.card
        line, explained = commit_lines(
            view.counter.desk,
            view.call.clean,
            view.call.started or view.counter.desk.now(),
            evening_ok=bool(card and card.evening_calls_ok),
        )
        view.say(Step.COMMIT, line, explained + "\n" + _("F10 files the call."))
        view.refresh_bindings()

    def file(self) -> None:
        view = self.view
        if not view.call.confirmed or view.call.filing:
            return
        # Greyed until the worker is done: a second F10 must not file the call twice.
        view.call.filing = True
        view.refresh_bindings()
        view.run_worker(
            partial(self._file, view.draft()),
            thread=True,
            group="file",
            exclusive=True,
            exit_on_error=False,
        )

    def _file(self, draft: CallDraft) -> None:
        try:
            filed = self.view.counter.file_call(draft)
        except BaseException as error:
            self.view.from_thread(self.filing_failed, error)
            raise
        self.drafts.drop_now()
        self.view.from_thread(self.filed, filed)

    def filing_failed(self, error: BaseException) -> None:
        self.view.call.filing = False
        self.view.refresh_bindings()
        self.drafts.changed()  # not filed: the draft goes on being kept
        if isinstance(error, ServiceError):
            self.view.notify(str(error), severity="error")

    async def filed(self, filed: FiledCall) -> None:
        ids = ", ".join(f"#{i}" for i in filed.matter_ids)
        for matter_id in filed.suggest_major:
            self.view.notify(
                _(
                    "Complaint #{id} was raised again while open: it is marked in the queue "
                    "for a supervisor to make it major or keep its class (F4, 6)."
                ).format(id=matter_id),
                severity="warning",
                timeout=10,
            )
        # What to do as the resident goes is the close's own line (a call, a walk-in, a letter).
        await self.view.reset(_("Filed: {ids}.").format(ids=ids))

    async def discard(self) -> None:
        call = self.view.call
        if call.started is not None and not call.discard_armed:
            call.discard_armed = True
            self.view.notify(_("Press Ctrl+N again to throw this call away."), severity="warning")
            return
        self.drafts.forget()
        await self.view.reset()
