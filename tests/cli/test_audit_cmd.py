"""`frontdesk audit`: the office manager reads the log from the command line, signed in like at
the counter; anyone else, or a wrong PIN, is refused."""

import json
import os
import subprocess
import sys

import pytest

from tests.cli.test_lists_and_demo import NOW, frontdesk
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def demo_db(databases) -> str:
    db = databases.new_target()
    result = frontdesk("demo", "--residents", "120", "--seed", "4", db=db)
    assert result.returncode == 0, result.stderr
    return db


def test_the_manager_reads_the_newest_entries_as_json(demo_db):
    result = frontdesk(
        "audit", "--as", "陈经理", "--pin", "1234", "--json", "--limit", "20", db=demo_db
    )
    assert result.returncode == 0, result.stderr
    entries = json.loads(result.stdout)
    assert len(entries) == 20
    assert [e["id"] for e in entries] == sorted((e["id"] for e in entries), reverse=True)
    keys = {"id", "at", "operator", "counter", "action", "table", "row", "changes", "summary"}
    assert all(keys == e.keys() for e in entries)
    assert all(e["at"].endswith("+08:00") for e in entries)


def test_the_log_is_narrowed_and_numbers_stay_masked(demo_db):
    result = frontdesk(
        "audit", "--as", "陈经理", "--pin", "1234", "--json", "--operator", "小李",
        "--table", "call", "--limit", "5", db=demo_db,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    entries = json.loads(result.stdout)
    assert entries and {(e["operator"], e["table"]) for e in entries} == {("小李", "call")}
    assert all("****" in e["changes"]["caller_phone"]["after"] for e in entries)


def test_the_text_lines_say_how_to_read_further_back(demo_db):
    result = frontdesk("audit", "--as", "陈经理", "--pin", "1234", "--limit", "3", db=demo_db)
    assert result.returncode == 0, result.stderr
    *lines, last = result.stdout.splitlines()
    assert len(lines) == 3 and last.startswith("3 entries; older ones with --before ")


def test_no_one_but_the_manager_reads_the_log(demo_db):
    result = frontdesk("audit", "--as", "王主管", "--pin", "1234", db=demo_db)
    assert result.returncode == 1
    assert "only the office manager may read the audit log" in result.stderr
    assert result.stdout == ""


def test_the_pin_is_asked_for_without_echo_and_a_wrong_one_is_refused(demo_db):
    env = {**os.environ, "FRONTDESK_NOW": NOW}
    env.pop("FRONTDESK_PIN", None)
    result = subprocess.run(
        [sys.executable, "-m", "frontdesk", "--db", demo_db, "audit", "--as", "陈经理"],
        input="9999\n",
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )
    assert result.returncode == 1
    assert "9999" not in result.stdout
    assert "Name or PIN is not right." in result.stderr
