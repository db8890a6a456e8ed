"""The command line's time options read times as callers say them, on the counter's clock
(FRONTDESK_NOW, frozen here on Thursday 3 December 2026 at 10:20); ISO-8601 still works."""

import json

import pytest
from typer.testing import CliRunner

from frontdesk.cli.commands import app

runner = CliRunner()


@pytest.fixture(autouse=True)
def frozen(monkeypatch):
    monkeypatch.setenv("FRONTDESK_NOW", "2026-12-03T10:20")
    monkeypatch.delenv("FRONTDESK_DATABASE_URL", raising=False)


def due(*args: str) -> dict[str, str]:
    result = runner.invoke(app, ["policy", "explain", *args, "--json"])
    assert result.exit_code == 0, result.output
    return {d["milestone"]: d["due"] for d in json.loads(result.stdout)["deadlines"]}


def test_received_looks_back_as_the_worked_example_said_it():
    # DOMAIN.md §3: an important complaint received Wed 2 Dec 14:40 is escalated by 15:40.
    for said in ("周三下午2点40", "昨天下午两点四十", "昨天 14:40", "2026-12-02T14:40"):
        assert due("complaint", "--class", "important", "--received", said)["escalate"] == (
            "2026-12-02T15:40:00+08:00"
        )


def test_requested_and_promised_look_ahead():
    asked = due(
        "complaint", "--class", "minor", "--received", "2小时前", "--requested", "周五下午6点"
    )
    assert asked["resolve"] == "2026-12-04T18:00:00+08:00"
    promised = due(
        "callback", "--reason", "promised", "--from", "今天上午9点", "--promised", "明天上午10点"
    )
    assert promised == {"callback": "2026-12-04T10:00:00+08:00"}


def test_a_day_without_its_time_is_refused_in_one_line_with_an_example():
    result = runner.invoke(
        app, ["policy", "explain", "complaint", "--class", "major", "--received", "昨天"]
    )
    assert result.exit_code == 1
    assert '--received: "昨天" is not a time: add the time of day, e.g. 昨天下午3点' in (
        result.output
    )
    assert len(result.output.strip().splitlines()) == 1


def test_the_frozen_clock_itself_is_set_in_iso_8601_only(monkeypatch):
    monkeypatch.setenv("FRONTDESK_NOW", "昨天下午3点")
    result = runner.invoke(
        app, ["policy", "explain", "complaint", "--class", "major", "--received", "9:00"]
    )
    assert result.exit_code == 1
    assert 'FRONTDESK_NOW: "昨天下午3点" is not an ISO-8601 time' in result.output


@pytest.mark.parametrize(
    ("since", "until"), [("上周一", "昨天"), ("12月1日", "今天"), ("3天前", "2026-12-02")]
)
def test_an_export_takes_days_as_said(database, tmp_path, since, until):
    out = tmp_path / "matters.csv"
    args = ["--db", database, "export", "matters", "--out", str(out)]
    result = runner.invoke(app, [*args, "--from", since, "--to", until])
    assert result.exit_code == 0, result.output
    assert out.exists()


def test_export_days_look_back_so_the_order_is_checked_as_said(database, tmp_path):
    out = tmp_path / "matters.csv"
    args = ["--db", database, "export", "matters", "--out", str(out)]
    result = runner.invoke(app, [*args, "--from", "昨天", "--to", "上周五"])
    assert result.exit_code == 1
    assert "--to 上周五 is before --from 昨天" in result.output
    result = runner.invoke(app, [*args, "--from", "昨天下午3点"])
    assert "'昨天下午3点' is not a day such as 2026-12-02, 昨天 or 上周五" in result.output
