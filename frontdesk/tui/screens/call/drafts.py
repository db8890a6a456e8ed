"""The call being typed survives a crash: every change in the Call view is saved as a draft at
most ``SAVE_WITHIN`` seconds later, and the next sign-in offers to resume it with every field,
the caller and the matters already recorded with F7."""

import threading
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from functools import partial
from typing import TYPE_CHECKING

from textual.timer import Timer

from frontdesk.i18n import _
from frontdesk.services.intake.drafts import SavedCall
from frontdesk.store.drafts import DraftUnreadable
from frontdesk.tui.dialogs.resume_prompt import ResumeCallPrompt

if TYPE_CHECKING:
    from frontdesk.tui.screens.call.view import CallView

# What the writer has still to do: nothing, or drop the draft (None), or save a SavedCall.
_NOTHING = object()


class DraftKeeper:
    """The Call view's autosave, and the question after a crash whether to resume.

    A change starts a timer rather than restarting it, so continuous typing is still saved
    every ``SAVE_WITHIN`` seconds (a throttle, not a debounce). The snapshot is taken between
    two of the screen's handlers, never in the middle of one; the file is written in a thread,
    the latest snapshot wins, and writes never overtake one another.
    """

    #: Longest time between a change and its save. A crash may cost at most 300 ms of typing;
    #: the rest is for a busy moment of the screen (a card shown, a form laid out) delaying the
    #: snapshot.
    SAVE_WITHIN = 0.1

    def __init__(
        self,
        view: "CallView",
        snapshot: Callable[[], SavedCall],
        restore: Callable[[SavedCall], Awaitable[None]],
    ) -> None:
        self.view = view
        self.snapshot = snapshot
        self.restore = restore
        #: Off until the resume question is answered: a clean form must not erase the draft.
        self.autosave = False
        self.save_timer: Timer | None = None
        self.transitions = 0
        self.unsaved: object = _NOTHING
        self.unsaved_lock = threading.Lock()  # held for an assignment only, never for a write
        self.write_lock = threading.Lock()
        self.save_failed = False

    @property
    def operator_id(self) -> int:
        operator = self.view.counter.operator
        assert operator is not None and operator.id is not None  # the view opens signed in
        return operator.id

    @contextmanager
    def held(self) -> Iterator[None]:
        """No draft is saved while the view is half changed (a form half built, a call half
        cleared); it is saved as soon as the change is done."""
        self.transitions += 1
        try:
            yield
        finally:
            self.transitions -= 1
            self.changed()

    # Saving
    def changed(self) -> None:
        """Something in the view changed: it is saved within ``SAVE_WITHIN``."""
        if self.autosave and not self.view.call.filing and self.save_timer is None:
            # The timer runs beside the screen's handlers: it queues the save behind them.
            self.save_timer = self.view.set_timer(
                self.SAVE_WITHIN, partial(self.view.call_later, self._timed_save)
            )

    def _timed_save(self) -> None:
        self.save_timer = None
        self.save_now()

    def save_now(self) -> None:
        if self.autosave and not self.view.call.filing and not self.transitions:
            self.write_later(self.snapshot())

    def forget(self) -> None:
        """The call was thrown away: its draft goes."""
        self.write_later(None)

    def drop_now(self) -> None:
        """The call is filed: its draft goes before anything else is written (in the filing
        thread, so a crash straight after filing finds no draft of a filed call)."""
        with self.unsaved_lock:
            self.unsaved = _NOTHING
        try:
            with self.write_lock:
                self.view.counter.drafts.drop(self.operator_id)
        except OSError as error:  # the call is filed all the same
            message = _("The filed call's draft could not be removed: {error}").format(error=error)
            self.view.from_thread(self.view.notify, message, severity="warning", timeout=8)

    def write_later(self, saved: SavedCall | None) -> None:
        with self.unsaved_lock:
            self.unsaved = saved
        self.view.run_worker(self._write, thread=True, group="draft", exit_on_error=False)

    def _write(self) -> None:
        with self.write_lock:
            with self.unsaved_lock:
                saved, self.unsaved = self.unsaved, _NOTHING
            if saved is _NOTHING:
                return  # a later worker took it: only the newest snapshot is written
            try:
                if saved is None:
                    self.view.counter.drafts.drop(self.operator_id)
                else:
                    assert isinstance(saved, SavedCall)
                    self.view.counter.drafts.keep(self.operator_id, saved)
            except OSError as error:
                if not self.save_failed:  # said once, not at every save that follows
                    self.view.from_thread(
                        self.view.notify,
                        _("The call could not be saved as a draft: {error}").format(error=error),
                        severity="error",
                        timeout=8,
                    )
                self.save_failed = True
                return
            self.save_failed = False

    def hold(self, saved: SavedCall) -> None:
        """The call being typed, kept aside as it stands (never deleted) for a ringing one."""
        self.view.run_worker(
            partial(self._hold, saved), thread=True, group="draft", exit_on_error=False
        )

    def _hold(self, saved: SavedCall) -> None:
        drafts = self.view.counter.drafts
        with self.write_lock:
            drafts.keep(self.operator_id, saved)
            kept = drafts.set_aside(self.operator_id, reason="held")
        if kept is not None:
            said = _("The call you were typing is set aside: Ctrl+B takes it back.")
        elif drafts.store is None and not saved.is_empty():
            said = _("Calls are not kept as drafts here: the call you were typing is gone.")
        else:
            return
        self.view.from_thread(self.view.notify, said, severity="warning", timeout=15)
        self.view.from_thread(self.view.show_aside)

    def take_back(self, name: str, current: SavedCall | None) -> None:
        """The call set aside as ``name`` back on screen; ``current``, the call there now (if
        one was begun), set aside in its place."""
        # No save meanwhile: a snapshot of the call going would land on the one coming back.
        self.autosave = False
        self.view.run_worker(
            partial(self._take_back, name, current),
            thread=True,
            group="draft",
            exit_on_error=False,
        )

    def _take_back(self, name: str, current: SavedCall | None) -> None:
        drafts = self.view.counter.drafts
        try:
            with self.write_lock:
                with self.unsaved_lock:
                    self.unsaved = _NOTHING  # the call going is kept whole below
                if current is not None and not current.is_empty():
                    drafts.keep(self.operator_id, current)
                    drafts.set_aside(self.operator_id, reason="held")
                saved = drafts.take_back(self.operator_id, name)
        except (OSError, ValueError) as error:
            self.view.from_thread(
                self.view.notify,
                _("The call set aside could not be taken back: {error}").format(error=error),
                severity="error",
                timeout=15,
            )
            self.view.from_thread(self.start_autosave)
            self.view.from_thread(self.view.show_aside)
            return
        self.view.from_thread(self._taken_back, saved)

    async def _taken_back(self, saved: SavedCall) -> None:
        await self.restore(saved)
        summary = saved.summary(self.view.counter.desk.policy.timezone)
        self.view.notify(_("Call taken back: {summary}").format(summary=summary), timeout=8)
        self.view.after_app(self.start_autosave)
        self.view.show_aside()

    def throw_away(self, name: str) -> None:
        self.view.run_worker(
            partial(self._throw_away, name), thread=True, group="draft", exit_on_error=False
        )

    def _throw_away(self, name: str) -> None:
        try:
            with self.write_lock:
                self.view.counter.drafts.throw_away(self.operator_id, name)
        except (OSError, ValueError) as error:
            self.view.from_thread(
                self.view.notify,
                _("The call set aside could not be thrown away: {error}").format(error=error),
                severity="error",
            )
        else:
            self.view.from_thread(self.view.notify, _("The call set aside is thrown away."))
        self.view.from_thread(self.view.show_aside)

    # Resuming
    def offer_resume(self) -> None:
        """Offer the operator's draft, if there is one; then start saving."""
        self.view.run_worker(
            self._find, thread=True, group="draft-resume", exclusive=True, exit_on_error=False
        )

    def _find(self) -> None:
        from_thread, notify = self.view.from_thread, self.view.notify
        try:
            saved = self.view.counter.drafts.find(self.operator_id)
        except DraftUnreadable as error:
            from_thread(
                notify,
                _("A saved call could not be read ({reason}); the file is kept at {path}").format(
                    reason=error.reason, path=error.kept_at
                ),
                severity="error",
                timeout=15,
            )
            saved = None
        except OSError as error:
            # Saving now could replace a draft that is there but could not be read.
            from_thread(
                notify,
                _("Calls are not kept as drafts this session: {error}").format(error=error),
                severity="error",
                timeout=15,
            )
            return
        from_thread(self.ask_resume, saved)

    def ask_resume(self, saved: SavedCall | None) -> None:
        if saved is None:
            self.start_autosave()
            return
        summary = saved.summary(self.view.counter.desk.policy.timezone)

        async def answered(resume: bool | None) -> None:
            if resume:
                await self.restore(saved)
                self.view.notify(_("Call resumed: {summary}").format(summary=summary), timeout=6)
            else:
                self.set_aside()
            # Focus moves after this (queued by the restore): the first save waits for it.
            self.view.after_app(self.start_autosave)

        self.view.ask(ResumeCallPrompt(summary), answered)

    def start_autosave(self) -> None:
        self.autosave = True
        self.changed()

    def set_aside(self) -> None:
        self.view.run_worker(self._set_aside, thread=True, group="draft", exit_on_error=False)

    def _set_aside(self) -> None:
        with self.write_lock:
            kept = self.view.counter.drafts.set_aside(self.operator_id)
        if kept is not None:
            self.view.from_thread(
                self.view.notify, _("The saved call is set aside: Ctrl+B takes it back."), timeout=8
            )
        self.view.from_thread(self.view.show_aside)
