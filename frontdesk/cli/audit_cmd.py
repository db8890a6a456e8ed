"""``frontdesk audit``: the audit log, newest first, for the office manager.

The command line is no back door: it signs in like the counter does (``--as`` a manager, the
PIN asked for without echo, or from ``FRONTDESK_PIN`` for a script), wrong PINs count towards
the lockout, and the service refuses anyone but the office manager. Whoever holds the database
file or its credentials can read the table directly anyway; this command is for the manager,
with the numbers masked and the names resolved.
"""

from dataclasses import replace

import typer

from frontdesk.cli.context import echo_json, fail, options, parse_cli_moment
from frontdesk.i18n import _

# What the log says was done from here, in the counter column: data, kept in English whatever
# the interface's language, as every other counter's name is kept as given.
COUNTER = "command line"


def audit(
    ctx: typer.Context,
    as_name: str = typer.Option(..., "--as", help=_("Sign in as this office manager.")),
    pin: str = typer.Option(
        ...,
        "--pin",
        envvar="FRONTDESK_PIN",
        prompt=_("PIN"),
        hide_input=True,
        help=_("The manager's PIN (asked for when not given; FRONTDESK_PIN for scripts)."),
    ),
    as_json: bool = typer.Option(False, "--json", help=_("Print JSON.")),
    operator: str = typer.Option(
        None, "--operator", help=_("Only what this operator did ('system': no one signed in).")
    ),
    table: str = typer.Option(None, "--table", help=_("Only entries about this table.")),
    row: str = typer.Option(None, "--row", help=_("Only entries about this row (with --table).")),
    action: str = typer.Option(None, "--action", help=_("insert, update, delete or reveal.")),
    since: str = typer.Option(
        None,
        "--since",
        help=_("Only entries from this time on: 2026-12-02T09:00, 今天上午9点, 2小时前."),
    ),
    before: int = typer.Option(None, "--before", help=_("Only entries older than this entry id.")),
    limit: int = typer.Option(50, "--limit", min=1, max=10_000, help=_("How many entries.")),
) -> None:
    """The audit log, newest first: who did what, where and when (office manager only)."""
    from frontdesk.domain.clock.moments import Tense
    from frontdesk.services.kernel.errors import ServiceError
    from frontdesk.services.staff.audit import AuditFilter, list_audit
    from frontdesk.services.staff.operators import sign_in
    from frontdesk.store.engine import new_session
    from frontdesk.store.queries import id_of

    opts = options(ctx)
    desk = replace(opts.desk(), counter=COUNTER)
    filters = AuditFilter(
        operator=operator,
        table_name=table,
        row_key=row,
        action=action,
        since=parse_cli_moment(since, desk, "--since", Tense.PAST) if since else None,
    )
    with new_session(opts.open_engine()) as session:
        try:
            manager = sign_in(session=session, desk=desk, name=as_name, pin=pin)
            page = list_audit(
                session=session,
                desk=desk,
                operator_id=id_of(manager),
                filters=filters,
                before_id=before,
                limit=limit,
            )
        except ServiceError as refused:
            fail(str(refused))
    if as_json:
        echo_json(
            [
                {
                    "id": e.id,
                    "at": e.at.isoformat(),
                    "operator": e.operator,
                    "counter": e.counter,
                    "action": e.action,
                    "table": e.table_name,
                    "row": e.row_key,
                    "changes": {c.field: {"before": c.before, "after": c.after} for c in e.changes},
                    "summary": e.summary,
                }
                for e in page.entries
            ]
        )
        return
    for e in page.entries:
        typer.echo(
            f"#{e.id:<6} {e.at:%Y-%m-%d %H:%M} {e.operator:<6} {e.counter or '-':<12} "
            f"{e.action:<6} {e.table_name} #{e.row_key}  {e.summary}"
        )
    shown = _("{count} entries").format(count=len(page.entries))
    if page.older:
        shown += _("; older ones with --before {id}").format(id=page.older)
    typer.echo(shown)
