"""Signing in at the counter, and the first run that names the centre and its manager.

The sign-in is the app's first screen and paints before the database is open: this module
loads nothing of the services at import, and a sign-in waits for the counter to be ready."""

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Input, Label, Static

from frontdesk.i18n import _
from frontdesk.tui.failures import ReportsWorkerFailures
from frontdesk.tui.open_counter import app_of, counter_of
from frontdesk.tui.widgets.footer import CounterFooter


class SignInScreen(ReportsWorkerFailures, Screen):
    """The operator types their name and PIN; Enter moves on and signs in. A refusal is written
    under the PIN: a wrong name or PIN (the same words for both), or, after five wrong PINs in
    a row, until when the operator is locked out. Enter pressed while the database is still
    being opened signs in as soon as it is: nothing typed is lost."""

    def compose(self) -> ComposeResult:
        with Vertical(id="sign-in"):
            yield Label(_("frontdesk — sign in"), classes="title")
            yield Input(placeholder=_("operator name"), id="name")
            yield Input(placeholder=_("PIN"), password=True, id="pin")
            yield Static("", id="sign-in-error", classes="error")
        yield CounterFooter()

    def on_mount(self) -> None:
        self.query_one("#name", Input).focus()

    @on(Input.Submitted, "#name")
    def to_pin(self) -> None:
        self.query_one("#pin", Input).focus()

    @on(Input.Submitted, "#pin")
    def submit(self) -> None:
        self.sign_in(self.query_one("#name", Input).value, self.query_one("#pin", Input).value)

    @work(thread=True, exclusive=True, exit_on_error=False)
    def sign_in(self, name: str, pin: str) -> None:
        if not app_of(self).wait_until_open():
            return
        from frontdesk.services.kernel.errors import SignInRefused  # loaded with the counter

        try:
            counter_of(self).sign_in(name, pin)
        except SignInRefused as refused:
            self.app.call_from_thread(self.refused, str(refused))
            return
        self.app.call_from_thread(app_of(self).signed_in)

    def refused(self, message: str) -> None:
        # Plain text: the message holds the typed name, which may hold brackets.
        self.query_one("#sign-in-error", Static).update(Text(message))
        pin = self.query_one("#pin", Input)
        pin.value = ""
        pin.focus()


class FirstRunScreen(ReportsWorkerFailures, Screen):
    """An empty database: name the centre and create the first office manager."""

    def compose(self) -> ComposeResult:
        with Vertical(id="sign-in"):
            yield Label(_("frontdesk — first run"), classes="title")
            yield Label(_("Name the centre and its first office manager."), classes="hint")
            yield Input(placeholder=_("centre name (阳光花园)"), id="centre")
            yield Input(placeholder=_("manager's name"), id="name")
            yield Input(placeholder=_("PIN, 4 to 8 digits"), password=True, id="pin")
            yield Static("", id="sign-in-error", classes="error")
        yield CounterFooter()

    def on_mount(self) -> None:
        centre = self.query_one("#centre", Input)
        centre.value = counter_of(self).desk.policy.centre_name
        centre.focus()

    @on(Input.Submitted, "#centre")
    def to_name(self) -> None:
        self.query_one("#name", Input).focus()

    @on(Input.Submitted, "#name")
    def to_pin(self) -> None:
        self.query_one("#pin", Input).focus()

    @on(Input.Submitted, "#pin")
    def submit(self) -> None:
        values = [self.query_one(f"#{i}", Input).value for i in ("centre", "name", "pin")]
        self.create(*values)

    @work(thread=True, exclusive=True, exit_on_error=False)
    def create(self, centre: str, name: str, pin: str) -> None:
        from frontdesk.services.kernel.errors import ServiceError  # loaded with the counter

        try:
            counter_of(self).first_run(centre=centre, manager=name, pin=pin)
        except ServiceError as exc:
            self.app.call_from_thread(self.query_one("#sign-in-error", Static).update, str(exc))
            return
        self.app.call_from_thread(app_of(self).signed_in)
