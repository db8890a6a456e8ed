"""Phone numbers as callers say them, turned into one stored form (DOMAIN.md §5).

Receptionists type numbers while the caller speaks: with or without +86, in groups, in
full-width digits from a Chinese input method, with an extension said as 转 123. Every one of
those forms must land on the same stored number, or a resident is not found the next time
they call. Numbers are shown masked by default; revealing one is a deliberate action elsewhere.
"""

import re
import unicodedata
from dataclasses import dataclass

import phonenumbers
from phonenumbers import PhoneNumberType

from frontdesk.domain.text.free_text import shown
from frontdesk.i18n import _

MOBILE = "mobile"
LANDLINE = "landline"

# NFKC leaves these dashes alone, yet Chinese input methods and word processors produce them.
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63"
_SEPARATORS = " \t-.()/"
# An extension said or written after the number; 分机 is how printed cards spell it.
_EXTENSION = re.compile(r"(?:转|分机|ext\.?|x|#)\s*([0-9]{1,6})\s*$", re.IGNORECASE)
# +86, 0086 or 86 before the number; a bare 86 only counts before a full-length number,
# since an eight-digit local landline may itself begin with 86.
_COUNTRY = re.compile(r"^(?:\+\s*|00\s*)86|^86(?=[\s\-.(]*[0-9](?:[\s\-.()]*[0-9]){9})")
_KINDS = {
    PhoneNumberType.MOBILE: MOBILE,
    PhoneNumberType.FIXED_LINE: LANDLINE,
}


# Separates a landline's extension in the stored form of a number.
EXTENSION_MARK = "转"


class PhoneError(ValueError):
    """Text that is not a Chinese mobile or landline number, with a message for the user."""


@dataclass(frozen=True)
class Phone:
    """One phone number in stored form."""

    national: str
    """Digits only, with the trunk 0 of landlines: ``13800138000``, ``02162345678``."""
    extension: str
    """Extension digits, ``''`` if none."""
    kind: str
    """``'mobile'`` or ``'landline'``."""
    e164: str
    """International form: ``+8613800138000``."""

    @property
    def display(self) -> str:
        """The full number as people read it: ``138 0013 8000``, ``021-6234 5678 转 123``."""
        if self.kind == MOBILE:
            text = f"{self.national[:3]} {self.national[3:7]} {self.national[7:]}"
        else:
            # phonenumbers groups the local part the way the city reads it (4+4 or 3+4).
            number = phonenumbers.parse(self.e164)
            text = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
            text = text.replace(" ", "-", 1)
        return f"{text} 转 {self.extension}" if self.extension else text

    @property
    def stored(self) -> str:
        """How a number is kept in a single column: ``02162123456转801``."""
        return (
            f"{self.national}{EXTENSION_MARK}{self.extension}" if self.extension else self.national
        )

    @property
    def masked(self) -> str:
        """The number as shown by default; the extension is left out."""
        return mask_phone(self.national)


def digits_of(text: str) -> str:
    """The digits of a typed fragment, for searching by any part of a number."""
    if text.isascii() and text.isdigit():
        return text  # a stored number already is (masking fifty of them a search, this counts)
    return "".join(ch for ch in unicodedata.normalize("NFKC", text) if "0" <= ch <= "9")


def area_code_length(national: str) -> int:
    """Length of the area code (with its 0) of a landline: 3 for 010 and 02x, else 4."""
    return 3 if national[:2] in ("01", "02") else 4


def mask_phone(national: str) -> str:
    """A stored number masked for display: ``138****8000``, ``021-****5678``.

    Only the operator prefix or area code and the last four digits stay visible, which is
    enough for the caller to confirm "the number ending 8000" and no more.
    """
    digits = digits_of(national.split(EXTENSION_MARK, 1)[0])
    if national.startswith("+"):  # from abroad, as dialled: no mainland prefix to keep
        return f"****{digits[-4:]}" if len(digits) > 4 else "****"
    if len(digits) == 11 and digits.startswith("1"):
        return f"{digits[:3]}****{digits[-4:]}"
    if digits.startswith("0") and len(digits) >= 10:
        return f"{digits[: area_code_length(digits)]}-****{digits[-4:]}"
    # Anything else stored (should not happen) still never shows more than four digits.
    return f"****{digits[-4:]}" if len(digits) > 4 else "****"


def mask_stored(stored: str) -> str:
    """A stored number (``02162123456转801``) masked, its extension kept: ``021-****3456转801``.

    The extension tells two lines of one switchboard apart and says nothing about the person;
    this is how a number on file is shown, and how a form hands it back to stand for it.
    """
    national, _mark, extension = stored.partition(EXTENSION_MARK)
    masked = mask_phone(national)
    return f"{masked}{EXTENSION_MARK}{extension}" if extension else masked


# What mask_stored gives: a prefix or area code, the stars, the last four, an extension.
_MASKED = re.compile(r"^(?:1[0-9]{2}|0[0-9]{2,3}-|)\*{4}[0-9]{4}(?:转[0-9]{1,6})?$")


def is_masked(text: str) -> bool:
    """Whether ``text`` is a masked number: a stand-in for a number on file, not a number."""
    return bool(_MASKED.match(text.strip()))


def normalize_phone(text: str, *, area_code: str = "") -> Phone:
    """Parse a typed Chinese mobile or landline number into its stored form.

    ``area_code`` (the estate's own, e.g. ``"021"``) completes a local landline typed
    without one. Raises PhoneError with a message for the user when the text is not a
    mobile or landline number of mainland China.
    """
    original = text
    text = unicodedata.normalize("NFKC", text).strip()
    if not text:
        raise PhoneError(_("a phone number is needed: a mobile (11 digits) or a landline"))
    text = text.translate({ord(dash): "-" for dash in _DASHES})
    extension = ""
    if match := _EXTENSION.search(text):
        extension, text = match.group(1), text[: match.start()].rstrip()
    international = False
    if match := _COUNTRY.match(text):
        international, text = True, text[match.end() :]
    if not text or any(not ch.isascii() or not (ch.isdigit() or ch in _SEPARATORS) for ch in text):
        raise _not_a_number(original)
    phone = _lookup(digits_of(text), international, area_code, original)
    if phone is None and not extension:
        phone, extension = _trailing_extension(text, international, area_code, original)
    if phone is None:
        raise _not_a_number(original)
    if extension and phone.kind == MOBILE:
        raise PhoneError(
            _("'{text}': a mobile number has no extension").format(text=shown(original))
        )
    return Phone(phone.national, extension, phone.kind, phone.e164)


def _lookup(digits: str, international: bool, area_code: str, original: str) -> Phone | None:
    """The number ``digits`` dial; a bare local landline takes ``area_code``."""
    if international:
        # "+86 (0)21 …" and "+86 021 …": the trunk 0 is sometimes kept after the country code.
        return _parse("+86" + digits.removeprefix("0"))
    if len(digits) in (7, 8) and digits[0] not in "01":
        return _with_area_code(digits, area_code, original)
    return _parse(digits)


def _with_area_code(local: str, area_code: str, original: str) -> Phone:
    if not area_code.strip():
        raise PhoneError(
            _(
                "'{text}' is a local landline number: give its area code too, e.g. 021-{local}"
            ).format(text=shown(original), local=local)
        )
    code = digits_of(area_code)
    phone = _parse("0" + code.removeprefix("0") + local) if code else None
    if phone is None or phone.kind != LANDLINE:
        raise _not_a_number(original)
    return phone


def _trailing_extension(
    text: str, international: bool, area_code: str, original: str
) -> tuple[Phone | None, str]:
    """A landline followed by ``-123``: the last dash-separated group is its extension."""
    head, dash, tail = text.rpartition("-")
    tail = tail.strip()
    if not dash or not re.fullmatch(r"[0-9]{1,6}", tail):
        return None, ""
    phone = _lookup(digits_of(head), international, area_code, original)
    if phone is None or phone.kind != LANDLINE:
        return None, ""
    return phone, tail


def _parse(digits: str) -> Phone | None:
    """The number ``digits`` stands for in China, or None if it is not a valid one."""
    # Longer than any Chinese number with its country code: not worth asking the library.
    if not 7 <= len(digits.lstrip("+")) <= 15:
        return None
    try:
        number = phonenumbers.parse(digits, "CN")
    except phonenumbers.NumberParseException:
        return None
    if number.country_code != 86 or not phonenumbers.is_valid_number(number):
        return None
    kind = _KINDS.get(phonenumbers.number_type(number))
    if kind is None:  # 400/800 service lines and the like cannot be called back as a person
        return None
    significant = str(number.national_number)
    national = significant if kind == MOBILE else "0" + significant
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    return Phone(national, "", kind, e164)


def _not_a_number(text: str) -> PhoneError:
    return PhoneError(
        _(
            "'{text}' is not a phone number: give a mobile (11 digits) "
            "or a landline with its area code"
        ).format(text=shown(text))
    )


# A run of seven digits or more, spaces and dashes between them allowed: a number written into
# free text ("请打13800138000找我").
_NUMBER_IN_TEXT = re.compile(r"(?<![0-9])\+?[0-9](?:[\s\-]?[0-9]){6,15}(?![0-9])")


def mask_numbers_in(text: str) -> str:
    """``text`` with every phone number written in it masked as a number on file is: what
    leaves the counter (a group message, an e-mail) carries no full number."""
    return _NUMBER_IN_TEXT.sub(lambda found: mask_phone(found.group(0)), text)
