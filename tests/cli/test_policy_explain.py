"""`frontdesk policy explain` gives the handbook's answer for every worked example of DOMAIN.md
§3 and §4 (default policy: counter open 08:30-18:00 every day; evening window to 21:00)."""

import json

import pytest
from typer.testing import CliRunner

from frontdesk.cli.commands import app

runner = CliRunner()


def explain(*args: str) -> dict[str, str]:
    result = runner.invoke(app, ["policy", "explain", *args, "--json"])
    assert result.exit_code == 0, result.output
    deadlines = json.loads(result.stdout)["deadlines"]
    for deadline in deadlines:
        assert deadline["rule"] and deadline["explanation"]
    return {d["milestone"]: d["due"] for d in deadlines}


def test_important_complaint_wed_2_dec_1440():
    assert explain("complaint", "--class", "important", "--received", "2026-12-02T14:40") == {
        "escalate": "2026-12-02T15:40:00+08:00",
        "resolve": "2026-12-05T14:40:00+08:00",
        "upgrade": "2027-01-02T14:40:00+08:00",
    }


def test_major_complaint_wed_2_dec_1910_after_hours():
    assert explain("complaint", "--class", "major", "--received", "2026-12-02T19:10") == {
        "escalate": "2026-12-03T18:00:00+08:00",
        "reply": "2026-12-04T19:10:00+08:00",
        "resolve": "2026-12-12T19:10:00+08:00",
    }


def test_minor_complaint_with_the_residents_requested_time():
    due = explain(
        "complaint",
        "--class",
        "minor",
        "--received",
        "2026-12-02T09:00",
        "--requested",
        "2026-12-02T17:00",
    )
    assert due["resolve"] == "2026-12-02T17:00:00+08:00"


def test_water_leak_follow_up_three_days_after_the_leak_test():
    assert explain("callback", "--reason", "repair-leak", "--from", "2026-12-03T16:00") == {
        "callback": "2026-12-06T16:00:00+08:00"
    }


def test_other_repair_done_at_1930_is_followed_up_by_sat_1800():
    assert explain("callback", "--reason", "repair-other", "--from", "2026-12-03T19:30") == {
        "callback": "2026-12-05T18:00:00+08:00"
    }


def test_complaint_resolved_at_2015_result_call_next_morning():
    assert explain("callback", "--reason", "complaint-result", "--from", "2026-12-03T20:15") == {
        "callback": "2026-12-04T08:30:00+08:00"
    }


def test_complaint_resolved_at_2015_with_evening_consent_by_2100():
    assert explain(
        "callback", "--reason", "complaint-result", "--from", "2026-12-03T20:15", "--evening-ok"
    ) == {"callback": "2026-12-03T21:00:00+08:00"}


@pytest.mark.parametrize(
    ("reason", "start", "due"),
    [
        ("repair-safety", "2026-12-03T10:00", "2026-12-05T10:00:00+08:00"),
        ("repair-other", "2026-12-03T10:00", "2026-12-05T10:00:00+08:00"),
        ("complaint-result", "2026-12-03T11:00", "2026-12-03T18:00:00+08:00"),
    ],
)
def test_follow_up_rules_of_section_4(reason, start, due):
    assert explain("callback", "--reason", reason, "--from", start) == {"callback": due}


def test_promised_reply_is_due_by_the_promised_time_within_the_window():
    assert explain(
        "callback",
        "--reason",
        "promised",
        "--from",
        "2026-12-03T10:00",
        "--promised",
        "2026-12-03T16:00",
    ) == {"callback": "2026-12-03T16:00:00+08:00"}
    assert explain(
        "callback",
        "--reason",
        "promised",
        "--from",
        "2026-12-03T10:00",
        "--promised",
        "2026-12-03T20:00",
        "--urgent",
    ) == {"callback": "2026-12-03T20:00:00+08:00"}


def test_times_with_an_offset_are_honoured():
    due = explain("complaint", "--class", "major", "--received", "2026-12-02T11:10:00+00:00")
    assert due["escalate"] == "2026-12-03T18:00:00+08:00"


def test_text_output_shows_the_explanation():
    result = runner.invoke(
        app,
        ["policy", "explain", "complaint", "--class", "major", "--received", "2026-12-02T19:10"],
    )
    assert result.exit_code == 0
    assert "received after working hours ended at 18:00" in result.stdout


def test_a_bad_time_is_a_clear_error_not_a_traceback():
    result = runner.invoke(
        app, ["policy", "explain", "complaint", "--class", "major", "--received", "yesterday"]
    )
    assert result.exit_code == 1
    assert "not an ISO-8601 time" in result.output
    assert "Traceback" not in result.output


def test_a_promised_callback_without_the_promise_is_refused():
    result = runner.invoke(
        app, ["policy", "explain", "callback", "--reason", "promised", "--from", "2026-12-03T10:00"]
    )
    assert result.exit_code == 2 and "--promised" in result.output


def test_a_broken_policy_file_names_key_and_line(tmp_path):
    broken = tmp_path / "policy.toml"
    from tests.conftest import ROOT

    text = (ROOT / "data" / "policy.toml").read_text(encoding="utf-8")
    broken.write_text(
        text.replace("apologise_from = 5", 'apologise_from = "five"'), encoding="utf-8"
    )
    result = runner.invoke(
        app,
        [
            "--policy",
            str(broken),
            "policy",
            "explain",
            "complaint",
            "--class",
            "major",
            "--received",
            "2026-12-02T19:10",
        ],
    )
    assert result.exit_code == 1
    assert "rings.apologise_from" in result.output and "line" in result.output


def test_a_requested_time_before_reception_is_refused():
    result = runner.invoke(
        app,
        [
            "policy",
            "explain",
            "complaint",
            "--class",
            "minor",
            "--received",
            "2026-12-02T09:00",
            "--requested",
            "2026-12-01T17:00",
        ],
    )
    assert result.exit_code == 1 and "after --received" in result.output


def test_a_requested_time_for_a_class_that_sets_its_own_is_said_to_be_ignored():
    result = runner.invoke(
        app,
        [
            "policy",
            "explain",
            "complaint",
            "--class",
            "important",
            "--received",
            "2026-12-02T09:00",
            "--requested",
            "2026-12-02T17:00",
            "--json",
        ],
    )
    assert result.exit_code == 0 and "ignored" in result.stderr


def test_an_empty_db_option_is_refused_rather_than_falling_back():
    result = runner.invoke(app, ["--db", "", "queue"])
    assert result.exit_code == 1 and "--db is empty" in result.output
