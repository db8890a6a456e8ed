"""Memory with the large estate open: the real app in a real terminal (tmux), signed in,
through the queue, a search for a common name in Residents, the follow-ups and the Call view;
then its peak resident memory (VmHWM) as the kernel counts it. Target: 200 MB. The reference
is the same walk on the demo estate (300 residents): their ratio is what the size still costs.
"""

import os
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from tests.benchmarks.figures import Figure, record, summary
from tests.benchmarks.large_estate import NOW, PIN, RECEPTIONIST
from tests.conftest import ROOT

pytestmark = pytest.mark.sqlite_only  # the large estate is a SQLite file
if shutil.which("tmux") is None:
    pytest.skip("tmux is not installed here", allow_module_level=True)

ROUNDS = 3
TARGET_MB = 200
COMMON_NAME = "王伟"


class App:
    """``frontdesk`` running in a detached tmux session of the counter's size."""

    def __init__(self, database: str):
        self.name = f"fd-mem-{uuid.uuid4().hex[:8]}"
        env = {**os.environ, "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "TERM": "xterm-256color"}
        command = ["env", f"FRONTDESK_NOW={NOW.isoformat()}", sys.executable, "-m", "frontdesk"]
        command += ["--db", database]
        subprocess.run(
            ["tmux", "new-session", "-d", "-s", self.name, "-x", "160", "-y", "45"]
            + [" ".join(command)],
            check=True,
            env=env,
            cwd=ROOT,
        )
        pid = subprocess.run(
            ["tmux", "display-message", "-p", "-t", self.name, "#{pane_pid}"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        # ``env`` replaces itself with Python: the pane's process is the app.
        self.status = Path(f"/proc/{pid}/status")

    def keys(self, *keys: str, literal: bool = False) -> None:
        flags = ["-l"] if literal else []
        subprocess.run(["tmux", "send-keys", "-t", self.name, *flags, *keys], check=True)

    def wait_for(self, text: str, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            shown = subprocess.run(
                ["tmux", "capture-pane", "-p", "-t", self.name],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            if text in shown:
                return
            time.sleep(0.2)
        raise AssertionError(f"{text!r} never appeared; the screen shows:\n{shown}")

    def megabytes(self, field: str) -> float:
        for line in self.status.read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024  # kB
        raise AssertionError(f"no {field} in {self.status}")

    def close(self) -> None:
        subprocess.run(["tmux", "kill-session", "-t", self.name], check=False)


def walk(database: str) -> float:
    """Peak resident memory (MB) of the app after a receptionist's walk through every view."""
    app = App(database)
    try:
        app.wait_for("sign in")
        time.sleep(1)
        for typed in (RECEPTIONIST, PIN):
            app.keys(typed, literal=True)
            time.sleep(0.5)
            app.keys("Enter")
        app.wait_for("repeat-back")
        app.keys("F4")
        app.wait_for("OVERDUE")
        app.keys("F3")
        time.sleep(1)
        app.keys(COMMON_NAME, literal=True)
        app.wait_for("match")
        app.keys("F5")
        app.wait_for("calls owed")
        app.keys("F2")
        app.wait_for("repeat-back")
        time.sleep(2)  # the views' timers and workers settle
        return app.megabytes("VmHWM")
    finally:
        app.close()


def test_memory_with_the_large_estate_open(large_estate_file, demo_database, databases, tmp_path):
    large = []
    for round_ in range(ROUNDS):
        copy = tmp_path / f"large-{round_}.db"
        shutil.copyfile(large_estate_file, copy)
        large.append(walk(str(copy)))
    small = [walk(databases.copy(demo_database)) for _ in range(ROUNDS)]
    median, peak = summary(large)
    figure = record(
        Figure(
            "memory, large estate open (peak RSS)",
            f"≤ {TARGET_MB} MB",
            median,
            peak,
            unit="MB",
            reference="demo estate",
            reference_median=summary(small)[0],
            met=peak <= TARGET_MB,
        )
    )
    print(f"\n{figure.name}: {large} MB; demo estate {small} MB")
    assert figure.met
