"""The ring protocol: how a phone system tells the counter app that a call is ringing, and how
many times the phone has rung when the receptionist picks up (DOMAIN.md §2: pick up within
three rings; from five on, the greeting starts with an apology).

One event is one line of JSON on the app's Unix socket, answered by one line::

    {"event": "ring", "phone": "13812345678", "at": "2026-12-02T15:10:00+08:00", "rings": null}
    {"ok": true, "counter": "lobby"}

    {"event": "hangup", "phone": "13812345678"}
    {"ok": true, "counter": "lobby"}

``phone`` is the caller's number as the phone system has it (null or "anonymous" when
withheld); ``at`` when it began ringing (with its offset; the moment the app hears it if left
out); ``rings`` how many times it has rung, for a phone system that counts them (else the app
counts from the time). Keys it does not know are left alone, so a newer sender still works.
A refused line is answered ``{"ok": false, "error": "…"}``.
"""

import json
import math
import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from frontdesk.i18n import _

#: The longest line read: an event is well under a hundred bytes.
MAX_LINE = 4096
#: More rings than any phone system lets a call ring: a wrong count, not a long wait.
MOST_RINGS = 99
#: What phone systems send for a number the caller withheld (Asterisk: "anonymous").
WITHHELD = frozenset({"", "anonymous", "unknown", "private", "restricted", "withheld"})
_LONGEST_NUMBER = 40


class Event(StrEnum):
    RING = "ring"
    """The phone at this counter is ringing (again: a later ring of the same number updates it)."""
    HANGUP = "hangup"
    """The caller hung up, or the call was answered elsewhere, before the counter picked up."""


class ProtocolError(ValueError):
    """A line that is not an event; the message says why, for the sender's log."""


@dataclass(frozen=True)
class RingEvent:
    event: Event
    #: The caller's number as the phone system gave it; None when withheld.
    phone: str | None
    #: When it began ringing, aware; None: when the app heard of it.
    at: datetime | None = None
    #: How many times it has rung, counted by the phone system.
    rings: int | None = None


@dataclass(frozen=True)
class Reply:
    ok: bool
    message: str = ""
    counter: str = ""


def caller_number(text: str | None) -> str | None:
    """The number as given, or None for a withheld one."""
    if text is None or text.strip().lower() in WITHHELD:
        return None
    return text.strip()


#: A number as dialled from outside mainland China: a +, digits and the separators people put
#: between them. Letters and the like are not a number at all.
_DIALLED = re.compile(r"^\+?[0-9][0-9 \-.()/]*$")
#: A short service number (110, 10086) to the longest international one, with a prefix.
_DIGITS = range(3, 21)


def ringing_phone(text: str, *, area_code: str = "") -> str:
    """The number a ringing caller is looked up by: its stored form when it is a mainland
    number, else as dialled (its digits, after a ``+``), so a caller from Hong Kong or abroad
    still rings, shown masked and on no card. PhoneError for text that is no number at all."""
    # Here, not above: the phone library is not loaded by every command that imports this.
    from frontdesk.domain.people.phones import PhoneError, digits_of, normalize_phone

    try:
        return normalize_phone(text, area_code=area_code).stored
    except PhoneError:
        dialled = unicodedata.normalize("NFKC", text).strip()
        digits = digits_of(dialled)
        if not _DIALLED.match(dialled) or len(digits) not in _DIGITS:
            raise
        if dialled.startswith("+") or digits.startswith("00"):  # 00: dialling abroad from China
            return "+" + digits.removeprefix("00")
        return digits


def encode(event: RingEvent) -> bytes:
    document: dict[str, Any] = {"event": event.event.value, "phone": event.phone}
    if event.at is not None:
        document["at"] = event.at.isoformat()
    if event.rings is not None:
        document["rings"] = event.rings
    return json.dumps(document, ensure_ascii=False).encode() + b"\n"


def decode(line: bytes | str) -> RingEvent:
    """The event a line holds; ProtocolError says what is wrong with it."""
    try:
        document = json.loads(line)
    except (ValueError, UnicodeDecodeError) as error:
        raise ProtocolError(_("not a line of JSON: {error}").format(error=error)) from None
    if not isinstance(document, dict):
        raise ProtocolError(_('expected an object such as {"event": "ring", "phone": "…"}'))
    try:
        event = Event(document.get("event"))
    except ValueError:
        raise ProtocolError(
            _('"event" must be one of: {events}').format(events=", ".join(Event))
        ) from None
    phone = document.get("phone")
    if phone is not None and (not isinstance(phone, str) or len(phone) > _LONGEST_NUMBER):
        raise ProtocolError(_('"phone" must be the number as text, or null when withheld'))
    return RingEvent(event, caller_number(phone), _moment(document.get("at")), _rings(document))


def _moment(value: object) -> datetime | None:
    if value is None:
        return None
    problem = ProtocolError(_('"at" must be an ISO-8601 time with its offset, or left out'))
    if not isinstance(value, str):
        raise problem
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise problem from None
    if moment.tzinfo is None:
        raise problem
    return moment


def _rings(document: dict[str, Any]) -> int | None:
    rings = document.get("rings")
    if rings is None:
        return None
    if not isinstance(rings, int) or isinstance(rings, bool) or not 1 <= rings <= MOST_RINGS:
        raise ProtocolError(
            _('"rings" must be a whole number from 1 to {most}, or null').format(most=MOST_RINGS)
        )
    return rings


def encode_reply(reply: Reply) -> bytes:
    document: dict[str, Any] = {"ok": reply.ok}
    if reply.counter:
        document["counter"] = reply.counter
    if not reply.ok:
        document["error"] = reply.message
    return json.dumps(document, ensure_ascii=False).encode() + b"\n"


def decode_reply(line: bytes) -> Reply:
    """The app's answer; ProtocolError if it is not one."""
    try:
        document = json.loads(line)
    except (ValueError, UnicodeDecodeError):
        document = None
    if not isinstance(document, dict) or not isinstance(document.get("ok"), bool):
        raise ProtocolError(_("the app answered something that is not a reply"))
    return Reply(document["ok"], str(document.get("error", "")), str(document.get("counter", "")))


def rings_after(elapsed: timedelta, ring_seconds: float) -> int:
    """How many times the phone has rung ``elapsed`` after it began: the first ring sounds at
    once, the next one cadence later (the policy's ``rings.seconds_each``)."""
    seconds = max(elapsed.total_seconds(), 0.0)
    return min(math.floor(seconds / ring_seconds) + 1, MOST_RINGS)


def rung_for(rings: int, ring_seconds: float) -> timedelta:
    """How long the phone has been ringing when it rings for the ``rings``-th time."""
    return timedelta(seconds=(max(rings, 1) - 1) * ring_seconds)
