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
    policy_cmd,
    report_cmd,
    ring_cmd,
    sheets_cmd,
)
from frontdesk.cli.context import Options, fail
from frontdesk.cli.launch import open_app

app = typer.Typer(
    help="The reception counter of a residential property-management service centre.",
    no_args_is_help=False,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.add_typer(policy_cmd.app, name="policy")
app.add_typer(db_cmd.app, name="db")
app.add_typer(config_cmd.app, name="config")
app.add_typer(sheets_cmd.residents_app, name="residents")
app.command("demo")(demo_cmd.demo)
app.command("queue")(lists_cmd.queue)
app.command("callbacks")(lists_cmd.callbacks)
app.command("audit")(audit_cmd.audit)
app.command("backup")(backup_cmd.backup)
app.command("restore")(backup_cmd.restore)
app.command("check")(backup_cmd.check)
app.command("export")(sheets_cmd.export)
app.command("report")(report_cmd.report)
app.command("ring")(ring_cmd.ring)


@app.callback(invoke_without_command=True)
def main(
    ctx: typer.Context,
    db: str = typer.Option(
        None,
        "--db",
        help="SQLite path or database URL "
        "(default: FRONTDESK_DATABASE_URL, else data/frontdesk.db).",
    ),
    policy: str = typer.Option(
        None, "--policy", help="Policy file (default: FRONTDESK_POLICY, else data/policy.toml)."
    ),
    counter: str = typer.Option(
        None,
        "--counter",
        help="This counter's name, shown to the others (default: FRONTDESK_COUNTER, else the "
        "machine's name).",
    ),
    lang: str = typer.Option(
        None,
        "--lang",
        help="The interface's language, zh-Hans or en (default: FRONTDESK_LANG, else the "
        "settings file, else the system locale).",
    ),
) -> None:
    """Without a command, open the counter app."""
    for flag, value in (("--db", db), ("--policy", policy)):
        if value is not None and not value.strip():
            fail(f"{flag} is empty: give a path or leave the option out")
    ctx.obj = Options(db=db, policy=policy, counter=counter, lang=lang)
    if ctx.invoked_subcommand is None:
        open_app(ctx.obj)
