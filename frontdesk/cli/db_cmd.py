"""``frontdesk db``: the database schema."""

import typer

from frontdesk.cli.context import fail, options
from frontdesk.i18n import _

app = typer.Typer(help=_("The database."), no_args_is_help=True)


@app.command("upgrade", help=_("Bring the database (SQLite or PostgreSQL) to the newest schema."))
def upgrade(ctx: typer.Context) -> None:
    """Bring the database (SQLite or PostgreSQL) to the newest schema."""
    from frontdesk.store import migrate
    from frontdesk.store.engine import make_engine

    target = options(ctx).database
    try:
        engine = make_engine(target)
        before = migrate.current_revision(engine)
        migrate.upgrade(engine)
        after = migrate.current_revision(engine)
    except Exception as exc:  # noqa: BLE001 - one clear line, whatever the driver says
        fail(_("cannot upgrade {database}: {error}").format(database=target, error=exc))
    empty = _("empty")
    typer.echo(f"{target}: {before or empty} → {after}")


@app.command(
    "reindex",
    help=_(
        "Write the resident search index again from the residents on file (after `check` "
        "finds it out of date; the counter keeps it up to date by itself)."
    ),
)
def reindex(ctx: typer.Context) -> None:
    """Write the resident search index again from the residents on file (after `check` finds
    it out of date; the counter keeps it up to date by itself)."""
    from frontdesk.store.database import SchemaBehind, open_database
    from frontdesk.store.listeners.search_index import rebuild

    target = options(ctx).database
    try:
        engine = open_database(target)
        with engine.begin() as connection:
            count = rebuild(connection)
    except SchemaBehind as exc:
        fail(str(exc))
    except Exception as exc:  # noqa: BLE001 - one clear line, whatever the driver says
        fail(_("cannot reindex {database}: {error}").format(database=target, error=exc))
    typer.echo(_("{database}: {count} residents indexed").format(database=target, count=count))
