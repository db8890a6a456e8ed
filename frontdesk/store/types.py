"""Column types the tables share."""

from datetime import UTC, datetime
from enum import StrEnum
from typing import Any, TypeVar

from sqlalchemy import Column, DateTime, Dialect, Integer
from sqlalchemy.types import TypeDecorator
from sqlmodel import AutoString, Field


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


V = TypeVar("V", bound=StrEnum)


class Vocabulary(TypeDecorator[V]):
    """A value of one of the handbook's closed lists (a ``StrEnum`` of ``vocabulary.kinds``),
    stored as its string value in a plain text column.

    SQLModel would make an ``Enum`` column of such a field: the member's *name* stored, and a
    type of its own on PostgreSQL. The databases already in use hold the values (``walk-in``,
    ``no-answer``), as the handbook writes them, in text columns; this keeps them so and reads
    them back as members. A value outside the list is refused on its way in, and a row holding
    one fails where it is read rather than somewhere downstream.
    """

    impl = AutoString
    cache_ok = True

    def __init__(self, vocabulary: type[V]) -> None:
        super().__init__()
        self.vocabulary = vocabulary

    def process_bind_param(self, value: V | str | None, dialect: Dialect) -> str | None:
        return None if value is None else self.vocabulary(value).value

    def process_result_value(self, value: str | None, dialect: Dialect) -> V | None:
        return None if value is None else self.vocabulary(value)


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
