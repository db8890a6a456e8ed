"""Residents' names, surnames, pinyin and greetings (DOMAIN.md §2 step 3, §5)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pypinyin import lazy_pinyin

from frontdesk.domain.people.names import (
    NameInputError,
    address_as,
    name_initials,
    name_pinyin,
    normalize_name,
    split_surname,
)
from frontdesk.domain.people.surnames import COMPOUND_SURNAMES, SURNAME_READINGS

# --- normalize_name ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("张伟", "张伟"),
        ("张 伟", "张伟"),
        ("  张　伟  ", "张伟"),
        ("欧阳 娜 娜", "欧阳娜娜"),
        ("张\t伟\n", "张伟"),
        ("John Smith", "John Smith"),
        ("  John    Smith ", "John Smith"),
        ("Ｊｏｈｎ　Ｓｍｉｔｈ", "John Smith"),
        ("O’Brien", "O'Brien"),
        ("Jean-Luc Picard", "Jean-Luc Picard"),
        ("J. Smith", "J. Smith"),
        ("José Li", "José Li"),
        ("买买提·艾力", "买买提·艾力"),
        ("买买提 • 艾力", "买买提·艾力"),
        ("李五", "李五"),
    ],
)
def test_a_name_is_stored_in_one_spelling(typed, stored):
    assert normalize_name(typed) == stored


def test_forty_characters_is_the_longest_name():
    assert normalize_name("a" * 40) == "a" * 40
    with pytest.raises(NameInputError, match="longer than 40"):
        normalize_name("a" * 41)


@pytest.mark.parametrize("typed", ["", "   ", "\u3000", "\n"])
def test_an_empty_name_is_rejected(typed):
    with pytest.raises(NameInputError, match="a name is needed"):
        normalize_name(typed)


@pytest.mark.parametrize("typed", [".", "-", "·", "' -"])
def test_punctuation_alone_names_no_one(typed):
    with pytest.raises(NameInputError, match="needs letters"):
        normalize_name(typed)


@pytest.mark.parametrize("typed", ["张3", "Room 1201", "王１", "李²"])
def test_a_name_with_digits_is_rejected(typed):
    with pytest.raises(NameInputError, match="no digits"):
        normalize_name(typed)


@pytest.mark.parametrize("typed", ["张\x00伟", "张\u200b伟", "John\x1fSmith", "张\x7f"])
def test_a_name_with_control_characters_is_rejected(typed):
    with pytest.raises(NameInputError, match="control character"):
        normalize_name(typed)


@pytest.mark.parametrize("typed", ["张伟!", "张@伟", "张伟😀", "<b>张伟</b>"])
def test_a_name_with_symbols_is_rejected(typed):
    with pytest.raises(NameInputError, match="not used in names"):
        normalize_name(typed)


def test_name_input_error_is_a_value_error():
    assert issubclass(NameInputError, ValueError)


# --- surnames -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "parts"),
    [
        ("张伟", ("张", "伟")),
        ("曾小明", ("曾", "小明")),
        ("欧阳娜娜", ("欧阳", "娜娜")),
        ("司马光", ("司马", "光")),
        ("诸葛亮", ("诸葛", "亮")),
        ("上官婉儿", ("上官", "婉儿")),
        ("单于", ("单", "于")),  # two characters: surname and given name
        ("张", ("张", "")),
        ("张 伟", ("张", "伟")),
        ("John Smith", ("", "John Smith")),
        ("买买提·艾力", ("", "买买提·艾力")),
    ],
)
def test_surname_is_split_off_compound_surnames_first(name, parts):
    assert split_surname(name) == parts


def test_every_compound_surname_in_the_table_is_found():
    for surname in COMPOUND_SURNAMES:
        assert split_surname(surname + "明")[0] == surname


def test_the_surname_table_covers_the_characters_pypinyin_misreads():
    assert lazy_pinyin("曾") == ["ceng"] and SURNAME_READINGS["曾"] == "zeng"
    assert lazy_pinyin("单") == ["dan"] and SURNAME_READINGS["单"] == "shan"
    assert len(SURNAME_READINGS) >= 55
    assert len(COMPOUND_SURNAMES) >= 30


# --- pinyin -------------------------------------------------------------------------------


def test_surname_zeng_is_read_zeng_not_ceng():
    assert name_pinyin("曾小明") == "zengxiaoming"


def test_surname_shan_is_read_shan_not_dan():
    assert name_pinyin("单田芳") == "shantianfang"


def test_compound_surname_ouyang_is_read_as_one():
    assert name_pinyin("欧阳娜娜") == "ouyangnana"


@pytest.mark.parametrize(
    ("name", "pinyin"),
    [
        ("张伟", "zhangwei"),
        ("区志强", "ouzhiqiang"),
        ("仇大海", "qiudahai"),
        ("解小东", "xiexiaodong"),
        ("朴树", "piaoshu"),
        ("乐嘉", "yuejia"),
        ("翟天临", "zhaitianlin"),
        ("万俟卨", "moqixie"),
        ("长孙无忌", "zhangsunwuji"),
        ("尉迟恭", "yuchigong"),
        ("单于", "shanyu"),
        ("吕布", "lvbu"),
        ("张 伟", "zhangwei"),
        ("买买提·艾力", "maimaitiaili"),
    ],
)
def test_chinese_names_are_read_as_people_say_them(name, pinyin):
    assert name_pinyin(name) == pinyin


def test_every_single_surname_reading_is_used():
    for surname, reading in SURNAME_READINGS.items():
        assert name_pinyin(surname + "一") == reading + "yi"


@pytest.mark.parametrize(
    ("name", "pinyin"),
    [
        ("John Smith", "johnsmith"),
        ("José Li", "joseli"),
        ("O'Brien", "obrien"),
        ("Anna张", "annazhang"),
    ],
)
def test_latin_names_are_lower_cased_without_spaces(name, pinyin):
    assert name_pinyin(name) == pinyin


@pytest.mark.parametrize(
    ("name", "initials"),
    [
        ("张伟", "zw"),
        ("曾小明", "zxm"),
        ("欧阳娜娜", "oynn"),
        ("单田芳", "stf"),
        ("司马光", "smg"),
        ("John Smith", "js"),
        ("Jean-Luc Picard", "jp"),
    ],
)
def test_initials_are_the_first_letter_of_each_syllable(name, initials):
    assert name_initials(name) == initials


# --- greeting -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "title", "greeting"),
    [
        ("张伟", "先生", "张先生"),
        ("李娜", "女士", "李女士"),
        ("欧阳娜娜", "女士", "欧阳女士"),
        ("司马光", "先生", "司马先生"),
        ("张伟", "", "张伟"),
        ("欧阳娜娜", "", "欧阳娜娜"),
        ("John Smith", "先生", "John Smith 先生"),
        ("John Smith", "", "John Smith"),
        ("买买提·艾力", "先生", "买买提·艾力先生"),
    ],
)
def test_known_residents_are_greeted_by_surname_and_title(name, title, greeting):
    assert address_as(name, title) == greeting


# --- any input ----------------------------------------------------------------------------


@given(st.text(max_size=60))
def test_any_text_is_a_name_or_a_name_input_error(text):
    try:
        name = normalize_name(text)
    except NameInputError:
        return
    assert name and len(name) <= 40
    assert normalize_name(name) == name
    assert name_pinyin(name) == name_pinyin(name).lower()
    assert " " not in name_pinyin(name)


@given(st.text(alphabet="张王李曾单欧阳司马 ·Ab'-", min_size=1, max_size=12))
def test_any_name_like_text_has_a_surname_and_pinyin(text):
    try:
        name = normalize_name(text)
    except NameInputError:
        return
    surname, given_name = split_surname(name)
    assert surname + given_name == name.replace(" ", "") or (surname, given_name) == ("", name)
    assert name_pinyin(name).isascii()


@pytest.mark.parametrize(
    ("name", "title", "greeting"),
    [
        ("张伟", "先生", "Mr 张"),
        ("欧阳娜娜", "女士", "Ms 欧阳"),
        ("John Smith", "先生", "Mr John Smith"),
        ("张伟", "", "张伟"),
    ],
)
def test_an_english_speaking_counter_puts_the_title_before_the_surname(name, title, greeting):
    assert address_as(name, title, caller="en") == greeting
