"""Opening a database: SQLite by default (WAL, foreign keys, busy timeout), PostgreSQL by URL."""

import os
import random
import sqlite3
import time
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError
from sqlmodel import Session

# Every session made here writes the audit log and the search index at each flush.
from frontdesk.store import schema  # noqa: F401

# A second counter writing at the same moment waits this long before SQLite gives up.
BUSY_TIMEOUT_MS = 5000
# Execution option marking a transaction that will write (see ``begin_writing``).
WRITING = "frontdesk_writing"


def database_url(target: str) -> str:
    """A URL for ``target``: a SQLAlchemy URL as it is, anything else as a SQLite file path."""
    if "://" in target:
        return target
    return f"sqlite:///{Path(target).expanduser().resolve()}"


def make_engine(target: str) -> Engine:
    """An engine for a SQLite path or a database URL, with the pragmas the counter relies on."""
    url = make_url(database_url(target))
    if url.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True)
    if url.database and url.database != ":memory:":
        _create_private_file(Path(url.database))
    # isolation_level=None: the sqlite3 module no longer opens transactions itself (late, at the
    # first INSERT, and never for a SAVEPOINT, which then commits on its own); ``_sqlite_begin``
    # opens every one, at its start. SQLAlchemy's documented recipe for pysqlite.
    engine = create_engine(
        url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "isolation_level": None}
    )
    event.listen(engine, "connect", _sqlite_pragmas)
    event.listen(engine, "begin", _sqlite_begin)
    return engine


def begin_writing(session: Session) -> None:
    """Start ``session``'s transaction as one that will write.

    SQLite in WAL mode lets one writer in at a time. A transaction that reads first and writes
    later asks for the write lock only when it writes, and if another counter has committed
    since its first read, SQLite refuses it at once with "database is locked" (SQLITE_BUSY):
    waiting could not help, since its reads are already out of date. ``BEGIN IMMEDIATE`` takes
    the write lock at the start instead, so counters filing at the same moment queue for it
    (up to the busy timeout) and every read of the use case sees the latest data. Retrying whole
    use cases would also work, but would run their checks and clocks twice and can starve under
    load. PostgreSQL locks rows, not the database, so the mark changes nothing there.

    A session already in a transaction keeps it.
    """
    if not session.in_transaction():
        session.connection(execution_options={WRITING: True})


def remove_sqlite_files(target: str) -> bool:
    """Delete a SQLite database file with its WAL files; False for any other database."""
    url = make_url(database_url(target))
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return False
    for suffix in ("", "-wal", "-shm"):
        Path(url.database + suffix).unlink(missing_ok=True)
    return True


def _create_private_file(path: Path) -> None:
    """Create the database file readable by its owner only: it holds residents' phone numbers."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _sqlite_begin(connection: Connection) -> None:
    if not connection.get_execution_options().get(WRITING, False):
        connection.exec_driver_sql("BEGIN")
        return
    # SQLite's own busy handler backs off to sleeps of 100 ms: under steady contention a counter
    # that has waited a while loses the lock to every newcomer that polls more often, and can
    # starve until the busy timeout (measured: "database is locked" after 5 s with eight counters
    # filing at once). Asking every millisecond or two gives each waiter the same chance.
    connection.exec_driver_sql("PRAGMA busy_timeout=0")
    try:
        deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
        while True:
            try:
                connection.exec_driver_sql("BEGIN IMMEDIATE")
                return
            except OperationalError as exc:
                busy = getattr(exc.orig, "sqlite_errorcode", None) == sqlite3.SQLITE_BUSY
                if not busy or time.monotonic() > deadline:
                    raise
            time.sleep(random.uniform(0.0005, 0.002))
    finally:
        connection.exec_driver_sql(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")


def new_session(engine: Engine) -> Session:
    """A session whose objects stay readable after commit (the screens show them afterwards)."""
    return Session(engine, expire_on_commit=False)
