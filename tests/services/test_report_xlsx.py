"""The report's workbook, read back with openpyxl: a sheet a table, the header bold and frozen,
counts, shares, hours and dates stored as what they are, columns wide enough to read."""

from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from frontdesk.domain.clock.months import Month
from frontdesk.services.report.records import report_for
from frontdesk.services.report.tables import report_tables
from frontdesk.services.report.xlsx import write_workbook
from tests.services.report_data import build_register


@pytest.fixture
def workbook(session, desk, staff, clock, tmp_path):
    build_register(session, desk, staff, clock)
    report = report_for(session=session, desk=desk, month=Month(2026, 11))
    path = tmp_path / "report.xlsx"
    write_workbook(report_tables(report), path, title="Monthly report 2026-11")
    return load_workbook(path)


def rows_of(sheet) -> dict[str, tuple]:
    """Each row by its first cell, up to the first empty row (the note is below it)."""
    out = {}
    for row in sheet.iter_rows(min_row=2, values_only=True):
        if row[0] is None:
            break
        out[row[0]] = row[1:]
    return out


def test_one_sheet_a_table_in_order(workbook):
    assert workbook.sheetnames == [
        "Summary",
        "By kind",
        "By class",
        "By department",
        "By party complained about",
        "Milestones",
        "Repeat complainers",
    ]


def test_every_header_is_bold_and_frozen(workbook):
    for sheet in workbook.worksheets:
        assert sheet.freeze_panes == "A2"
        assert all(cell.font.bold for cell in sheet[1] if cell.value is not None)
        for letter in "ABC":
            assert sheet.column_dimensions[letter].width >= 10


def test_rates_are_numbers_shown_as_percentages(workbook):
    sheet = workbook["Milestones"]
    assert [c.value for c in sheet[1]][:7] == [
        "milestone",
        "fell due",
        "on time",
        "late",
        "missed",
        "not yet due",
        "on-time rate",
    ]
    resolve = next(row for row in sheet.iter_rows(min_row=2) if row[0].value == "resolve")
    assert resolve[1].value == 3 and isinstance(resolve[1].value, int)
    assert resolve[6].value == pytest.approx(2 / 3)
    assert resolve[6].number_format == "0.0%"
    assert resolve[8].value == pytest.approx(2 / 3 - 1)  # October's resolutions were all on time


def test_the_summary_holds_counts_hours_and_shares_as_numbers(workbook):
    sheet = workbook["Summary"]
    assert [c.value for c in sheet[1]] == ["measure", "2026-11", "2026-10", "change"]
    rows = rows_of(sheet)
    assert rows["complaints received"] == (3, 1, 2)
    assert rows["follow-up rate (target 100%)"][0] == pytest.approx(2 / 3)
    assert rows["median hours to resolve"] == (84, 24, 60)
    assert rows["median hours to reply"] == (72, "—", "—")  # none in October: a dash, not 0
    hours = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == "median hours to resolve")
    assert hours[1].number_format == '0.0" h"'
    rate = next(r for r in sheet.iter_rows(min_row=2) if r[0].value.startswith("follow-up rate"))
    assert rate[1].number_format == "0.0%"


def test_repeat_complainers_with_their_dates_as_dates(workbook):
    (row,) = workbook["Repeat complainers"].iter_rows(min_row=2, max_row=2, values_only=True)
    name, unit, complaints, again, still_open, first, last = row
    assert (name, unit, complaints, again, still_open) == ("张伟", "3-2-1201", 2, 1, 0)
    # Read back as datetimes at midnight: a date cell, in the estate's own calendar.
    assert (first.date(), last.date()) == (date(2026, 11, 3), date(2026, 11, 5))
    cell = workbook["Repeat complainers"]["F2"]
    assert cell.is_date and cell.number_format == "yyyy-mm-dd"


def test_the_note_says_what_the_register_keeps_instead_of_a_cause(workbook):
    sheet = workbook["By party complained about"]
    notes = [c.value for c in sheet["A"] if c.value and "投诉原因" in str(c.value)]
    assert len(notes) == 1


def test_text_that_begins_like_a_formula_is_stored_as_text(tmp_path):
    from frontdesk.services.report.tables import Column, Table, Type

    table = Table(
        "by_party",
        "By party",
        (Column("party", "party", Type.TEXT), Column("count", "count", Type.COUNT)),
        [('=HYPERLINK("http://x","y")', 2), ("=1+1", 1)],
    )
    path = tmp_path / "report.xlsx"
    write_workbook([table], path)
    sheet = load_workbook(path)["By party"]
    assert [(c.value, c.data_type) for c in sheet["A"][1:]] == [
        ('=HYPERLINK("http://x","y")', "s"),
        ("=1+1", "s"),
    ]


def test_a_workbook_that_fails_half_written_leaves_the_file_that_was_there(tmp_path, monkeypatch):
    from openpyxl import Workbook

    from frontdesk.services.report.tables import Column, Table, Type

    def half(book, filename):
        Path(filename).write_bytes(b"PK\x03\x04 half")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Workbook, "save", half)
    path = tmp_path / "report.xlsx"
    path.write_bytes(b"last month's")
    table = Table("t", "T", (Column("n", "n", Type.COUNT),), [(1,)])
    with pytest.raises(OSError, match="No space"):
        write_workbook([table], path)
    assert path.read_bytes() == b"last month's"
    assert [p.name for p in tmp_path.iterdir()] == ["report.xlsx"]
