"""Reading an estate's roster: which column holds what, and each row through the counter's own
parsers."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from frontdesk.domain.roster.columns import (
    Column,
    MappingError,
    find_header,
    map_columns,
    parse_mapping,
)
from frontdesk.domain.roster.rows import RowInvalid, read_entry
from frontdesk.domain.vocabulary.kinds import ResidentRole


def test_chinese_headers_of_a_one_column_unit_roster_are_known():
    found = map_columns(["序号", "业主姓名", "房号", "联系电话", "座机", "备注"])
    assert found.columns == {
        1: Column.NAME,
        2: Column.UNIT,
        3: Column.PHONE,
        4: Column.PHONE,
        5: Column.NOTES,
    }
    assert found.unknown == ["序号"] and not found.problems


def test_beside_a_building_column_单元_is_the_entrance_and_房号_the_room():
    found = map_columns(["楼栋", "单元", "房号", "姓名"])
    assert list(found.columns.values()) == [
        Column.BUILDING,
        Column.ENTRANCE,
        Column.ROOM,
        Column.NAME,
    ]
    assert not found.problems


def test_english_headers_ignore_case_spaces_stars_and_notes_in_brackets():
    found = map_columns(["Name *", "Unit No.", "Mobile Phone", "联系电话（手机）"])
    assert list(found.columns.values()) == [Column.NAME, Column.UNIT, Column.PHONE, Column.PHONE]


def test_a_missing_name_or_unit_column_is_said_with_how_to_map_one():
    found = map_columns(["户号", "手机"])
    assert len(found.problems) == 2
    assert "--map HEADER=name" in found.problems[0]
    assert "--map HEADER=unit" in found.problems[1]


def test_the_users_mapping_comes_before_the_known_headers():
    mapping = parse_mapping(["户号=unit", "业主=ignore", "联系人=name"])
    found = map_columns(["户号", "业主", "联系人"], mapping)
    assert list(found.columns.values()) == [Column.UNIT, Column.IGNORE, Column.NAME]
    assert not found.problems


def test_two_columns_for_one_field_are_a_problem_naming_both():
    found = map_columns(["姓名", "业主姓名", "房号"])
    assert found.problems == [
        "columns '姓名' and '业主姓名' both hold the name: map one of them with "
        "--map '业主姓名=ignore'"
    ]


@pytest.mark.parametrize(
    ("entry", "said"),
    [("户主", "HEADER=field"), ("户主=nom", "'nom' is not a field"), ("=name", "HEADER=field")],
)
def test_a_mapping_that_cannot_be_used_is_refused(entry, said):
    with pytest.raises(MappingError, match=said):
        parse_mapping([entry])


def test_a_mapping_of_a_column_the_roster_lacks_is_a_problem():
    found = map_columns(["姓名", "房号"], parse_mapping(["户主=name"]))
    assert any("'户主'" in problem for problem in found.problems)


def test_the_header_row_is_found_below_a_title():
    rows = [
        ["阳光花园业主名册"],
        ["2026年12月"],
        ["房号", "姓名", "电话"],
        ["3-2-1201", "张伟", ""],
    ]
    assert find_header(rows) == 2


def cells(**given: str | list[str]) -> dict[Column, list[str]]:
    return {Column(k): v if isinstance(v, list) else [v] for k, v in given.items()}


def test_a_row_is_read_like_the_counter_reads_what_is_typed():
    entry = read_entry(
        cells(
            name="张 伟",
            building="3栋",
            entrance="2单元",
            room="1201室",
            phone=["139 1234 5678；021-62345678转801", "6234 5678"],
            role="租户",
            gender="男",
        ),
        area_code="021",
    )
    assert entry.name == "张伟" and entry.unit.label == "3-2-1201"
    assert [p.stored for p in entry.phones] == ["13912345678", "02162345678转801", "02162345678"]
    assert entry.role == ResidentRole.TENANT and entry.title == "先生"
    assert entry.notes is None and entry.occupation is None  # blank: says nothing


def test_a_bad_row_gives_every_reason():
    with pytest.raises(RowInvalid) as invalid:
        read_entry(cells(name="张3", unit="三栋", phone="139123", role="房东"), area_code="021")
    reasons = invalid.value.reasons
    assert len(reasons) == 4
    assert "no digits" in reasons[0] and "not a unit" in reasons[1]
    assert "not a phone number" in reasons[2] and "not a role" in reasons[3]


def test_a_room_column_holding_the_whole_unit_is_read_as_it():
    entry = read_entry(cells(name="李娜", building="3", room="3-2-1202"), area_code="")
    assert entry.unit.label == "3-2-1202"


@given(
    building=st.integers(1, 150),
    entrance=st.integers(1, 9),
    room=st.integers(101, 3404),
    marks=st.booleans(),
)
def test_a_unit_in_three_columns_is_the_unit_typed_whole(building, entrance, room, marks):
    parts = (
        (f"{building}栋", f"{entrance}单元", f"{room}室")
        if marks
        else map(str, (building, entrance, room))
    )
    b, e, r = parts
    entry = read_entry(cells(name="王芳", building=b, entrance=e, room=r), area_code="")
    assert entry.unit.label == f"{building}-{entrance}-{room}"


def test_what_a_roster_says_is_quoted_without_its_terminal_escapes():
    found = map_columns(["姓名", "房号", "\x1b[31m红色\x1b[0m"])
    assert found.unknown == ["红色"]
    with pytest.raises(RowInvalid) as invalid:
        read_entry(cells(name="张伟", unit="3-2-1201", role="\x1b]0;owned\x07房东"), area_code="")
    assert "\x1b" not in str(invalid.value) and "'房东' is not a role" in str(invalid.value)
