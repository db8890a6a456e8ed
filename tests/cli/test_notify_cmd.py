"""`frontdesk notify`, run as the installed command on the demo estate (SQLite, or PostgreSQL
with --database postgresql), posting to real receivers on loopback."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.test_lists_and_demo import NOW, frontdesk
from tests.conftest import ROOT
from tests.receivers import Receiver

LATER = "2026-12-02T19:10:00+08:00"  # four hours on: more deadlines have passed


@pytest.fixture
def receiver():
    found = Receiver()
    yield found
    found.down()


@pytest.fixture
def estate(databases) -> str:
    db = databases.new_target()
    done = frontdesk("demo", "--residents", "200", "--seed", "3", db=db)
    assert done.returncode == 0, done.stderr
    return db


def settings(tmp_path: Path, *routes: str) -> Path:
    path = tmp_path / "frontdesk.toml"
    path.write_text("\n".join(routes), encoding="utf-8")
    return path


def wecom(url: str, **extra: str) -> str:
    lines = ["[[notify]]", 'name = "维修部群"', 'channel = "wecom"', f'url = "{url}"']
    lines += ['events = ["overdue"]', 'mention = ["13800000000"]']
    lines += [f"{key} = {value}" for key, value in extra.items()]
    return "\n".join(lines) + "\n"


def webhook(url: str, name: str = "总台") -> str:
    return f'[[notify]]\nname = "{name}"\nchannel = "webhook"\nurl = "{url}"\n'


def notify(config: Path, *args: str, db: str, now: str = NOW) -> subprocess.CompletedProcess:
    # The sender's own lines in English; the messages in the language spoken at the estate.
    env = {**os.environ, "FRONTDESK_NOW": now, "FRONTDESK_CONFIG": str(config)}
    env["FRONTDESK_CALLER_LANG"] = "zh-Hans"
    env.pop("FRONTDESK_DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "-m", "frontdesk", "--db", db, "--lang", "en", "notify", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )


def overdue_matters(db: str, now: str = NOW) -> set[int]:
    shown = frontdesk("queue", "--json", "--overdue", db=db, now=now)
    assert shown.returncode == 0, shown.stderr
    return {row["id"] for row in json.loads(shown.stdout)}


def told(receiver: Receiver) -> list[str]:
    """The notices the robot was told, one by one: a message holds several, a blank line
    between them."""
    return [notice for text in receiver.texts() for notice in text.split("\n\n")]


def matters(notices: list[str]) -> set[int]:
    return {int(m) for n in notices for m in re.findall(r"^【已超期】 #(\d+) ", n)}


def test_each_overdue_matter_is_posted_once_in_the_robot_s_format(estate, receiver, tmp_path):
    config = settings(tmp_path, wecom(receiver.url))
    first = notify(config, "--once", db=estate)
    assert first.returncode == 0, first.stderr
    assert matters(told(receiver)) == overdue_matters(estate)
    assert len(told(receiver)) == len(set(told(receiver)))  # each deadline once
    for notice in told(receiver):  # the matter, what happened, the deadline missed
        heading, _what, due = notice.split("\n")
        assert re.match(r"【已超期】 #\d+ \S+", heading) and re.search(r"期限 .*,已超期 ", due)
    assert not re.search(r"1[3-9]\d{9}", " ".join(receiver.texts()))  # no full number
    post = receiver.posts[0]
    assert post["msgtype"] == "text"
    assert post["text"]["mentioned_mobile_list"] == ["13800000000"]
    assert all(len(text.encode()) <= 2048 for text in receiver.texts())
    # Several notices in one message: the robot takes 20 a minute.
    assert len(receiver.posts) < len(told(receiver)) or len(told(receiver)) == 1
    again = notify(config, "--once", db=estate)
    assert again.returncode == 0, again.stderr
    assert again.stdout.startswith("0 new, 0 sent")
    assert len(receiver.posts) == len(first_posts := receiver.posts) and first_posts


def test_a_receiver_that_is_down_loses_nothing_and_is_told_once_it_is_back(
    estate, receiver, tmp_path
):
    config = settings(tmp_path, wecom(receiver.url))
    receiver.down()
    failed = notify(config, "--once", db=estate)
    assert failed.returncode == 1
    assert "not sent to 维修部群: the receiver cannot be reached" in failed.stderr
    status = notify(config, "status", "--json", db=estate)
    (route,) = json.loads(status.stdout)
    assert route["pending"] == route["failing"] > 0 and route["sent"] == 0
    assert "cannot be reached" in route["last_error"]
    receiver.up()
    soon = notify(config, "--once", db=estate)  # the retry waits 30 s: nothing yet
    assert soon.returncode == 0 and receiver.posts == []
    back = notify(config, "--once", db=estate, now="2026-12-02T15:11:00+08:00")
    assert back.returncode == 0, back.stderr
    assert len(told(receiver)) == len(set(told(receiver)))
    assert matters(told(receiver)) == overdue_matters(estate)
    (route,) = json.loads(notify(config, "status", "--json", db=estate).stdout)
    assert (route["pending"], route["sent"]) == (0, len(told(receiver)))


def test_a_robot_that_refuses_the_message_keeps_it_pending_with_its_error(
    estate, receiver, tmp_path
):
    config = settings(tmp_path, wecom(receiver.url))
    receiver.answer = {"errcode": 93000, "errmsg": "invalid webhook url"}
    refused = notify(config, "--once", db=estate)
    assert refused.returncode == 1
    assert "the robot refused it: 93000 invalid webhook url" in refused.stderr
    (route,) = json.loads(notify(config, "status", "--json", db=estate).stdout)
    assert route["sent"] == 0 and route["failing"] == route["pending"] > 0


def test_deadlines_passed_later_are_told_in_a_later_round_and_only_they(estate, receiver, tmp_path):
    config = settings(tmp_path, webhook(receiver.url))
    assert notify(config, "--once", db=estate).returncode == 0
    before = receiver.keys()
    later = notify(config, "--once", db=estate, now=LATER)
    assert later.returncode == 0, later.stderr
    after = receiver.keys()[len(before) :]
    assert after and not set(after) & set(before)
    assert len(receiver.keys()) == len(set(receiver.keys()))


def test_two_senders_at_once_never_send_a_notice_twice(estate, receiver, tmp_path):
    config = settings(tmp_path, webhook(receiver.url))
    env = {**os.environ, "FRONTDESK_NOW": NOW, "FRONTDESK_CONFIG": str(config)}
    env.pop("FRONTDESK_DATABASE_URL", None)
    command = [sys.executable, "-m", "frontdesk", "--db", estate, "notify", "--once"]
    senders = [
        subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for _ in range(2)
    ]
    for sender in senders:
        _out, err = sender.communicate(timeout=120)
        assert sender.returncode == 0, err
    keys = receiver.keys()
    assert keys and len(keys) == len(set(keys))
    assert {int(k.split(":")[-1]) for k in keys}  # one notice per deadline


def test_a_dry_run_lists_what_would_be_sent_and_sends_nothing(estate, receiver, tmp_path):
    config = settings(tmp_path, wecom(receiver.url))
    listed = notify(config, "--dry-run", "--json", db=estate)
    assert listed.returncode == 0, listed.stderr
    would = json.loads(listed.stdout)["would send"]
    assert {row["matter"] for row in would} == overdue_matters(estate)
    assert receiver.posts == []
    sent = notify(config, "--once", "--json", db=estate)
    assert {row["key"] for row in json.loads(sent.stdout)["sent"]} == {r["key"] for r in would}


@pytest.mark.parametrize(
    ("route", "said"),
    [
        (
            '[[notify]]\nname = "x"\nchannel = "fax"\nurl = "http://127.0.0.1/"\n',
            "channel is one of",
        ),
        ('[[notify]]\nname = "x"\nchannel = "wecom"\nurl = "ftp://h/"\n', "http:// or https://"),
        (
            '[[notify]]\nname = "x"\nchannel = "wecom"\nurl = "http://h/"\nevents = ["routed!"]\n',
            "events are some of overdue, due-soon",
        ),
        ('[[notify]]\nchannel = "wecom"\nurl = "http://h/"\n', "route 1: needs a name"),
        (
            '[[notify]]\nname = "x"\nchannel = "wecom"\nurl_env = "FRONTDESK_NO_SUCH_URL"\n',
            "the variable FRONTDESK_NO_SUCH_URL holds no URL",
        ),
        ("", "no [[notify]] route"),
    ],
)
def test_a_route_that_cannot_be_used_is_said_in_one_line(estate, tmp_path, route, said):
    done = notify(settings(tmp_path, route), "--once", db=estate)
    assert done.returncode != 0
    assert said in done.stderr and "Traceback" not in done.stderr
