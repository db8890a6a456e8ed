"""Exports of the matters, the follow-ups and the reception register, read back as a script and
a spreadsheet would read them: the right rows, with typed cells."""

import csv
from datetime import datetime

import pytest
from openpyxl import load_workbook

from frontdesk.domain.vocabulary.kinds import MatterKind
from frontdesk.services.intake.call import MatterDraft
from frontdesk.services.intake.filing import file_call
from frontdesk.services.residents.search import ResidentDraft, create_resident
from frontdesk.services.sheets import exports
from frontdesk.services.sheets.writer import write_table
from tests.conftest import SHANGHAI, at
from tests.services.drafts import call, complaint, enquiry, repair

RUN = '=HYPERLINK("http://x") 建议'


@pytest.fixture
def register(session, desk, staff, clock):
    """Two calls: a complaint, a repair and an unanswered enquiry on 2 Dec 14:40; a suggestion
    that looks like a formula on 3 Dec 09:15."""
    file_call(
        session=session,
        desk=desk,
        operator_id=staff.receptionist.id,
        draft=call(complaint(), repair(), enquiry()),
    )
    clock.moment = at(2026, 12, 3, 9, 15)
    suggestion = MatterDraft(MatterKind.SUGGESTION, {"content": RUN}, confirmed=True)
    file_call(
        session=session,
        desk=desk,
        operator_id=staff.receptionist.id,
        draft=call(suggestion, caller_name="", caller_phone="021-62345678"),
    )
    return session


def export(session, what, path, since=None, until=None) -> int:
    table = exports.TABLES[what](session=session, since=since, until=until)
    return write_table(table, path, form=path.suffix[1:], zone=SHANGHAI)


def read_csv(path) -> list[dict[str, str]]:
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8 only with it
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def test_matters_as_csv_have_stable_keys_local_times_and_masked_numbers(register, tmp_path):
    path = tmp_path / "matters.csv"
    assert export(register, "matters", path) == 4
    rows = read_csv(path)
    assert list(rows[0])[:4] == ["id", "received_at", "kind", "class"]
    assert [r["kind"] for r in rows] == ["complaint", "repair", "enquiry", "suggestion"]
    first = rows[0]
    assert first["received_at"] == "2026-12-02T14:40:00+08:00"
    assert (first["class"], first["unit"], first["phone"]) == (
        "important",
        "3-2-1201",
        "138****8000",
    )
    assert first["next_due"] == "2026-12-02T15:40:00+08:00" and first["operator"] == "小李"
    assert rows[3]["content"] == "'" + RUN  # a resident's words are never run as a formula


def test_matters_as_xlsx_are_typed_cells_under_a_bold_frozen_header(register, tmp_path):
    path = tmp_path / "matters.xlsx"
    export(register, "matters", path)
    sheet = load_workbook(path).active
    assert sheet.freeze_panes == "A2"
    header = [cell.value for cell in sheet[1]]
    assert header[:3] == ["No.", "received (Asia/Shanghai)", "kind"]
    assert all(cell.font.b for cell in sheet[1])
    row = [cell for cell in sheet[2]]
    assert isinstance(row[0].value, int)
    assert row[1].value == datetime(2026, 12, 2, 14, 40) and row[1].is_date  # noqa: DTZ001
    assert row[7].value == "138****8000"
    content = sheet.cell(row=5, column=header.index("content") + 1)
    assert content.value == RUN and content.data_type == "s"
    assert sheet.column_dimensions["B"].width >= len("received (Asia/Shanghai)")


def test_the_register_has_one_row_a_call_with_its_matters(register, tmp_path):
    path = tmp_path / "register.xlsx"
    assert export(register, "register", path) == 2
    sheet = load_workbook(path).active
    header = [cell.value for cell in sheet[1]]
    rows = [dict(zip(header, (c.value for c in row), strict=True)) for row in sheet.iter_rows(2)]
    assert [r["matters"] for r in rows] == [3, 1]
    assert set(rows[0]["kinds of matter"].split(", ")) == {"complaint", "repair", "enquiry"}
    assert rows[0]["caller"] == "张伟" and rows[1]["phone (masked)"] == "021-****5678"
    assert rows[1]["answered (Asia/Shanghai)"] == datetime(2026, 12, 3, 9, 15)  # noqa: DTZ001


def test_follow_ups_say_when_due_and_how_many_tries(register, tmp_path):
    path = tmp_path / "followups.csv"
    assert export(register, "followups", path) == 1
    [row] = read_csv(path)
    assert (row["reason"], row["status"], row["attempts"]) == ("promised", "owed", "0")
    assert row["due"] == "2026-12-02T16:00:00+08:00" and row["done_at"] == ""
    assert row["phone"] == "139****1111" and row["urgent"] == "no"


def test_an_export_takes_only_the_days_asked_for(register, tmp_path):
    path = tmp_path / "register.csv"
    assert export(register, "register", path, since=at(2026, 12, 3)) == 1
    assert export(register, "register", path, until=at(2026, 12, 3)) == 1
    assert read_csv(path)[0]["answered_at"].startswith("2026-12-02T14:40")


def test_the_residents_roster_leaves_out_cards_with_no_unit(session, desk, tmp_path):
    create_resident(session=session, desk=desk, draft=ResidentDraft(name="外来施工", phones=[]))
    create_resident(
        session=session,
        desk=desk,
        draft=ResidentDraft(
            name="张伟", phones=["13912345678", "021-62345678转801"], units=[("3-2-1201", "owner")]
        ),
    )
    path = tmp_path / "residents.csv"
    assert export(session, "residents", path) == 1
    [row] = read_csv(path)
    assert (row["unit"], row["name"], row["role"]) == ("3-2-1201", "张伟", "owner")
    assert sorted(row["phone"].split("; ")) == ["021-****5678转801", "139****5678"]


def test_control_characters_stored_in_text_are_left_out_of_a_workbook(session, desk, tmp_path):
    card = create_resident(
        session=session,
        desk=desk,
        draft=ResidentDraft(name="张伟", phones=[], units=[("3-2-1201", "owner")]),
    )
    # As an older version or another program may have stored it: a form feed and a bell.
    card.notes = "养狗\x0c\x07 二楼"
    session.add(card)
    session.flush()
    path = tmp_path / "residents.xlsx"
    assert export(session, "residents", path) == 1
    sheet = load_workbook(path).active
    header = [c.value for c in sheet[1]]
    assert sheet.cell(row=2, column=header.index("notes") + 1).value == "养狗 二楼"


@pytest.mark.parametrize("text", ["\t=1+2", "\r=1+2", "-2+3", "@SUM(A1)"])
def test_text_a_spreadsheet_would_run_is_guarded_in_csv(session, desk, tmp_path, text):
    card = create_resident(
        session=session,
        desk=desk,
        draft=ResidentDraft(name="张伟", phones=[], units=[("3-2-1201", "owner")]),
    )
    card.notes = text
    session.add(card)
    session.flush()
    path = tmp_path / "residents.csv"
    export(session, "residents", path)
    assert read_csv(path)[0]["notes"] == "'" + text


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o027, 0o640)])
@pytest.mark.parametrize("form", ["csv", "xlsx"])
def test_an_export_has_the_mode_of_any_new_file(register, tmp_path, form, umask, mode):
    import os
    import stat

    path = tmp_path / f"matters.{form}"
    before = os.umask(umask)
    try:
        export(register, "matters", path)
    finally:
        os.umask(before)
    assert stat.S_IMODE(path.stat().st_mode) == mode  # to share, not mkstemp's 0600
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no scratch file left


def test_a_workbook_names_the_values_in_the_interface_language_and_csv_keeps_them(
    register, tmp_path
):
    from frontdesk import i18n

    i18n.use("zh-Hans")
    try:
        export(register, "matters", tmp_path / "m.xlsx")
        export(register, "register", tmp_path / "r.xlsx")
        export(register, "matters", tmp_path / "m.csv")
    finally:
        i18n.use("en")
    rows = list(load_workbook(tmp_path / "m.xlsx").active.iter_rows(values_only=True))
    kinds = [row[2] for row in rows[1:]]
    assert kinds == ["投诉", "报修", "咨询", "建议"]
    assert rows[1][3] == "重要"  # the complaint's class
    calls = list(load_workbook(tmp_path / "r.xlsx").active.iter_rows(values_only=True))
    assert calls[1][2] == "电话" and calls[1][10] == "投诉, 报修, 咨询"
    assert [r["kind"] for r in read_csv(tmp_path / "m.csv")][:2] == ["complaint", "repair"]
