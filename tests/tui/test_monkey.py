"""A cat on the keyboard: thousands of random keys on each view, and the counter app is still
there, on that view, doing its work, with nothing failed and the database consistent."""

import asyncio
import random
import time

import pytest
import textual.app
from textual.widgets import DataTable

from frontdesk.store.engine import new_session
from tests.services.consistency import inconsistencies
from tests.services.refusals import row_counts
from tests.tui.conftest import SIZE
from tests.tui.driving import calls, matters_of_call, settle

KEYS_PER_VIEW = 5_000
BATCH = 50
VIEWS = {"call": "f2", "residents": "f3", "queue": "f4", "followups": "f5"}

CJK = "张王李刘陈杨黄赵周吴曾欧阳漏水电梯噪音投诉维修明天楼栋单元室转"
TYPED = [chr(c) for c in range(0x20, 0x7F)] + list(CJK) + list("０１２３４５６７８９：－")
MOVES = ["enter", "escape", "tab", "shift+tab", "up", "down", "left", "right", "home", "end"]
MOVES += ["pageup", "pagedown", "backspace", "delete", "space"]
# Every function key but the view switches (F2-F5); the app's own Ctrl keys and the input
# fields' editing keys. Not Ctrl+Q (quit), Ctrl+C (asks to quit) nor Ctrl+P (the palette,
# which can switch views).
COMMANDS = ["f1", "f6", "f7", "f8", "f9", "f10", "f11", "f12"]
COMMANDS += ["ctrl+o", "ctrl+r", "ctrl+t", "ctrl+n", "ctrl+e", "ctrl+l", "ctrl+s"]
COMMANDS += ["ctrl+a", "ctrl+k", "ctrl+u", "ctrl+w", "ctrl+d", "ctrl+f", "ctrl+b"]


def written(counter) -> dict[str, int]:
    with new_session(counter.engine) as session:
        return row_counts(session)


# The keys that make each view write, more often than chance would press them, so that
# random typing also reaches the database: kinds that need only their content, read back,
# confirm, file; note, reply, resolve, reopen; the outcomes of a follow-up call.
WORK = {
    "call": ["o", "s", "p", "enter", "f8", "f9", "f10", "f7"],
    "residents": ["z", "w", "enter", "down", "ctrl+e", "ctrl+s", "y", "n"],
    "queue": ["n", "r", "v", "o", "k", "i", "enter", "up", "down"],
    "followups": ["1", "2", "3", "4", "s", "u", "enter", "down"],
}


def random_keys(rng: random.Random, count: int, view: str) -> list[str]:
    """Mostly typing, as at the counter, with moves and commands among it; now and then a
    burst of the view's working keys, as a receptionist finishing a task presses them."""
    pools = [(TYPED, 6), (MOVES, 3), (COMMANDS, 1), (WORK[view], 2)]
    keys: list[str] = []
    while len(keys) < count:
        if rng.random() < 0.1:
            keys += rng.choices(WORK[view], k=rng.randint(2, 6))
            continue
        pool = rng.choices([p for p, _w in pools], weights=[w for _p, w in pools])[0]
        keys.append(rng.choice(pool))
    return keys[:count]


def _rows(app) -> list[int]:
    return [int(key.value) for key in app.screen.query_one(DataTable).rows]


async def _files_a_call(app, pilot, counter) -> None:
    await pilot.press("ctrl+n", "ctrl+n")  # the call the cat typed is thrown away
    await settle(app, pilot)
    app.screen.query_one("#field-kind").focus()
    await pilot.press("p")
    await settle(app, pilot)
    await pilot.press(*"monkey ok", "enter", "f9", "f10")
    await settle(app, pilot)
    (matter,) = matters_of_call(counter, calls(counter)[-1].id)
    assert matter.content == "monkey ok"


async def _finds_residents(app, pilot, counter) -> None:
    app.screen.query_one("#resident-search").value = "zw"
    await settle(app, pilot)
    assert _rows(app) == [hit.id for hit in counter.search("zw")]


async def _lists_the_queue(app, pilot, counter) -> None:
    assert _rows(app) == [row.id for row in counter.queue(app.screen.reading.filters)]


async def _lists_the_calls_owed(app, pilot, counter) -> None:
    await pilot.press("ctrl+r")
    await settle(app, pilot)
    assert sorted(_rows(app)) == sorted(c.id for c in counter.callbacks())


# After the cat, each view still does its work.
STILL_WORKS = {
    "call": _files_a_call,
    "residents": _finds_residents,
    "queue": _lists_the_queue,
    "followups": _lists_the_calls_owed,
}


async def _typing_speed(_min_sleep: float = 0, _max_sleep: float = 1) -> None:
    """Between two keys of a batch the app is given one turn of the event loop, not the 20 ms
    or more Pilot waits for it to fall idle: keys arrive as from a fast typist, and are still
    handled one by one, in order. Each batch ends with a real wait."""
    await asyncio.sleep(0)


@pytest.mark.screens_only
@pytest.mark.parametrize("view", list(VIEWS))
async def test_five_thousand_random_keys_leave_the_view_working(
    make_app, counter, view, monkeypatch
):
    monkeypatch.setattr(textual.app, "wait_for_idle", _typing_speed)
    app = make_app()
    failures: list[BaseException | None] = []
    app.report_failure = failures.append  # type: ignore[method-assign]
    before = written(counter)
    rng = random.Random(f"monkey-{view}")
    keys = random_keys(rng, KEYS_PER_VIEW, view)
    switched_away = 0
    started = time.perf_counter()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(VIEWS[view])
        await settle(app, pilot)
        for start in range(0, len(keys), BATCH):
            await pilot.press(*keys[start : start + BATCH])
            await pilot.pause()
            assert app.is_running, keys[start : start + BATCH]
            if app.current_mode != view:
                # Enter on the queue opens the resident's card; Ctrl+N in Residents starts a
                # call: both leave the view by design. Back to it, and on with the keys.
                switched_away += 1
                await app.switch_mode(view)
        # Close whatever prompt the last keys opened: a dialog worker waits for its answer.
        for _ in range(10):
            if not app.screen.is_modal:
                break
            await pilot.press("escape")
            await pilot.pause()
        await settle(app, pilot)
        assert app.is_running and app.current_mode == view
        monkeypatch.undo()  # the checks type at Pilot's own pace
        await STILL_WORKS[view](app, pilot, counter)
        assert failures == []
    elapsed = time.perf_counter() - started
    after = written(counter)
    grown = {
        table: after[table] - before[table] for table in after if after[table] != before[table]
    }
    print(f"{view}: {len(keys)} keys in {elapsed:.1f} s, left the view {switched_away} times")
    print(f"  rows written: {grown}")
    assert inconsistencies(counter.engine) == []
