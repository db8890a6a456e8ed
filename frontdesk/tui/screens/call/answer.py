"""A ringing call picked up (F2 over the ring card): the Call view starts with the caller as the
ringing number found them, and the greeting apologises by itself when it rang long enough.

A call half typed when the phone rings (a walk-in at the counter, say) is not lost: its draft
is set aside under a new name, as Escape at the resume question does, and the view says where."""

from datetime import datetime
from typing import TYPE_CHECKING

from textual import work

from frontdesk.domain.call.script import Line, Step, greeting, identify, needs_apology
from frontdesk.i18n import _
from frontdesk.services.residents.search import ResidentHit
from frontdesk.tui.markup import escape
from frontdesk.tui.screens.call.caller import CallerPanel

if TYPE_CHECKING:
    from frontdesk.services.intake.incoming import Caller


class AnswersRings:
    """Mixed into ``CallScreen``, whose state and script it uses."""

    def init_answering(self) -> None:
        #: How many times the phone rang before pickup, and when it began; None for a call
        #: not announced by the phone system.
        self.rings: int | None = None
        self.rang_at: datetime | None = None

    async def answer(
        self, phone: str | None, caller: "Caller | None", rings: int, rang_at: datetime
    ) -> None:
        """Start the call the phone system announced: ``rings`` before pickup, from ``rang_at``;
        ``caller`` as looked up while it rang (None if the lookup had not come back)."""
        if self.started is not None:
            self.hold_call(self.snapshot())
        await self.reset()
        self.rings, self.rang_at = rings, rang_at
        self.apologise = needs_apology(self.counter.desk.policy, rings)
        self.begin()  # answered now
        self.greet()
        self.draft_changed()
        if caller is None and phone is not None:
            self.identify_ringing(phone)
        elif caller is not None:
            self.identified(caller)

    @work(thread=True, exclusive=True, group="card", exit_on_error=False)
    def identify_ringing(self, phone: str) -> None:
        caller = self.counter.who_is_calling(phone)
        self.app.call_from_thread(self.identified, caller)

    def identified(self, caller: "Caller") -> None:
        """As if the receptionist had found them: one resident is picked and their card shown;
        several are listed to pick from (Enter, or up and down first); a number on no card is
        kept as the caller's phone."""
        panel = self.query_one(CallerPanel)
        found = caller.residents
        if len(found) == 1:
            self.pick(found[0].id)
            return
        if found:
            panel.show_matches(
                [ResidentHit(k.id, k.name, ", ".join(k.units), caller.masked) for k in found]
            )
            panel.focus_search()
            self.greet_then(
                identify(caller=self.caller),
                _("{count} residents share this number: Enter picks the one calling.").format(
                    count=len(found)
                ),
            )
            return
        if caller.phone:
            panel.fill(phone=caller.phone)
            self.draft_changed()
        self.greet_then(
            identify(caller=self.caller),
            _("Not on file: record the caller as given (Ctrl+R makes a resident card)."),
        )
        panel.focus_next_empty()
        self.refresh_bindings()

    def greet_then(self, then: Line, note: str) -> None:
        """A ringing call is greeted first, whoever it is; what to say next follows."""
        self.say(
            Step.GREET,
            greeting(self.counter.desk.policy, apologise=self.apologise, caller=self.caller),
            f"[b]{escape(then.say)}[/b]"
            + (f" [dim]{escape(then.gloss)}[/dim]" if then.gloss else "")
            + f"\n{escape(note)}",
        )

    @work(thread=True, group="draft", exit_on_error=False)
    def hold_call(self, saved) -> None:
        """The call being typed, kept aside as it stands (never deleted) for the ringing one."""
        with self.write_lock:
            self.counter.drafts.keep(self.operator_id, saved)
            kept = self.counter.drafts.set_aside(self.operator_id, reason="held")
        if kept is not None:
            said = _("The call you were typing is kept at {path}").format(path=kept)
        elif self.counter.drafts.store is None and not saved.is_empty():
            said = _("Calls are not kept as drafts here: the call you were typing is gone.")
        else:
            return
        self.app.call_from_thread(self.notify, said, severity="warning", timeout=15)
