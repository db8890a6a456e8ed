"""The reception register: calls, the matters they raised, each matter's deadlines and history,
and the follow-up calls owed with every attempt."""

from datetime import datetime
from typing import Any, ClassVar

from sqlalchemy import JSON, Column, Index, text
from sqlmodel import Field, SQLModel

from frontdesk.domain.vocabulary.kinds import (
    AttemptOutcome,
    Channel,
    ComplaintClass,
    Emotion,
    EventKind,
    FollowUpReason,
    FollowUpStatus,
    MatterKind,
    MatterStatus,
    Milestone,
    Need,
    RepairCategory,
    Verdict,
)
from frontdesk.store.types import Vocabulary, moment_field, version_column

_matter_version, _follow_up_version = version_column(), version_column()
_RUNNING = text("met_at IS NULL AND superseded_at IS NULL")


class Call(SQLModel, table=True):
    """One row of the reception register (《客户接待登记表》): a call, visit, letter or entry."""

    __tablename__: ClassVar[str] = "call"
    id: int | None = Field(default=None, primary_key=True)
    channel: Channel = Field(sa_type=Vocabulary(Channel))
    rang_at: datetime | None = moment_field(nullable=True)
    answered_at: datetime = moment_field(index=True)
    rings: int | None = None
    operator_id: int = Field(foreign_key="operator.id")
    caller_name: str = ""
    caller_phone: str = ""
    caller_unit: str = ""
    resident_id: int | None = Field(default=None, foreign_key="resident.id", index=True)
    notes: str = ""


class Matter(SQLModel, table=True):
    """One matter raised on a call, with the required fields of its kind (DOMAIN.md §2)."""

    __tablename__: ClassVar[str] = "matter"
    __table_args__ = (
        Index("ix_matter_status_next_due", "status", "next_due"),
        # Open complaints from the same number, for a caller on no card (repeats.py).
        Index("ix_matter_contact_phone_status", "contact_phone", "status"),
    )
    id: int | None = Field(default=None, primary_key=True)
    # The call that raised it; none for a work order opened from a follow-up.
    call_id: int | None = Field(default=None, foreign_key="call.id", index=True)
    parent_id: int | None = Field(default=None, foreign_key="matter.id")
    kind: MatterKind = Field(sa_type=Vocabulary(MatterKind))
    status: MatterStatus = Field(sa_type=Vocabulary(MatterStatus))
    resident_id: int | None = Field(default=None, foreign_key="resident.id", index=True)
    unit_id: int | None = Field(default=None, foreign_key="unit.id")
    unit_label: str = ""
    summary: str
    content: str
    department: str = ""
    received_at: datetime = moment_field()
    operator_id: int = Field(foreign_key="operator.id")
    contact_name: str = ""
    contact_phone: str = ""
    # Complaint
    happened_at: datetime | None = moment_field(nullable=True)
    place: str = ""
    complained_party: str = ""
    complaint_class: ComplaintClass | None = Field(default=None, sa_type=Vocabulary(ComplaintClass))
    emotion: Emotion | None = Field(default=None, sa_type=Vocabulary(Emotion))
    need: Need | None = Field(default=None, sa_type=Vocabulary(Need))
    requested_deadline: datetime | None = moment_field(nullable=True)
    # Repair
    repair_category: RepairCategory | None = Field(default=None, sa_type=Vocabulary(RepairCategory))
    visit_at: datetime | None = moment_field(nullable=True)
    # Enquiry
    answered: bool | None = None
    callback_phone: str = ""
    promised_at: datetime | None = moment_field(nullable=True)
    # The earliest open milestone, kept with the row so the queue sorts in the database.
    next_milestone: Milestone | None = Field(default=None, sa_type=Vocabulary(Milestone))
    next_due: datetime | None = moment_field(nullable=True)
    # Raised again while open, which suggests the major class (DOMAIN.md §3): marked in the
    # queue from then, with the operator who filed the repeat, until a supervisor upgrades the
    # complaint or keeps its class.
    major_suggested_at: datetime | None = moment_field(nullable=True)
    major_suggested_by: int | None = None
    updated_at: datetime = moment_field()
    version: int = Field(default=1, sa_column=_matter_version)
    __mapper_args__ = {"version_id_col": _matter_version}


class MatterDeadline(SQLModel, table=True):
    """A milestone's deadline and how it was worked out; met or superseded, never deleted."""

    __tablename__: ClassVar[str] = "matter_deadline"
    __table_args__ = (
        # Running deadlines only: the month-end sweep looks up the upgrades due among them.
        Index(
            "ix_matter_deadline_running",
            "milestone",
            "due",
            sqlite_where=_RUNNING,
            postgresql_where=_RUNNING,
        ),
    )
    id: int | None = Field(default=None, primary_key=True)
    matter_id: int = Field(foreign_key="matter.id", index=True)
    milestone: Milestone = Field(sa_type=Vocabulary(Milestone))
    due: datetime = moment_field()
    # The rule and the steps that reached ``due`` as data (wording.py says them in the reader's
    # language). Rows from before keep their text in ``rule`` and ``explanation``, shown as is.
    worked_out: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))
    rule: str = ""
    explanation: str = ""
    created_at: datetime = moment_field()
    met_at: datetime | None = moment_field(nullable=True)
    superseded_at: datetime | None = moment_field(nullable=True)


class MatterEvent(SQLModel, table=True):
    """The history of a matter: filed, escalated, replied, noted, reclassified, resolved …"""

    __tablename__: ClassVar[str] = "matter_event"
    id: int | None = Field(default=None, primary_key=True)
    matter_id: int = Field(foreign_key="matter.id", index=True)
    kind: EventKind = Field(sa_type=Vocabulary(EventKind))
    at: datetime = moment_field()
    # None when the system acted (the automatic one-month upgrade).
    operator_id: int | None = Field(default=None, foreign_key="operator.id")
    to_whom: str = ""
    # What someone typed, as typed; a line the system writes is kept in ``said``, as data.
    text: str = ""
    said: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))
    until: datetime | None = moment_field(nullable=True)
    call_id: int | None = Field(default=None, foreign_key="call.id")


class FollowUp(SQLModel, table=True):
    """A follow-up call (回访) that is owed, with its due time and how it was worked out."""

    __tablename__: ClassVar[str] = "follow_up"
    __table_args__ = (Index("ix_follow_up_status_due", "status", "due"),)
    id: int | None = Field(default=None, primary_key=True)
    # None for a missed call: it is owed before anyone knows what the caller wanted.
    matter_id: int | None = Field(default=None, foreign_key="matter.id", index=True)
    reason: FollowUpReason = Field(sa_type=Vocabulary(FollowUpReason))
    phone: str = ""
    created_at: datetime = moment_field()
    due: datetime = moment_field()
    # As on MatterDeadline: the rule and steps as data, the legacy text beside them.
    worked_out: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))
    rule: str = ""
    explanation: str = ""
    evening_ok: bool = False
    urgent: bool = False
    status: FollowUpStatus = Field(default=FollowUpStatus.OWED, sa_type=Vocabulary(FollowUpStatus))
    done_at: datetime | None = moment_field(nullable=True)
    version: int = Field(default=1, sa_column=_follow_up_version)
    __mapper_args__ = {"version_id_col": _follow_up_version}


class FollowUpAttempt(SQLModel, table=True):
    """One try at a follow-up call (《回访记录表》): outcome, the resident's verdict, notes."""

    __tablename__: ClassVar[str] = "follow_up_attempt"
    id: int | None = Field(default=None, primary_key=True)
    follow_up_id: int = Field(foreign_key="follow_up.id", index=True)
    at: datetime = moment_field()
    operator_id: int = Field(foreign_key="operator.id")
    outcome: AttemptOutcome = Field(sa_type=Vocabulary(AttemptOutcome))
    verdict: Verdict = Field(default=Verdict.NONE, sa_type=Vocabulary(Verdict))
    notes: str = ""
    #: Made outside the callable window because it could not wait (DOMAIN.md §4).
    urgent: bool = False
