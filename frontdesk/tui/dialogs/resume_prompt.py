"""The question asked after sign-in when a call was being typed as the app stopped (a crash, a
power cut, a closed terminal): resume it, or start clean with the draft kept aside."""

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from frontdesk.i18n import _


class ResumeCallPrompt(ModalScreen[bool]):
    """Enter resumes the saved call with every field; Escape starts a clean call and keeps the
    saved one aside in its file (nothing typed is ever deleted)."""

    BINDINGS = [
        Binding(
            "enter",
            "answer(True)",
            _("Resume"),
            id="resume.accept",
            tooltip=_("Put the saved call back into the Call view"),
        ),
        Binding(
            "escape",
            "answer(False)",
            _("Start clean"),
            id="resume.decline",
            tooltip=_("Start a clean call; the saved one is kept aside in its file"),
        ),
    ]

    def __init__(self, summary: str) -> None:
        super().__init__()
        self.summary = summary

    def compose(self) -> ComposeResult:
        with Vertical(classes="prompt"):
            yield Label(_("A call was being typed when the app stopped"), classes="title")
            # The summary holds what was typed: never read it as markup.
            yield Static(self.summary, id="resume-summary", markup=False)
            yield Static(
                _("Enter: resume it · Escape: start a clean call (the draft is kept aside)"),
                classes="hint",
            )

    def action_answer(self, resume: bool) -> None:
        self.dismiss(resume)
