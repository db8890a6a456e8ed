"""Units (房号) as residents say them (DOMAIN.md, terms)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from frontdesk.domain.people.units import (
    NO_UNIT_WORDS,
    UnitError,
    UnitRef,
    is_no_unit,
    normalize_unit,
)


@pytest.mark.parametrize(
    "typed",
    [
        "3-2-1201",
        "3栋2单元1201",
        "3-2-1201室",
        "3号楼2单元1201室",
        "3号楼2单元1201",
        "3幢2单元1201",
        "3座2单元1201",
        "3栋2单元1201室",
        "3栋2单元1201号",
        "３－２－１２０１",
        "３栋２单元１２０１",
        "3—2—1201",
        "3–2–1201",
        "3/2/1201",
        "3 / 2 / 1201",
        "3 - 2 - 1201",
        "3 2 1201",
        " 3-2-1201 ",
        "3 栋 2 单元 1201 室",
        "3栋 2单元 1201",
        "03-02-1201",
        "003栋02单元1201",
    ],
)
def test_every_way_of_saying_building_three_entrance_two_room_1201_is_one_unit(typed):
    assert normalize_unit(typed) == UnitRef("3", "2", "1201")


def test_unit_label_is_building_entrance_room():
    assert normalize_unit("3栋2单元1201").label == "3-2-1201"


@pytest.mark.parametrize("typed", ["12栋1201", "12-1201", "12号楼1201室", "12/1201", "012-1201"])
def test_building_without_entrances(typed):
    unit = normalize_unit(typed)
    assert unit == UnitRef("12", None, "1201")
    assert unit.label == "12-1201"


@pytest.mark.parametrize("typed", ["A栋2单元1201", "A-2-1201", "a-2-1201", "ａ栋２单元１２０１"])
def test_letter_buildings_are_upper_case(typed):
    assert normalize_unit(typed) == UnitRef("A", "2", "1201")


def test_three_digit_rooms():
    assert normalize_unit("5-1-302").label == "5-1-302"


def test_room_with_a_letter_suffix():
    assert normalize_unit("3-2-1201b").label == "3-2-1201B"


def test_unit_prints_as_its_label():
    assert str(normalize_unit("3栋2单元1201")) == "3-2-1201"


@pytest.mark.parametrize(
    "typed",
    [
        "hello",
        "1201",  # room alone: which building?
        "3-2-12",  # room too short
        "3-2-12345",  # room too long
        "3-2-1201-5",
        "3楼2单元1201",  # 3楼 is a floor, not a building
        "0-1-101",  # no building 0
        "3-0-101",  # no entrance 0
        "AB-2-1201",
        "3-123-1201",  # entrance of three digits
        "3栋2单元",
        "3栋2单元1201 张三",
        "3-2-1201" + "0" * 40,
        "3-2-1201" * 5,
    ],
)
def test_what_is_not_a_unit_is_rejected_with_the_expected_form(typed):
    with pytest.raises(UnitError) as caught:
        normalize_unit(typed)
    assert "3-2-1201 or 3栋2单元1201" in str(caught.value)
    assert "not a unit" in str(caught.value)


def test_empty_unit_asks_for_one():
    with pytest.raises(UnitError, match="a unit is needed: write it as 3-2-1201 or 3栋2单元1201"):
        normalize_unit("  ")


def test_unit_error_is_a_value_error():
    assert issubclass(UnitError, ValueError)


@pytest.mark.parametrize(
    "typed",
    [
        "无",
        "没有",
        "公共区域",
        "公区",
        "none",
        "NONE",
        "public",
        "Public",
        "n/a",
        "N/A",
        "-",
        "—",
        " 无 ",
        "无房号",
    ],
)
def test_callers_without_a_unit_say_so_in_many_ways(typed):
    assert is_no_unit(typed)


@pytest.mark.parametrize("typed", ["", "3-2-1201", "张三", "公共区域3栋"])
def test_a_unit_or_nothing_is_not_a_no_unit_word(typed):
    assert not is_no_unit(typed)


def test_no_unit_words_include_the_handbook_cases():
    assert {"无", "没有", "公共区域", "公区", "none", "public", "n/a", "-"} <= NO_UNIT_WORDS


def test_no_unit_words_are_not_units():
    for word in NO_UNIT_WORDS:
        with pytest.raises(UnitError):
            normalize_unit(word)


@given(st.text(max_size=40))
def test_any_text_is_a_unit_or_a_unit_error(text):
    try:
        unit = normalize_unit(text)
    except UnitError:
        return
    assert normalize_unit(unit.label) == unit


@given(st.text(alphabet="0123456789Aa-/ 栋单元室号楼幢座－３", max_size=25))
def test_any_unit_like_text_is_a_unit_or_a_unit_error(text):
    try:
        unit = normalize_unit(text)
    except UnitError:
        return
    assert unit.label.count("-") == (1 if unit.entrance is None else 2)
    assert 3 <= len(unit.room.rstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")) <= 4
