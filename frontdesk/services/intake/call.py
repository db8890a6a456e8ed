"""A call as the Call view types it (the matters it raised, each with its fields), and what
filing it gave back."""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from frontdesk.domain.deadlines.rules import Deadline
from frontdesk.domain.vocabulary.kinds import Channel, MatterKind


@dataclass
class MatterDraft:
    """A matter as recorded during the call. ``confirmed``: read back and confirmed by the
    caller (a complaint is never filed unconfirmed). ``same_as``: an open matter this call raises
    again, to add the call to instead of filing a duplicate."""

    kind: MatterKind
    fields: dict[str, Any] = field(default_factory=dict)
    confirmed: bool = False
    same_as: int | None = None


@dataclass
class CallDraft:
    """The register row of one call, visit, letter or comment-book entry."""

    channel: Channel = Channel.PHONE
    caller_name: str = ""
    caller_phone: str = ""
    caller_unit: str = ""
    resident_id: int | None = None
    rings: int | None = None
    rang_at: datetime | None = None
    answered_at: datetime | None = None
    notes: str = ""
    matters: list[MatterDraft] = field(default_factory=list)


@dataclass(frozen=True)
class RepeatHint:
    """A new complaint that looks like an open one of the same resident: suggest major."""

    matter_id: int
    earlier_id: int


@dataclass
class FiledCall:
    call_id: int
    matter_ids: list[int] = field(default_factory=list)
    deadlines: dict[int, list[Deadline]] = field(default_factory=dict)
    follow_up_ids: list[int] = field(default_factory=list)
    repeats: list[RepeatHint] = field(default_factory=list)
    # Open complaints raised again on this call: the handbook's sign of a major complaint.
    suggest_major: list[int] = field(default_factory=list)
