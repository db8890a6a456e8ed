"""Lookups the use cases share."""

from collections.abc import Callable
from typing import Any, Protocol, TypeVar, cast

from sqlalchemy import ColumnElement
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, SQLModel, col, select
from sqlmodel.sql.expression import Select

from frontdesk.domain.people.units import UnitRef
from frontdesk.store.tables.people import Estate, Unit

Row = TypeVar("Row", bound=SQLModel)


class Keyed(Protocol):
    @property
    def id(self) -> int | None: ...


def id_of(row: Keyed) -> int:
    """The id of a row already written: the database gives it one when the row is flushed, and a
    use case that reads it before has a fault to find, not a None to pass on."""
    if row.id is None:
        raise ValueError(f"{type(row).__name__} has no id before it is written")
    return row.id


def key(column: int | None) -> ColumnElement[int]:
    """A table's id column as it reads back: every stored row has one. The tables declare it
    ``int | None`` only for the row not yet written."""
    return cast("ColumnElement[int]", col(column))


def select_columns(*columns: Any) -> Select[*tuple[Any, ...]]:
    """A select of a row of many columns, for the lists and sheets that show many at once.
    sqlmodel types a select of up to four; its rows are the same tuples past four, read here as
    tuples of Any."""
    return Select(*columns)


def estate_named(session: Session, name: str) -> Estate:
    """The estate of that name, created on first use."""
    find = lambda: session.exec(select(Estate).where(Estate.name == name)).first()  # noqa: E731
    return find() or _first_use(session, Estate(name=name), find)


def unit_for(session: Session, estate_id: int, ref: UnitRef) -> Unit:
    """The unit row for ``ref``, created on first use (units are known by their label)."""

    def find() -> Unit | None:
        return session.exec(
            select(Unit).where(Unit.estate_id == estate_id).where(Unit.label == ref.label)
        ).first()

    new = Unit(
        estate_id=estate_id,
        label=ref.label,
        building=ref.building,
        entrance=ref.entrance,
        room=ref.room,
    )
    return find() or _first_use(session, new, find)


def _first_use(session: Session, row: Row, find: Callable[[], Row | None]) -> Row:
    """Insert ``row``, or, when another counter inserted the same one since we looked, take
    theirs. On PostgreSQL two counters can both find no row and both insert it; the unique
    constraint refuses the second, and the savepoint keeps that refusal from spoiling the rest
    of the use case (the call being filed)."""
    try:
        with session.begin_nested():
            session.add(row)
    except IntegrityError:
        found = find()
        if found is None:
            raise
        return found
    return row
