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


def test_a_workbook_that_is_not_xlsx_is_refused(register_db, tmp_path):
    result = frontdesk("report", "--xlsx", str(tmp_path / "r.csv"), db=register_db)
    assert result.returncode == 1 and "must end in .xlsx" in result.stderr
