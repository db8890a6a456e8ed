"""Showing a full phone number for a moment (DOMAIN.md §5): one key, the service decides and
records it, and the number goes back to masked after half a minute or as soon as the selection
moves. Shared by the views that show numbers: the Residents view and the Follow-ups view."""

from collections.abc import Callable
from typing import Any

from textual import work
from textual.binding import Binding
from textual.timer import Timer

from frontdesk.i18n import _
from frontdesk.services.kernel.errors import ServiceError
from frontdesk.services.residents.reveal import Revealed
from frontdesk.tui.mixed_into import WidgetPart
from frontdesk.tui.open_counter import counter_of

# Long enough to dial or read the number out, short enough not to be left on screen.
REVEAL_SECONDS = 30.0


def reveal_binding(view: str, tooltip: str) -> Binding:
    return Binding("f6", "reveal", _("Number"), id=f"{view}.reveal", tooltip=tooltip)


class RevealsNumbers(WidgetPart):
    """For a view that shows one subject (a resident, a follow-up) at a time. The view says what
    to reveal with :meth:`reveal_for` and shows it in :meth:`show_revealed`; this keeps which
    subject the number belongs to, and hides it again on time."""

    #: The subject whose full number is on screen now, with the number(s); None when masked.
    revealed: tuple[int, Revealed] | None = None
    _reveal_timer: Timer | None = None

    #: Draws the subject again, with ``self.revealed`` or masked: each view has its own.
    show_revealed: Callable[[], None]

    def reveal_for(self, subject_id: int, **which: Any) -> None:
        self._fetch_number(subject_id, which)

    @work(thread=True, exclusive=True, group="reveal", exit_on_error=False)
    def _fetch_number(self, subject_id: int, which: dict[str, Any]) -> None:
        try:
            shown = counter_of(self).reveal_phone(**which)
        except ServiceError as refused:
            # The service's own refusal, said as it is: the key may be greyed, the rule is there.
            self.app.call_from_thread(self.notify, str(refused), severity="error")
            return
        self.app.call_from_thread(self._reveal, subject_id, shown)

    def _reveal(self, subject_id: int, shown: Revealed) -> None:
        if not shown.numbers:
            self.notify(_("No number on file."), severity="warning")
            return
        self.revealed = (subject_id, shown)
        if self._reveal_timer is not None:
            self._reveal_timer.stop()
        self._reveal_timer = self.set_timer(REVEAL_SECONDS, self.hide_number)
        self.show_revealed()
        self.notify(
            _("{whose}'s number is shown for {n} seconds; this was recorded in the log.").format(
                whose=shown.whose, n=int(REVEAL_SECONDS)
            ),
            timeout=6,
        )

    def revealed_for(self, subject_id: int | None) -> Revealed | None:
        """The numbers revealed for this subject, if they are still to be shown."""
        if self.revealed is not None and self.revealed[0] == subject_id:
            return self.revealed[1]
        return None

    def hide_number(self) -> None:
        """Back to masked: on time, or because the selection moved."""
        if self.revealed is None:
            return
        self.revealed = None
        if self._reveal_timer is not None:
            self._reveal_timer.stop()
            self._reveal_timer = None
        self.show_revealed()
