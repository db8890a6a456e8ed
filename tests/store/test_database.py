"""The database: aware moments on every backend, the handbook's closed lists kept as its words,
the pragmas the counter relies on, a private SQLite file, and migrations from an empty database
to the newest revision, which build the tables exactly as the code declares them."""

import stat
from datetime import UTC, datetime

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text
from sqlmodel import SQLModel, select

from frontdesk.domain.vocabulary.kinds import Role
from frontdesk.store import migrate
from frontdesk.store.database import SchemaBehind, open_database
from frontdesk.store.engine import database_url, make_engine, new_session
from frontdesk.store.tables.staff import Operator
from tests.conftest import at


def test_moments_come_back_aware_and_equal(database):
    engine = open_database(database)
    with new_session(engine) as session:
        session.add(Operator(name="小李", role="receptionist", created_at=at(2026, 12, 2, 14, 40)))
        session.commit()
    with new_session(engine) as session:
        stored = session.exec(select(Operator)).one().created_at
    assert stored.tzinfo is not None
    assert stored == at(2026, 12, 2, 14, 40)
    assert stored == datetime(2026, 12, 2, 6, 40, tzinfo=UTC)


def test_naive_moments_are_refused_by_the_store(database):
    engine = open_database(database)
    with new_session(engine) as session:
        naive = datetime(2026, 12, 2, 14, 40)  # noqa: DTZ001
        session.add(Operator(name="小李", role="receptionist", created_at=naive))
        with pytest.raises(Exception, match="naive datetime"):
            session.commit()


def test_moments_sort_by_instant_whatever_zone_they_were_written_in(database):
    engine = open_database(database)
    with new_session(engine) as session:
        session.add(Operator(name="a", role="manager", created_at=at(2026, 12, 2, 9, 0)))
        session.add(
            Operator(name="b", role="manager", created_at=datetime(2026, 12, 2, 0, 30, tzinfo=UTC))
        )
        session.commit()
        names = [o.name for o in session.exec(select(Operator).order_by(Operator.created_at))]
    assert names == ["b", "a"]  # 00:30 UTC is 08:30 in Shanghai, before 09:00


@pytest.mark.sqlite_only
def test_closed_lists_are_stored_as_the_handbooks_words_and_read_back_as_members(database):
    engine = open_database(database)
    with new_session(engine) as session:
        session.add(Operator(name="王主管", role=Role.SUPERVISOR, created_at=at(2026, 12, 2, 9, 0)))
        session.commit()
    with engine.connect() as connection:
        assert connection.execute(text("select role from operator")).scalar_one() == "supervisor"
    with new_session(engine) as session:
        assert session.exec(select(Operator.role)).one() is Role.SUPERVISOR


def test_a_value_outside_its_closed_list_is_refused_by_the_store(database):
    engine = open_database(database)
    with new_session(engine) as session:
        session.add(Operator(name="老张", role="janitor", created_at=at(2026, 12, 2, 9, 0)))
        with pytest.raises(Exception, match="'janitor' is not a valid Role"):
            session.commit()


def test_sqlite_runs_in_wal_mode_with_foreign_keys_and_a_busy_timeout(db_path):
    engine = open_database(str(db_path))
    with engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert connection.execute(text("PRAGMA busy_timeout")).scalar() == 5000


@pytest.mark.sqlite_only
def test_the_database_file_is_readable_by_its_owner_only(db_path):
    open_database(str(db_path))
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o600


def test_an_empty_database_is_brought_to_the_newest_revision(databases):
    engine = open_database(databases.new_target())
    assert migrate.current_revision(engine) == migrate.head_revision()
    tables = set(inspect(engine).get_table_names())
    assert {"resident", "call", "matter", "matter_deadline", "follow_up", "audit_entry"} <= tables


def test_the_migrations_build_the_tables_exactly_as_the_code_declares_them(databases):
    engine = make_engine(databases.new_target())
    migrate.upgrade(engine)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, SQLModel.metadata) == []


def test_an_older_shared_database_waits_for_a_deliberate_upgrade(databases):
    target = databases.new_target()
    migrate.upgrade(make_engine(target), "0001")
    if make_engine(target).dialect.name == "sqlite":
        assert migrate.is_current(open_database(target))  # one counter's own file
    else:
        with pytest.raises(SchemaBehind, match="db upgrade"):
            open_database(target)


def test_the_first_revision_is_the_base_of_the_history(databases):
    engine = make_engine(databases.new_target())
    migrate.upgrade(engine, "0001")
    assert migrate.current_revision(engine) == "0001"
    migrate.upgrade(engine)
    assert migrate.is_current(engine)


def test_foreign_keys_are_enforced(database):
    engine = open_database(database)
    with engine.begin() as connection, pytest.raises(Exception, match="(?i)foreign key"):
        connection.execute(
            text(
                "insert into resident_phone (resident_id, national, extension, kind, label) "
                "values (999, '13800138000', '', 'mobile', '')"
            )
        )


def test_paths_and_urls_are_both_accepted(tmp_path):
    assert database_url(str(tmp_path / "x.db")).startswith("sqlite:////")
    assert database_url("postgresql+psycopg://u@localhost/db") == (
        "postgresql+psycopg://u@localhost/db"
    )
