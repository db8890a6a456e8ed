"""Saying when background work fails. ``Worker.StateChanged`` does not bubble, so a failing
thread worker in a screen or widget would be silent (the table just stays empty): every class
that runs workers takes this mixin, and the app says the failure in one place."""

from textual.worker import Worker, WorkerState


class ReportsWorkerFailures:
    """For screens and widgets that run workers."""

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state is WorkerState.ERROR:
            self.app.report_failure(event.worker.error)
