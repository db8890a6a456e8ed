"""``frontdesk demo``: build the demo estate into a database."""

import typer

from frontdesk.cli.context import fail, options


def demo(
    ctx: typer.Context,
    residents: int = typer.Option(
        2000, "--residents", min=1, max=200_000, help="How many residents."
    ),
    seed: int = typer.Option(7, "--seed", help="The same seed builds the same estate."),
    force: bool = typer.Option(False, "--force", help="Replace an existing SQLite demo file."),
) -> None:
    """Build a realistic demo estate: residents, sixty days of calls, matters in every state."""
    from frontdesk.services.demo import DEMO_PIN, build_demo, estate_is_empty
    from frontdesk.store.engine import new_session, remove_sqlite_files

    opts = options(ctx)
    if force and not remove_sqlite_files(opts.database):
        fail("--force only replaces a SQLite file; empty a shared database deliberately")
    desk = opts.desk()
    with new_session(opts.open_engine()) as session:
        if not estate_is_empty(session):
            fail(
                f"{opts.database} already holds residents: use --force to rebuild a SQLite "
                "file, or choose another --db"
            )
        summary = build_demo(
            session=session, policy=desk.policy, now=desk.now(), seed=seed, resident_count=residents
        )
    typer.echo(
        f"Demo estate in {opts.database}: {summary.residents} residents, "
        f"{summary.calls} calls, {summary.open_matters} open matters, "
        f"{summary.follow_ups_owed} follow-ups owed. Staff PIN: {DEMO_PIN}."
    )
