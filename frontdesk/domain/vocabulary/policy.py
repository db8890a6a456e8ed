"""The estate's policy file read into typed settings.

Every number of the handbook an estate may change lives in ``data/policy.toml``; this module
reads it once and reports any mistake with the key and the line it stands on.
"""

import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, time
from pathlib import Path
from typing import Any, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from frontdesk.domain.text.free_text import shown
from frontdesk.domain.vocabulary.durations import Duration, Unit, parse_duration
from frontdesk.domain.vocabulary.kinds import ComplaintClass, FollowUpReason, Role
from frontdesk.i18n import _

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
T = TypeVar("T")


class PolicyError(ValueError):
    """A mistake in the policy file, with the key and line where it stands."""

    def __init__(self, message: str, *, key: str = "", line: int | None = None, path: str = ""):
        where = ", ".join(
            part
            for part in (
                path,
                _("line {line}").format(line=line) if line else "",
                _("key {key}").format(key=key) if key else "",
            )
            if part
        )
        super().__init__(f"{where}: {message}" if where else message)
        self.key = key
        self.line = line


@dataclass(frozen=True)
class TimeRange:
    """Opening time to closing time within one day."""

    start: time
    end: time

    def __str__(self) -> str:
        return f"{self.start:%H:%M}-{self.end:%H:%M}"


@dataclass(frozen=True)
class ComplaintRule:
    """Milestones of one complaint class (DOMAIN.md §3); ``None`` where the class has none."""

    escalate: Duration | None = None
    escalate_to: Role | None = None
    reply: Duration | None = None
    resolve: Duration | None = None
    extension_approver: Role | None = None
    resident_may_set_deadline: bool = False


@dataclass(frozen=True)
class Policy:
    """Typed settings of one estate's counter."""

    centre_name: str
    timezone: ZoneInfo
    area_code: str
    departments: tuple[str, ...]
    count_working_days: bool
    hours: dict[int, TimeRange | None]
    closed_dates: frozenset[date]
    callable_normal: TimeRange
    callable_evening: TimeRange
    pick_up_within: int
    apologise_from: int
    upgrade_after: Duration
    complaint: dict[ComplaintClass, ComplaintRule]
    followup: dict[FollowUpReason, Duration] = field(default_factory=dict)
    #: One ring of the phone, on and off, in seconds: how a ring's length becomes a count.
    ring_seconds: float = 5.0


def parse_time_range(text: str) -> TimeRange:
    """Parse "HH:MM-HH:MM"; raises ValueError with a message for the user."""
    match = re.fullmatch(r"\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*", text)
    if not match:
        raise ValueError(_('"{text}" is not a time range like "08:30-18:00"').format(text=text))
    h1, m1, h2, m2 = (int(g) for g in match.groups())
    try:
        start, end = time(h1, m1), time(h2, m2)
    except ValueError as exc:
        raise ValueError(f'"{text}": {exc}') from None
    if end <= start:
        raise ValueError(_('"{text}": the end must be after the start').format(text=text))
    return TimeRange(start, end)


def load_policy(path: Path) -> Policy:
    """Read and check the policy file at ``path``."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise PolicyError(
            _("cannot read the policy file: {error}").format(error=exc.strerror), path=str(path)
        ) from None
    return parse_policy(text, source=str(path))


def parse_policy(text: str, *, source: str = "policy") -> Policy:
    """Check the policy text and build the typed settings."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line = re.search(r"line (\d+)", str(exc))
        raise PolicyError(
            _("not valid TOML: {error}").format(error=exc),
            path=source,
            line=int(line.group(1)) if line else None,
        ) from None
    except RecursionError:
        # tomllib reads nested arrays and tables recursively; no policy nests more than twice.
        raise PolicyError(_("not valid TOML: nested too deeply"), path=source) from None
    return _Reader(raw, text, source).policy()


_RULE_KEYS = {
    "escalate": None,
    "escalate_to": None,
    "reply": None,
    "resolve": None,
    "extension_approver": None,
    "resident_may_set_deadline": None,
}
# What a policy file written before a rule existed is given for it: a missed call is returned
# within the hour, in the callable window.
DEFAULT_FOLLOWUP: dict[FollowUpReason, Duration] = {
    FollowUpReason.MISSED_CALL: Duration(1, Unit.HOURS),
}
# Every key the file may hold; anything else is a typo that would silently drop a rule.
SCHEMA: dict[str, Any] = {
    "centre": {"name": None, "timezone": None, "area_code": None, "departments": None},
    "counting": {"days": None},
    "hours": {**{day: None for day in WEEKDAYS}, "closed_dates": None},
    "callable": {"normal": None, "evening": None},
    "rings": {"pick_up_within": None, "apologise_from": None, "seconds_each": None},
    "complaint": {"upgrade_after": None, **{cls.value: _RULE_KEYS for cls in ComplaintClass}},
    "followup": {
        "repair_safety": None,
        "repair_leak": None,
        "repair_other": None,
        "complaint_result": None,
        "missed_call": None,
    },
}
# The milestones the handbook gives each class (DOMAIN.md §3): the file may change their
# numbers, not leave them out.
REQUIRED_MILESTONES = {
    ComplaintClass.MAJOR: ("escalate", "escalate_to", "reply", "resolve"),
    ComplaintClass.IMPORTANT: ("escalate", "escalate_to", "resolve", "extension_approver"),
    ComplaintClass.MINOR: ("resolve",),
    ComplaintClass.INVALID: (),
}


class _Reader:
    """Walks the parsed TOML, converting each key and naming the line of any mistake."""

    def __init__(self, raw: dict[str, Any], text: str, source: str):
        self.raw, self.text, self.source = raw, text, source

    def fail(self, key: str, message: str) -> PolicyError:
        return PolicyError(message, key=key, line=_line_of(self.text, key), path=self.source)

    def get(self, key: str, convert: Callable[[Any], T], *, default: Any = ...) -> T:
        node: Any = self.raw
        for part in key.split("."):
            if not isinstance(node, dict) or part not in node:
                if default is not ...:
                    return default
                raise self.fail(key, _("missing"))
            node = node[part]
        try:
            return convert(node)
        except (ValueError, TypeError, KeyError) as exc:
            raise self.fail(key, str(exc) or _("invalid value")) from None

    def unknown_keys(self, node: dict[str, Any], schema: dict[str, Any], prefix: str) -> None:
        for key, value in node.items():
            path = f"{prefix}{key}"
            if key not in schema:
                raise self.fail(path, _('unknown key "{key}" (a typo?)').format(key=key))
            if isinstance(schema[key], dict):
                if not isinstance(value, dict):
                    raise self.fail(path, _("expected a table"))
                self.unknown_keys(value, schema[key], f"{path}.")

    def policy(self) -> Policy:
        self.unknown_keys(self.raw, SCHEMA, "")
        hours = {i: self.get(f"hours.{day}", _opening) for i, day in enumerate(WEEKDAYS)}
        if not any(hours.values()):
            raise self.fail("hours", _("the counter must be open on at least one weekday"))
        policy = Policy(
            centre_name=self.get("centre.name", _text),
            timezone=self.get("centre.timezone", _zone),
            area_code=self.get("centre.area_code", _area_code, default=""),
            departments=self.get("centre.departments", _names),
            count_working_days=self.get("counting.days", _day_count, default=False),
            hours=hours,
            closed_dates=self.get("hours.closed_dates", _dates, default=frozenset()),
            callable_normal=self.get("callable.normal", _range),
            callable_evening=self.get("callable.evening", _range),
            pick_up_within=self.get("rings.pick_up_within", _count),
            apologise_from=self.get("rings.apologise_from", _count),
            ring_seconds=self.get("rings.seconds_each", _seconds, default=5.0),
            upgrade_after=self.get("complaint.upgrade_after", parse_duration_value),
            complaint={cls: self.complaint_rule(cls) for cls in ComplaintClass},
            followup={
                reason: self.get(
                    f"followup.{reason.value.replace('-', '_')}",
                    parse_duration_value,
                    default=DEFAULT_FOLLOWUP.get(reason, ...),
                )
                for reason in FollowUpReason
                if reason not in (FollowUpReason.PROMISED, FollowUpReason.PROGRESS)
            },
        )
        self.check_together(policy)
        return policy

    def check_together(self, policy: Policy) -> None:
        """Rules between keys."""
        if policy.apologise_from <= policy.pick_up_within:
            raise self.fail("rings.apologise_from", _("must be more than pick_up_within"))
        if policy.callable_evening.end < policy.callable_normal.end:
            raise self.fail(
                "callable.evening", _("the evening window must end after the normal one")
            )
        if policy.upgrade_after.unit in (Unit.SAME_DAY, Unit.HOURS):
            raise self.fail("complaint.upgrade_after", _("give days or months"))

    def complaint_rule(self, cls: ComplaintClass) -> ComplaintRule:
        base = f"complaint.{cls.value}"
        for key in REQUIRED_MILESTONES[cls]:
            self.get(f"{base}.{key}", lambda value: value)
        optional = {"default": None}
        rule = ComplaintRule(
            escalate=self.get(f"{base}.escalate", parse_duration_value, **optional),
            escalate_to=self.get(f"{base}.escalate_to", Role, **optional),
            reply=self.get(f"{base}.reply", parse_duration_value, **optional),
            resolve=self.get(f"{base}.resolve", parse_duration_value, **optional),
            extension_approver=self.get(f"{base}.extension_approver", Role, **optional),
            resident_may_set_deadline=self.get(
                f"{base}.resident_may_set_deadline", _flag, default=False
            ),
        )
        if (rule.escalate is None) != (rule.escalate_to is None):
            raise self.fail(base, _("escalate and escalate_to go together"))
        return rule


def parse_duration_value(value: Any) -> Duration:
    return parse_duration(_text(value))


def _text(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(_("expected non-empty text"))
    return value.strip()


def _names(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not value:
        raise ValueError(_('expected a list of names like ["维修部", "安护部"]'))
    names = tuple(_text(item) for item in value)
    if len(set(names)) != len(names):
        raise ValueError(_("a name is listed twice"))
    return names


def _flag(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError(_("expected true or false"))
    return value


def _count(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise ValueError(_("expected a whole number of at least 1"))
    return value


def _seconds(value: Any) -> float:
    if not isinstance(value, int | float) or isinstance(value, bool) or not 1 <= value <= 60:
        raise ValueError(_("expected a number of seconds from 1 to 60"))
    return float(value)


def _zone(value: Any) -> ZoneInfo:
    try:
        return ZoneInfo(_text(value))
    except (ZoneInfoNotFoundError, ValueError, OSError):
        # OSError: "Asia" is a folder of the zone database, a long name too long for a file.
        raise ValueError(
            _('unknown time zone "{zone}" (e.g. "Asia/Shanghai")').format(zone=shown(str(value)))
        ) from None


def _area_code(value: Any) -> str:
    code = _text(value) if value != "" else ""
    if code and not re.fullmatch(r"0\d{2,3}", code):
        raise ValueError(_('"{code}" is not an area code like "021" or "0755"').format(code=code))
    return code


def _day_count(value: Any) -> bool:
    if value not in ("calendar", "working"):
        raise ValueError(_('expected "calendar" or "working"'))
    return value == "working"


def _range(value: Any) -> TimeRange:
    return parse_time_range(_text(value))


def _opening(value: Any) -> TimeRange | None:
    return None if _text(value).lower() == "closed" else _range(value)


def _dates(value: Any) -> frozenset[date]:
    if not isinstance(value, list):
        raise ValueError(_('expected a list of dates like ["2027-01-01"]'))
    out = set()
    for item in value:
        if isinstance(item, date):
            out.add(item)
            continue
        try:
            out.add(date.fromisoformat(str(item)))
        except ValueError:
            raise ValueError(
                _('"{item}" is not a date like 2027-01-01').format(item=item)
            ) from None
    return frozenset(out)


def _line_of(text: str, key: str) -> int | None:
    """The line where ``key`` (dotted) is set or its table opens; None if it is absent."""
    table, best = "", None
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.split("#", 1)[0].strip()
        header = re.fullmatch(r"\[\s*([^\]]+?)\s*\]", stripped)
        if header:
            table = header.group(1)
            if table == key:
                best = number
            continue
        assignment = re.match(r"([A-Za-z0-9_.\-\"]+)\s*=", stripped)
        if assignment:
            name = assignment.group(1).strip('"')
            full = f"{table}.{name}" if table else name
            if full == key:
                return number
    return best


def is_working_day_count(policy: Policy, duration: Duration) -> bool:
    """Whether ``duration`` counts working days under this policy."""
    return duration.unit is Unit.WORKING_DAYS or (
        duration.unit is Unit.DAYS and policy.count_working_days
    )
