"""A call ringing at this counter, as the phone system says it (``frontdesk ring``): the caller's
card over whatever view is open, a count of the rings going up, and F2 to pick up into the Call
view with the caller identified and, after a long ring, the greeting's apology.

Mixed into the app: the socket listens in the app's own loop from the moment it starts, and the
rings are counted by a clock given to the app (``tick``), so a test counts them without waiting.
"""

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import work

from frontdesk.domain.call.ring import Event, Reply, RingEvent, rings_after, rung_for
from frontdesk.i18n import _
from frontdesk.tui.mixed_into import AppPart
from frontdesk.tui.open_counter import app_of, counter_of
from frontdesk.tui.phone.ring_server import RingListener
from frontdesk.tui.views import TakesCalls

if TYPE_CHECKING:
    from frontdesk.services.intake.incoming import Caller

#: A ring neither picked up nor hung up this long after it began is over: the phone system
#: gave up on it without saying so (Chinese networks stop ringing after about a minute).
RING_GIVES_UP = timedelta(minutes=3)
#: A ring that says it began earlier than this, or later than now, was stamped by a clock out
#: of step with the counter's: it is counted from when it was heard.
LONGEST_SAID = timedelta(minutes=3)


@dataclass
class Ringing:
    """One call ringing. ``phone`` in stored form (None: withheld); ``began`` on the ``tick``
    clock."""

    phone: str | None
    began: float
    caller: "Caller | None" = None
    card: Any = field(default=None, repr=False)

    def rings(self, now: float, ring_seconds: float) -> int:
        return rings_after(timedelta(seconds=now - self.began), ring_seconds)

    def label(self) -> str:
        """Who it was, for the missed-call line: their names, or the masked number."""
        if self.phone is None:
            return _("number withheld")
        if self.caller is None:
            from frontdesk.domain.people.phones import mask_phone

            return mask_phone(self.phone)
        names = "、".join(known.name for known in self.caller.residents)
        return f"{names} {self.caller.masked}".strip()


class TakesRings(AppPart):
    """The app's part in a ringing call; ``FrontdeskApp`` mixes it in."""

    def init_rings(self, socket: Path | None, tick: Callable[[], float] | None) -> None:
        #: Where the phone system reaches this counter; None: not listening (most tests).
        self.ring_socket = socket
        self.tick = tick or time.monotonic
        self.ringing: Ringing | None = None
        #: The numbers picked up, on the ``tick`` clock: their hang-up is no missed call.
        self.picked_up_at: dict[str | None, float] = {}
        self.ring_listener: RingListener | None = None
        self._ring_timer = None

    async def listen_for_rings(self) -> None:
        if self.ring_socket is None:
            return
        self.ring_listener = RingListener(self.ring_socket, self.ring_heard)
        problem = await self.ring_listener.start()
        if problem:
            self.ring_listener = None
            self.notify(problem, severity="warning", timeout=20)

    async def stop_listening(self) -> None:
        if self.ring_listener is not None:
            await self.ring_listener.stop()
            self.ring_listener = None

    # What the phone system says
    def ring_heard(self, event: RingEvent) -> Reply:
        """Answer the phone system at once; the card is looked up behind it."""
        from frontdesk.domain.people.phones import PhoneError
        from frontdesk.services.intake.incoming import ringing_number

        counter = app_of(self).counter
        if counter is None or counter.operator is None:
            return Reply(False, _("no one is signed in at this counter yet"))
        try:
            phone = ringing_number(event.phone, desk=counter.desk)
        except PhoneError as error:
            return Reply(False, str(error))
        if event.event is Event.HANGUP:
            if self.ringing is not None and self.ringing.phone == phone:
                self.ring_ended(phone, missed=True)
            elif not self._picked_up_lately(phone):
                # Its ring never showed here (refused, or before the app started): owed all
                # the same.
                gone = Ringing(phone, self.tick() - self._rung_already(event).total_seconds())
                self.record_missed(gone, self.rang_at(gone))
        else:
            self.ring_started(phone, self._rung_already(event))
        return Reply(True, counter=counter.desk.counter)

    def _picked_up_lately(self, phone: str | None) -> bool:
        """Whether ``phone`` was picked up here within the time a ring lasts: the phone
        system's hang-up that follows (a dialplan may send one) is not a call missed."""
        picked = self.picked_up_at.get(phone)
        return picked is not None and self.tick() - picked <= RING_GIVES_UP.total_seconds()

    def _rung_already(self, event: RingEvent) -> timedelta:
        policy = counter_of(self).desk.policy
        if event.rings is not None:
            return rung_for(event.rings, policy.ring_seconds)
        if event.at is not None:
            since = counter_of(self).desk.now() - event.at
            if timedelta(0) <= since <= LONGEST_SAID:
                return since
        return timedelta(0)

    def ring_started(self, phone: str | None, already: timedelta) -> None:
        now = self.tick()
        ringing = self.ringing
        if ringing is None or ringing.phone != phone:
            # One line at this counter: a second number ringing takes the card, and the first
            # stopped ringing unanswered.
            card = ringing.card if ringing is not None else None
            if ringing is not None:
                self.record_missed(ringing, self.rang_at(ringing))
            ringing = Ringing(phone, now, card=card)
            self.ringing = ringing
            self.look_up_caller(ringing)
        if already:
            ringing.began = now - already.total_seconds()
        if self._ring_timer is None:
            self._ring_timer = self.set_interval(1.0, self.show_ringing)
        self.show_ringing()
        self.refresh_bindings()  # F2 picks up, from any view

    def ring_ended(self, phone: str | None, *, missed: bool) -> None:
        ringing = self.ringing
        if ringing is None or ringing.phone != phone:
            return
        self.ringing = None
        if self._ring_timer is not None:
            self._ring_timer.stop()
            self._ring_timer = None
        if ringing.card is not None:
            ringing.card.remove()
        self.refresh_bindings()
        if missed:
            self.record_missed(ringing, self.rang_at(ringing))

    def rang_at(self, ringing: Ringing) -> datetime:
        """When it began ringing, on the counter's clock: it rang as long as it was counted."""
        return counter_of(self).desk.now() - timedelta(seconds=self.tick() - ringing.began)

    @work(thread=True, group="missed", exit_on_error=False)
    def record_missed(self, ringing: Ringing, rang_at: datetime) -> None:
        """Every call is returned: the one that rang out goes on the follow-up list."""
        who = ringing.label()
        if ringing.phone is None:
            said = _("Missed call: {who}; it cannot be returned")
        else:
            try:
                counter_of(self).missed_call(ringing.phone, rang_at)
            # Whatever stops the record, the number is said with it so that it is not lost.
            except Exception as error:
                self.call_from_thread(
                    self.notify,
                    _(
                        "Missed call: {who}, not on the follow-up list ({error}): note the number"
                    ).format(who=who, error=error),
                    severity="error",
                    timeout=60,
                )
                return
            said = _("Missed call: {who}; on the follow-up list to return (F5)")
        self.call_from_thread(self.notify, said.format(who=who), severity="warning", timeout=30)

    @work(thread=True, exclusive=True, group="ringing", exit_on_error=False)
    def look_up_caller(self, ringing: Ringing) -> None:
        caller = counter_of(self).who_is_calling(ringing.phone)
        self.call_from_thread(self.caller_found, ringing, caller)

    def caller_found(self, ringing: Ringing, caller: "Caller") -> None:
        ringing.caller = caller
        if self.ringing is ringing:
            self.show_ringing()

    # On screen
    def show_ringing(self) -> None:
        """The card, on the screen now open (it follows the receptionist from view to view)."""
        from frontdesk.domain.call.script import needs_apology
        from frontdesk.tui.phone.ring_card import RingCard

        ringing = self.ringing
        if ringing is None:
            return
        now = self.tick()
        if timedelta(seconds=now - ringing.began) > RING_GIVES_UP:
            self.ring_ended(ringing.phone, missed=True)
            return
        policy = counter_of(self).desk.policy
        rings = ringing.rings(now, policy.ring_seconds)
        card = ringing.card
        if card is None or not card.is_attached or card.screen is not self.screen:
            if card is not None and card.is_attached:
                card.remove()
            card = ringing.card = RingCard(id="ring-card")
            self.screen.mount(card)
        card.place(self.size.width)
        card.show(
            ringing.phone,
            ringing.caller,
            rings,
            late=rings > policy.pick_up_within,
            long=needs_apology(policy, rings),
        )

    async def pick_up(self) -> None:
        """F2 while it rings: the Call view, with this caller and this many rings."""
        ringing = self.ringing
        if ringing is None:
            return
        now = self.tick()
        rings = ringing.rings(now, counter_of(self).desk.policy.ring_seconds)
        # In the register on the counter's clock: it rang for as long as it was counted.
        rang_at = self.rang_at(ringing)
        self.picked_up_at[ringing.phone] = now
        self.ring_ended(ringing.phone, missed=False)
        self.returned_by_pickup(ringing.phone)
        await self.switch_mode("call")
        await self.clear_way_to_call()
        call_view = self.screen_stack[0]
        if isinstance(call_view, TakesCalls):
            await call_view.answer(ringing.phone, ringing.caller, rings, rang_at)

    @work(thread=True, group="missed", exit_on_error=False)
    def returned_by_pickup(self, phone: str | None) -> None:
        """A caller whose earlier call was missed is on the line now: that call is returned."""
        if phone is None:
            return
        returned = counter_of(self).picked_up(phone)
        if returned:
            self.call_from_thread(
                self.notify, _("Their missed call is returned by this one: off the follow-up list")
            )

    async def clear_way_to_call(self) -> None:
        """What is open over the Call view gives way to the call: the help, the palette; a
        saved call offered back after sign-in is kept aside, as Escape there does."""
        from textual.command import CommandPalette

        from frontdesk.tui.dialogs.help import HelpScreen
        from frontdesk.tui.dialogs.resume_prompt import ResumeCallPrompt

        while len(self.screen_stack) > 1:
            screen = self.screen
            if isinstance(screen, ResumeCallPrompt):
                await screen.dismiss(False)
            elif isinstance(screen, HelpScreen | CommandPalette):
                await self.pop_screen()
            else:
                return
