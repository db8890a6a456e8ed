"""The call being typed, kept as a draft while it is typed: after a crash, a power cut or a
closed terminal, the next start offers it back with every field (one draft per operator).

A draft is what the receptionist typed or chose, never a confirmation: a resumed call is read
back to the caller again before it is filed.
"""

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.engine import URL

from frontdesk.domain.clock.written_dates import short_text
from frontdesk.domain.people.phones import is_masked, mask_phone
from frontdesk.domain.vocabulary.kinds import Channel, MatterKind
from frontdesk.domain.vocabulary.labels import named
from frontdesk.i18n import _
from frontdesk.services.intake.call import CallDraft, MatterDraft
from frontdesk.store.drafts import DraftStore, DraftUnreadable, drafts_directory

# Raised with every change of the document's shape; an older program sets a newer draft aside.
VERSION = 1


@dataclass
class SavedCall:
    """The Call view as it was left. ``call.matters`` are the matters recorded with F7;
    ``current`` is the one still in the form (``same_as`` set when it is being added to an open
    matter). ``masked`` names the fields showing a number on file masked; ``focus`` is the
    field the cursor was in; ``step`` the script step on screen."""

    call: CallDraft = field(default_factory=CallDraft)
    current: MatterDraft | None = None
    search: str = ""
    long_ring: bool = False
    masked: list[str] = field(default_factory=list)
    focus: str | None = None
    step: str = ""
    saved_at: datetime | None = None

    def is_empty(self) -> bool:
        """Nothing typed or chosen yet: no draft is kept for it."""
        call = self.call
        caller = (call.caller_name, call.caller_phone, call.caller_unit, self.search.strip())
        return not (
            any(caller) or call.resident_id is not None or call.matters or self.current
        ) and (call.channel is Channel.PHONE and not self.long_ring)

    def filled(self) -> int:
        """How many matter fields hold something."""
        matters = [*self.call.matters, *([self.current] if self.current else [])]
        return sum(1 for m in matters for v in m.fields.values() if v not in (None, ""))

    def summary(self, tz: ZoneInfo) -> str:
        """One line to recognise the call by: caller, kinds, fields filled, when it was saved."""
        call = self.call
        phone = call.caller_phone
        phone = phone if not phone or is_masked(phone) else mask_phone(phone)
        caller = " ".join(p for p in (call.caller_name, call.caller_unit, phone) if p)
        kinds = [named(m.kind) for m in [*call.matters, *([self.current] if self.current else [])]]
        parts = [
            caller or self.search or _("caller not given"),
            ", ".join(kinds) or _("no matter yet"),
            _("{count} fields filled").format(count=self.filled()),
        ]
        if self.saved_at is not None:
            saved = self.saved_at.astimezone(tz)
            parts.append(_("saved {when}").format(when=short_text(saved, "%m-%d %H:%M:%S")))
        return " · ".join(parts)


def to_document(saved: SavedCall) -> dict[str, Any]:
    """The draft as a JSON document."""
    call = saved.call
    return {
        "version": VERSION,
        "saved_at": _moment_out(saved.saved_at),
        "channel": call.channel.value,
        "long_ring": saved.long_ring,
        "rings": call.rings,
        "rang_at": _moment_out(call.rang_at),
        "answered_at": _moment_out(call.answered_at),
        "search": saved.search,
        "caller": {"name": call.caller_name, "phone": call.caller_phone, "unit": call.caller_unit},
        "resident_id": call.resident_id,
        "notes": call.notes,
        "recorded": [_matter_out(m) for m in call.matters],
        "current": _matter_out(saved.current) if saved.current else None,
        "masked": list(saved.masked),
        "focus": saved.focus,
        "step": saved.step,
    }


def from_document(document: dict[str, Any]) -> SavedCall:
    """The draft back from its document; ``ValueError`` for anything not written by
    ``to_document`` of this version."""
    if document.get("version") != VERSION:
        raise ValueError(f"draft version {document.get('version')!r}, expected {VERSION}")
    try:
        caller = document["caller"]
        call = CallDraft(
            channel=Channel(document["channel"]),
            caller_name=str(caller["name"]),
            caller_phone=str(caller["phone"]),
            caller_unit=str(caller["unit"]),
            resident_id=_optional_int(document["resident_id"]),
            rings=_optional_int(document["rings"]),
            rang_at=_moment_in(document["rang_at"]),
            answered_at=_moment_in(document["answered_at"]),
            notes=str(document["notes"]),
            matters=[_matter_in(m) for m in document["recorded"]],
        )
        current = document["current"]
        return SavedCall(
            call=call,
            current=_matter_in(current) if current is not None else None,
            search=str(document["search"]),
            long_ring=bool(document["long_ring"]),
            masked=[str(name) for name in document["masked"]],
            focus=None if document["focus"] is None else str(document["focus"]),
            step=str(document["step"]),
            saved_at=_moment_in(document["saved_at"]),
        )
    except (KeyError, TypeError, AttributeError) as error:
        raise ValueError(f"draft is missing or mistypes {error}") from error


def drafts_for(target: str | URL, directory: str | Path | None = None) -> "CallDrafts":
    """The drafts of the counter working on database ``target`` (see ``drafts_directory``)."""
    place = drafts_directory(target, directory)
    return CallDrafts(DraftStore(place) if place is not None else None)


class CallDrafts:
    """Each operator's call being typed, in a ``DraftStore`` (none: drafts are not kept)."""

    def __init__(self, store: DraftStore | None) -> None:
        self.store = store

    @staticmethod
    def key(operator_id: int) -> str:
        return f"operator-{operator_id}"

    def keep(self, operator_id: int, saved: SavedCall) -> None:
        """Save the call as it is now; an empty form leaves no draft."""
        if self.store is None:
            return
        if saved.is_empty():
            self.store.clear(self.key(operator_id))
        else:
            self.store.save(self.key(operator_id), to_document(saved))

    def find(self, operator_id: int) -> SavedCall | None:
        """The operator's draft. One that cannot be read is set aside and reported with
        ``DraftUnreadable``: the app goes on, and the file is still there to look at."""
        if self.store is None:
            return None
        key = self.key(operator_id)
        document = self.store.load(key)
        if document is None:
            return None
        try:
            return from_document(document)
        except ValueError as error:
            kept = self.store.set_aside(key, "unreadable")
            raise DraftUnreadable(key, kept, str(error)) from None

    def drop(self, operator_id: int) -> None:
        """The call was filed or thrown away: no draft any more."""
        if self.store is not None:
            self.store.clear(self.key(operator_id))

    def set_aside(self, operator_id: int, reason: str = "declined") -> Path | None:
        """The draft was not resumed ("declined"), or was put down for a ringing call ("held"):
        kept under another name, since nothing typed is lost."""
        if self.store is None or self.store.load(self.key(operator_id)) is None:
            return None
        return self.store.set_aside(self.key(operator_id), reason)

    def set_aside_calls(self, operator_id: int) -> list["AsideCall"]:
        """The operator's calls put down for a ringing one, or not resumed after a restart,
        oldest first: each waits in the Call view until taken back or thrown away. One that
        cannot be read is left where it is (it was said when it was set aside)."""
        if self.store is None:
            return []
        key, found = self.key(operator_id), []
        for name in self.store.aside(key, ASIDE):
            try:
                found.append(AsideCall(name, from_document(self.store.load_aside(key, name))))
            except (OSError, ValueError):
                continue
        return found

    def take_back(self, operator_id: int, name: str) -> SavedCall:
        """The call set aside as ``name`` is the operator's call being typed again (the one on
        screen must be set aside first: it is replaced)."""
        if self.store is None:
            raise FileNotFoundError(name)
        key = self.key(operator_id)
        saved = from_document(self.store.load_aside(key, name))
        self.store.take_back(key, name)
        return saved

    def throw_away(self, operator_id: int, name: str) -> None:
        """The call set aside as ``name`` is not wanted: it goes."""
        if self.store is not None:
            self.store.throw_away(self.key(operator_id), name)


#: Why a call is set aside and still waits to be taken back: put down for a ringing call, or
#: not resumed at the question after sign-in. ("unreadable" ones are no call to take back.)
ASIDE = ("held", "declined")


@dataclass(frozen=True)
class AsideCall:
    """A call set aside: ``name`` finds it again."""

    name: str
    saved: SavedCall

    @property
    def held(self) -> bool:
        """Put down for a ringing call (else: not resumed after a restart)."""
        return ".held-" in self.name


def _matter_out(matter: MatterDraft) -> dict[str, Any]:
    return {"kind": matter.kind.value, "fields": dict(matter.fields), "same_as": matter.same_as}


def _matter_in(document: dict[str, Any]) -> MatterDraft:
    fields = document["fields"]
    if not isinstance(fields, dict):
        raise TypeError("fields")
    return MatterDraft(
        MatterKind(document["kind"]), dict(fields), same_as=_optional_int(document["same_as"])
    )


def _moment_out(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat()


def _moment_in(text: object) -> datetime | None:
    if text is None:
        return None
    moment = datetime.fromisoformat(str(text))
    if moment.tzinfo is None:
        raise ValueError(f"a moment without its time zone: {text}")
    return moment


def _optional_int(value: object) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{value!r} is not a whole number")
    return value
