"""Whatever is typed or pasted into a time, phone, unit or name field: a clean value or the
parser's own error with a message for the user, never a crash (DOMAIN.md §1, §5)."""

from datetime import UTC, timedelta

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from frontdesk.domain.clock.moments import REACH, MomentError, parse_moment
from frontdesk.domain.people.names import (
    MAX_LENGTH,
    NameInputError,
    address_as,
    name_initials,
    name_pinyin,
    normalize_name,
    split_surname,
)
from frontdesk.domain.people.phones import (
    PhoneError,
    area_code_length,
    digits_of,
    mask_phone,
    normalize_phone,
)
from frontdesk.domain.people.units import UnitError, is_no_unit, normalize_unit
from tests.conftest import SHANGHAI, at
from tests.domain.input_text import anything, number_like, pasted

NOW = at(2026, 12, 2, 14, 40)
MANY = settings(max_examples=300, deadline=None)
# A message quoting what was typed never grows with it: a pasted page is not echoed back.
LONGEST_MESSAGE = 200

typed = st.one_of(anything, number_like, st.text(max_size=10_000).map(lambda t: t * 3))


def message_of(error: Exception) -> str:
    message = str(error)
    assert message.strip() and len(message) <= LONGEST_MESSAGE, message
    assert not any(ch in message for ch in "\x00\x1b\x07\r"), message
    return message


# --- moments ------------------------------------------------------------------------------


@MANY
@given(st.one_of(typed, st.integers(1, 6000).map(lambda n: f"+{'9' * n}h")))
def test_any_text_is_a_moment_or_a_moment_error(text):
    try:
        moment = parse_moment(text, now=NOW, tz=SHANGHAI)
    except MomentError as error:
        message_of(error)
        return
    assert moment.utcoffset() is not None
    assert abs(moment - NOW) <= REACH + timedelta(days=2)
    # Stored as UTC and shown in the estate's zone without overflowing.
    assert moment.astimezone(UTC).astimezone(SHANGHAI) == moment


@MANY
@given(st.datetimes(timezones=st.just(SHANGHAI)).map(lambda m: m.replace(second=0, microsecond=0)))
def test_a_moment_written_out_reads_back_as_itself_or_is_too_far(moment):
    for written in (f"{moment:%Y-%m-%d %H:%M}", f"{moment:%Y/%m/%d %H:%M}", moment.isoformat()):
        try:
            assert parse_moment(written, now=NOW, tz=SHANGHAI) == moment
        except MomentError as error:
            message_of(error)
            assert abs(moment - NOW) > REACH - timedelta(days=1)


@MANY
@given(st.integers(0, 10**7), st.sampled_from(["m", "h", "d"]))
def test_a_relative_time_is_now_plus_that_much_or_too_far(amount, unit):
    step = {"m": timedelta(minutes=amount), "h": timedelta(hours=amount)}.get(
        unit, timedelta(days=amount)
    )
    try:
        moment = parse_moment(f"+{amount}{unit}", now=NOW, tz=SHANGHAI)
    except MomentError as error:
        message_of(error)
        assert step > REACH
        return
    assert moment == NOW + step


# --- phones -------------------------------------------------------------------------------


@MANY
@given(typed, st.sampled_from(["", "021", "0755"]))
def test_any_text_is_a_phone_or_a_phone_error(text, area_code):
    try:
        phone = normalize_phone(text, area_code=area_code)
    except PhoneError as error:
        message_of(error)
        return
    assert phone.national.isascii() and phone.national.isdigit()
    # Every form the counter shows or stores reads back as the same number.
    assert normalize_phone(phone.display, area_code=area_code) == phone
    assert normalize_phone(phone.stored, area_code=area_code) == phone
    assert normalize_phone(phone.e164, area_code=area_code).national == phone.national


mobiles = st.builds(
    "{}{}".format,
    st.sampled_from(["130", "135", "138", "139", "150", "158", "177", "186", "189", "199"]),
    st.text(alphabet="0123456789", min_size=8, max_size=8),
)
landlines = st.builds(
    "{}{}".format,
    st.sampled_from(["010", "021", "020", "0755", "0571"]),
    st.text(alphabet="0123456789", min_size=8, max_size=8).filter(lambda d: d[0] not in "01"),
)


@MANY
@given(st.one_of(mobiles, landlines), st.sampled_from(["{}", "+86 {}", "{} ", "（{}）"]))
def test_a_masked_number_never_shows_its_middle_digits(number, form):
    try:
        phone = normalize_phone(form.format(number))
    except PhoneError:
        assume(False)
    national = phone.national
    prefix = 3 if phone.kind == "mobile" else area_code_length(national)
    for masked in (phone.masked, mask_phone(phone.stored), mask_phone(national)):
        # The operator prefix or area code and the last four: at least four digits hidden.
        assert digits_of(masked) == national[:prefix] + national[-4:]
        assert "****" in masked and prefix + 4 <= len(national) - 4


@MANY
@given(typed)
def test_masking_any_text_shows_at_most_the_prefix_and_four_digits(text):
    masked = mask_phone(text)
    assert "****" in masked
    assert len(digits_of(masked)) <= 8


# --- units --------------------------------------------------------------------------------


@MANY
@given(typed)
def test_any_text_is_a_unit_or_a_unit_error(text):
    is_no_unit(text)
    try:
        unit = normalize_unit(text)
    except UnitError as error:
        message_of(error)
        return
    assert normalize_unit(unit.label) == unit
    assert normalize_unit(f" {unit.label} ") == unit
    assert unit.label.isascii()


@MANY
@given(
    st.integers(1, 99),
    st.one_of(st.none(), st.integers(1, 9)),
    st.integers(101, 3299),
    st.sampled_from(["{b}-{e}-{r}", "{b}栋{e}单元{r}室", "{b}号楼{e}单元{r}", "{b} / {e} / {r}"]),
)
def test_every_spelling_of_a_unit_is_one_label(building, entrance, room, spelling):
    if entrance is None:
        spelling = spelling.replace("{e}单元", "").replace("-{e}", "").replace(" / {e}", "")
    unit = normalize_unit(spelling.format(b=building, e=entrance, r=room))
    expected = f"{building}-{room}" if entrance is None else f"{building}-{entrance}-{room}"
    assert unit.label == expected


# --- names --------------------------------------------------------------------------------


@MANY
@given(st.one_of(typed, pasted))
def test_any_text_is_a_name_or_a_name_error(text):
    try:
        name = normalize_name(text)
    except NameInputError as error:
        message_of(error)
        return
    assert 0 < len(name) <= MAX_LENGTH
    assert normalize_name(name) == name
    pinyin, initials = name_pinyin(name), name_initials(name)
    # Searched for as typed: lower case, no spaces (latin and other scripts keep their letters).
    assert pinyin == pinyin.lower() and " " not in pinyin
    assert len(initials) <= len(pinyin)
    surname, given_name = split_surname(name)
    assert (surname + given_name).replace(" ", "") == name.replace(" ", "")
    for title in ("先生", "女士", ""):
        assert address_as(name, title)


@MANY
@given(st.text(alphabet="张王李曾单欧阳司马诸葛长孙 ·", min_size=1, max_size=12))
def test_a_chinese_name_reads_as_lowercase_pinyin_one_initial_a_syllable(text):
    try:
        name = normalize_name(text)
    except NameInputError:
        return
    initials = name_initials(name)
    assert name_pinyin(name).startswith(initials[:1])
    assert len(initials) == len(name.replace("·", ""))
