"""Whatever is typed into a matter's fields, a reply or a note: clean values, or one message per
field at fault; pasted text keeps what a person wrote and loses what only a terminal reads."""

import re
import unicodedata
from datetime import datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from frontdesk.domain.call.matters import (
    FIELDS,
    CleanMatter,
    FieldType,
    MatterInvalid,
    validate_matter,
)
from frontdesk.domain.call.phrases import PHRASES, check_phrases
from frontdesk.domain.call.repeats import is_same_matter, text_likeness
from frontdesk.domain.people.phones import Phone
from frontdesk.domain.people.units import UnitRef
from frontdesk.domain.text.free_text import MAX_TEXT, TextError, checked_text, clean_text, shown
from frontdesk.domain.vocabulary.kinds import MatterKind
from tests.conftest import SHANGHAI, at
from tests.domain.input_text import COUNTER, EMOJI, RTL, anything, number_like

NOW = at(2026, 12, 2, 14, 40)
MANY = settings(max_examples=300, deadline=None)
FLAG_TAGS = re.compile("(?<=\U0001f3f4)[\U000e0020-\U000e007f]+")
ALL_FIELDS = sorted({spec.name for specs in FIELDS.values() for spec in specs})
INVISIBLE = {"Cc", "Cf", "Cs"}

# What a program or a form might put in a field: text, or values already typed.
values = st.one_of(
    anything,
    number_like,
    st.sampled_from(["y", "n", "是", "major", "i", "angry", "solution", "leak", "维修部", "维"]),
    st.sampled_from(COUNTER),
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.datetimes(timezones=st.sampled_from([SHANGHAI, None])),
    st.just(Phone("13800138000", "", "mobile", "+8613800138000")),
    st.just(UnitRef("3", "2", "1201")),
)
raw_fields = st.dictionaries(st.sampled_from(ALL_FIELDS), values, max_size=len(ALL_FIELDS))


@settings(max_examples=600, deadline=None)
@given(st.sampled_from(MatterKind), raw_fields)
def test_any_fields_make_a_clean_matter_or_one_message_per_field(policy, kind, raw):
    names = {spec.name for spec in FIELDS[kind]}
    try:
        clean = validate_matter(kind, raw, policy=policy, now=NOW)
    except MatterInvalid as invalid:
        assert invalid.errors
        for error in invalid.errors:
            assert error.field in names | {"confirmed"} and error.message.strip()
        return
    assert set(clean.values) <= names
    for spec in FIELDS[kind]:
        value = clean.values.get(spec.name)
        if spec.type is FieldType.TEXT and value is not None:
            assert value == value.strip() and 0 < len(value) <= MAX_TEXT
            seen = FLAG_TAGS.sub("", value)  # a subdivision flag's tags are part of it
            assert not any(
                unicodedata.category(ch) in INVISIBLE for ch in seen if ch not in "\n\t\u200c\u200d"
            )
        if isinstance(value, datetime):
            assert value.utcoffset() is not None and abs(value - NOW) < timedelta(days=3660)
    # What was accepted is accepted again as it now stands.
    assert validate_matter(kind, clean.values, policy=policy, now=NOW) == clean


@MANY
@given(anything, st.sampled_from([MatterKind.OTHER, MatterKind.SUGGESTION, MatterKind.PRAISE]))
def test_content_is_stored_cleaned_or_refused_as_too_long(policy, text, kind):
    try:
        clean = validate_matter(kind, {"content": text}, policy=policy, now=NOW)
    except MatterInvalid as invalid:
        [error] = invalid.errors
        assert error.field == "content"
        return
    assert clean == CleanMatter(kind, {"content": clean_text(text).strip()})


# --- free text ----------------------------------------------------------------------------


@MANY
@given(anything, st.booleans())
def test_cleaned_text_holds_no_escape_or_control_character_and_cleans_to_itself(text, multiline):
    cleaned = clean_text(text, multiline=multiline)
    assert "\x1b" not in cleaned and "\r" not in cleaned
    kept = "\n\t" if multiline else ""
    assert not any(unicodedata.category(ch) == "Cc" for ch in cleaned if ch not in kept)
    assert clean_text(cleaned, multiline=multiline) == cleaned


@MANY
@given(st.lists(st.sampled_from(EMOJI + RTL[:2] + COUNTER + ["[bold]", "a\\b", "x"]), max_size=9))
def test_emoji_right_to_left_text_and_brackets_are_kept_exactly(parts):
    text = " ".join(parts)
    assert clean_text(text) == text
    assert clean_text(text, multiline=False) == text


@MANY
@given(st.lists(st.sampled_from(["报修", "\x1b[31m", "\x1b[0m", "\x1b]0;x\x07", "\a"]), max_size=9))
def test_escape_sequences_go_whole(parts):
    assert clean_text("".join(parts)) == "报修" * parts.count("报修")


@MANY
@given(anything, st.integers(1, 5000))
def test_checked_text_is_within_its_limit_or_says_how_long_it_was(text, limit):
    try:
        checked = checked_text(text, what="the note", limit=limit)
    except TextError as error:
        assert str(len(clean_text(text).strip())) in str(error)
        return
    assert len(checked) <= limit


@MANY
@given(anything, st.integers(2, 60))
def test_quoted_text_is_one_short_clean_line(text, width):
    quoted = shown(text, width)
    assert len(quoted) <= width and "\n" not in quoted
    assert not any(unicodedata.category(ch) == "Cc" for ch in quoted)


# --- the phrase guard and repeated complaints ---------------------------------------------


@MANY
@given(anything)
def test_phrase_flags_lie_inside_any_text_and_never_overlap(text):
    flags = check_phrases(text)
    for flag in flags:
        assert 0 <= flag.start < flag.end <= len(text)
    for before, after in zip(flags, flags[1:], strict=False):
        assert before.end <= after.start


@MANY
@given(
    st.sampled_from([row.phrase for row in PHRASES]),
    st.text(alphabet=st.characters(max_codepoint=0x2FF), max_size=20),
    st.sampled_from(["", " ", "\u200b", "\u3000"]),
)
def test_a_never_say_phrase_is_found_in_any_latin_surroundings(phrase, around, gap):
    text = around + gap.join(phrase) + around
    assert phrase in [flag.phrase for flag in check_phrases(text)]


@MANY
@given(anything, anything)
def test_likeness_is_a_symmetric_share(a, b):
    likeness = text_likeness(a, b)
    assert 0.0 <= likeness <= 1.0
    assert likeness == text_likeness(b, a)


@MANY
@given(st.dictionaries(st.sampled_from(ALL_FIELDS), values), raw_fields)
def test_two_complaints_are_one_matter_whichever_was_raised_first(new, old):
    assert is_same_matter(new, old) is is_same_matter(old, new)
    # A complaint whose account has any words in it is the same matter as itself.
    content = str(new.get("content", ""))
    if text_likeness(content, content) == 1.0:
        assert is_same_matter(new, dict(new))


def test_a_tag_character_alone_is_dropped_but_a_flag_keeps_its_tags():
    scotland = "\U0001f3f4\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f"
    assert clean_text(scotland + " 报修") == scotland + " 报修"
    # Content of one invisible tag character is no content.
    assert clean_text("\U000e0020") == "" and clean_text("a\U000e0067b") == "ab"
