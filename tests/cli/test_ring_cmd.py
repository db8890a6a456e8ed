"""`frontdesk ring PHONE` as a phone system runs it: one line to the counter app's socket, a
clear line and exit 1 in the PBX's log when no app listens or the number is wrong, and nothing
of the database or the screens loaded on the way."""

import json
import os
import socket
import subprocess
import sys
import threading

import pytest
from typer.testing import CliRunner

from frontdesk import config
from frontdesk.cli.main import app
from frontdesk.store.engine import database_url

NOW = "2026-12-02T15:10:00+08:00"

runner = CliRunner()


@pytest.fixture
def ring_socket(tmp_path, monkeypatch, database):
    path = tmp_path / "ring-lobby.sock"
    monkeypatch.setenv("FRONTDESK_RING_SOCKET", str(path))
    # A ring no app hears is recorded as a missed call: in this database, not the user's.
    monkeypatch.setenv("FRONTDESK_DATABASE_URL", database_url(database))
    monkeypatch.setenv("FRONTDESK_NOW", NOW)
    return path


def missed_calls() -> list[dict]:
    result = runner.invoke(app, ["callbacks", "--json"])
    assert result.exit_code == 0, result.stderr
    return [row for row in json.loads(result.stdout) if row["reason"] == "missed-call"]


def listening(path, answer: dict) -> list[dict]:
    """A stand-in for the app: answers one event with ``answer``; what it heard goes in the
    list returned."""
    heard: list[dict] = []
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(str(path))
    server.listen(1)

    def serve() -> None:
        connection, _ = server.accept()
        with connection, server:
            heard.append(json.loads(connection.makefile("rb").readline()))
            connection.sendall(json.dumps(answer).encode() + b"\n")

    threading.Thread(target=serve, daemon=True).start()
    return heard


def test_with_no_app_listening_the_pbx_log_says_so_and_the_exit_is_1(ring_socket):
    result = runner.invoke(app, ["ring", "13812345678", "--counter", "lobby"])
    assert result.exit_code == 1
    assert "no counter app is listening for counter lobby" in result.stderr
    assert str(ring_socket) in result.stderr


def test_a_ring_no_app_hears_is_a_missed_call_to_return_once(ring_socket):
    result = runner.invoke(app, ["ring", "13812345678", "--counter", "lobby", "--rings", "3"])
    assert result.exit_code == 1  # the counter did not hear it, all the same
    assert "on the follow-up list to return" in result.stderr
    runner.invoke(app, ["ring", "13812345678", "--counter", "lobby", "--hangup"])
    (owed,) = missed_calls()  # rang and hung up: one call owed
    assert owed["matter_id"] is None and owed["phone"] == "138****5678"
    assert owed["rang_at"] == "2026-12-02T15:09:50+08:00"  # three rings, 5 s each, before now
    assert owed["due"] == "2026-12-02T16:09:50+08:00" and owed["callable_now"]


def test_an_app_that_does_not_answer_leaves_the_call_owed(ring_socket, monkeypatch):
    from frontdesk.cli import ring_cmd

    monkeypatch.setattr(ring_cmd, "ANSWER_WITHIN", 0.2)
    stuck = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    stuck.bind(str(ring_socket))
    stuck.listen(1)  # takes the connection, never answers
    with stuck:
        result = runner.invoke(app, ["ring", "13812345678", "--counter", "lobby"])
    assert result.exit_code == 1 and "did not answer within 0.2 s" in result.stderr
    assert "on the follow-up list to return" in result.stderr
    assert [row["phone"] for row in missed_calls()] == ["138****5678"]


def test_a_withheld_number_no_app_hears_is_said_to_be_unreturnable(ring_socket):
    result = runner.invoke(app, ["ring", "anonymous", "--counter", "lobby"])
    assert result.exit_code == 1 and "cannot be returned" in result.stderr
    assert missed_calls() == []


def test_a_number_that_is_not_one_is_refused_before_anything_is_sent(ring_socket):
    result = runner.invoke(app, ["ring", "12ab"])
    assert result.exit_code == 1 and "not a phone number" in result.stderr


@pytest.mark.parametrize(
    ("phone", "sent", "shown"),
    [
        ("+85291234567", "+85291234567", "****4567"),  # Hong Kong
        ("00852 9123 4567", "+85291234567", "****4567"),
        ("+1 (650) 253-0000", "+16502530000", "****0000"),
    ],
)
def test_a_number_the_parser_does_not_know_still_rings_as_dialled_and_masked(
    ring_socket, phone, sent, shown
):
    """A phone ringing from outside the mainland rings the counter all the same; the counter
    sees it masked, on no card, and asks who is calling."""
    heard = listening(ring_socket, {"ok": True, "counter": "lobby"})
    result = runner.invoke(app, ["ring", phone])
    assert result.exit_code == 0, result.stderr
    assert heard[0]["phone"] == sent
    assert result.stdout == f"counter lobby: {shown} ringing\n"


@pytest.mark.parametrize("mode", [0o770, 0o733, 0o777])
def test_a_socket_folder_others_may_write_in_is_not_sent_the_number(tmp_path, monkeypatch, mode):
    """Another local user could have made /tmp/frontdesk-<uid>/ first and listen there."""
    folder = tmp_path / f"frontdesk-{os.getuid()}"
    folder.mkdir()
    path = folder / "ring-lobby.sock"
    monkeypatch.setenv("FRONTDESK_RING_SOCKET", str(path))
    heard = listening(path, {"ok": True, "counter": "lobby"})
    folder.chmod(mode)
    result = runner.invoke(app, ["ring", "13812345678"])
    assert result.exit_code == 1 and heard == []
    assert "others may write" in result.stderr and str(folder) in result.stderr
    assert result.stderr.count("\n") == 1


def test_a_socket_folder_of_another_user_is_not_sent_the_number(ring_socket, monkeypatch):
    heard = listening(ring_socket, {"ok": True, "counter": "lobby"})
    monkeypatch.setattr(os, "getuid", lambda: ring_socket.parent.stat().st_uid + 1)
    result = runner.invoke(app, ["ring", "13812345678"])
    assert result.exit_code == 1 and heard == []
    assert "not this user's own" in result.stderr


def test_the_ring_goes_in_stored_form_with_the_count_and_the_app_s_answer_is_said(ring_socket):
    heard = listening(ring_socket, {"ok": True, "counter": "lobby"})
    result = runner.invoke(app, ["ring", "+86 138-1234-5678", "--rings", "6"])
    assert result.exit_code == 0, result.stderr
    assert heard == [{"event": "ring", "phone": "13812345678", "rings": 6}]
    assert result.stdout.strip() == "counter lobby: 138****5678 ringing"


def test_a_withheld_number_and_a_hangup_are_sent_as_such(ring_socket):
    heard = listening(ring_socket, {"ok": True, "counter": "lobby"})
    result = runner.invoke(app, ["ring", "anonymous", "--hangup"])
    assert result.exit_code == 0, result.stderr
    assert heard == [{"event": "hangup", "phone": None}]


def test_what_the_app_refuses_is_said_with_exit_1(ring_socket):
    listening(ring_socket, {"ok": False, "error": "no one is signed in at this counter yet"})
    result = runner.invoke(app, ["ring", "13812345678", "--counter", "lobby"])
    assert result.exit_code == 1
    assert "lobby refused it: no one is signed in" in result.stderr
    # Refused, it is not shown: no one picks it up, and it is owed like any missed call.
    assert "on the follow-up list to return" in result.stderr
    assert [row["phone"] for row in missed_calls()] == ["138****5678"]


def test_the_default_socket_is_the_named_counter_s(tmp_path, monkeypatch):
    monkeypatch.delenv("FRONTDESK_RING_SOCKET", raising=False)
    monkeypatch.setenv("FRONTDESK_CONFIG", str(tmp_path / "none.toml"))
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    result = runner.invoke(app, ["ring", "13812345678", "--counter", "lobby"])
    assert f"frontdesk-{os.getuid()}/ring-lobby.sock" in result.stderr


def test_the_command_loads_nothing_of_the_database_or_the_screens(ring_socket):
    listening(ring_socket, {"ok": True, "counter": "lobby"})  # heard: nothing to record
    probe = (
        "import sys\n"
        "from frontdesk.cli.main import run\n"
        "sys.argv = ['frontdesk', 'ring', '13812345678']\n"
        "try:\n    run()\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('textual', 'sqlalchemy', 'sqlmodel', 'alembic') "
        "if m in sys.modules))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout
    assert out.splitlines()[-1] == "[]"


def test_config_show_gives_the_named_counter_s_socket(tmp_path, monkeypatch):
    monkeypatch.delenv("FRONTDESK_RING_SOCKET", raising=False)
    monkeypatch.setenv("FRONTDESK_CONFIG", str(tmp_path / "none.toml"))
    monkeypatch.setattr(config, "RUNTIME_ROOT", tmp_path)
    (tmp_path / str(os.getuid())).mkdir()
    result = runner.invoke(app, ["--counter", "night desk", "config", "show", "--json"])
    setting = json.loads(result.stdout)["settings"]["ring_socket"]
    folder = tmp_path / str(os.getuid()) / f"frontdesk-{os.getuid()}"
    assert setting["value"] == str(folder / "ring-night_desk.sock")
    assert setting["source"] == "default"
