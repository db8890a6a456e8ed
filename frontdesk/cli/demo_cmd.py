"""``frontdesk demo``: build the demo estate into a database."""

from pathlib import Path

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
    from sqlalchemy.engine import make_url
    from sqlmodel import func, select

    from frontdesk.services.demo import DEMO_PIN, build_demo
    from frontdesk.store.engine import database_url, new_session
    from frontdesk.store.models import Resident

    opts = options(ctx)
    url = make_url(database_url(opts.database))
    if force and url.get_backend_name() == "sqlite" and url.database:
        for suffix in ("", "-wal", "-shm"):
            Path(url.database + suffix).unlink(missing_ok=True)
    desk = opts.desk()
    engine = opts.open_engine()
    with new_session(engine) as session:
        if session.exec(select(func.count()).select_from(Resident)).one():
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
