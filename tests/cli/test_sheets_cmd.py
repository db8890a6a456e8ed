"""`frontdesk residents import` and `frontdesk export` as typed at a shell, on real databases."""

import csv
import json

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from frontdesk.cli.commands import app

runner = CliRunner()

ROSTER = """\
阳光花园业主名册,,,
房屋编号,客户,手机,身份证号
3-2-1201,张伟,13912345678,310101198001010011
3-2-1202,李娜,13812345678,
5-1-301,王芳,13912340000,
"""
MAP = ["--map", "客户=name", "--map", "身份证号=ignore"]


@pytest.fixture(autouse=True)
def frozen(monkeypatch):
    monkeypatch.setenv("FRONTDESK_NOW", "2026-12-02T15:10")
    monkeypatch.delenv("FRONTDESK_DATABASE_URL", raising=False)


def frontdesk(database: str, *args: str):
    return runner.invoke(app, ["--db", database, *args])


@pytest.fixture
def roster(tmp_path):
    path = tmp_path / "名册.csv"
    path.write_bytes(ROSTER.encode("gb18030"))
    return path


def test_a_dry_run_then_the_import_then_the_same_again(database, roster):
    dry = frontdesk(database, "residents", "import", str(roster), *MAP, "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert "header on line 2: 房屋编号 → unit, 客户 → name, 手机 → phone" in dry.output
    assert "+ line 3: 张伟 3-2-1201 (phones: 139****5678; role: owner)" in dry.output
    assert dry.output.rstrip().endswith(
        "dry run, nothing written: 3 to add, 0 to update, 0 unchanged"
    )

    done = frontdesk(database, "residents", "import", str(roster), *MAP)
    assert done.exit_code == 0, done.output
    assert done.output.rstrip().endswith("3 added, 0 updated, 0 unchanged")
    again = frontdesk(database, "residents", "import", str(roster), *MAP, "--json")
    report = json.loads(again.stdout)
    assert (report["added"], report["updated"], report["unchanged"]) == ([], [], 3)
    assert report["read_as"] == "GB18030" and report["written"]


def test_failing_rows_are_listed_by_line_and_the_command_fails(database, roster):
    roster.write_bytes((ROSTER + "5-1-302,赵六,139123,\n三栋,钱七,,\n").encode("gb18030"))
    result = frontdesk(database, "residents", "import", str(roster), *MAP)
    assert result.exit_code == 1
    assert "line 6: '139123' is not a phone number" in result.output
    assert "line 7: '三栋' is not a unit" in result.output
    assert "2 failed, nothing written: 3 to add, 0 to update, 0 unchanged" in result.output
    check = frontdesk(database, "residents", "import", str(roster), *MAP, "--dry-run", "--json")
    assert json.loads(check.stdout)["added"][0]["name"] == "张伟"  # still not on file


def test_a_mapping_file_does_what_the_options_do(database, roster, tmp_path):
    mapping = tmp_path / "columns.toml"
    mapping.write_text('[columns]\n"客户" = "name"\n"身份证号" = "ignore"\n', encoding="utf-8")
    result = frontdesk(database, "residents", "import", str(roster), "--mapping", str(mapping))
    assert result.exit_code == 0, result.output
    assert "columns left out" not in result.output


def test_a_roster_without_its_columns_mapped_says_how_to_map_them(database, roster):
    result = frontdesk(database, "residents", "import", str(roster))
    assert result.exit_code == 1
    assert "no column holds the name: map one with --map HEADER=name" in result.output
    assert "nothing was read, nothing written" in result.output


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (
            ["residents", "import", "nowhere.csv"],
            "frontdesk: cannot read nowhere.csv: No such file",
        ),
        (["residents", "import", "x.csv", "--map", "户主"], "write it as HEADER=field"),
        (["export", "matters", "--out", "out.ods"], "name it .csv or .xlsx, or give --format"),
        (["export", "matters", "--out", "o.csv", "--from", "12/1"], "'12/1' is not a day"),
        (
            ["export", "matters", "--out", "o.csv", "--to", "9999-12-31"],
            "--to: '9999-12-31' is out of range: give a day from 1900-01-01 to 9998-12-31",
        ),
        (
            ["export", "register", "--out", "o.xlsx", "--from", "0001-01-01"],
            "--from: '0001-01-01' is out of range",
        ),
    ],
)
def test_what_cannot_be_done_is_said_in_one_line(database, args, said, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = frontdesk(database, *args)
    assert result.exit_code == 1
    assert said in result.output and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_exports_from_the_imported_roster_estate(database, roster, tmp_path):
    # No calls on file: an export is the header alone, and still a spreadsheet.
    frontdesk(database, "residents", "import", str(roster), *MAP)
    out = tmp_path / "register.xlsx"
    result = frontdesk(database, "export", "register", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert result.output.strip() == f"{out}: 0 rows of register"
    assert load_workbook(out).active["B1"].value == "answered (Asia/Shanghai)"

    refused = frontdesk(database, "export", "register", "--out", str(out))
    assert refused.exit_code == 1 and "give --force to replace it" in refused.output

    text = tmp_path / "matters.txt"
    made = frontdesk(database, "export", "matters", "--out", str(text), "--format", "csv")
    assert made.exit_code == 0, made.output
    with text.open(encoding="utf-8-sig", newline="") as f:
        assert next(csv.reader(f))[:2] == ["id", "received_at"]


def test_the_residents_export_is_a_roster_that_imports_back_unchanged(database, roster, tmp_path):
    frontdesk(database, "residents", "import", str(roster), *MAP)
    out = tmp_path / "住户.xlsx"
    made = frontdesk(database, "export", "residents", "--out", str(out))
    assert made.output.strip() == f"{out}: 3 rows of residents"
    back = frontdesk(database, "residents", "import", str(out))
    assert back.exit_code == 0, back.output
    assert back.output.rstrip().endswith("0 added, 0 updated, 3 unchanged")


def test_a_chinese_import_report_names_fields_and_roles_in_chinese(database, tmp_path):
    from frontdesk import i18n

    first = tmp_path / "名册.csv"
    first.write_text(
        "房号,姓名,手机,身份,备注\n3-2-1201,张伟,13912345678,业主,\n", encoding="utf-8"
    )
    second = tmp_path / "名册二.csv"
    second.write_text(
        "房号,姓名,手机,身份,备注\n3-2-1201,张伟,13912345678,租户,养狗\n", encoding="utf-8"
    )
    i18n.use("zh-Hans")  # as `frontdesk --lang zh-Hans` does before the command is read
    try:
        added = frontdesk(database, "residents", "import", str(first))
        changed = frontdesk(database, "residents", "import", str(second))
        as_json = frontdesk(database, "residents", "import", str(first), "--dry-run", "--json")
    finally:
        i18n.use("en")
    assert added.exit_code == 0, added.output
    assert "房号 → 房号, 姓名 → 姓名, 手机 → 电话, 身份 → 身份, 备注 → 备注" in added.output
    assert "电话:139****5678; 身份:业主" in added.output
    assert changed.exit_code == 0, changed.output
    assert "身份:业主 → 租户; 备注:— → 养狗" in changed.output
    # JSON keeps its stable English keys and values.
    assert json.loads(as_json.stdout)["updated"][0]["changes"] == {
        "role": {"before": "tenant", "after": "owner"}
    }
