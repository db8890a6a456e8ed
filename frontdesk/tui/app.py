"""The counter application: sign in, then four views one function key apart.

Started with a way to open its counter rather than a ready one, it paints the sign-in first and
opens the database, the services and the views in a worker behind it: nothing of SQLAlchemy is
loaded before the first frame. A sign-in typed meanwhile goes ahead as soon as they are ready."""

import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Input
from textual.worker import Worker, WorkerState, get_current_worker

from frontdesk.i18n import _
from frontdesk.tui.messages import DatabaseChanged
from frontdesk.tui.open_counter import counter_of
from frontdesk.tui.phone.ringing import TakesRings

if TYPE_CHECKING:
    from textual.command import Provider

    from frontdesk.services.counter import Counter

VIEWS = {
    "call": "F2",
    "residents": "F3",
    "queue": "F4",
    "followups": "F5",
    "report": "F11",
    "audit": "F12",
}
# How often the counter asks whether anything was saved elsewhere (the target is 5 s).
CHANGE_CHECK_SECONDS = 2.0
# The worker that opens the counter behind the first screen.
OPENING = "opening"


def resident_commands() -> "type[Provider]":
    """The palette's resident search; loaded when the palette opens, as it reads the services."""
    from frontdesk.tui.commands import ResidentCommands

    return ResidentCommands


def view_screens() -> dict[str, type[Screen]]:
    """Each view's screen, by mode. They load the services, so a lazy start loads them in its
    worker, behind the sign-in."""
    from frontdesk.tui.screens.audit import AuditScreen
    from frontdesk.tui.screens.call.screen import CallScreen
    from frontdesk.tui.screens.followups.screen import FollowUpsScreen
    from frontdesk.tui.screens.queue.screen import QueueScreen
    from frontdesk.tui.screens.report.screen import ReportScreen
    from frontdesk.tui.screens.residents.screen import ResidentsScreen

    return {
        "call": CallScreen,
        "residents": ResidentsScreen,
        "queue": QueueScreen,
        "followups": FollowUpsScreen,
        "report": ReportScreen,
        "audit": AuditScreen,
    }


@dataclass(frozen=True)
class Opened:
    """What the worker brings back: the counter, whether its database awaits the first run, and
    the views, loaded."""

    counter: "Counter"
    first_run: bool
    views: dict[str, type[Screen]]


class FrontdeskApp(TakesRings, App[None]):
    """Phone intake, resident lookup, the complaint queue and the follow-up list."""

    CSS_PATH = "app.tcss"
    TITLE = "frontdesk"
    ENABLE_COMMAND_PALETTE = True
    COMMANDS = App.COMMANDS | {resident_commands}
    BINDINGS = [
        Binding("f1", "help", _("Help"), id="help", tooltip=_("Every key of this view")),
        Binding("f2", "view('call')", _("Call"), id="view.call", tooltip=_("Phone intake")),
        Binding(
            "f3",
            "view('residents')",
            _("Residents"),
            id="view.residents",
            tooltip=_("Find a resident"),
        ),
        Binding(
            "f4",
            "view('queue')",
            _("Queue"),
            id="view.queue",
            tooltip=_("Open matters by deadline"),
        ),
        Binding(
            "f5", "view('followups')", _("Follow-ups"), id="view.followups", tooltip=_("Calls owed")
        ),
        Binding(
            "f11",
            "view('report')",
            _("Report"),
            id="view.report",
            tooltip=_("The monthly report, against the month before"),
            # Read once a month, not at every call: its footer room stays with the counter's
            # keys (with F12 the manager's footer would run out). F1 lists it.
            show=False,
        ),
        Binding(
            "f12",
            "view('audit')",
            _("Audit"),
            id="view.audit",
            tooltip=_("The audit log (office manager)"),
        ),
        # Listed in the help and the palette; the footer's room goes to the counter's work.
        Binding("ctrl+q", "quit", _("Quit"), id="quit", tooltip=_("Leave the app"), show=False),
        # Before any view's or dialog's own keys: the phone ringing comes first. Only while it
        # rings; otherwise F2 is the Call view's key above.
        Binding(
            "f2",
            "pick_up",
            _("Pick up"),
            id="pick_up",
            tooltip=_("Answer the ringing phone: the Call view with the caller identified"),
            show=False,
            priority=True,
        ),
    ]

    def __init__(
        self,
        counter: "Counter | Callable[[], Counter]",
        *,
        blink: bool = True,
        exit_when_ready: str | None = None,
        ring_socket: Path | None = None,
        tick: Callable[[], float] | None = None,
    ):
        """``counter``: a ready one (the tests), or a function that opens one, called in a worker
        once the first screen has painted (the command line). ``ring_socket``: where the phone
        system says a call is ringing (none: not listening); ``tick``: the clock its rings are
        counted by (monotonic seconds)."""
        super().__init__()
        self.init_rings(ring_socket, tick)
        self._open_counter = counter if callable(counter) else None
        self.counter: Counter | None = None if callable(counter) else counter
        #: Cursor blink off for snapshot tests, where a blinking cursor is noise.
        self.blink = blink
        #: The benchmarks' hook: leave once the first screen has painted ("screen"), or once
        #: the counter is open and its screen shown ("database").
        self.exit_when_ready = exit_when_ready
        #: Why the counter could not be opened, in one line; the app has ended.
        self.failure: str | None = None
        self._open = threading.Event()
        self._may_sign_in = True
        self._first_frame = time.perf_counter()  # until on_ready says when it was
        if self.counter is not None:
            self._open.set()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """Without blink (snapshot tests), the cursor of any field that takes focus stays still:
        one place, rather than every screen that has a field."""
        if not self.blink and isinstance(event.widget, Input):
            event.widget.cursor_blink = False

    def get_default_screen(self):
        from frontdesk.tui.screens.sign_in import FirstRunScreen, SignInScreen

        if self.counter is not None and self.counter.needs_first_run():
            return FirstRunScreen()
        return SignInScreen()

    def on_mount(self) -> None:
        self.screen_change_signal.subscribe(self, lambda _screen: self.show_ringing())
        if self.counter is None:
            return  # the views come with the counter, behind the first screen
        self.install_views(view_screens())
        if self.counter.operator is not None:
            self.signed_in()

    def on_ready(self) -> None:
        """The first frame is on the terminal: the heavy part may start behind it."""
        self._first_frame = time.perf_counter()
        if self.counter is None:
            self.call_after_refresh(self.open_counter)
        self.call_after_refresh(self.listen_for_rings)  # behind the first frame too
        self.call_after_refresh(self.reached, "screen")

    def install_views(self, views: dict[str, type[Screen]]) -> None:
        for mode, screen in views.items():
            self.add_mode(mode, screen)

    @work(thread=True, exit_on_error=False, group=OPENING)
    def open_counter(self) -> Opened:
        """The database, the services and the views, loaded in a thread: the sign-in on screen
        takes keys meanwhile."""
        assert self._open_counter is not None
        counter = self._open_counter()
        return Opened(counter, counter.needs_first_run(), view_screens())

    def opened(self, opened: Opened) -> None:
        from frontdesk.tui.screens.sign_in import FirstRunScreen

        self.counter = opened.counter
        self.install_views(opened.views)
        if opened.first_run:
            self._may_sign_in = False  # no one to sign in as yet: the first run creates them
            self.push_screen(FirstRunScreen())  # over the sign-in: the first screen stays put
        self._open.set()
        self.call_after_refresh(self.reached, "database")

    def cannot_open(self, error: BaseException | None) -> None:
        """Said in one line by the command line, once the terminal is back; never a traceback."""
        self.failure = str(error) or type(error).__name__
        self._open.set()
        self.exit(return_code=1)

    def wait_until_open(self) -> bool:
        """For a worker thread: wait until the counter is open; whether a sign-in may go ahead
        (not if it could not be opened, nor on a database awaiting its first run)."""
        worker = get_current_worker()
        while not self._open.wait(0.05):
            if worker.is_cancelled:  # the app is closing, or another Enter took over
                return False
        return self.counter is not None and self._may_sign_in and not worker.is_cancelled

    def reached(self, moment: str) -> None:
        if self.exit_when_ready == moment:
            since = (time.perf_counter() - self._first_frame) * 1000
            screen = type(self.screen).__name__
            self.exit(
                message=f"ready: {moment}, {screen} on screen, {since:.0f} ms after the first frame"
            )

    def signed_in(self) -> None:
        counter = counter_of(self)  # signed in: the counter is open and its operator known
        counter.load_centre()
        operator = counter.operator.name if counter.operator is not None else ""
        self.sub_title = f"{counter.desk.policy.centre_name} · {operator}"
        self.switch_mode("call")
        self._seen_changes: tuple[int, ...] | None = None
        self._sweep_failure: str | None = None
        self.check_for_changes()  # the starting point, taken before any view has read its list
        self.set_interval(CHANGE_CHECK_SECONDS, self.check_for_changes)

    @work(thread=True, exclusive=True, exit_on_error=False, group="changes")
    def check_for_changes(self) -> None:
        """Saves at any counter reach this one's lists within a few seconds: a cheap check of
        the audit log and the handling marks, and the view on screen reads again if it moved.
        The month-end upgrades fall due as time passes, not as anyone saves: they are made
        here, and the view reads again when this counter made one."""
        upgraded = self.sweep_month_end()
        token = counter_of(self).change_token()
        moved = self._seen_changes is not None and token != self._seen_changes
        if moved or upgraded:
            # Every screen of the view, not only a prompt or form open over it.
            for screen in list(self.screen_stack):
                self.call_from_thread(screen.post_message, DatabaseChanged())
        self._seen_changes = token

    def sweep_month_end(self) -> list[int]:
        """The upgrades made now; none when the sweep failed (the database busy past its
        timeout, say): it is tried again at the next check, and the check goes on. The
        failure is said once, not every few seconds while it lasts."""
        try:
            upgraded = counter_of(self).sweep_month_end()
        except Exception as error:  # noqa: BLE001 - said to the operator, never lost
            said = str(error)
            if said != self._sweep_failure:
                self._sweep_failure = said
                self.call_from_thread(self.report_failure, error)
            return []
        self._sweep_failure = None
        return upgraded

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The palette runs the current view's actions too, each under its footer label."""
        yield from super().get_system_commands(screen)
        for binding in getattr(screen, "BINDINGS", []):
            if not isinstance(binding, Binding) or not binding.description:
                continue
            name = binding.action.split("(")[0]
            if screen.check_action(name, ()) is not True:
                continue  # greyed now: the palette offers only what applies
            yield SystemCommand(
                f"{binding.description} ({binding.key_display or binding.key})",
                binding.tooltip or binding.description,
                partial(screen.run_action, binding.action),
            )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "pick_up":
            return self.ringing is not None
        if action != "view":
            return True
        if parameters == ("audit",) and not self.may_read_audit():
            return False  # the manager's key; the service refuses anyone else on its own
        if self.counter is None or self.counter.operator is None:
            return None  # shown greyed until someone signs in
        if parameters == ("call",) and self.ringing is not None:
            return True  # shown while it rings: F2 picks up (pick_up), from any view
        # The view you are in needs no key: hidden, to leave the footer's room to the others.
        return not (parameters and parameters[0] == self.current_mode)

    def may_read_audit(self) -> bool:
        if self.counter is None or self.counter.operator is None:
            return False
        from frontdesk.services.kernel.permissions import Action  # loaded with the counter

        return self.counter.may(Action.READ_AUDIT)

    async def on_unmount(self) -> None:
        await self.stop_listening()

    def action_view(self, name: str) -> None:
        if self.current_mode != name:
            self.switch_mode(name)

    async def action_pick_up(self) -> None:
        await self.pick_up()

    def action_help(self) -> None:
        from frontdesk.tui.dialogs.help import HelpScreen

        self.push_screen(HelpScreen(self.screen))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group == OPENING:
            if event.state is WorkerState.SUCCESS and isinstance(event.worker.result, Opened):
                self.opened(event.worker.result)
            elif event.state is WorkerState.ERROR:
                self.cannot_open(event.worker.error)
        elif event.state is WorkerState.ERROR:
            self.report_failure(event.worker.error)

    def notify(self, message: str, *, markup: bool = False, **kwargs) -> None:
        """Every message is plain text: a typed name or note holding brackets must never be
        read as markup (an unbalanced tag would end the app, and the call with it)."""
        super().notify(message, markup=False, **kwargs)

    def report_failure(self, error: BaseException | None) -> None:
        """A refusal is said as it is; anything else as a failure, with what happened."""
        from frontdesk.services.kernel.errors import ServiceError

        message = (
            str(error)
            if isinstance(error, ServiceError | ValueError)
            else _("Something went wrong: {error}").format(error=error)
        )
        self.notify(message, severity="error", timeout=8)
