"""What residents are indexed under and how a typed search is read: every kind of query the
counter types finds its resident by a prefix of one of their terms."""

import pytest

from frontdesk.domain.people.search_terms import Form, TermKind, resident_terms, search_forms


def found_by(query: str, terms: set) -> bool:
    return any(
        term.kind in form.kinds and term.text.startswith(form.text)
        for form in search_forms(query)
        for term in terms
    )


ZENG = resident_terms("曾小明", ["13800138000", "02162345678"], ["3-2-1201"])
OUYANG = resident_terms("欧阳娜娜", ["13912345678"], ["12-301"])
OBRIEN = resident_terms("John O'Brien", [], [])


@pytest.mark.parametrize(
    "query",
    [
        "曾",  # one character: the surname
        "曾小明",
        "小明",  # the given name, from inside the name
        "明",
        "zxm",  # initials, the surname read from the table (曾 is zeng, not ceng)
        "zeng",
        "ZengXiaoming",
        "zeng xiao ming",
        "xiaoming",  # the given name in pinyin
        "0013",  # any digits of a number
        "138 0013 8000",
        "62345678",
        "3-2-1201",
        "3栋2单元1201室",
        "3栋2单元",  # a unit as far as it has been said
        "3-2",
        "1201",  # the room alone
        "２－１２０１",  # full-width, as a Chinese input method types it
    ],
)
def test_every_kind_of_query_finds_its_resident(query):
    assert found_by(query, ZENG)


@pytest.mark.parametrize("query", ["欧阳", "oy", "ouyang", "oynn", "nana", "12-301", "301"])
def test_compound_surnames_and_units_without_an_entrance(query):
    assert found_by(query, OUYANG)


@pytest.mark.parametrize("query", ["john", "o'brien", "obrien", "OBRIEN"])
def test_latin_names_by_their_words(query):
    assert found_by(query, OBRIEN)


@pytest.mark.parametrize("query", ["张", "zw", "13", "99", "99999", "4-1-1201", "%", "3-2-1%", ""])
def test_other_text_does_not_find_them(query):
    assert not found_by(query, ZENG)


def test_fewer_than_three_digits_look_only_at_units():
    assert search_forms("12") == [Form("12", (TermKind.UNIT, TermKind.UNIT_PART))]


def test_number_endings_shorter_than_three_digits_are_not_indexed():
    parts = {t.text for t in ZENG if t.kind is TermKind.PHONE_PART}
    assert "000" in parts and "00" not in parts and min(map(len, parts)) == 3


def test_a_search_longer_than_any_term_reads_as_nothing():
    assert search_forms("张" * 301) == []


def test_exact_units_and_numbers_weigh_least_then_names():
    weight = {t.kind: t.weight for t in ZENG}
    assert weight[TermKind.UNIT] == weight[TermKind.PHONE] < weight[TermKind.NAME]
    assert weight[TermKind.NAME] < weight[TermKind.PINYIN] < weight[TermKind.NAME_PART]
    assert weight[TermKind.NAME_PART] < weight[TermKind.PHONE_PART]


def test_a_unit_with_dashes_is_not_read_as_a_number_but_a_number_with_dashes_is():
    assert [f.text for f in search_forms("3-2-12")] == ["3-2-12"]
    assert "13800138000" in [f.text for f in search_forms("138-0013-8000")]
