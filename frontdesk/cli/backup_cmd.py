"""``frontdesk backup``, ``restore`` and ``check``: keeping the counter's database safe."""

from pathlib import Path

import typer

from frontdesk.cli.context import fail, options


def backup(
    ctx: typer.Context,
    path: Path = typer.Argument(..., help="The backup file to write."),
    force: bool = typer.Option(False, "--force", help="Replace an existing file at PATH."),
) -> None:
    """Copy the database to PATH while the counters keep working, and check the copy."""
    from frontdesk.store.backup import backup_database, shown

    target = options(ctx).database
    try:
        done = backup_database(target, path, force=force)
    except Exception as exc:  # noqa: BLE001 - one clear line, whatever went wrong
        fail(f"cannot back up {shown(target)}: {exc}")
    typer.echo(
        f"{shown(target)} → {done.path}: {done.size:,} bytes, schema {done.revision or 'none'}, "
        "checked"
    )


def restore(
    ctx: typer.Context,
    path: Path = typer.Argument(..., help="The backup file to restore."),
    force: bool = typer.Option(
        False, "--force", help="Replace a database that holds data (it is kept aside first)."
    ),
) -> None:
    """Put a backup back into the database, after checking it; an older one is upgraded."""
    from frontdesk.store.backup import restore_database, shown

    target = options(ctx).database
    try:
        done = restore_database(path, target, force=force)
    except Exception as exc:  # noqa: BLE001 - one clear line, whatever went wrong
        fail(f"cannot restore {path} into {shown(target)}: {exc}")
    upgraded = f", upgraded to {done.now_at}" if done.revision != done.now_at else ""
    typer.echo(f"{path} → {shown(target)}: schema {done.revision}{upgraded}")
    if done.kept:
        typer.echo(f"what {shown(target)} held before is kept in {done.kept}")


def check(ctx: typer.Context) -> None:
    """Check the database: integrity, schema, and that its records agree with each other."""
    from frontdesk.store.backup import shown
    from frontdesk.store.checks import check_database

    target = options(ctx).database
    try:
        findings = check_database(target)
    except Exception as exc:  # noqa: BLE001 - one clear line, whatever went wrong
        fail(f"cannot check {shown(target)}: {exc}")
    typer.echo(shown(target))
    width = max(len(f.check) for f in findings)
    for finding in findings:
        mark = "ok     " if finding.ok else "PROBLEM"
        typer.echo(f"{mark}  {finding.check:<{width}}  {finding.detail}")
    problems = sum(not f.ok for f in findings)
    if problems:
        fail(f"{problems} problem{'s' if problems > 1 else ''} found in {shown(target)}")
    typer.echo(f"all {len(findings)} checks passed")
