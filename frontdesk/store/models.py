"""The tables: people (estates, units, residents, operators) and the register (calls, matters,
their deadlines and history, follow-ups and attempts).

Every moment is an aware ``AwareDateTime``; closed lists are stored as their string values from
``frontdesk.domain.kinds`` so the database reads the same as the handbook.
"""

from datetime import datetime

from sqlalchemy import Column, Index, Integer, UniqueConstraint, text
from sqlmodel import Field, SQLModel

from frontdesk.store.types import AwareDateTime


def _version() -> Column:
    """The row's version (optimistic concurrency): SQLAlchemy adds one at every update and
    refuses an update whose row changed since it was read."""
    return Column("version", Integer, nullable=False, server_default="1")


_resident_version, _matter_version, _follow_up_version = _version(), _version(), _version()
_RUNNING = text("met_at IS NULL AND superseded_at IS NULL")


def _moment(*, nullable: bool = False, index: bool = False):
    return Field(
        default=None if nullable else ...,
        sa_column=Column(AwareDateTime(), nullable=nullable, index=index),
    )


class Estate(SQLModel, table=True):
    __tablename__ = "estate"
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True)


class Unit(SQLModel, table=True):
    """A dwelling, ``3-2-1201``: building, entrance, room."""

    __tablename__ = "unit"
    __table_args__ = (UniqueConstraint("estate_id", "label"),)
    id: int | None = Field(default=None, primary_key=True)
    estate_id: int = Field(foreign_key="estate.id")
    label: str = Field(index=True)
    building: str
    entrance: str | None = None
    room: str


class Resident(SQLModel, table=True):
    """A resident card (DOMAIN.md §5)."""

    __tablename__ = "resident"
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(index=True)
    name_pinyin: str = Field(index=True)
    name_initials: str = Field(index=True)
    title: str = ""
    temperament: str | None = None
    occupation: str = ""
    interests: str = ""
    preferred_call_times: str = ""
    evening_calls_ok: bool = False
    notes: str = ""
    created_at: datetime = _moment()
    updated_at: datetime = _moment()
    version: int = Field(default=1, sa_column=_resident_version)
    __mapper_args__ = {"version_id_col": _resident_version}


class ResidentUnit(SQLModel, table=True):
    """Which units a resident lives in or owns, and in what role."""

    __tablename__ = "resident_unit"
    resident_id: int = Field(foreign_key="resident.id", primary_key=True)
    unit_id: int = Field(foreign_key="unit.id", primary_key=True, index=True)
    role: str


class ResidentPhone(SQLModel, table=True):
    __tablename__ = "resident_phone"
    id: int | None = Field(default=None, primary_key=True)
    resident_id: int = Field(foreign_key="resident.id", index=True)
    national: str = Field(index=True)
    extension: str = ""
    kind: str
    label: str = ""


class Operator(SQLModel, table=True):
    """Counter staff: receptionist, supervisor or office manager."""

    __tablename__ = "operator"
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True)
    role: str
    pin_hash: str = ""
    active: bool = True
    created_at: datetime = _moment()
    # Wrong PINs in a row, and until when the operator is locked out after too many.
    failed_pins: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    locked_until: datetime | None = _moment(nullable=True)


class Call(SQLModel, table=True):
    """One row of the reception register (《客户接待登记表》): a call, visit, letter or entry."""

    __tablename__ = "call"
    id: int | None = Field(default=None, primary_key=True)
    channel: str
    rang_at: datetime | None = _moment(nullable=True)
    answered_at: datetime = _moment(index=True)
    rings: int | None = None
    operator_id: int = Field(foreign_key="operator.id")
    caller_name: str = ""
    caller_phone: str = ""
    caller_unit: str = ""
    resident_id: int | None = Field(default=None, foreign_key="resident.id", index=True)
    notes: str = ""


class Matter(SQLModel, table=True):
    """One matter raised on a call, with the required fields of its kind (DOMAIN.md §2)."""

    __tablename__ = "matter"
    __table_args__ = (
        Index("ix_matter_status_next_due", "status", "next_due"),
        # Open complaints from the same number, for a caller on no card (repeats.py).
        Index("ix_matter_contact_phone_status", "contact_phone", "status"),
    )
    id: int | None = Field(default=None, primary_key=True)
    # The call that raised it; none for a work order opened from a follow-up.
    call_id: int | None = Field(default=None, foreign_key="call.id", index=True)
    parent_id: int | None = Field(default=None, foreign_key="matter.id")
    kind: str
    status: str
    resident_id: int | None = Field(default=None, foreign_key="resident.id", index=True)
    unit_id: int | None = Field(default=None, foreign_key="unit.id")
    unit_label: str = ""
    summary: str
    content: str
    department: str = ""
    received_at: datetime = _moment()
    operator_id: int = Field(foreign_key="operator.id")
    contact_name: str = ""
    contact_phone: str = ""
    # Complaint
    happened_at: datetime | None = _moment(nullable=True)
    place: str = ""
    complained_party: str = ""
    complaint_class: str | None = None
    emotion: str | None = None
    need: str | None = None
    requested_deadline: datetime | None = _moment(nullable=True)
    # Repair
    repair_category: str | None = None
    visit_at: datetime | None = _moment(nullable=True)
    # Enquiry
    answered: bool | None = None
    callback_phone: str = ""
    promised_at: datetime | None = _moment(nullable=True)
    # The earliest open milestone, kept with the row so the queue sorts in the database.
    next_milestone: str | None = None
    next_due: datetime | None = _moment(nullable=True)
    updated_at: datetime = _moment()
    version: int = Field(default=1, sa_column=_matter_version)
    __mapper_args__ = {"version_id_col": _matter_version}


class MatterDeadline(SQLModel, table=True):
    """A milestone's deadline and how it was worked out; met or superseded, never deleted."""

    __tablename__ = "matter_deadline"
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
    milestone: str
    due: datetime = _moment()
    rule: str
    explanation: str
    created_at: datetime = _moment()
    met_at: datetime | None = _moment(nullable=True)
    superseded_at: datetime | None = _moment(nullable=True)


class MatterEvent(SQLModel, table=True):
    """The history of a matter: filed, escalated, replied, noted, reclassified, resolved …"""

    __tablename__ = "matter_event"
    id: int | None = Field(default=None, primary_key=True)
    matter_id: int = Field(foreign_key="matter.id", index=True)
    kind: str
    at: datetime = _moment()
    # None when the system acted (the automatic one-month upgrade).
    operator_id: int | None = Field(default=None, foreign_key="operator.id")
    to_whom: str = ""
    text: str = ""
    until: datetime | None = _moment(nullable=True)
    call_id: int | None = Field(default=None, foreign_key="call.id")


class FollowUp(SQLModel, table=True):
    """A follow-up call (回访) that is owed, with its due time and how it was worked out."""

    __tablename__ = "follow_up"
    __table_args__ = (Index("ix_follow_up_status_due", "status", "due"),)
    id: int | None = Field(default=None, primary_key=True)
    matter_id: int = Field(foreign_key="matter.id", index=True)
    reason: str
    phone: str = ""
    created_at: datetime = _moment()
    due: datetime = _moment()
    rule: str
    explanation: str
    evening_ok: bool = False
    urgent: bool = False
    status: str = "owed"
    done_at: datetime | None = _moment(nullable=True)
    version: int = Field(default=1, sa_column=_follow_up_version)
    __mapper_args__ = {"version_id_col": _follow_up_version}


class FollowUpAttempt(SQLModel, table=True):
    """One try at a follow-up call (《回访记录表》): outcome, the resident's verdict, notes."""

    __tablename__ = "follow_up_attempt"
    id: int | None = Field(default=None, primary_key=True)
    follow_up_id: int = Field(foreign_key="follow_up.id", index=True)
    at: datetime = _moment()
    operator_id: int = Field(foreign_key="operator.id")
    outcome: str
    verdict: str = "none"
    notes: str = ""


class HandlingMark(SQLModel, table=True):
    """Advisory "being handled by X at counter Y" on a matter or a resident. Not a lock: nothing
    is refused because of it and it never expires under someone on the phone; it is simply
    shown to the other counters, and dropped when its operator moves on."""

    __tablename__ = "handling_mark"
    __table_args__ = (UniqueConstraint("subject", "subject_id", "operator_id"),)
    id: int | None = Field(default=None, primary_key=True)
    subject: str
    subject_id: int = Field(index=True)
    operator_id: int = Field(foreign_key="operator.id")
    counter: str = ""
    since: datetime = _moment()


# The audit log and the search index live with the listeners that write them; imported here so
# every table and listener is known wherever the tables are.
import frontdesk.store.search_index  # noqa: E402, F401  (a module import: it imports this one)
from frontdesk.store.journal import AuditEntry  # noqa: E402, F401
