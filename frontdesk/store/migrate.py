"""Schema migrations (Alembic): a database is brought to the newest revision before use."""

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine

MIGRATIONS = Path(__file__).parent / "migrations"


def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


def knows(revision: str) -> bool:
    """Whether this program has ``revision`` in its history (a newer program's is unknown)."""
    script = ScriptDirectory.from_config(_config())
    return any(step.revision == revision for step in script.walk_revisions())


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


class BrokenReferences(RuntimeError):
    """A migration would leave rows that refer to rows no longer there: nothing is changed."""


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the database at ``engine`` to ``revision`` (the newest by default)."""
    config = _config()
    sqlite = engine.dialect.name == "sqlite"
    with engine.connect() as connection:
        # SQLite changes a column by rebuilding its table, and the rebuild drops the old table
        # first: with references checked, the rows of other tables that refer to it refuse the
        # drop. They are checked once the rebuild is done, before anything is committed. (The
        # setting is the connection's, and is changed only outside a transaction.)
        if sqlite:
            _foreign_keys(connection, on=False)
        try:
            with connection.begin():
                config.attributes["connection"] = connection
                command.upgrade(config, revision)
                if sqlite:
                    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
                    if broken:
                        raise BrokenReferences(f"rows refer to rows that are gone: {broken[:5]}")
        finally:
            if sqlite:
                _foreign_keys(connection, on=True)


def _foreign_keys(connection: Connection, *, on: bool) -> None:
    raw = connection.connection.dbapi_connection
    assert raw is not None
    raw.execute(f"PRAGMA foreign_keys={'ON' if on else 'OFF'}")


def is_current(engine: Engine) -> bool:
    return current_revision(engine) == head_revision()


def autogenerate(engine: Engine, message: str) -> None:
    """Write a new revision from the difference between the tables and the database."""
    config = _config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.revision(config, message=message, autogenerate=True)
