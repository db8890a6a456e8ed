"""Cold start to the first interactive screen: at most 1.3 times a bare Textual
hello-world app timed in the same run.

Both programs run in a pseudo-terminal of their own, so Textual draws for real, one after the
other, RUNS times each; each time is from the spawn until the first screen's text has reached
the terminal. The counter app is the real ``frontdesk`` on a ready demo estate, told by
``FRONTDESK_EXIT_WHEN_READY=screen`` to leave once its sign-in has painted (hello_world.py
leaves the same way). Then, for information, ``=database`` times how long after the first frame
the database is open behind the sign-in: the longest an operator quick on Enter waits.

Run with: pytest tests/benchmarks/test_start.py  (FRONTDESK_START_RUNS: how many of each, 15)
"""

import os
import re
import sys
from pathlib import Path

from tests.benchmarks.figures import Figure, record, summary
from tests.pseudo_terminal import run_in_terminal, terminal_env
from tests.tui.conftest import NOW

RUNS = int(os.environ.get("FRONTDESK_START_RUNS", "15"))
TARGET = 1.3
HELLO_WORLD = [sys.executable, str(Path(__file__).with_name("hello_world.py"))]
AFTER_FIRST_FRAME = re.compile(r"ready: database, \w+ on screen, (\d+) ms after the first frame")


def frontdesk_command() -> list[str]:
    """The installed ``frontdesk`` command, as a counter starts it."""
    script = Path(sys.executable).with_name("frontdesk")
    return [str(script)] if script.exists() else [sys.executable, "-m", "frontdesk"]


def test_cold_start_to_the_sign_in_screen(demo_database, databases):
    db = databases.copy(demo_database)
    launch = [*frontdesk_command(), "--db", db]
    env = terminal_env(FRONTDESK_NOW=NOW.isoformat())
    hello, counter = [], []
    for _ in range(RUNS):
        ran = run_in_terminal(HELLO_WORLD, env=env, watch="Hello, World!")
        assert ran.code == 0 and "ready: Hello, World! on screen" in ran.output, ran.output[-500:]
        hello.append(ran.seen * 1000)
        ran = run_in_terminal(
            launch, env={**env, "FRONTDESK_EXIT_WHEN_READY": "screen"}, watch="sign in"
        )
        assert ran.code == 0 and "ready: screen, SignInScreen on screen" in ran.output, ran.output[
            -500:
        ]
        counter.append(ran.seen * 1000)

    median, p95 = summary(counter)
    reference, _ = summary(hello)
    figure = record(
        Figure(
            name="cold start to the sign-in screen",
            target=f"≤ {TARGET} × hello-world",
            median=median,
            p95=p95,
            reference="Textual hello-world",
            reference_median=reference,
            met=median / reference <= TARGET,
        )
    )
    # Loose on purpose: a busy machine moves the ratio; loading the database before the first
    # frame again (about 3 times hello-world) must not pass.
    assert figure.ratio < 2 * TARGET


def test_the_database_opens_behind_the_sign_in(demo_database, databases):
    db = databases.copy(demo_database)
    env = terminal_env(FRONTDESK_NOW=NOW.isoformat(), FRONTDESK_EXIT_WHEN_READY="database")
    waits = []
    for _ in range(RUNS):
        ran = run_in_terminal([*frontdesk_command(), "--db", db], env=env, watch="sign in")
        found = AFTER_FIRST_FRAME.search(ran.output)
        assert ran.code == 0 and found and "SignInScreen" in found[0], ran.output[-500:]
        waits.append(float(found[1]))
    median, p95 = summary(waits)
    record(
        Figure(
            name="database open, after the sign-in painted",
            target="(for information)",
            median=median,
            p95=p95,
        )
    )
