"""`frontdesk demo`, `queue`, `callbacks` and `db upgrade`, run as the installed command on
real databases (SQLite files, or PostgreSQL with --database postgresql)."""

import json
import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from frontdesk.store.migrate import head_revision
from tests.conftest import ROOT

NOW = "2026-12-02T15:10:00+08:00"


def frontdesk(*args: str, db: Path | str, now: str = NOW) -> subprocess.CompletedProcess:
    env = {**os.environ, "FRONTDESK_NOW": now}
    env.pop("FRONTDESK_DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "-m", "frontdesk", "--db", str(db), *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )


@pytest.fixture(scope="module")
def demo_db(databases) -> str:
    db = databases.new_target()
    result = frontdesk("demo", "--residents", "300", "--seed", "3", db=db)
    assert result.returncode == 0, result.stderr
    assert "300 residents" in result.stdout
    return db


def test_queue_json_lists_open_matters_overdue_first_then_by_due(demo_db):
    result = frontdesk("queue", "--json", db=demo_db)
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    keys = {
        "id",
        "kind",
        "class",
        "status",
        "resident",
        "unit",
        "summary",
        "next_milestone",
        "due",
        "overdue",
    }
    assert rows and all(keys <= row.keys() for row in rows)
    dues = [datetime.fromisoformat(r["due"]) for r in rows if r["due"]]
    assert dues == sorted(dues)
    flags = [r["overdue"] for r in rows]
    assert flags == sorted(flags, reverse=True)
    assert any(flags) and not all(flags)
    assert all(r["due"].endswith("+08:00") for r in rows if r["due"])


def test_demo_has_complaints_of_every_class_and_some_due_within_the_hour(demo_db):
    rows = json.loads(frontdesk("queue", "--json", db=demo_db).stdout)
    classes = {r["class"] for r in rows if r["kind"] == "complaint"}
    assert classes == {"major", "important", "minor", "invalid"}
    assert any(r["due_within_hour"] for r in rows)
    assert {r["next_milestone"] for r in rows} >= {"escalate", "reply", "resolve", "visit"}


def test_callbacks_json_lists_follow_ups_owed_by_due_time(demo_db):
    result = frontdesk("callbacks", "--json", db=demo_db)
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    keys = {
        "id",
        "reason",
        "resident",
        "unit",
        "due",
        "window_start",
        "window_end",
        "attempts",
        "overdue",
    }
    assert rows and all(keys <= row.keys() for row in rows)
    dues = [datetime.fromisoformat(r["due"]) for r in rows]
    assert dues == sorted(dues)
    assert any(r["overdue"] for r in rows) and any(not r["overdue"] for r in rows)
    assert any(r["attempts"] > 0 for r in rows)
    assert {r["reason"] for r in rows} >= {"complaint-result", "promised", "repair-other"}
    assert all("****" in r["phone"] for r in rows)


def test_the_same_seed_builds_the_same_estate(demo_db, databases):
    again = databases.new_target()
    assert frontdesk("demo", "--residents", "300", "--seed", "3", db=again).returncode == 0
    assert (
        frontdesk("queue", "--json", db=again).stdout
        == frontdesk("queue", "--json", db=demo_db).stdout
    )


def test_demo_refuses_to_build_over_an_estate(demo_db):
    result = frontdesk("demo", "--residents", "10", db=demo_db)
    assert result.returncode == 1 and "--force" in result.stderr


def test_db_upgrade_brings_a_new_database_to_the_newest_revision(databases):
    result = frontdesk("db", "upgrade", db=databases.new_target())
    assert result.returncode == 0, result.stderr
    assert f"empty → {head_revision()}" in result.stdout


def test_an_unreachable_database_is_one_clear_line(tmp_path):
    result = frontdesk("queue", db=Path("/proc/nope/x.db"))
    assert result.returncode == 1
    assert "frontdesk:" in result.stderr and "Traceback" not in result.stderr


def test_queue_refuses_an_unknown_class_or_department(demo_db):
    assert frontdesk("queue", "--class", "huge", db=demo_db).returncode == 2
    result = frontdesk("queue", "--department", "财务部", db=demo_db)
    assert result.returncode == 1 and "维修部" in result.stderr
