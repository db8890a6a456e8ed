"""The queue's actions apart from the screen: what a use case's success, refusal or conflict
makes the view say and do."""

from frontdesk.services.kernel.concurrency import Conflict, Seen
from frontdesk.services.kernel.errors import ServiceError
from frontdesk.tui.screens.queue.actions import MatterActions
from tests.tui.queue_rows import row


class View:
    """A queue view that notes what it is told, and runs a thread's callback at once."""

    def __init__(self) -> None:
        self.counter = None
        self.current = row(3)
        self.said: list[tuple[str, str]] = []
        self.loads = 0

    def load(self, *, from_top: bool = False) -> None:
        self.loads += 1

    def from_thread(self, callback, *args, **kwargs):
        return callback(*args, **kwargs)

    def notify(self, message: str, *, severity: str = "information", timeout=None) -> None:
        self.said.append((severity, message))


def test_the_action_carries_the_version_the_operator_saw():
    assert MatterActions.target(row(3, version=4)) == {
        "matter_id": 3,
        "seen": Seen("matter", 3, 4),
    }


def test_done_is_said_with_the_arguments_and_the_list_read_again():
    view = View()
    actions = MatterActions(view, workers=None)
    actions._run("#{matter_id}: {result}", lambda **kw: "ok", {"matter_id": 3})
    assert view.said == [("information", "#3: ok")] and view.loads == 1


def test_a_refusal_is_said_and_nothing_read_again():
    def refused(**kw):
        raise ServiceError("the reason is required")

    view = View()
    MatterActions(view, workers=None)._run("done", refused, {"matter_id": 3})
    assert view.said == [("error", "the reason is required")] and view.loads == 0


class Workers:
    """Dialog workers, noted rather than run."""

    def __init__(self) -> None:
        self.started: list = []

    def run_worker(self, work, **options) -> None:
        self.started.append(work)


def test_a_conflict_of_unknown_version_says_what_the_other_counter_did_and_shows_the_matter():
    def stale(**kw):
        raise Conflict("someone else changed this matter", ["小张 at lobby: status"])

    view, workers = View(), Workers()
    MatterActions(view, workers=workers)._run("done", stale, {"matter_id": 3})
    ((severity, message),) = view.said
    assert severity == "error" and "小张 at lobby" in message and view.loads == 1
    assert workers.started == []  # nothing to save on top of


async def test_a_conflict_gives_back_what_was_typed_and_saves_it_on_top_of_the_new_version():
    now = Seen("matter", 3, 7)

    def stale(**kw):
        raise Conflict("someone else changed this matter", ["小张 at lobby: status"], now)

    view, workers = View(), Workers()
    actions = MatterActions(view, workers=workers)
    typed = {"matter_id": 3, "seen": Seen("matter", 3, 6), "text": "已联系业主"}
    actions._run("done", stale, typed)
    assert view.loads == 1 and view.said == []
    (again,) = workers.started
    asked, acted = [], []

    async def ask(prompt):
        asked.append(prompt)
        return prompt.initial + "，明天上门"

    actions.ask = ask
    actions.act = lambda done, use_case, **kwargs: acted.append(kwargs)
    await again()
    assert "小张 at lobby: status" in asked[0].label_text
    assert acted == [{"matter_id": 3, "seen": now, "text": "已联系业主，明天上门"}]
