"""What the Call view's keys do: record another matter, add the call to an open matter, read
back, confirm, file (once), change channel, mark a long ring, make a card, start over."""

from textual import work
from textual.widgets import Static

from frontdesk.domain.call.script import Step
from frontdesk.domain.vocabulary.kinds import Channel
from frontdesk.domain.vocabulary.labels import named
from frontdesk.i18n import _
from frontdesk.services.intake.call import CallDraft
from frontdesk.services.intake.filing import check_call
from frontdesk.services.kernel.errors import CallInvalid, ServiceError
from frontdesk.tui.screens.call.caller import CallerPanel
from frontdesk.tui.screens.call.drafts import holds_saves
from frontdesk.tui.screens.call.steps import commit_lines, read_back_line
from frontdesk.tui.widgets.fields import ChoiceField


class CallActions:
    """The Call view's key actions; mixed into ``CallScreen``, whose state they use."""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        has_matter = self.form is not None or bool(self.recorded)
        available = {
            "another": self.form is not None,
            "same_matter": self.offer is not None and self.same_as is None,
            "create_resident": self.resident_id is None
            and bool(self.query_one(CallerPanel).caller["name"]),
            "read_back": has_matter,
            "confirm": has_matter and self.read_back_ok,
            "file": self.confirmed and not self.filing,
        }
        return None if available.get(action, True) is False else True

    def action_apology(self) -> None:
        self.begin()
        self.apologise = not self.apologise
        self.greet()
        self.draft_changed()

    def action_channel(self) -> None:
        """Walk-ins, letters and the comment book are recorded the same way as calls."""
        self.begin()
        order = list(Channel)
        self.channel = order[(order.index(self.channel) + 1) % len(order)]
        self.notify(_("Channel: {channel}").format(channel=named(self.channel)), timeout=3)
        self.greet()
        self.draft_changed()

    @holds_saves
    async def action_another(self) -> None:
        matter = self.current()
        if matter is None or not self.validated():
            return  # a matter is kept only once its fields are right: it cannot be fixed later
        self.recorded.append(matter)
        self.show_recorded()
        await self.query_one("#form-slot").remove_children()
        self.form, self.same_as, self.offer = None, None, None
        self.query_one("#offer", Static).update("")
        kind = self.query_one("#field-kind", ChoiceField)
        kind.set_value(None)
        kind.focus()
        self.refresh_bindings()

    def show_recorded(self) -> None:
        kinds = ", ".join(named(m.kind) for m in self.recorded)
        self.query_one("#recorded", Static).update(
            _("Recorded on this call: {kinds}").format(kinds=kinds) if kinds else ""
        )

    @holds_saves
    async def action_same_matter(self) -> None:
        if self.offer is None or self.form is None:
            return
        self.same_as = self.offer
        # What the caller said this time goes into the open matter's history.
        self.same_as_text = str(self.form.values().get("content") or "").strip()
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
        current = len(draft.matters) - 1
        form = self.form if self.form is not None and self.same_as is None else None
        try:
            self.clean = check_call(self.counter.desk, draft)
        except CallInvalid as error:
            mine = error.matter_errors.get(current, [])
            self.query_one(CallerPanel).show_errors({e.field: e.message for e in error.call_errors})
            if form is not None:
                form.show_errors(mine)
            if mine and form is not None:
                for field in self.query(f"#field-{mine[0].field}"):  # none while composing
                    field.focus()
            elsewhere = [e.message for e in error.call_errors if not e.field.startswith("caller_")]
            if elsewhere:
                self.notify("\n".join(elsewhere), severity="error")
            return False
        self.query_one(CallerPanel).show_errors({})
        if form is not None:
            form.show_errors([])
        return True

    def action_read_back(self) -> None:
        if not self.validated():
            return
        self.say(
            Step.REPEAT_BACK,
            read_back_line(
                self.draft(), self.clean, self.card, caller=self.counter.desk.caller_language
            ),
            _("F9 when the caller confirms."),
        )
        self.read_back_ok = True
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
        if not self.confirmed or self.filing:
            return
        # Greyed until the worker is done: a second F10 must not file the call twice.
        self.filing = True
        self.refresh_bindings()
        self.file(self.draft())

    @work(thread=True, exclusive=True, group="file", exit_on_error=False)
    def file(self, draft: CallDraft) -> None:
        try:
            filed = self.counter.file_call(draft)
        except BaseException as error:
            self.app.call_from_thread(self.filing_failed, error)
            raise
        self.drop_draft_now()
        self.app.call_from_thread(self.filed, filed)

    def filing_failed(self, error: BaseException) -> None:
        self.filing = False
        self.refresh_bindings()
        self.draft_changed()  # not filed: the draft goes on being kept
        if isinstance(error, ServiceError):
            self.notify(str(error), severity="error")

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
        if self.started is not None and not self.discard_armed:
            self.discard_armed = True
            self.notify(_("Press Ctrl+N again to throw this call away."), severity="warning")
            return
        self.forget_draft()
        await self.reset()
