"""Saying when background work fails. ``Worker.StateChanged`` does not bubble, so a failing
thread worker in a screen or widget would be silent (the table just stays empty): every class
that runs workers takes this mixin, and the app says the failure in one place."""

from textual.worker import Worker, WorkerState

from frontdesk.tui.mixed_into import WidgetPart
from frontdesk.tui.open_counter import app_of


class ReportsWorkerFailures(WidgetPart):
    """For screens and widgets that run workers."""

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state is WorkerState.ERROR:
            app_of(self).report_failure(event.worker.error)
