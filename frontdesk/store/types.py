"""Column types the tables share."""

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Column, DateTime, Integer
from sqlalchemy.types import TypeDecorator
from sqlmodel import Field


class AwareDateTime(TypeDecorator[datetime]):
    """A timezone-aware moment on every backend.

    PostgreSQL keeps the offset in ``timestamptz``; SQLite keeps none, so moments are stored there
    as UTC and come back as UTC. A naive datetime is refused: its meaning would depend on the
    machine that wrote it.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(f"naive datetime {value!r} refused: store aware moments only")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


def version_column() -> Column:
    """The row's version (optimistic concurrency): SQLAlchemy adds one at every update and
    refuses an update whose row changed since it was read."""
    return Column("version", Integer, nullable=False, server_default="1")


def moment_field(*, nullable: bool = False, index: bool = False) -> Any:
    """A table's field for an aware moment (``AwareDateTime``)."""
    return Field(
        default=None if nullable else ...,
        sa_column=Column(AwareDateTime(), nullable=nullable, index=index),
    )
