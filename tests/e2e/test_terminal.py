"""The real app in a real terminal: tmux runs `frontdesk`, send-keys types a complaint call as a
receptionist with a Pinyin input method in Chinese mode does (digits, function keys, Enter and
the words the input method commits, never a letter), capture-pane reads the screen, and the
database must hold the complaint with the time as the caller said it."""

import os
import shutil
import subprocess
import sys
import time
import uuid

import pytest

from frontdesk.services.counter import Counter
from frontdesk.services.kernel.context import Desk
from frontdesk.store.database import open_database
from frontdesk.store.engine import new_session
from frontdesk.store.tables.register import Matter
from tests.conftest import ROOT, FrozenClock, at
from tests.tui.driving import unique_phone

NOW = "2026-12-02T15:10:00+08:00"

if shutil.which("tmux") is None:
    if os.environ.get("CI"):
        raise RuntimeError("CI must install tmux for the terminal test (.ci/run does)")
    pytest.skip("tmux is not installed here", allow_module_level=True)


class Terminal:
    def __init__(self, command: list[str], env: dict[str, str]):
        self.name = f"fd-{uuid.uuid4().hex[:8]}"
        subprocess.run(
            [
                "tmux",
                "new-session",
                "-d",
                "-s",
                self.name,
                "-x",
                "160",
                "-y",
                "45",
                " ".join(command),
            ],
            check=True,
            env=env,
        )

    def keys(self, *keys: str, literal: bool = False) -> None:
        subprocess.run(
            ["tmux", "send-keys", "-t", self.name, *(["-l"] if literal else []), *keys], check=True
        )

    def type(self, text: str) -> None:
        self.keys(text, literal=True)

    def enter(self) -> None:
        """Enter, then the pause a person takes before typing into the next field."""
        self.keys("Enter")
        time.sleep(0.7)

    def screen(self) -> str:
        return subprocess.run(
            ["tmux", "capture-pane", "-p", "-t", self.name],
            capture_output=True,
            text=True,
            check=True,
        ).stdout

    def wait_for(self, text: str, timeout: float = 20) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            shown = self.screen()
            if text in shown:
                return shown
            time.sleep(0.2)
        raise AssertionError(f"{text!r} never appeared; the screen shows:\n{self.screen()}")

    def close(self) -> None:
        subprocess.run(["tmux", "kill-session", "-t", self.name], check=False)


def signed_in(estate, **variables: str) -> Terminal:
    """The real app on ``estate`` at the frozen time, with ``variables`` in its environment,
    signed in as 小李 and on the Call view."""
    env = {**os.environ, "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "TERM": "xterm-256color"}
    settings = [f"{name}={value}" for name, value in variables.items()]
    command = [f"FRONTDESK_NOW={NOW}", *settings, sys.executable, "-m", "frontdesk"]
    terminal = Terminal(["env", *command, "--db", str(estate)], env)
    try:
        terminal.wait_for("sign in")
        time.sleep(1.5)  # the app settles after its first paint
        terminal.type("小李")
        terminal.enter()
        terminal.type("1234")
        terminal.enter()
        terminal.wait_for("repeat-back")
    except BaseException:
        terminal.close()
        raise
    return terminal


@pytest.fixture
def estate(databases):
    db = databases.new_target()
    env = {**os.environ, "FRONTDESK_NOW": NOW}
    subprocess.run(
        [sys.executable, "-m", "frontdesk", "--db", str(db), "demo", "--residents", "200"],
        check=True,
        env=env,
        cwd=ROOT,
        capture_output=True,
    )
    return db


def test_a_complaint_call_typed_through_an_input_method_reaches_the_queue(estate, policy, tmp_path):
    counter = Counter(
        open_database(str(estate)), Desk(policy, FrozenClock(at(2026, 12, 2, 15, 10)))
    )
    resident_id, digits = unique_phone(counter)
    # A ring socket of its own: another test's app may be listening on the default one.
    terminal = signed_in(estate, FRONTDESK_RING_SOCKET=str(tmp_path / "ring.sock"))
    try:
        terminal.type(digits)
        time.sleep(1)
        terminal.enter()
        terminal.wait_for("How to talk")
        terminal.type("投诉")  # as the input method commits it: both characters at once
        terminal.wait_for("what happened")
        for said in ("昨天下午3点", "3栋电梯", "安护部", "电梯停了两天没人处理"):
            terminal.type(said)
            terminal.enter()
        for choice in ("重要", "焦急", "求解决"):  # the last one a beginning of 求解决问题
            terminal.type(choice)
            time.sleep(0.8)
        terminal.wait_for("请问对吗")
        terminal.keys("F9")
        terminal.wait_for("前给您答复")
        terminal.keys("F10")
        terminal.wait_for("Filed")
        terminal.keys("F4")
        shown = terminal.wait_for("电梯停了两天没人处理")
        assert "important" in shown
        terminal.keys("C-q")
    finally:
        terminal.close()
    card = counter.card(resident_id)
    filed = [m for m in card.open_matters if m.summary == "电梯停了两天没人处理"]
    assert [(m.kind, m.complaint_class) for m in filed] == [("complaint", "important")]
    with new_session(counter.engine) as session:
        matter = session.get(Matter, filed[0].id)
        assert matter is not None
        assert (matter.emotion, matter.need) == ("anxious", "solution")
        # 昨天下午3点, said on 2 December: 1 December at 15:00 in the estate's time.
        assert matter.happened_at is not None
        assert matter.happened_at.astimezone(policy.timezone) == at(2026, 12, 1, 15, 0)
