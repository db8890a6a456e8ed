"""``frontdesk notify``: the sender of the outbox. Each round writes the notices time has made
due (a deadline about to pass, or passed), gives each route of frontdesk.toml what it takes,
and posts what is due: ``--once`` for one round (cron, tests), else a round every ``--every``
seconds until stopped (a service). ``notify status`` counts what is pending, sent and failing
per route, with the last error a receiver gave."""

import time
from dataclasses import dataclass, field

import typer

from frontdesk.cli.context import echo_json, fail, options
from frontdesk.i18n import _

app = typer.Typer(help=_("Tell departments beyond the counter: send what the outbox holds."))


@dataclass
class Round:
    """What one round did, for the log line and --json."""

    written: int = 0
    sent: list[dict] = field(default_factory=list)
    failed: list[dict] = field(default_factory=list)
    held: int = 0


def _routes():
    from frontdesk import config
    from frontdesk.channels.routes import read_routes

    path = config.settings_file()
    try:
        routes = read_routes(path)
    except config.ConfigError as exc:
        fail(str(exc))
    if not routes:
        fail(_("no [[notify]] route in {path}: nothing to send to").format(path=path))
    return routes


def one_round(engine, desk, routes, *, dry_run: bool = False) -> Round:
    from frontdesk.channels.posting import WECOM_PER_MINUTE, NotSent, batches, post
    from frontdesk.services.notices.outbox import (
        Takes,
        claim,
        delivered,
        not_delivered,
        released,
    )
    from frontdesk.services.notices.sweep import notices_due
    from frontdesk.store.engine import new_session

    done = Round()
    takes = [Takes(r.name, r.events, r.departments) for r in routes]
    with new_session(engine) as session:
        # A dry run too: what time has made due is the outbox's, whoever sends it.
        done.written = notices_due(session=session, desk=desk)
        outgoing = claim(session=session, desk=desk, routes=takes, dry_run=dry_run)
        for route in routes:
            mine = [o for o in outgoing if o.route == route.name]
            rows = [_row(o) for o in mine]
            if dry_run:
                done.sent += rows
                continue
            groups = batches(route, [o.text for o in mine])
            for number, group in enumerate(groups):
                ids = [mine[i].delivery_id for i in group]
                if route.channel == "wecom" and number >= WECOM_PER_MINUTE:
                    # The robot takes 20 a minute: the rest wait for the next round.
                    released(session=session, desk=desk, delivery_ids=ids)
                    done.held += len(ids)
                    continue
                try:
                    post(route, [mine[i].text for i in group], [rows[i] for i in group])
                except NotSent as why:
                    not_delivered(session=session, desk=desk, delivery_ids=ids, error=str(why))
                    done.failed += [{**rows[i], "error": str(why)} for i in group]
                    continue
                delivered(session=session, desk=desk, delivery_ids=ids)
                done.sent += [rows[i] for i in group]
    return done


def _row(outgoing) -> dict:
    return {
        "route": outgoing.route,
        "event": outgoing.event,
        "matter": outgoing.matter_id,
        "key": outgoing.key,
        "tries": outgoing.attempts,
        "text": outgoing.text,
    }


@app.callback(invoke_without_command=True)
def notify(
    ctx: typer.Context,
    once: bool = typer.Option(False, "--once", help=_("One round, then exit.")),
    dry_run: bool = typer.Option(
        False, "--dry-run", help=_("List what would be sent, and send nothing.")
    ),
    as_json: bool = typer.Option(False, "--json", help=_("Print JSON.")),
    every: float = typer.Option(30.0, "--every", min=1.0, help=_("Seconds between rounds.")),
) -> None:
    """Send what the outbox holds."""
    if ctx.invoked_subcommand is not None:
        return
    routes = _routes()
    opts = options(ctx)
    desk, engine = opts.desk(), opts.open_engine()
    while True:
        done = one_round(engine, desk, routes, dry_run=dry_run)
        _say(done, as_json=as_json, dry_run=dry_run)
        if once or dry_run:
            raise typer.Exit(1 if done.failed else 0)
        time.sleep(every)


def _say(done: Round, *, as_json: bool, dry_run: bool) -> None:
    if as_json:
        key = "would send" if dry_run else "sent"
        echo_json(
            {"written": done.written, key: done.sent, "failed": done.failed, "held": done.held}
        )
        return
    if dry_run:
        for row in done.sent:
            typer.echo(f"{row['route']} · {row['key']}\n{row['text']}\n")
        typer.echo(_("{n} to send").format(n=len(done.sent)))
        return
    typer.echo(
        _("{written} new, {sent} sent, {failed} not sent (tried again later), {held} held").format(
            written=done.written, sent=len(done.sent), failed=len(done.failed), held=done.held
        )
    )
    # Once for each route and error: a batch of notices refused together is one refusal.
    for route, error in dict.fromkeys((row["route"], row["error"]) for row in done.failed):
        typer.echo(_("not sent to {route}: {error}").format(route=route, error=error), err=True)


@app.command("status", help=_("What is pending, sent and failing, route by route."))
def status(
    ctx: typer.Context, as_json: bool = typer.Option(False, "--json", help=_("Print JSON."))
) -> None:
    from frontdesk.services.notices.outbox import outbox_status
    from frontdesk.store.engine import new_session

    routes = _routes()
    opts = options(ctx)
    desk, engine = opts.desk(), opts.open_engine()
    with new_session(engine) as session:
        shown = outbox_status(session=session, desk=desk, routes=[r.name for r in routes])
    if as_json:
        echo_json([s.__dict__ for s in shown])
        return
    for s in shown:
        line = _("{route}: {pending} pending ({failing} after a failed try), {sent} sent").format(
            route=s.route, pending=s.pending, failing=s.failing, sent=s.sent
        )
        typer.echo(
            line + (" · " + _("last error: {e}").format(e=s.last_error) if s.last_error else "")
        )
