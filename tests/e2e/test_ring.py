"""The phone system and the real app (README, The phone system): `frontdesk` runs in tmux at
counter "lobby" with its ring socket in a temporary folder; `frontdesk ring` is run as a PBX
runs it; the screen must show the caller's card with the rings going up, a hang-up must take it
away, and F2 on a call that rang six times must start the Call view with the caller and the
apology."""

import json
import os
import subprocess
import sys
import time

from frontdesk.services.counter import Counter
from frontdesk.services.kernel.context import Desk
from frontdesk.store.database import open_database
from tests.conftest import ROOT, FrozenClock, at
from tests.e2e.test_terminal import NOW, estate, signed_in  # noqa: F401 - the fixture
from tests.tui.driving import phones_held_by


def frontdesk(database, *args: str, **variables: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "FRONTDESK_NOW": NOW, **variables}
    return subprocess.run(
        [sys.executable, "-m", "frontdesk", "--db", str(database), *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=30,
    )


def ring(socket, database, *args: str) -> subprocess.CompletedProcess:
    """`frontdesk ring …` as the PBX's dialplan runs it, on the counter's database (where a
    ring no app hears is recorded as a missed call)."""
    return frontdesk(
        database, "ring", *args, "--counter", "lobby", FRONTDESK_RING_SOCKET=str(socket)
    )


def missed_calls(database) -> list[dict]:
    listed = frontdesk(database, "callbacks", "--json")
    assert listed.returncode == 0, listed.stderr
    return [row for row in json.loads(listed.stdout) if row["reason"] == "missed-call"]


def test_a_ringing_call_shows_its_caller_and_is_picked_up_with_the_apology(
    estate,  # noqa: F811 - the fixture
    policy,
    tmp_path,
):
    counter = Counter(
        open_database(str(estate)), Desk(policy, FrozenClock(at(2026, 12, 2, 15, 10)))
    )
    phone, (resident_id,) = phones_held_by(counter, 1)
    card = counter.card(resident_id)
    unit = card.units[0].split(" ")[0]
    counter.engine.dispose()
    socket = tmp_path / "ring" / "ring-lobby.sock"

    before = ring(socket, estate, phone)
    assert before.returncode == 1 and "no counter app is listening" in before.stderr
    assert "on the follow-up list to return" in before.stderr  # every call is returned
    (owed,) = missed_calls(estate)
    assert owed["phone"] == f"{phone[:3]}****{phone[-4:]}"

    terminal = signed_in(estate, FRONTDESK_RING_SOCKET=str(socket), FRONTDESK_COUNTER="lobby")
    try:
        assert (socket.stat().st_mode & 0o777, socket.parent.stat().st_mode & 0o777) == (
            0o600,
            0o700,
        )

        # It rings; nobody picks up; the caller gives up.
        rang = ring(socket, estate, phone)
        assert rang.returncode == 0, rang.stderr
        assert rang.stdout.strip() == f"counter lobby: {phone[:3]}****{phone[-4:]} ringing"
        shown = terminal.wait_for(card.name)
        assert unit in shown and "Ringing: " in shown and "F2 picks up" in shown
        terminal.wait_for("ring 2", timeout=15)  # counted by the app: one ring every 5 s
        assert ring(socket, estate, phone, "--hangup").returncode == 0
        shown = terminal.wait_for("Missed call")
        assert "F2 picks up" not in shown
        assert [row["id"] for row in missed_calls(estate)] == [owed["id"]]  # owed once

        # It rings again, six times by the PBX's count, and is picked up.
        assert ring(socket, estate, phone, "--rings", "6").returncode == 0
        shown = terminal.wait_for("ring 6")
        assert card.name in shown and "greet with an apology" in shown
        terminal.keys("F2")
        terminal.wait_for("让您久等了")
        shown = terminal.wait_for(f"{card.address},您好")  # greeted first, then by name
        assert "让您久等了" in shown and "F2 picks up" not in shown
        assert card.name in shown and unit in shown  # the caller identified, card shown
        terminal.wait_for("returned by this one")
        assert missed_calls(estate) == []  # they got through: nothing left to return
        terminal.keys("C-q")
        deadline = time.monotonic() + 10
        while socket.exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not socket.exists()  # taken away as the app ends
    finally:
        terminal.close()
    after = ring(socket, estate, phone)
    assert after.returncode == 1 and "no counter app is listening" in after.stderr
    assert len(missed_calls(estate)) == 1
