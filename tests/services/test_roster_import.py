"""Importing residents from an estate's roster on a real database: all rows or none, every bad
row with its line, a re-import updating rather than duplicating, the search index and the
audit log kept as for a card saved at the counter."""

import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlmodel import func, select

from frontdesk.services.residents.search import ResidentDraft, create_resident, search_residents
from frontdesk.services.sheets.roster_files import RosterUnreadable, read_roster
from frontdesk.services.sheets.roster_import import import_roster
from frontdesk.store.listeners.journal import AuditEntry
from frontdesk.store.listeners.search_index import stale
from frontdesk.store.tables.people import Resident, ResidentPhone, ResidentUnit

ROSTER = """\
楼栋,单元,房号,业主姓名,联系电话,身份,性别,备注
3,2,1201,张伟,13912345678,业主,男,
3栋,2单元,1202室,李娜,13812345678/021-62345678转801,租户,女,养狗
5,1,301,王芳,13912340000,,,
"""


def write(tmp_path: Path, text: str, encoding: str = "utf-8", name: str = "roster.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def run(session, desk, path: Path, **options):
    return import_roster(session=session, desk=desk, table=read_roster(path), **options)


def count(session, model) -> int:
    return session.exec(select(func.count()).select_from(model)).one()


def test_a_gbk_roster_adds_its_residents_and_the_counter_finds_them(session, desk, tmp_path):
    report = run(session, desk, write(tmp_path, ROSTER, "gbk"))
    assert report.read_as == "GB18030" and report.written
    assert [(r.line, r.name, r.unit) for r in report.added] == [
        (2, "张伟", "3-2-1201"),
        (3, "李娜", "3-2-1202"),
        (4, "王芳", "5-1-301"),
    ]
    assert [hit.name for hit in search_residents(session=session, text="ln")] == ["李娜"]
    assert [hit.name for hit in search_residents(session=session, text="3栋2单元1202")] == ["李娜"]
    assert [hit.name for hit in search_residents(session=session, text="0801")] == []
    assert [hit.name for hit in search_residents(session=session, text="4000")] == ["王芳"]
    assert stale(session.connection()) == []
    lina = session.exec(select(Resident).where(Resident.name == "李娜")).one()
    assert (lina.title, lina.notes) == ("女士", "养狗")
    link = session.exec(select(ResidentUnit).where(ResidentUnit.resident_id == lina.id)).one()
    assert link.role == "tenant"


@pytest.mark.parametrize(("encoding", "name"), [("utf-8-sig", "BOM"), ("utf-16", "UTF-16")])
def test_excel_unicode_csv_and_text_are_read(session, desk, tmp_path, encoding, name):
    text = ROSTER.replace(",", "\t") if name == "UTF-16" else ROSTER
    report = run(session, desk, write(tmp_path, text, encoding))
    assert len(report.added) == 3 and not report.failed


def test_an_xlsx_roster_is_read_from_the_sheet_named_with_numbers_as_typed(session, desk, tmp_path):
    book = Workbook()
    book.active.title = "说明"
    book.active.append(["请勿修改表头"])
    sheet = book.create_sheet("名册")
    sheet.append(["阳光花园业主名册"])
    sheet.append([])
    sheet.append(["房号", "姓名", "手机"])
    sheet.append(["3-2-1201", "张伟", 13912345678])
    sheet.append(["12-0301", "欧阳娜娜", 13800001111.0])
    path = tmp_path / "roster.xlsx"
    book.save(path)

    report = import_roster(session=session, desk=desk, table=read_roster(path, sheet="名册"))
    assert report.read_as == "sheet 名册" and report.header_line == 3
    assert [(r.line, r.unit) for r in report.added] == [(4, "3-2-1201"), (5, "12-0301")]
    numbers = set(session.exec(select(ResidentPhone.national)))
    assert numbers == {"13912345678", "13800001111"}
    with pytest.raises(RosterUnreadable, match="no sheet '住户'; its sheets are 说明, 名册"):
        read_roster(path, sheet="住户")


def test_a_dry_run_says_what_would_change_and_writes_nothing(session, desk, tmp_path):
    report = run(session, desk, write(tmp_path, ROSTER), dry_run=True)
    assert len(report.added) == 3 and not report.written
    session.rollback()
    assert count(session, Resident) == 0 and count(session, AuditEntry) == 0


def test_one_bad_row_writes_nothing_and_every_bad_row_is_listed_with_its_line(
    session, desk, tmp_path
):
    roster = (
        "房号,姓名,电话,备注\n"
        '3-2-1201,张伟,13912345678,"两行\n的备注"\n'  # lines 2 and 3
        "\n"  # line 4, blank
        "3-2-1202,李娜,139123,\n"  # line 5: not a number
        "三栋,王芳,,\n"  # line 6: not a unit
        "3-2-1203,,13912340000,\n"  # line 7: no name
        "3-2-1201,张 伟,13700001111,\n"  # line 8: line 2's resident again
    )
    report = run(session, desk, write(tmp_path, roster))
    assert report.failed and not report.written
    assert [(e.line, len(e.reasons)) for e in report.errors] == [(5, 1), (6, 1), (7, 1), (8, 1)]
    assert "'139123' is not a phone number" in report.errors[0].reasons[0]
    assert "'三栋' is not a unit" in report.errors[1].reasons[0]
    assert report.errors[2].reasons == ["a name is needed"]
    assert report.errors[3].reasons == ["张伟 in 3-2-1201 is on line 2 already"]
    session.rollback()
    assert count(session, Resident) == 0 and count(session, AuditEntry) == 0


def test_importing_again_updates_changed_fields_only_and_never_duplicates(
    session, desk, tmp_path, clock
):
    run(session, desk, write(tmp_path, ROSTER))
    again = run(session, desk, write(tmp_path, ROSTER))
    assert (again.added, again.updated, again.unchanged) == ([], [], 3)
    logged = count(session, AuditEntry)

    clock.advance(days=1)
    changed = ROSTER.replace("5,1,301,王芳,13912340000,,,", "5,1,301,王芳,13700001111,家属,女,")
    report = run(session, desk, write(tmp_path, changed))
    assert (len(report.added), report.unchanged) == (0, 2)
    [row] = report.updated
    assert [(c.field, c.before, c.after) for c in row.changes] == [
        ("phones", "139****0000", "139****0000, 137****1111"),
        ("role", "owner", "family"),
        ("title", "", "女士"),
    ]
    assert count(session, Resident) == 3
    wang = session.get(Resident, row.resident_id)
    numbers = session.exec(
        select(ResidentPhone.national).where(ResidentPhone.resident_id == wang.id)
    )
    assert set(numbers) == {"13912340000", "13700001111"}  # the roster never takes a number away
    assert [hit.name for hit in search_residents(session=session, text="1111")] == ["王芳"]
    entries = session.exec(select(AuditEntry).where(AuditEntry.id > logged)).all()
    assert {(e.action, e.table_name) for e in entries} == {
        ("insert", "resident_phone"),
        ("update", "resident_unit"),
        ("update", "resident"),
    }
    resident_update = next(e for e in entries if e.table_name == "resident")
    assert '"title": "女士"' in resident_update.after and "notes" not in resident_update.after


def test_the_import_is_in_the_audit_log_as_the_systems_at_the_import_counter(
    session, desk, tmp_path
):
    run(session, replace(desk, counter="roster import: roster.csv"), write(tmp_path, ROSTER))
    entries = session.exec(select(AuditEntry)).all()
    assert entries and {(e.operator_id, e.counter) for e in entries} == {
        (None, "roster import: roster.csv")
    }
    assert sum(e.table_name == "resident" and e.action == "insert" for e in entries) == 3


def test_a_resident_the_roster_cannot_tell_from_another_on_file_fails_its_row(
    session, desk, tmp_path
):
    for _twice in range(2):
        draft = ResidentDraft(name="张伟", units=[("3-2-1201", "owner")])
        create_resident(session=session, desk=desk, draft=draft)
    report = run(session, desk, write(tmp_path, ROSTER))
    assert [e.line for e in report.errors] == [2]
    assert "2 residents on file are called 张伟 in 3-2-1201 (#1, #2)" in report.errors[0].reasons[0]


def test_a_roster_without_a_name_column_is_refused_before_any_row(session, desk, tmp_path):
    report = run(session, desk, write(tmp_path, "户号,手机\n3-2-1201,13912345678\n"))
    assert report.failed and report.problems and not report.errors


@pytest.mark.parametrize(
    ("content", "said"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), "old Excel workbook"),
        (b"PK\x03\x04 not really a zip", "not an XLSX workbook"),
        (bytes(range(256)) * 4, "neither a spreadsheet nor text"),
    ],
)
def test_a_file_that_is_no_roster_is_said_in_one_line(tmp_path, content, said):
    path = tmp_path / "roster.bin"
    path.write_bytes(content)
    with pytest.raises(RosterUnreadable, match=said):
        read_roster(path)


@pytest.mark.parametrize(
    ("member", "damage"),
    [
        # Parsed as the rows are read (read-only mode), after the workbook opened.
        ("xl/worksheets/sheet1.xml", b"<worksheet><sheetData><row r='1'><c"),
        # Parsed as the workbook opens: an XML ParseError, a SyntaxError.
        ("xl/workbook.xml", b"<workbook"),
    ],
)
def test_a_damaged_workbook_is_said_in_one_line(tmp_path, member, damage):
    book = Workbook()
    book.active.append(["房号", "姓名"])
    book.active.append(["3-2-1201", "张伟"])
    whole = tmp_path / "whole.xlsx"
    book.save(whole)
    path = tmp_path / "roster.xlsx"
    with zipfile.ZipFile(whole) as src, zipfile.ZipFile(path, "w") as out:
        for info in src.infolist():
            out.writestr(info, damage if info.filename == member else src.read(info.filename))
    with pytest.raises(RosterUnreadable, match="not an XLSX workbook") as raised:
        read_roster(path)
    assert "\n" not in str(raised.value)


def test_a_missing_file_is_said_in_one_line(tmp_path):
    with pytest.raises(RosterUnreadable, match="cannot read .*: No such file"):
        read_roster(tmp_path / "nowhere.csv")


def test_a_templates_numbered_empty_rows_are_not_rows(session, desk, tmp_path):
    roster = "序号,房号,姓名,电话\n1,3-2-1201,张伟,13912345678\n2,,,\n3,,,\n"
    report = run(session, desk, write(tmp_path, roster))
    assert not report.failed and len(report.added) == 1


def two_units(session, desk) -> Resident:
    """张伟 with two units: the residents export writes him on a row for each."""
    draft = ResidentDraft(
        name="张伟", phones=["13912345678"], units=[("3-2-1201", "owner"), ("3-2-1202", "owner")]
    )
    return create_resident(session=session, desk=desk, draft=draft)


def test_two_rows_for_one_card_add_a_number_once_and_agree_with_the_report(session, desk, tmp_path):
    zhang = two_units(session, desk)
    roster = (
        "房号,姓名,电话,备注\n"
        "3-2-1201,张伟,13700001111,养狗\n"
        "3-2-1202,张伟,13700001111/13600002222,养狗\n"
    )
    report = run(session, desk, write(tmp_path, roster))
    assert report.written and not report.failed
    first, second = report.updated
    assert [(c.field, c.before, c.after) for c in first.changes] == [
        ("phones", "139****5678", "139****5678, 137****1111"),
        ("notes", "", "养狗"),
    ]
    # Planned against the card as the first row leaves it: only the number it adds.
    assert [(c.field, c.before, c.after) for c in second.changes] == [
        ("phones", "139****5678, 137****1111", "139****5678, 137****1111, 136****2222"),
    ]
    numbers = session.exec(
        select(ResidentPhone.national).where(ResidentPhone.resident_id == zhang.id)
    ).all()
    assert sorted(numbers) == ["13600002222", "13700001111", "13912345678"]
    assert session.get(Resident, zhang.id).notes == "养狗"
    again = run(session, desk, write(tmp_path, roster))
    assert (again.added, again.updated, again.unchanged) == ([], [], 2)


def test_two_rows_for_one_card_that_disagree_fail_the_later_row(session, desk, tmp_path):
    zhang = two_units(session, desk)
    roster = "房号,姓名,电话,备注\n3-2-1201,张伟,13700001111,养狗\n3-2-1202,张伟,13700001111,养猫\n"
    report = run(session, desk, write(tmp_path, roster))
    assert not report.written
    [problem] = report.errors
    assert problem.line == 3
    assert problem.reasons == [
        f"张伟 (#{zhang.id}) is on line 2 too, with notes '养狗' there and '养猫' here: "
        "give the same in both"
    ]
    session.rollback()
    assert count(session, ResidentPhone) == 1


@pytest.mark.parametrize("form", ["csv", "xlsx"])
def test_a_card_with_two_units_exports_and_imports_back_unchanged(session, desk, tmp_path, form):
    from frontdesk.services.sheets import exports
    from frontdesk.services.sheets.writer import write_table
    from tests.conftest import SHANGHAI

    zhang = two_units(session, desk)
    zhang.notes = "养狗"
    session.add(zhang)
    session.flush()
    path = tmp_path / f"residents.{form}"
    table = exports.TABLES["residents"](session=session, since=None, until=None)
    assert write_table(table, path, form=form, zone=SHANGHAI) == 2
    back = run(session, desk, path)
    assert (back.errors, back.added, back.updated, back.unchanged) == ([], [], [], 2)
