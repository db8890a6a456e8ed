"""The ``frontdesk`` commands, as typer reads them. Without a command, the counter app opens;
the plain launch skips this module altogether (``main.py``)."""

import typer

from frontdesk.cli import (
    audit_cmd,
    backup_cmd,
    config_cmd,
    db_cmd,
    demo_cmd,
    lists_cmd,
    notify_cmd,
    policy_cmd,
    report_cmd,
    ring_cmd,
    sheets_cmd,
)
from frontdesk.cli.context import Options, fail
from frontdesk.cli.launch import open_app
from frontdesk.i18n import _

app = typer.Typer(
    help=_("The reception counter of a residential property-management service centre."),
    no_args_is_help=False,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.add_typer(policy_cmd.app, name="policy")
app.add_typer(db_cmd.app, name="db")
app.add_typer(config_cmd.app, name="config")
app.add_typer(notify_cmd.app, name="notify")
# The help of each command is said here, in the interface language; the docstrings beside the
# functions are for whoever reads the code.
app.command(
    "demo",
    help=_(
        "Build a realistic demo estate: residents, sixty days of calls, matters in every state."
    ),
)(demo_cmd.demo)
app.command("queue", help=_("Open matters sorted by their next deadline, overdue first."))(
    lists_cmd.queue
)
app.command(
    "callbacks", help=_("Follow-up calls owed, by due time, with the window they may be made in.")
)(lists_cmd.callbacks)
app.command(
    "audit",
    help=_("The audit log, newest first: who did what, where and when (office manager only)."),
)(audit_cmd.audit)
app.command(
    "backup",
    help=_("Copy the database to PATH while the counters keep working, and check the copy."),
)(backup_cmd.backup)
app.command(
    "restore",
    help=_("Put a backup back into the database, after checking it; an older one is upgraded."),
)(backup_cmd.restore)
app.command(
    "check",
    help=_("Check the database: integrity, schema, and that its records agree with each other."),
)(backup_cmd.check)
app.add_typer(sheets_cmd.residents_app, name="residents")
app.command(
    "export",
    help=_(
        "Write the matters (by reception), follow-ups (by due time), the reception register (by "
        "answer time) or the residents (a roster to edit and import back) as a spreadsheet; "
        "times in the policy's time zone, numbers masked."
    ),
)(sheets_cmd.export)
app.command(
    "report",
    help=_(
        "The monthly report: counts by kind, class, department and party complained about; each "
        "milestone's on-time rate; the follow-up rate; median hours to reply and to resolve; "
        "repeat complainers; each against the month before."
    ),
)(report_cmd.report)
app.command(
    "ring",
    help=_("Tell the counter app a call is ringing: it shows who is calling and counts the rings."),
)(ring_cmd.ring)


@app.callback(invoke_without_command=True)
def main(
    ctx: typer.Context,
    db: str = typer.Option(
        None,
        "--db",
        help=_(
            "SQLite path or database URL (default: FRONTDESK_DATABASE_URL, else data/frontdesk.db)."
        ),
    ),
    policy: str = typer.Option(
        None,
        "--policy",
        help=_("Policy file (default: FRONTDESK_POLICY, else data/policy.toml)."),
    ),
    counter: str = typer.Option(
        None,
        "--counter",
        help=_(
            "This counter's name, shown to the others (default: FRONTDESK_COUNTER, else the "
            "machine's name)."
        ),
    ),
    lang: str = typer.Option(
        None,
        "--lang",
        help=_(
            "The interface's language, zh-Hans or en (default: FRONTDESK_LANG, else the "
            "settings file, else the system locale)."
        ),
    ),
) -> None:
    """Without a command, open the counter app."""
    for flag, value in (("--db", db), ("--policy", policy)):
        if value is not None and not value.strip():
            fail(_("{flag} is empty: give a path or leave the option out").format(flag=flag))
    ctx.obj = Options(db=db, policy=policy, counter=counter, lang=lang)
    if ctx.invoked_subcommand is None:
        open_app(ctx.obj)
