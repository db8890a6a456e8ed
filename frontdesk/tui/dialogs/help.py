"""Every key of the view the help was opened from, with what it does."""

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Static

from frontdesk.i18n import _
from frontdesk.tui.dialogs.modal import ClosesOnce


class HelpScreen(ClosesOnce[None]):
    """Lists the keys of the current view and the keys that work everywhere; any key closes."""

    BINDINGS = [Binding("escape,f1", "dismiss", _("Close"), id="help.close")]

    def __init__(self, view: Screen) -> None:
        super().__init__()
        self.view = view

    def compose(self) -> ComposeResult:
        lines = ["[b]" + _("Keys of this view") + "[/b]", ""]
        for title, bindings in (
            (_("This view"), self.view.BINDINGS),
            (_("Everywhere"), self.app.BINDINGS),
        ):
            lines.append(f"[b]{title}[/b]")
            for binding in bindings:
                if isinstance(binding, Binding) and binding.description:
                    keys = binding.key_display or binding.key
                    help_text = binding.tooltip or binding.description
                    lines.append(f"  {keys:<12} {binding.description:<16} {help_text}")
            lines.append("")
        lines.append(_("Ctrl+P opens the command palette: find a resident, run an action."))
        yield Static("\n".join(lines), id="help", classes="pane")
