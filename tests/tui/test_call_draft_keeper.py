"""The Call view's autosave on its own: a view that is only what the keeper uses, a real
draft store on disk, and time moved by hand (the timers fire when the test says)."""

from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace

import pytest

from frontdesk.services.intake.call import CallDraft
from frontdesk.services.intake.drafts import CallDrafts, SavedCall
from frontdesk.store.drafts import DraftStore
from frontdesk.tui.screens.call.drafts import DraftKeeper
from frontdesk.tui.screens.call.state import CallState

NOW = datetime(2026, 12, 3, 9, 30, tzinfo=UTC)


class Timer:
    def __init__(self, callback) -> None:
        self.callback = callback


class View:
    """What the keeper needs of the Call view, and nothing of Textual."""

    def __init__(self, drafts: CallDrafts) -> None:
        self.call = CallState()
        self.counter = SimpleNamespace(
            drafts=drafts,
            operator=SimpleNamespace(id=4),
            desk=SimpleNamespace(policy=SimpleNamespace(timezone=UTC)),
        )
        self.timers: list[Timer] = []
        self.said: list[tuple[str, str]] = []
        self.typed = "张"  # the caller's name as it is on screen
        self.asides_shown = 0

    # Workers, timers and the app's thread run when called: the order is the test's.
    def run_worker(self, work, **_options):
        work()

    def set_timer(self, delay, callback):
        timer = Timer(callback)
        self.timers.append(timer)
        return timer

    def call_later(self, callback, *args):
        callback(*args)
        return True

    def from_thread(self, callback, *args, **kwargs):
        return callback(*args, **kwargs)

    def after_app(self, callback):
        callback()

    def notify(self, message, *, severity="information", timeout=None):
        self.said.append((severity, message))

    def show_aside(self) -> None:
        self.asides_shown += 1

    def fire(self) -> None:
        timers, self.timers = self.timers, []
        for timer in timers:
            timer.callback()

    def snapshot(self) -> SavedCall:
        return SavedCall(call=CallDraft(caller_name=self.typed), saved_at=NOW)


async def no_restore(saved: SavedCall) -> None:
    raise AssertionError("nothing is resumed here")


@pytest.fixture
def place(tmp_path: Path) -> Path:
    return tmp_path / "drafts"


@pytest.fixture
def view(place: Path) -> View:
    return View(CallDrafts(DraftStore(place)))


@pytest.fixture
def keeper(view: View) -> DraftKeeper:
    keeper = DraftKeeper(view, view.snapshot, no_restore)
    keeper.start_autosave()
    view.fire()
    return keeper


def saved_name(view: View) -> str | None:
    found = view.counter.drafts.find(4)
    return None if found is None else found.call.caller_name


def test_nothing_is_saved_before_the_resume_question_is_answered(view: View):
    keeper = DraftKeeper(view, view.snapshot, no_restore)
    keeper.changed()
    assert view.timers == [] and saved_name(view) is None


def test_typing_on_is_saved_within_the_time_given_and_the_newest_snapshot_wins(keeper, view):
    keeper.changed()
    view.typed = "张伟"
    keeper.changed()
    assert len(view.timers) == 1  # a throttle: the second change does not put the save off
    view.fire()
    assert saved_name(view) == "张伟"


def test_a_change_half_done_is_saved_once_it_is_done(keeper, view):
    with keeper.held():
        view.typed = "张伟"
        keeper.changed()
        view.fire()
        keeper.save_now()
        assert saved_name(view) == "张"  # as it was before the change began
    view.fire()
    assert saved_name(view) == "张伟"


def test_while_filing_nothing_is_saved_and_the_filed_call_leaves_no_draft(keeper, view):
    keeper.changed()
    view.fire()
    view.call.filing = True
    keeper.changed()
    assert view.timers == []
    keeper.drop_now()
    assert saved_name(view) is None


def test_a_call_thrown_away_takes_its_draft(keeper, view):
    keeper.save_now()
    keeper.forget()
    assert saved_name(view) is None


def test_a_draft_that_cannot_be_written_is_said_once_and_again_after_it_was_mended(
    keeper, view, tmp_path
):
    working = view.counter.drafts
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("")  # the drafts' folder cannot be made inside a file, even by root
    view.counter.drafts = CallDrafts(DraftStore(blocked / "drafts"))
    keeper.save_now()
    keeper.save_now()
    errors = [m for s, m in view.said if s == "error"]
    assert len(errors) == 1 and "could not be saved as a draft" in errors[0]
    view.counter.drafts = working
    keeper.save_now()
    assert saved_name(view) == "张" and not keeper.save_failed
    blocked.unlink()
    view.counter.drafts = CallDrafts(DraftStore(blocked / "drafts"))
    blocked.write_text("")
    keeper.save_now()
    assert len([m for s, m in view.said if s == "error"]) == 2  # failing again is said again


def test_a_call_held_for_a_ringing_one_is_set_aside_and_the_view_names_it(keeper, view):
    keeper.hold(view.snapshot())
    assert saved_name(view) is None  # the place is free for the call that rang
    (said,) = [m for s, m in view.said if s == "warning"]
    assert "set aside: Ctrl+B takes it back" in said and view.asides_shown == 1
    (aside,) = view.counter.drafts.set_aside_calls(4)
    assert aside.held and aside.saved.call.caller_name == "张"


def test_a_call_set_aside_thrown_away_is_gone_and_the_view_says_so(keeper, view):
    keeper.hold(view.snapshot())
    (aside,) = view.counter.drafts.set_aside_calls(4)
    keeper.throw_away(aside.name)
    assert view.counter.drafts.set_aside_calls(4) == []
    assert ("information", "The call set aside is thrown away.") in view.said
