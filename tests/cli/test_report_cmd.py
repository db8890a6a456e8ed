"""`frontdesk report`, run as the installed command on the register of known figures."""

import json

import pytest
from openpyxl import load_workbook

from tests.cli.test_lists_and_demo import frontdesk
from tests.services.report_data import build_register


@pytest.fixture
def register_db(database, session, desk, staff, clock) -> str:
    build_register(session, desk, staff, clock)
    session.close()
    return database


def test_the_report_prints_each_table_with_the_month_before(register_db):
    result = frontdesk("report", "--month", "2026-11", db=register_db)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith("Monthly report 2026-11, against 2026-10")
    for title in ("Summary", "By class", "By department", "Milestones", "Repeat complainers"):
        assert f"== {title} ==" in out
    line = next(x for x in out.splitlines() if x.startswith("follow-up rate"))
    assert line.split()[-4:] == ["66.7%", "100.0%", "-33.3", "pts"]


def test_without_a_month_it_reports_the_last_complete_one(register_db):
    result = frontdesk("report", "--json", db=register_db)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["month"] == "2026-11"
    summary = data["tables"][0]
    complaints = next(r for r in summary["rows"] if r["measure"] == "complaints received")
    assert (complaints["this_month"], complaints["previous_month"]) == (3, 1)
    rate = next(r for r in summary["rows"] if r["measure"].startswith("follow-up rate"))
    assert rate["type"] == "rate" and rate["this_month"] == pytest.approx(2 / 3)


def test_the_workbook_is_written_beside_the_text(register_db, tmp_path):
    path = tmp_path / "november.xlsx"
    result = frontdesk("report", "--month", "2026-11", "--xlsx", str(path), db=register_db)
    assert result.returncode == 0, result.stderr
    assert f"Written to {path}" in result.stdout
    assert load_workbook(path).sheetnames[0] == "Summary"


@pytest.mark.parametrize("month", ["2026-13", "November", "26-11"])
def test_a_month_that_is_not_one_is_said_in_one_line(register_db, month):
    result = frontdesk("report", "--month", month, db=register_db)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        f'frontdesk: "{month}" is not a month: write it as YYYY-MM, e.g. 2026-11'
    ]


@pytest.mark.parametrize("month", ["0001-01", "9999-12", "1899-12"])
def test_a_month_out_of_range_is_said_in_one_line(register_db, month):
    result = frontdesk("report", "--month", month, db=register_db)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        f'frontdesk: "{month}" is out of range: give a month from 1900-01 to 9998-12'
    ]


def test_an_existing_workbook_is_replaced_only_with_force(register_db, tmp_path):
    path = tmp_path / "november.xlsx"
    path.write_bytes(b"kept")
    refused = frontdesk("report", "--month", "2026-11", "--xlsx", str(path), db=register_db)
    assert refused.returncode == 1
    assert refused.stderr.strip() == f"frontdesk: {path} exists: give --force to replace it"
    assert path.read_bytes() == b"kept"
    args = ("report", "--month", "2026-11", "--xlsx", str(path), "--force")
    assert frontdesk(*args, db=register_db).returncode == 0
    assert load_workbook(path).sheetnames[0] == "Summary"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_a_workbook_that_is_not_xlsx_is_refused(register_db, tmp_path):
    result = frontdesk("report", "--xlsx", str(tmp_path / "r.csv"), db=register_db)
    assert result.returncode == 1 and "must end in .xlsx" in result.stderr


@pytest.fixture(scope="module")
def demo_db(databases) -> str:
    db = databases.new_target()
    result = frontdesk("demo", "--residents", "200", db=db)
    assert result.returncode == 0, result.stderr
    return db


def test_the_demo_estate_has_a_month_to_report_and_a_month_in_progress(demo_db):
    """The quick start's `frontdesk report` shows something: the demo's sixty days fill the
    last complete month, and the month in progress reports what it has so far."""
    last = json.loads(frontdesk("report", "--json", db=demo_db).stdout)
    summary = {r["measure"]: r for r in last["tables"][0]["rows"]}
    assert last["month"] == "2026-11"
    assert summary["complaints received"]["this_month"] > 0
    assert summary["complaints received"]["previous_month"] > 0
    assert summary["on-time rate, all milestones"]["this_month"] is not None
    current = frontdesk("report", "--month", "2026-12", db=demo_db)
    assert current.returncode == 0, current.stderr
    assert "Monthly report 2026-12, against 2026-11" in current.stdout
