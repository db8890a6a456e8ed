"""A ringing call picked up (F2 over the ring card): the Call view starts with the caller as the
ringing number found them, and the greeting apologises by itself when it rang long enough.

A call half typed when the phone rings (a walk-in at the counter, say) is not lost: its draft
is set aside under a new name, as Escape at the resume question does, and the view says where."""

from datetime import datetime
from functools import partial
from typing import TYPE_CHECKING

from frontdesk.domain.call.script import Line, Step, greeting, identify, needs_apology
from frontdesk.i18n import _
from frontdesk.services.residents.search import ResidentHit
from frontdesk.tui.markup import escape
from frontdesk.tui.screens.call.resume import snapshot
from frontdesk.tui.screens.call.view import CallView

if TYPE_CHECKING:
    from frontdesk.services.intake.incoming import Caller


class RingAnswer:
    """Answers a ringing call in the Call view."""

    def __init__(self, view: CallView) -> None:
        self.view = view

    async def answer(
        self, phone: str | None, caller: "Caller | None", rings: int, rang_at: datetime
    ) -> None:
        """Start the call the phone system announced: ``rings`` before pickup, from ``rang_at``;
        ``caller`` as looked up while it rang (None if the lookup had not come back)."""
        view = self.view
        if view.call.started is not None:
            view.drafts.hold(snapshot(view))
        await view.reset()
        view.call.rings, view.call.rang_at, view.call.rang_from = rings, rang_at, phone
        view.call.apologise = needs_apology(view.counter.desk.policy, rings)
        view.begin()  # answered now
        view.greet()
        view.drafts.changed()
        if caller is None and phone is not None:
            view.run_worker(
                partial(self._look_up, phone),
                thread=True,
                group="card",
                exclusive=True,
                exit_on_error=False,
            )
        elif caller is not None:
            self.identified(caller)

    def _look_up(self, phone: str) -> None:
        caller = self.view.counter.who_is_calling(phone)
        self.view.from_thread(self.identified, caller)

    def identified(self, caller: "Caller") -> None:
        """As if the receptionist had found them: one resident is picked and their card shown;
        several are listed to pick from (Enter, or up and down first); a number on no card is
        kept as the caller's phone."""
        view = self.view
        panel = view.panel
        found = caller.residents
        if len(found) == 1:
            view.pick(found[0].id)
            return
        if found:
            panel.show_matches(
                [ResidentHit(k.id, k.name, ", ".join(k.units), caller.masked) for k in found]
            )
            panel.focus_search()
            self.greet_then(
                identify(caller=view.caller),
                _("{count} residents share this number: Enter picks the one calling.").format(
                    count=len(found)
                ),
            )
            return
        if caller.phone:
            panel.fill(phone=caller.phone)
            view.drafts.changed()
        self.greet_then(
            identify(caller=view.caller),
            _("Not on file: record the caller as given (Ctrl+R makes a resident card)."),
        )
        panel.focus_next_empty()
        view.refresh_bindings()

    def greet_then(self, then: Line, note: str) -> None:
        """A ringing call is greeted first, whoever it is; what to say next follows."""
        view = self.view
        view.say(
            Step.GREET,
            greeting(view.counter.desk.policy, apologise=view.call.apologise, caller=view.caller),
            f"[b]{escape(then.say)}[/b]"
            + (f" [dim]{escape(then.gloss)}[/dim]" if then.gloss else "")
            + f"\n{escape(note)}",
        )
