"""Phone numbers as callers say them (DOMAIN.md §5)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from frontdesk.domain.people.phones import (
    Phone,
    PhoneError,
    digits_of,
    is_masked,
    mask_phone,
    mask_stored,
    normalize_phone,
)

MOBILE = Phone("13800138000", "", "mobile", "+8613800138000")
SHANGHAI = Phone("02162345678", "", "landline", "+862162345678")


@pytest.mark.parametrize(
    "typed",
    [
        "13800138000",
        "138 0013 8000",
        "138-0013-8000",
        "138.0013.8000",
        "(138) 0013 8000",
        "+8613800138000",
        "+86 138 0013 8000",
        "+86-138-0013-8000",
        "0086 13800138000",
        "8613800138000",
        "86 138 0013 8000",
        "１３８００１３８０００",
        "１３８　００１３　８０００",
        "  13800138000  ",
    ],
)
def test_every_way_of_typing_a_mobile_lands_on_one_stored_number(typed):
    assert normalize_phone(typed) == MOBILE


@pytest.mark.parametrize(
    "typed",
    [
        "02162345678",
        "021-62345678",
        "021 6234 5678",
        "(021) 6234 5678",
        "(021)62345678",
        "021.6234.5678",
        "021-6234-5678",
        "021—6234—5678",
        "021–6234–5678",
        "０２１－６２３４５６７８",
        "+86 21 6234 5678",
        "+86 (0)21 6234 5678",
        "+86 021 62345678",
        "0086 21 62345678",
        "862162345678",
    ],
)
def test_every_way_of_typing_a_landline_lands_on_one_stored_number(typed):
    assert normalize_phone(typed) == SHANGHAI


def test_mobile_is_shown_in_groups_of_three_four_four():
    assert normalize_phone("13800138000").display == "138 0013 8000"


def test_mobile_kind_and_international_form():
    phone = normalize_phone("19912345678")
    assert (phone.kind, phone.e164, phone.extension) == ("mobile", "+8619912345678", "")


def test_landline_is_shown_with_its_area_code_and_a_dash():
    assert normalize_phone("02162345678").display == "021-6234 5678"


def test_four_digit_area_code_landline():
    phone = normalize_phone("0755-8888 6666")
    assert phone.national == "075588886666"
    assert phone.display == "0755-8888 6666"
    assert phone.masked == "0755-****6666"


def test_seven_digit_local_number_with_four_digit_area_code():
    phone = normalize_phone("0912-1234567")
    assert phone.national == "09121234567"
    assert phone.display == "0912-123 4567"


@pytest.mark.parametrize(
    "typed",
    [
        "021-62345678转123",
        "021-62345678 转 123",
        "021-62345678分机123",
        "021-62345678 ext 123",
        "021-62345678 EXT 123",
        "021-62345678 ext.123",
        "021-62345678 Ext. 123",
        "021-62345678x123",
        "021-62345678 X 123",
        "021-62345678#123",
        "021-62345678-123",
        "021 6234 5678-123",
        "０２１－６２３４５６７８转１２３",
        "+86 21 6234 5678-123",
    ],
)
def test_extension_is_split_off_in_every_written_form(typed):
    phone = normalize_phone(typed)
    assert (phone.national, phone.extension, phone.kind) == ("02162345678", "123", "landline")


def test_extension_is_displayed_after_zhuan():
    assert normalize_phone("021-62345678-123").display == "021-6234 5678 转 123"


def test_extension_is_not_shown_when_masked():
    assert normalize_phone("021-62345678转123").masked == "021-****5678"


def test_a_four_digit_trailing_group_is_part_of_the_number_not_an_extension():
    phone = normalize_phone("021-6234-5678")
    assert (phone.national, phone.extension) == ("02162345678", "")


def test_local_landline_is_completed_with_the_estates_area_code():
    phone = normalize_phone("6234 5678", area_code="021")
    assert phone == SHANGHAI


def test_local_landline_area_code_may_be_given_without_its_zero():
    assert normalize_phone("62345678", area_code="21") == SHANGHAI


def test_local_landline_with_extension_and_area_code():
    phone = normalize_phone("62345678转8", area_code="021")
    assert (phone.national, phone.extension) == ("02162345678", "8")


def test_local_landline_with_trailing_extension_group_and_area_code():
    phone = normalize_phone("6234-5678-88", area_code="021")
    assert (phone.national, phone.extension) == ("02162345678", "88")


def test_area_code_does_not_change_a_complete_number():
    assert normalize_phone("0755 8888 6666", area_code="021").national == "075588886666"
    assert normalize_phone("13800138000", area_code="021") == MOBILE


def test_local_landline_without_area_code_asks_for_it():
    with pytest.raises(PhoneError, match="area code"):
        normalize_phone("6234 5678")


def test_local_landline_with_trailing_extension_without_area_code_asks_for_it():
    with pytest.raises(PhoneError, match="area code"):
        normalize_phone("62345678-123")


def test_wrong_area_code_setting_is_rejected():
    with pytest.raises(PhoneError):
        normalize_phone("62345678", area_code="9")


def test_short_number_is_rejected_with_the_expected_forms_in_the_message():
    with pytest.raises(PhoneError) as caught:
        normalize_phone("12345")
    assert str(caught.value) == (
        "'12345' is not a phone number: give a mobile (11 digits) or a landline with its area code"
    )


def test_empty_number_is_rejected():
    with pytest.raises(PhoneError, match="needed"):
        normalize_phone("   ")


@pytest.mark.parametrize(
    "typed",
    [
        "abc",
        "1380013800",  # ten digits
        "138001380001",  # twelve digits
        "10012345678",  # no such mobile prefix
        "0212345678",  # Shanghai numbers have eight digits
        "+1 650 253 0000",  # not a Chinese number
        "+44 20 7946 0958",
        "+86",
        "转123",
        "138O0138000",  # letter O for zero
        "4008123123",  # service line: nobody to call back
        "8008208820",
        "95588",
        "021-62345678-1234567",  # extension too long
        "tel 13800138000",
    ],
)
def test_what_is_not_a_chinese_mobile_or_landline_is_rejected(typed):
    with pytest.raises(PhoneError, match="not a phone number"):
        normalize_phone(typed)


def test_a_mobile_with_an_extension_is_rejected_as_a_slip():
    with pytest.raises(PhoneError, match="mobile number has no extension"):
        normalize_phone("13800138000转12")


def test_phone_error_is_a_value_error():
    assert issubclass(PhoneError, ValueError)


def test_mobile_is_masked_to_prefix_and_last_four():
    assert normalize_phone("13800138000").masked == "138****8000"


def test_landline_is_masked_to_area_code_and_last_four():
    assert normalize_phone("021-62345678").masked == "021-****5678"


@pytest.mark.parametrize(
    ("stored", "masked"),
    [
        ("13812345678", "138****5678"),
        ("02162345678", "021-****5678"),
        ("01012345678", "010-****5678"),
        ("075588886666", "0755-****6666"),
        ("09121234567", "0912-****4567"),
        ("123456", "****3456"),
        ("123", "****"),
        ("", "****"),
    ],
)
def test_stored_numbers_never_show_more_than_their_prefix_and_last_four(stored, masked):
    assert mask_phone(stored) == masked


@pytest.mark.parametrize(
    ("typed", "digits"),
    [
        ("138 0013", "1380013"),
        ("１３８－００", "13800"),
        ("021-6234", "0216234"),
        ("5678转", "5678"),
        ("张三", ""),
    ],
)
def test_search_fragment_keeps_only_its_digits(typed, digits):
    assert digits_of(typed) == digits


@given(st.text(max_size=40))
def test_any_text_is_a_phone_or_a_phone_error(text):
    try:
        phone = normalize_phone(text)
    except PhoneError:
        return
    assert phone.kind in ("mobile", "landline")
    assert phone.national.isdigit()
    assert phone.e164.startswith("+86")


@given(
    st.text(alphabet="0123456789 -+()#x转.０１２３４５６７８９", max_size=30),
    st.sampled_from(["", "021", "0755", "21"]),
)
def test_any_number_like_text_is_a_phone_or_a_phone_error(text, area_code):
    try:
        phone = normalize_phone(text, area_code=area_code)
    except PhoneError:
        return
    assert phone.masked.endswith(phone.national[-4:])
    assert "****" in phone.masked


def test_a_local_number_beginning_with_86_is_not_taken_for_the_country_code():
    phone = normalize_phone("8612 3456", area_code="021")
    assert phone.national == "02186123456"


def test_the_stored_form_keeps_the_extension_and_masks_without_it():
    phone = normalize_phone("021-6212 3456 转 801")
    assert phone.stored == "02162123456转801"
    assert normalize_phone("13800138000").stored == "13800138000"
    assert mask_phone(phone.stored) == "021-****3456"


@pytest.mark.parametrize(
    ("stored", "masked"),
    [
        ("13800138000", "138****8000"),
        ("02162123456转801", "021-****3456转801"),
        ("075512345678", "0755-****5678"),
    ],
)
def test_a_number_on_file_is_handed_back_masked_with_its_extension(stored, masked):
    assert mask_stored(stored) == masked
    assert is_masked(masked) and not is_masked(stored)


@pytest.mark.parametrize("text", ["138****", "138 **** 8000", "1380013****", "****"])
def test_only_the_masks_the_app_makes_stand_for_a_number_on_file(text):
    assert not is_masked(text)
