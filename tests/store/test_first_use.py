"""Estates and units are created the first time a call names them. Two counters naming the same
new unit at the same moment share one row, and neither call fails for it."""

import threading

import pytest
from sqlmodel import select

from frontdesk.domain.people.units import normalize_unit
from frontdesk.store.database import open_database
from frontdesk.store.engine import new_session
from frontdesk.store.queries import estate_named, unit_for
from frontdesk.store.tables.people import Unit


@pytest.mark.postgresql_only
def test_two_counters_naming_a_new_unit_at_once_share_one_row(database):
    engine = open_database(database)
    ref = normalize_unit("20-1-1101")
    with new_session(engine) as first, new_session(engine) as second:
        estate_id = estate_named(first, "阳光花园").id
        first.commit()
        mine = unit_for(first, estate_id, ref)  # inserted, not yet committed
        theirs: dict[str, Unit] = {}
        errors: list[Exception] = []

        def other_counter() -> None:
            try:
                # Finds no committed row, inserts, and waits on the unique index for the first.
                theirs["unit"] = unit_for(second, estate_id, ref)
                second.commit()
            except Exception as exc:  # noqa: BLE001 - reported below
                errors.append(exc)

        other = threading.Thread(target=other_counter)
        other.start()
        other.join(timeout=0.5)
        assert other.is_alive(), "the second counter waits for the first to commit"
        first.commit()
        other.join()
        assert not errors
        assert theirs["unit"].id == mine.id
    with new_session(engine) as session:
        assert len(session.exec(select(Unit)).all()) == 1
    engine.dispose()


def test_a_unit_named_in_a_call_that_fails_is_not_kept(database):
    """The savepoint that creates a unit belongs to the use case's transaction: undone with it.
    (SQLite's driver used to commit a savepoint taken before any other write on its own.)"""
    engine = open_database(database)
    with new_session(engine) as session:
        estate_id = estate_named(session, "阳光花园").id
        unit_for(session, estate_id, normalize_unit("3-2-1201"))
        session.rollback()
    with new_session(engine) as session:
        assert session.exec(select(Unit)).all() == []
    engine.dispose()
