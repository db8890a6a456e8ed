"""``frontdesk backup``, ``restore`` and ``check``: keeping the counter's database safe."""

from pathlib import Path

import typer

from frontdesk.cli.context import fail, options
from frontdesk.i18n import _


def backup(
    ctx: typer.Context,
    path: Path = typer.Argument(..., help=_("The backup file to write.")),
    force: bool = typer.Option(False, "--force", help=_("Replace an existing file at PATH.")),
) -> None:
    """Copy the database to PATH while the counters keep working, and check the copy."""
    from frontdesk.store.backup.dispatch import backup_database
    from frontdesk.store.backup.files import shown

    target = options(ctx).database
    try:
        done = backup_database(target, path, force=force)
    except Exception as exc:  # noqa: BLE001 - one clear line, whatever went wrong
        fail(_("cannot back up {database}: {error}").format(database=shown(target), error=exc))
    typer.echo(
        _("{database} → {path}: {size} bytes, schema {revision}, checked").format(
            database=shown(target),
            path=done.path,
            size=f"{done.size:,}",
            revision=done.revision or _("none"),
        )
    )


def restore(
    ctx: typer.Context,
    path: Path = typer.Argument(..., help=_("The backup file to restore.")),
    force: bool = typer.Option(
        False, "--force", help=_("Replace a database that holds data (it is kept aside first).")
    ),
) -> None:
    """Put a backup back into the database, after checking it; an older one is upgraded."""
    from frontdesk.store.backup.dispatch import restore_database
    from frontdesk.store.backup.files import shown

    target = options(ctx).database
    try:
        done = restore_database(path, target, force=force)
    except Exception as exc:  # noqa: BLE001 - one clear line, whatever went wrong
        fail(
            _("cannot restore {path} into {database}: {error}").format(
                path=path, database=shown(target), error=exc
            )
        )
    said = _("{path} → {database}: schema {revision}").format(
        path=path, database=shown(target), revision=done.revision
    )
    if done.revision != done.now_at:
        said += _(", upgraded to {revision}").format(revision=done.now_at)
    typer.echo(said)
    if done.kept:
        typer.echo(
            _("what {database} held before is kept in {kept}").format(
                database=shown(target), kept=done.kept
            )
        )


def check(ctx: typer.Context) -> None:
    """Check the database: integrity, schema, and that its records agree with each other."""
    from frontdesk.store.backup.files import shown
    from frontdesk.store.checks import check_database, check_title

    target = options(ctx).database
    try:
        findings = check_database(target)
    except Exception as exc:  # noqa: BLE001 - one clear line, whatever went wrong
        fail(_("cannot check {database}: {error}").format(database=shown(target), error=exc))
    typer.echo(shown(target))
    titles = [check_title(f.check) for f in findings]
    width = max(len(t) for t in titles)
    marks = {True: _("ok"), False: _("PROBLEM")}
    mark_width = max(len(m) for m in marks.values())
    for finding, title in zip(findings, titles, strict=True):
        typer.echo(f"{marks[finding.ok]:<{mark_width}}  {title:<{width}}  {finding.detail}")
    problems = sum(not f.ok for f in findings)
    if problems == 1:
        fail(_("1 problem found in {database}").format(database=shown(target)))
    if problems:
        fail(
            _("{count} problems found in {database}").format(count=problems, database=shown(target))
        )
    typer.echo(_("all {count} checks passed").format(count=len(findings)))
