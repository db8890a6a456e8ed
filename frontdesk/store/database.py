"""Opening the counter's database, brought up to the newest schema."""

from sqlalchemy import Engine

from frontdesk.i18n import _
from frontdesk.store import migrate
from frontdesk.store.engine import make_engine


class SchemaBehind(RuntimeError):
    """A shared database is older than this program: upgrading it is a deliberate step."""


def open_database(target: str) -> Engine:
    """The engine for ``target``. A SQLite file, or an empty database, is brought to the newest
    schema on the spot; a shared PostgreSQL database already in use is not, since other counters
    may still run the older program against it."""
    engine = make_engine(target)
    current = migrate.current_revision(engine)
    if current == migrate.head_revision():
        return engine
    if engine.dialect.name == "sqlite" or current is None:
        migrate.upgrade(engine)
        return engine
    raise SchemaBehind(
        _("the database schema is older than this program: run `frontdesk db upgrade`")
    )
