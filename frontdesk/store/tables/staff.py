"""The counter's staff and who is on what: operators and the advisory handling marks."""

from datetime import datetime
from typing import ClassVar

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from frontdesk.domain.vocabulary.kinds import Role
from frontdesk.store.types import Vocabulary, moment_field


class Operator(SQLModel, table=True):
    """Counter staff: receptionist, supervisor or office manager."""

    __tablename__: ClassVar[str] = "operator"
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True)
    role: Role = Field(sa_type=Vocabulary(Role))
    pin_hash: str = ""
    active: bool = True
    created_at: datetime = moment_field()
    # Wrong PINs in a row, and until when the operator is locked out after too many.
    failed_pins: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    locked_until: datetime | None = moment_field(nullable=True)


class HandlingMark(SQLModel, table=True):
    """Advisory "being handled by X at counter Y" on a matter or a resident. Not a lock: nothing
    is refused because of it and it never expires under someone on the phone; it is simply
    shown to the other counters, and dropped when its operator moves on."""

    __tablename__: ClassVar[str] = "handling_mark"
    __table_args__ = (UniqueConstraint("subject", "subject_id", "operator_id"),)
    id: int | None = Field(default=None, primary_key=True)
    subject: str
    subject_id: int = Field(index=True)
    operator_id: int = Field(foreign_key="operator.id")
    counter: str = ""
    since: datetime = moment_field()
