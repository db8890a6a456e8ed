"""``frontdesk demo``: build the demo estate into a database."""

import typer

from frontdesk.cli.context import fail, options
from frontdesk.i18n import _


def demo(
    ctx: typer.Context,
    residents: int = typer.Option(
        2000, "--residents", min=1, max=200_000, help=_("How many residents.")
    ),
    seed: int = typer.Option(7, "--seed", help=_("The same seed builds the same estate.")),
    force: bool = typer.Option(False, "--force", help=_("Replace an existing SQLite demo file.")),
) -> None:
    """Build a realistic demo estate: residents, sixty days of calls, matters in every state."""
    from frontdesk.services.demo.builder import DEMO_PIN
    from frontdesk.services.demo.estate import build_demo, estate_is_empty
    from frontdesk.store.engine import new_session, remove_sqlite_files

    opts = options(ctx)
    if force and not remove_sqlite_files(opts.database):
        fail(_("--force only replaces a SQLite file; empty a shared database deliberately"))
    desk = opts.desk()
    with new_session(opts.open_engine()) as session:
        if not estate_is_empty(session):
            fail(
                _(
                    "{database} already holds residents: use --force to rebuild a SQLite "
                    "file, or choose another --db"
                ).format(database=opts.database)
            )
        summary = build_demo(
            session=session, policy=desk.policy, now=desk.now(), seed=seed, resident_count=residents
        )
    typer.echo(
        _(
            "Demo estate in {database}: {residents} residents, {calls} calls, {open} open "
            "matters, {owed} follow-ups owed. Staff PIN: {pin}."
        ).format(
            database=opts.database,
            residents=summary.residents,
            calls=summary.calls,
            open=summary.open_matters,
            owed=summary.follow_ups_owed,
            pin=DEMO_PIN,
        )
    )
