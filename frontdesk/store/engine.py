"""Opening a database: SQLite by default (WAL, foreign keys, busy timeout), PostgreSQL by URL."""

import os
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlmodel import Session

# A second counter writing at the same moment waits this long before SQLite gives up.
BUSY_TIMEOUT_MS = 5000


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
    engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
    event.listen(engine, "connect", _sqlite_pragmas)
    return engine


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


def new_session(engine: Engine) -> Session:
    """A session whose objects stay readable after commit (the screens show them afterwards)."""
    return Session(engine, expire_on_commit=False)
