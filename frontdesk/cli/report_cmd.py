"""``frontdesk report``: the monthly report (DOMAIN.md §3), as text tables, JSON or a workbook."""

import textwrap
from datetime import datetime
from pathlib import Path

import typer

from frontdesk.cli.context import echo_json, fail, options
from frontdesk.domain.text.width import shown_width
from frontdesk.i18n import _


def report(
    ctx: typer.Context,
    month: str = typer.Option(
        None,
        "--month",
        help=_("The month, YYYY-MM (default: the last complete month by the counter's clock)."),
    ),
    xlsx: Path = typer.Option(
        None, "--xlsx", help=_("Also write the report to this workbook (.xlsx), a sheet a table.")
    ),
    force: bool = typer.Option(False, "--force", help=_("Replace the workbook if it exists.")),
    as_json: bool = typer.Option(False, "--json", help=_("Print JSON instead of text tables.")),
) -> None:
    """The monthly report: counts by kind, class, department and party complained about; each
    milestone's on-time rate; the follow-up rate; median hours to reply and to resolve; repeat
    complainers; each against the month before."""
    from frontdesk.domain.clock.months import Month, MonthError
    from frontdesk.services.report.records import last_complete_month, report_for
    from frontdesk.services.report.tables import report_tables
    from frontdesk.store.engine import new_session

    opts = options(ctx)
    desk = opts.desk()
    try:
        chosen = Month.parse(month) if month is not None else last_complete_month(desk)
    except MonthError as exc:
        fail(str(exc))
    if xlsx is not None and xlsx.suffix.lower() != ".xlsx":
        fail(_("--xlsx {path}: the file name must end in .xlsx").format(path=xlsx))
    if xlsx is not None and xlsx.exists() and not force:
        fail(_("{file} exists: give --force to replace it").format(file=xlsx))
    with new_session(opts.open_engine()) as session:
        found = report_for(session=session, desk=desk, month=chosen)
    tables = report_tables(found)
    if xlsx is not None:
        from frontdesk.services.report.xlsx import write_workbook

        try:
            write_workbook(tables, xlsx, title=_("Monthly report {month}").format(month=chosen))
        except OSError as exc:
            fail(_("cannot write {path}: {error}").format(path=xlsx, error=exc.strerror or exc))
    if as_json:
        echo_json({"month": str(chosen), "tables": [_json_table(t) for t in tables]})
        return
    typer.echo(
        _("Monthly report {month}, against {previous}").format(
            month=chosen, previous=chosen.previous()
        )
    )
    for table in tables:
        typer.echo("")
        typer.echo(_text_table(table))
    if xlsx is not None:
        typer.echo("")
        typer.echo(_("Written to {path}").format(path=xlsx))


def _pad(text: str, width: int, right: bool) -> str:
    room = " " * (width - shown_width(text))
    return room + text if right else text + room


def _text_table(table) -> str:
    from frontdesk.services.report.tables import Type, text_of

    header = [c.title for c in table.columns]
    cells = [
        [text_of(v, c.type) for v, c in zip(row, table.columns, strict=True)] for row in table.rows
    ]
    widths = [max(shown_width(t) for t in column) for column in zip(header, *cells, strict=False)]
    right = [c.type is not Type.TEXT for c in table.columns]
    lines = [f"== {table.title} =="]
    for row in [header, *cells]:
        lines.append("  ".join(_pad(t, w, r) for t, w, r in zip(row, widths, right, strict=True)))
    if not table.rows:
        lines.append(_("(none)"))
    if table.note:
        lines += textwrap.wrap(table.note, 100)
    return "\n".join(line.rstrip() for line in lines)


def _json_value(value):
    if isinstance(value, tuple):  # a summary cell: its value, whatever its type
        value = value[1]
    if isinstance(value, datetime):
        return value.isoformat()
    return value


def _json_row(keys: list[str], row: tuple) -> dict:
    out = dict(zip(keys, map(_json_value, row), strict=True))
    typed = [cell for cell in row if isinstance(cell, tuple)]
    if typed:  # a summary row: what its figures are (count, rate, hours)
        out["type"] = typed[0][0].value
    return out


def _json_table(table) -> dict:
    keys = [c.key for c in table.columns]
    return {
        "key": table.key,
        "title": table.title,
        "columns": [{"key": c.key, "title": c.title, "type": c.type.value} for c in table.columns],
        "rows": [_json_row(keys, row) for row in table.rows],
        "note": table.note,
    }
