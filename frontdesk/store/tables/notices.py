"""The outbox: what is to be told beyond the counter, and its delivery to each route.

A notice is written once per event (its ``key`` says which: ``overdue:deadline:42``), in the
transaction that made it due; a delivery is that notice on its way to one route, tried until it
is sent. A sender claims a delivery for a while (``leased_until``) before it sends, so two
senders never send one twice; a sender that dies mid-send leaves it to be claimed again.
"""

from datetime import datetime
from typing import ClassVar

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from frontdesk.store.types import moment_field


class Notice(SQLModel, table=True):
    __tablename__: ClassVar[str] = "notice"
    id: int | None = Field(default=None, primary_key=True)
    #: Which event this is, once: a second writer of the same event is refused by the key.
    key: str = Field(unique=True)
    event: str  # NoticeEvent
    matter_id: int | None = Field(default=None, foreign_key="matter.id", index=True)
    deadline_id: int | None = Field(default=None, foreign_key="matter_deadline.id")
    #: The department whose routes take it ("" when no department is named).
    department: str = ""
    created_at: datetime = moment_field(index=True)


class Delivery(SQLModel, table=True):
    __tablename__: ClassVar[str] = "notice_delivery"
    __table_args__ = (UniqueConstraint("notice_id", "route"),)
    id: int | None = Field(default=None, primary_key=True)
    notice_id: int = Field(foreign_key="notice.id", index=True)
    #: The route's name in frontdesk.toml ([[notify]] name).
    route: str
    status: str = "pending"  # DeliveryStatus
    attempts: int = 0
    next_try_at: datetime = moment_field(index=True)
    leased_until: datetime | None = moment_field(nullable=True)
    sent_at: datetime | None = moment_field(nullable=True)
    last_error: str = ""
