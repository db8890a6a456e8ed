"""``frontdesk db``: the database schema."""

import typer

from frontdesk.cli.context import fail, options

app = typer.Typer(help="The database.", no_args_is_help=True)


@app.command("upgrade")
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
        fail(f"cannot upgrade {target}: {exc}")
    typer.echo(f"{target}: {before or 'empty'} → {after}")


@app.command("reindex")
def reindex(ctx: typer.Context) -> None:
    """Write the resident search index again from the residents on file (after `check` finds
    it out of date; the counter keeps it up to date by itself)."""
    from frontdesk.store.database import SchemaBehind, open_database
    from frontdesk.store.search_index import rebuild

    target = options(ctx).database
    try:
        engine = open_database(target)
        with engine.begin() as connection:
            count = rebuild(connection)
    except SchemaBehind as exc:
        fail(str(exc))
    except Exception as exc:  # noqa: BLE001 - one clear line, whatever the driver says
        fail(f"cannot reindex {target}: {exc}")
    typer.echo(f"{target}: {count} residents indexed")
