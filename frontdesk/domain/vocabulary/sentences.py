"""What the rules say, kept as data: a sentence's English template and its typed values.

A deadline's rule and the steps that reached it, and the lines the system writes into a matter's
history, are stored as these and put into words only where they are read, in the reader's
language: a complaint taken at an English counter reads in Chinese at a Chinese one, and a
better translation reaches every row already stored. A template is the catalog's message id
(``scripts/i18n.py`` collects every ``sentence("…")``); the values keep their type, so a moment is
written in the reader's way of writing dates and a class in the reader's words for it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any, TypeAlias

from frontdesk.domain.vocabulary import kinds
from frontdesk.domain.vocabulary.durations import Duration, Unit

#: The shape of the stored data; a reader refuses a version it does not know, and shows the
#: legacy text instead.
VERSION = 1


@dataclass(frozen=True)
class Moment:
    """A moment written in full: weekday, date and time."""

    at: datetime


@dataclass(frozen=True)
class Day:
    """A day written with its weekday, without the time."""

    at: datetime


@dataclass(frozen=True)
class Within:
    """How a rule gives its time: "within 3 days", "the same day"."""

    duration: Duration


@dataclass(frozen=True)
class Sentence:
    """A sentence to be said: ``template`` with its ``{name}`` fields filled from ``values``.

    A ``str`` value is said as it is (a person's name, a resident's own words, a text stored
    before sentences were kept as data); every other value is put into the reader's words.
    """

    template: str
    values: tuple[tuple[str, Value], ...] = ()


Value: TypeAlias = str | int | Moment | Day | Within | Duration | StrEnum | Sentence


def sentence(template: str, /, **values: Value) -> Sentence:
    return Sentence(template, tuple(values.items()))


def as_it_is(text: str) -> Sentence:
    """Words said as they were written, in whatever language that was."""
    return Sentence("{text}", (("text", text),))


# Every kind of the vocabulary a sentence may name, by its class name in the stored data.
_LABELS: dict[str, type[StrEnum]] = {
    name: kind
    for name, kind in vars(kinds).items()
    if isinstance(kind, type) and issubclass(kind, StrEnum) and kind is not StrEnum
}


def to_data(sentence: Sentence) -> dict[str, Any]:
    """The sentence as JSON-ready data: ``{"v": 1, "say": template, "with": {name: value}}``."""
    return {"v": VERSION, **_sentence_data(sentence)}


def from_data(data: Any) -> Sentence:
    """The sentence ``to_data`` wrote; ValueError for anything else."""
    if not isinstance(data, dict) or data.get("v") != VERSION:
        raise ValueError("not a sentence of a known version")
    return _sentence(data)


def _sentence_data(sentence: Sentence) -> dict[str, Any]:
    return {"say": sentence.template, "with": {k: _value_data(v) for k, v in sentence.values}}


def _value_data(value: Value) -> dict[str, Any]:
    match value:
        case Sentence():
            return {"sentence": _sentence_data(value)}
        case Moment(at=at):
            return {"moment": at.isoformat()}
        case Day(at=at):
            return {"day": at.isoformat()}
        case Within(duration=d):
            return {"within": _duration_data(d)}
        case Duration():
            return {"duration": _duration_data(value)}
        case StrEnum():
            return {"label": type(value).__name__, "value": value.value}
        case bool():
            raise TypeError("a sentence says no booleans")
        case int():
            return {"number": value}
        case str():
            return {"words": value}
    raise TypeError(f"a sentence cannot keep {type(value).__name__}")


def _duration_data(duration: Duration) -> dict[str, Any]:
    return {"amount": duration.amount, "unit": duration.unit.value}


def _sentence(data: Any) -> Sentence:
    if not isinstance(data, dict) or not isinstance(data.get("say"), str):
        raise ValueError("not a sentence")
    values = data.get("with", {})
    if not isinstance(values, dict):
        raise ValueError("not a sentence's values")
    return Sentence(data["say"], tuple((str(k), _value(v)) for k, v in values.items()))


def _value(data: Any) -> Value:
    if not isinstance(data, dict) or len(data) not in (1, 2):
        raise ValueError("not a sentence's value")
    try:
        if "sentence" in data:
            return _sentence(data["sentence"])
        if "moment" in data:
            return Moment(_aware(data["moment"]))
        if "day" in data:
            return Day(_aware(data["day"]))
        if "within" in data:
            return Within(_duration(data["within"]))
        if "duration" in data:
            return _duration(data["duration"])
        if "label" in data:
            return _label(data["label"], str(data["value"]))
        if "number" in data and isinstance(data["number"], int):
            return data["number"]
        if "words" in data and isinstance(data["words"], str):
            return data["words"]
    except (KeyError, TypeError) as error:
        raise ValueError(f"not a sentence's value: {error}") from error
    raise ValueError("not a sentence's value")


def _label(kind_name: str, value: str) -> Value:
    # A value no longer in the vocabulary is said as it was stored.
    kind = _LABELS.get(kind_name)
    try:
        return kind(value) if kind else value
    except ValueError:
        return value


def _aware(text: Any) -> datetime:
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        raise ValueError("a stored moment without its offset")
    return moment


def _duration(data: Any) -> Duration:
    return Duration(int(data["amount"]), Unit(data["unit"]))


def worked_out_data(rule: Sentence, steps: Iterable[Sentence]) -> dict[str, Any]:
    """A deadline's rule and steps as the store keeps them."""
    return {"v": VERSION, "rule": to_data(rule), "steps": [to_data(step) for step in steps]}


def stored_sentence(data: Any, legacy: str) -> Sentence:
    """The sentence a row keeps, or its legacy text when it keeps none (or none readable)."""
    try:
        return from_data(data) if data else as_it_is(legacy)
    except ValueError:
        return as_it_is(legacy)


def stored_steps(
    data: Any, legacy_rule: str, legacy_explanation: str
) -> tuple[Sentence, list[Sentence]]:
    """A deadline row's rule and steps: from its worked-out data, or its legacy texts."""
    if isinstance(data, dict) and data.get("v") == VERSION:
        try:
            steps = data.get("steps")
            if not isinstance(steps, list):
                raise ValueError("no steps")
            return from_data(data.get("rule")), [from_data(step) for step in steps]
        except ValueError:
            pass
    return as_it_is(legacy_rule), [as_it_is(legacy_explanation)] if legacy_explanation else []


def history_line(to_whom: str, text: str, data: Any) -> Sentence:
    """What a line of a matter's history says: to whom it went (the role in the reader's
    words), then the system's sentence, or the words typed, as typed."""
    what = stored_sentence(data, text)
    if not to_whom:
        return what
    to = _addressee(to_whom)
    if not text and not data:
        return to
    return Sentence("{to} {what}", (("to", to), ("what", what)))


def _addressee(to_whom: str) -> Sentence:
    """``supervisor: 王主管``, as an escalation keeps it: the role is the vocabulary's."""
    role, _colon, name = to_whom.partition(": ")
    try:
        return sentence("{role}: {name}", role=kinds.Role(role), name=name)
    except ValueError:
        return as_it_is(to_whom)
