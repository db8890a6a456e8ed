"""The counter application: sign in, then four views one function key apart."""

from collections.abc import Iterable
from functools import partial

from textual import events, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Input
from textual.worker import Worker, WorkerState

from frontdesk.i18n import _
from frontdesk.services.errors import ServiceError
from frontdesk.services.permissions import Action
from frontdesk.tui.backend import Counter
from frontdesk.tui.commands import ResidentCommands
from frontdesk.tui.messages import DatabaseChanged

VIEWS = {"call": "F2", "residents": "F3", "queue": "F4", "followups": "F5", "audit": "F12"}
# How often the counter asks whether anything was saved elsewhere (the target is 5 s).
CHANGE_CHECK_SECONDS = 2.0


class FrontdeskApp(App[None]):
    """Phone intake, resident lookup, the complaint queue and the follow-up list."""

    CSS_PATH = "app.tcss"
    TITLE = "frontdesk"
    ENABLE_COMMAND_PALETTE = True
    COMMANDS = App.COMMANDS | {ResidentCommands}
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
            "f12",
            "view('audit')",
            _("Audit"),
            id="view.audit",
            tooltip=_("The audit log (office manager)"),
        ),
        # Listed in the help and the palette; the footer's room goes to the counter's work.
        Binding("ctrl+q", "quit", _("Quit"), id="quit", tooltip=_("Leave the app"), show=False),
    ]

    def __init__(self, counter: Counter, *, blink: bool = True):
        super().__init__()
        self.counter = counter
        #: Cursor blink off for snapshot tests, where a blinking cursor is noise.
        self.blink = blink

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """Without blink (snapshot tests), the cursor of any field that takes focus stays still:
        one place, rather than every screen that has a field."""
        if not self.blink and isinstance(event.widget, Input):
            event.widget.cursor_blink = False

    def get_default_screen(self):
        from frontdesk.tui.screens.sign_in import FirstRunScreen, SignInScreen

        return FirstRunScreen() if self.counter.needs_first_run() else SignInScreen()

    def on_mount(self) -> None:
        from frontdesk.tui.screens.audit import AuditScreen
        from frontdesk.tui.screens.call import CallScreen
        from frontdesk.tui.screens.followups import FollowUpsScreen
        from frontdesk.tui.screens.queue import QueueScreen
        from frontdesk.tui.screens.residents import ResidentsScreen

        self.add_mode("call", CallScreen)
        self.add_mode("residents", ResidentsScreen)
        self.add_mode("queue", QueueScreen)
        self.add_mode("followups", FollowUpsScreen)
        self.add_mode("audit", AuditScreen)
        if self.counter.operator is not None:
            self.signed_in()

    def signed_in(self) -> None:
        self.counter.load_centre()
        self.sub_title = f"{self.counter.desk.policy.centre_name} · {self.counter.operator.name}"
        self.switch_mode("call")
        self._seen_changes: tuple[int, ...] | None = None
        self.check_for_changes()  # the starting point, taken before any view has read its list
        self.set_interval(CHANGE_CHECK_SECONDS, self.check_for_changes)

    @work(thread=True, exclusive=True, exit_on_error=False, group="changes")
    def check_for_changes(self) -> None:
        """Saves at any counter reach this one's lists within a few seconds: a cheap check of
        the audit log and the handling marks, and the view on screen reads again if it moved."""
        token = self.counter.change_token()
        if self._seen_changes is not None and token != self._seen_changes:
            # Every screen of the view, not only a prompt or form open over it.
            for screen in list(self.screen_stack):
                self.call_from_thread(screen.post_message, DatabaseChanged())
        self._seen_changes = token

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
        if action != "view":
            return True
        if parameters == ("audit",) and not self.counter.may(Action.READ_AUDIT):
            return False  # the manager's key; the service refuses anyone else on its own
        if self.counter.operator is None:
            return None  # shown greyed until someone signs in
        # The view you are in needs no key: hidden, to leave the footer's room to the others.
        return not (parameters and parameters[0] == self.current_mode)

    def action_view(self, name: str) -> None:
        if self.current_mode != name:
            self.switch_mode(name)

    def action_help(self) -> None:
        from frontdesk.tui.screens.help import HelpScreen

        self.push_screen(HelpScreen(self.screen))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state is WorkerState.ERROR:
            self.report_failure(event.worker.error)

    def notify(self, message: str, *, markup: bool = False, **kwargs) -> None:  # type: ignore[override]
        """Every message is plain text: a typed name or note holding brackets must never be
        read as markup (an unbalanced tag would end the app, and the call with it)."""
        super().notify(message, markup=False, **kwargs)

    def report_failure(self, error: BaseException | None) -> None:
        """A refusal is said as it is; anything else as a failure, with what happened."""
        message = (
            str(error)
            if isinstance(error, ServiceError | ValueError)
            else _("Something went wrong: {error}").format(error=error)
        )
        self.notify(message, severity="error", timeout=8)
