"""Calls set aside: the one being typed when the phone rang and was picked up, and the one not
resumed at the question after sign-in. Each waits, named in the Call view, until it is taken
back (Ctrl+B) or thrown away: nothing typed sits only in a file."""

from typing import TYPE_CHECKING

from frontdesk.i18n import _
from frontdesk.services.intake.drafts import AsideCall
from frontdesk.tui.dialogs.prompts import ChoicePrompt
from frontdesk.tui.screens.call.resume import snapshot

if TYPE_CHECKING:
    from frontdesk.tui.screens.call.view import CallView

#: The most listed to pick from with a digit; older ones follow as these are taken back.
MOST_LISTED = 9


class CallsAside:
    """The Call view's list of calls set aside, and its key."""

    def __init__(self, view: "CallView") -> None:
        self.view = view
        self.calls: list[AsideCall] = []

    # The line in the view
    def refresh(self) -> None:
        """Read the list again (in a thread: it is on disk) and show it."""
        self.view.run_worker(
            self._load, thread=True, group="aside", exclusive=True, exit_on_error=False
        )

    def _load(self) -> None:
        view = self.view
        operator = view.counter.operator
        if operator is None or operator.id is None:
            return
        try:
            calls = view.counter.drafts.set_aside_calls(operator.id)
        except OSError as error:
            view.from_thread(
                view.notify,
                _("The calls set aside could not be read: {error}").format(error=error),
                severity="error",
            )
            return
        view.from_thread(self.show, calls)

    def show(self, calls: list[AsideCall]) -> None:
        self.calls = calls
        self.view.refresh_bindings()  # Ctrl+B in the footer while a call waits
        line = self.view.line("aside")
        line.display = bool(calls)
        if not calls:
            line.update("")
            return
        newest = calls[-1].saved.summary(self.view.counter.desk.policy.timezone)
        said = (
            _("1 call set aside (Ctrl+B takes it back): {summary}")
            if len(calls) == 1
            else _("{count} calls set aside (Ctrl+B to take one back); the last: {summary}")
        )
        line.update(said.format(count=len(calls), summary=newest))

    # Ctrl+B
    def choose(self) -> None:
        """List the calls set aside; the one picked is taken back or thrown away."""
        view = self.view
        if not self.calls:
            view.refuse(self.none_aside())
            return
        tz = view.counter.desk.policy.timezone
        listed = list(reversed(self.calls))[:MOST_LISTED]  # the latest first
        options = [
            (str(number), aside.name, f"{aside.saved.summary(tz)} · {_why(aside)}")
            for number, aside in enumerate(listed, start=1)
        ]
        by_name = {aside.name: aside for aside in listed}

        def picked(name: str | None) -> None:
            if name is not None:
                self._what_with(by_name[name])

        view.ask(ChoicePrompt(_("Calls set aside"), options), picked)

    @staticmethod
    def none_aside() -> str:
        return _("No call is set aside: a call is set aside when a ringing one is picked up.")

    def _what_with(self, aside: AsideCall) -> None:
        view = self.view
        summary = aside.saved.summary(view.counter.desk.policy.timezone)
        taking = _("take it back into the Call view")
        if view.call.started is not None:
            taking = _("take it back; the call on screen is set aside in its place")
        options = [
            ("1", "back", taking, ("取回",)),
            ("2", "away", _("throw it away: it is not wanted"), ("丢弃", "删除")),
        ]

        async def answered(what: str | None) -> None:
            if what == "back":
                current = snapshot(view) if view.call.started is not None else None
                view.drafts.take_back(aside.name, current)
            elif what == "away":
                view.drafts.throw_away(aside.name)

        view.ask(ChoicePrompt(_("A call set aside"), options, detail=summary), answered)


def _why(aside: AsideCall) -> str:
    return _("held for a ringing call") if aside.held else _("not resumed after sign-in")
