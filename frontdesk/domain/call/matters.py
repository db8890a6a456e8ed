"""The required fields of each kind of matter (DOMAIN.md §2) and their validation.

A matter cannot be filed without its required fields. Validation takes what was typed (text) or
values already typed by a program, and answers with clean values or with one message per field,
to be shown next to that field.
"""

import builtins
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from frontdesk.domain.clock.moments import MomentError, Tense, parse_moment, within_reach
from frontdesk.domain.people.names import NameInputError, normalize_name
from frontdesk.domain.people.phones import Phone, PhoneError, normalize_phone
from frontdesk.domain.people.units import UnitError, UnitRef, is_no_unit, normalize_unit
from frontdesk.domain.text.free_text import MAX_TEXT, clean_text
from frontdesk.domain.vocabulary.kinds import (
    ComplaintClass,
    Emotion,
    MatterKind,
    Need,
    RepairCategory,
)
from frontdesk.domain.vocabulary.policy import Policy
from frontdesk.i18n import _


class FieldType(StrEnum):
    TEXT = "text"
    NAME = "name"
    PHONE = "phone"
    UNIT = "unit"
    MOMENT = "moment"
    CHOICE = "choice"
    FLAG = "flag"
    DEPARTMENT = "department"


@dataclass(frozen=True)
class FieldSpec:
    """One field of a matter: what it holds and when it is required."""

    name: str
    label: str
    type: FieldType
    required: bool = True
    # builtins.type: the field above is named type.
    choices: builtins.type[StrEnum] | None = None
    # Required only when this returns true for the other cleaned values.
    required_if: Callable[[Mapping[str, Any]], bool] | None = None
    # A time field asks when something happened (PAST) or when something will be (FUTURE):
    # it decides which 周五 or 3号 the caller means.
    tense: Tense = Tense.EITHER


def _unanswered(values: Mapping[str, Any]) -> bool:
    return values.get("answered") is False


_CONTENT = FieldSpec("content", _("content"), FieldType.TEXT)

FIELDS: dict[MatterKind, tuple[FieldSpec, ...]] = {
    MatterKind.ENQUIRY: (
        FieldSpec("content", _("question"), FieldType.TEXT),
        FieldSpec("answered", _("answered on the call"), FieldType.FLAG),
        FieldSpec(
            "callback_phone", _("call-back number"), FieldType.PHONE, False, required_if=_unanswered
        ),
        FieldSpec(
            "promised_at",
            _("promised reply time"),
            FieldType.MOMENT,
            False,
            required_if=_unanswered,
            tense=Tense.FUTURE,
        ),
    ),
    MatterKind.REPAIR: (
        FieldSpec("contact_name", _("resident name"), FieldType.NAME),
        FieldSpec("unit", _("unit"), FieldType.UNIT),
        FieldSpec("content", _("what is broken"), FieldType.TEXT),
        FieldSpec(
            "repair_category", _("repair category"), FieldType.CHOICE, choices=RepairCategory
        ),
        FieldSpec(
            "visit_at",
            _("convenient time for the visit"),
            FieldType.MOMENT,
            tense=Tense.FUTURE,
        ),
        FieldSpec("department", _("department"), FieldType.DEPARTMENT),
    ),
    MatterKind.COMPLAINT: (
        FieldSpec("contact_name", _("complainant"), FieldType.NAME),
        FieldSpec("unit", _("unit"), FieldType.UNIT),
        FieldSpec("contact_phone", _("contact number"), FieldType.PHONE),
        FieldSpec("happened_at", _("when it happened"), FieldType.MOMENT, tense=Tense.PAST),
        FieldSpec("place", _("where"), FieldType.TEXT),
        FieldSpec("complained_party", _("who or which department"), FieldType.TEXT),
        FieldSpec("content", _("what happened"), FieldType.TEXT),
        FieldSpec("complaint_class", _("class"), FieldType.CHOICE, choices=ComplaintClass),
        FieldSpec("emotion", _("emotion"), FieldType.CHOICE, choices=Emotion),
        FieldSpec("need", _("need"), FieldType.CHOICE, choices=Need),
        FieldSpec(
            "requested_deadline",
            _("deadline the resident asked for"),
            FieldType.MOMENT,
            False,
            tense=Tense.FUTURE,
        ),
        FieldSpec("department", _("department"), FieldType.DEPARTMENT, False),
    ),
    MatterKind.SUGGESTION: (_CONTENT,),
    MatterKind.PRAISE: (_CONTENT,),
    MatterKind.OTHER: (_CONTENT,),
}


@dataclass(frozen=True)
class FieldError:
    """A message for the user, shown next to the field it names."""

    field: str
    message: str


class MatterInvalid(ValueError):
    """The matter cannot be filed; one message per field at fault."""

    def __init__(self, errors: list[FieldError]):
        super().__init__("; ".join(f"{e.field}: {e.message}" for e in errors))
        self.errors = errors


@dataclass(frozen=True)
class CleanMatter:
    """A matter whose required fields are all present and valid."""

    kind: MatterKind
    values: dict[str, Any] = field(default_factory=dict)

    @property
    def unit(self) -> UnitRef | None:
        return self.values.get("unit")


def validate_matter(
    kind: MatterKind, raw: Mapping[str, Any], *, policy: Policy, now: datetime
) -> CleanMatter:
    """Check ``raw`` against the fields of ``kind``; raises ``MatterInvalid``."""
    specs = FIELDS[kind]
    values: dict[str, Any] = {}
    errors: list[FieldError] = []
    for spec in specs:
        given = raw.get(spec.name)
        if _blank(given):
            continue
        try:
            value = _convert(spec, given, policy=policy, now=now)
        except (ValueError, TypeError) as exc:
            errors.append(FieldError(spec.name, str(exc)))
            continue
        # Text of control characters only is as good as nothing: required fields say so.
        if value != "":
            values[spec.name] = value
    failed = {e.field for e in errors}
    for spec in specs:
        needed = spec.required or (spec.required_if is not None and spec.required_if(values))
        if needed and spec.name not in values and spec.name not in failed:
            errors.append(FieldError(spec.name, _("{label} is required").format(label=spec.label)))
    errors.extend(_cross_checks(kind, values, now))
    if errors:
        raise MatterInvalid(errors)
    if kind is MatterKind.ENQUIRY and values.get("answered"):
        values.pop("promised_at", None)
    return CleanMatter(kind, values)


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _convert(spec: FieldSpec, value: Any, *, policy: Policy, now: datetime) -> Any:
    match spec.type:
        case FieldType.TEXT:
            text = clean_text(str(value)).strip()
            if len(text) > MAX_TEXT:
                raise ValueError(
                    _("{n} characters: at most {limit} are kept").format(
                        n=len(text), limit=MAX_TEXT
                    )
                )
            return text
        case FieldType.NAME:
            try:
                return normalize_name(str(value))
            except NameInputError as exc:
                raise ValueError(str(exc)) from None
        case FieldType.PHONE:
            if isinstance(value, Phone):
                return value
            try:
                return normalize_phone(str(value), area_code=policy.area_code)
            except PhoneError as exc:
                raise ValueError(str(exc)) from None
        case FieldType.UNIT:
            if isinstance(value, UnitRef):
                return value
            if is_no_unit(str(value)):
                return None
            try:
                return normalize_unit(str(value))
            except UnitError as exc:
                raise ValueError(str(exc)) from None
        case FieldType.MOMENT:
            if isinstance(value, datetime):
                if value.tzinfo is None or value.utcoffset() is None:
                    raise ValueError(_("a moment needs its time zone"))
                return within_reach(value, now=now)
            try:
                return parse_moment(str(value), now=now, tz=policy.timezone, tense=spec.tense)
            except MomentError as exc:
                raise ValueError(str(exc)) from None
        case FieldType.FLAG:
            return _flag(value)
        case FieldType.CHOICE:
            assert spec.choices is not None
            return _choice(spec.choices, value)
        case FieldType.DEPARTMENT:
            return _department(str(value), policy.departments)
    raise AssertionError(spec.type)  # pragma: no cover


_YES = {"y", "yes", "true", "1", "是", "已", "已答复", "answered"}
_NO = {"n", "no", "false", "0", "否", "未", "未答复", "unanswered"}


def _flag(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise ValueError(_("answer yes or no (y/n)"))


def _choice(choices: type[StrEnum], value: Any) -> StrEnum:
    if isinstance(value, choices):
        return value
    text = str(value).strip().lower()
    matches = [c for c in choices if c.value == text] or [
        c for c in choices if c.value.startswith(text)
    ]
    if len(matches) == 1:
        return matches[0]
    options = ", ".join(c.value for c in choices)
    raise ValueError(_("choose one of: {options}").format(options=options))


def _department(value: str, departments: tuple[str, ...]) -> str:
    text = value.strip()
    matches = [d for d in departments if d == text] or [
        d for d in departments if d.lower().startswith(text.lower())
    ]
    if len(matches) == 1:
        return matches[0]
    raise ValueError(_("choose one of: {options}").format(options=", ".join(departments)))


def _cross_checks(kind: MatterKind, values: Mapping[str, Any], now: datetime) -> list[FieldError]:
    """Rules between fields and against the clock."""
    errors = []
    for name in ("promised_at", "visit_at", "requested_deadline"):
        moment = values.get(name)
        if moment is not None and moment <= now:
            errors.append(FieldError(name, _("this time has already passed")))
    happened = values.get("happened_at")
    if happened is not None and happened > now:
        errors.append(FieldError("happened_at", _("this time is still to come")))
    if values.get("requested_deadline") and values.get("complaint_class") not in (
        None,
        ComplaintClass.MINOR,
    ):
        errors.append(
            FieldError(
                "requested_deadline",
                _(
                    "only a minor complaint takes the resident's deadline; "
                    "the class sets the others"
                ),
            )
        )
    return errors


def summary_of(clean: CleanMatter, width: int = 40) -> str:
    """A one-line summary for lists: the first line of the content, shortened."""
    first = clean.values.get("content", "").splitlines()[0] if clean.values.get("content") else ""
    return first if len(first) <= width else first[: width - 1] + "…"
