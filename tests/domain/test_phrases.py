"""The phrase guard: language the counter never uses (DOMAIN.md §2)."""

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from frontdesk.domain.call.phrases import PHRASES, Flag, check_phrases


def found(text: str) -> list[str]:
    return [flag.phrase for flag in check_phrases(text)]


def spans(text: str) -> list[str]:
    return [text[flag.start : flag.end] for flag in check_phrases(text)]


@pytest.mark.parametrize(
    "phrase",
    [
        "我不能",
        "我不会做",
        "这不是我应该做的",
        "我想我做不了",
        "但是",
        "不知道",
        "不清楚",
        "我们没做过",
        "我们也没有办法",
        "没有办法",
        "他不在",
        "她不在",
    ],
)
def test_every_phrase_of_the_handbook_table_is_flagged(phrase):
    assert found(f"先生,{phrase}。") == [phrase]


def test_the_table_holds_every_never_say_phrase():
    assert [row.phrase for row in PHRASES] == [
        "我不能",
        "我不会做",
        "这不是我应该做的",
        "我想我做不了",
        "但是",
        "不知道",
        "不清楚",
        "我们没做过",
        "我们也没有办法",
        "没有办法",
        "他不在",
        "她不在",
    ]


@pytest.mark.parametrize(
    ("phrase", "alternative"),
    [
        ("我不能", "看看我们能够帮您做什么"),
        ("我不会做", "我们能为您做的是……"),
        ("这不是我应该做的", "我很愿意为您做"),
        ("不知道", "我帮您确认后回复您"),
        ("不清楚", "我帮您确认后回复您"),
    ],
)
def test_the_flag_offers_what_the_handbook_says_instead(phrase, alternative):
    (flag,) = check_phrases(phrase)
    assert flag.alternative == alternative


def test_but_negates_what_came_before_and_the_reason_goes_with_because():
    assert check_phrases("好的,但是要等明天") == [
        Flag(
            3, 5, "但是", "drop it; give the reason with 因为 (because)", "negates what came before"
        )
    ]


def test_he_is_not_here_says_take_a_message():
    (flag,) = check_phrases("他不在")
    assert flag.alternative == "take a message and the caller's purpose"


def test_every_row_has_an_alternative_and_a_gloss():
    assert all(row.alternative and row.gloss for row in PHRASES)


def test_flag_spans_index_the_original_text():
    text = "您好,我不能处理,但是可以登记"
    flags = check_phrases(text)
    assert [(f.start, f.end) for f in flags] == [(3, 6), (9, 11)]
    assert spans(text) == ["我不能", "但是"]


def test_the_longest_phrase_wins_where_two_overlap():
    flags = check_phrases("这个我们也没有办法")
    assert [(f.start, f.end, f.phrase) for f in flags] == [(2, 9, "我们也没有办法")]


def test_the_short_form_is_flagged_on_its_own():
    assert found("真的没有办法") == ["没有办法"]


def test_flags_come_in_text_order():
    assert found("不清楚,但是他不在,我不能") == ["不清楚", "但是", "他不在", "我不能"]


def test_a_phrase_said_twice_is_flagged_twice():
    assert spans("但是……但是") == ["但是", "但是"]


@pytest.mark.parametrize("typed", ["但 是", "但  是", "但\u3000是", "但\t是", "但\u200b是"])
def test_spaces_between_characters_do_not_hide_a_phrase(typed):
    flags = check_phrases(typed)
    assert [(f.start, f.end, f.phrase) for f in flags] == [(0, len(typed), "但是")]


def test_spaces_inside_a_long_phrase_do_not_hide_it():
    text = "我 们 也 没 有 办 法"
    assert spans(text) == [text]


def test_compatibility_characters_do_not_hide_a_phrase():
    text = "我\uf967能"  # CJK compatibility ideograph for 不
    assert [(f.start, f.end, f.phrase) for f in check_phrases(text)] == [(0, 3, "我不能")]


def test_full_width_text_around_a_phrase_keeps_its_indexes():
    text = "ＯＫ，但是"
    assert spans(text) == ["但是"]


def test_indexes_stay_in_the_original_when_normalising_expands_characters():
    text = "㍻年但是"  # the era sign becomes two characters under NFKC
    assert [(f.start, f.end) for f in check_phrases(text)] == [(2, 4)]


@pytest.mark.parametrize(
    "text",
    ["", "您好,客户服务中心", "我帮您确认后回复您", "我们能为您做的是上门维修", "因为师傅在路上"],
)
def test_the_prescribed_language_passes(text):
    assert check_phrases(text) == []


@given(st.text(max_size=80))
def test_flags_are_in_bounds_sorted_and_never_overlap(text):
    flags = check_phrases(text)
    for flag in flags:
        assert 0 <= flag.start < flag.end <= len(text)
    for before, after in zip(flags, flags[1:], strict=False):
        assert before.end <= after.start


@given(
    st.lists(
        st.one_of(
            st.sampled_from([row.phrase for row in PHRASES]),
            st.text(alphabet="我们不也没有办法但是他她在 \u3000知道清楚,", max_size=5),
        ),
        max_size=8,
    )
)
def test_every_flag_covers_its_phrase(pieces):
    text = "".join(pieces)
    flags = check_phrases(text)
    for before, after in zip(flags, flags[1:], strict=False):
        assert before.end <= after.start
    for flag in flags:
        covered = "".join(unicodedata.normalize("NFKC", text[flag.start : flag.end]).split())
        assert covered == flag.phrase
    if any(row.phrase in text for row in PHRASES):
        assert flags
