"""``frontdesk residents import`` and ``frontdesk export``: spreadsheets in and out.

An import reads the estate's roster (CSV or XLSX), says what it would add and change and every
row it cannot take with its line, and writes all of it or nothing. An export writes the
matters, the follow-ups or the reception register as CSV or XLSX.
"""

import tomllib
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from pathlib import Path

import typer

from frontdesk.cli.context import echo_json, fail, options
from frontdesk.i18n import _

residents_app = typer.Typer(help=_("Resident cards."), no_args_is_help=True)

# What the audit log's counter column says the changes came from.
IMPORT_COUNTER = "roster import: {file}"


class Exported(StrEnum):
    MATTERS = "matters"
    FOLLOWUPS = "followups"
    REGISTER = "register"
    RESIDENTS = "residents"


@residents_app.command("import")
def import_residents(
    ctx: typer.Context,
    file: Path = typer.Argument(..., help=_("The roster: a CSV or XLSX file.")),
    maps: list[str] = typer.Option(
        None,
        "--map",
        help=_("HEADER=field: what a column holds (repeatable); field 'ignore' leaves it out."),
    ),
    mapping_file: Path = typer.Option(
        None, "--mapping", help=_('A TOML file of columns: [columns] "户主" = "name".')
    ),
    sheet: str = typer.Option(None, "--sheet", help=_("The sheet of an XLSX workbook to read.")),
    dry_run: bool = typer.Option(
        False, "--dry-run", help=_("Say what would change; write nothing.")
    ),
    as_json: bool = typer.Option(False, "--json", help=_("Print JSON.")),
) -> None:
    """Add and update residents from the estate's roster, all rows or none."""
    from frontdesk.cli.sheets_report import print_report, report_json
    from frontdesk.domain.roster.columns import MappingError, parse_mapping
    from frontdesk.services.kernel.errors import ServiceError
    from frontdesk.services.sheets.roster_files import RosterUnreadable, read_roster
    from frontdesk.services.sheets.roster_import import import_roster
    from frontdesk.store.engine import new_session

    opts = options(ctx)
    entries = [*_mapping_entries(mapping_file), *(maps or [])]
    try:
        mapping = parse_mapping(entries)
        table = read_roster(file, sheet=sheet)
    except (MappingError, RosterUnreadable) as exc:
        fail(str(exc))
    desk = replace(opts.desk(), counter=IMPORT_COUNTER.format(file=file.name))
    with new_session(opts.open_engine()) as session:
        try:
            report = import_roster(
                session=session, desk=desk, table=table, mapping=mapping, dry_run=dry_run
            )
        except ServiceError as refused:  # a card saved at a counter meanwhile: nothing written
            fail(str(refused))
    if as_json:
        echo_json(report_json(file, report, dry_run=dry_run))
    else:
        print_report(file, report, dry_run=dry_run)
    if report.failed:
        raise typer.Exit(1)


def _mapping_entries(path: Path | None) -> list[str]:
    if path is None:
        return []
    try:
        columns = tomllib.loads(path.read_text(encoding="utf-8")).get("columns", {})
    except OSError as exc:
        fail(_("cannot read {file}: {reason}").format(file=path, reason=exc.strerror or exc))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        fail(_("{file} is not a TOML mapping file: {reason}").format(file=path, reason=exc))
    if not isinstance(columns, dict):
        fail(_('{file}: write the columns as [columns] "户主" = "name"').format(file=path))
    return [f"{header}={name}" for header, name in columns.items()]


def export(
    ctx: typer.Context,
    what: Exported = typer.Argument(..., help=_("matters, followups, register or residents.")),
    out: Path = typer.Option(..., "--out", help=_("The file to write: FILE.csv or FILE.xlsx.")),
    form: str = typer.Option(
        None, "--format", help=_("csv or xlsx (default: from the file's extension).")
    ),
    since: str = typer.Option(
        None, "--from", help=_("From this day on: 2026-12-01, 上周一, 12月1日, 3天前.")
    ),
    until: str = typer.Option(
        None, "--to", help=_("Up to and including this day: 2026-12-02, 昨天, 今天.")
    ),
    force: bool = typer.Option(False, "--force", help=_("Replace the file if it exists.")),
) -> None:
    """Write the matters (by reception), follow-ups (by due time), the reception register (by
    answer time) or the residents (a roster to edit and import back) as a spreadsheet; times in
    the policy's time zone, numbers masked."""
    from frontdesk.services.sheets.exports import TABLES
    from frontdesk.services.sheets.writer import FORMATS, write_table
    from frontdesk.store.engine import new_session

    chosen = (form or out.suffix.removeprefix(".")).casefold()
    if chosen not in FORMATS:
        fail(
            _("cannot tell the format of {file}: name it .csv or .xlsx, or give --format").format(
                file=out
            )
        )
    if out.exists() and not force:
        fail(_("{file} exists: give --force to replace it").format(file=out))
    if what == Exported.RESIDENTS and (since or until):
        fail(_("--from and --to are for matters, followups and register: a roster is everyone"))
    opts = options(ctx)
    desk = opts.desk()
    zone = desk.policy.timezone
    start = _day(since, "--from", desk)
    end = _day(until, "--to", desk)
    if start and end and end < start:
        fail(_("--to {until} is before --from {since}").format(until=until, since=since))
    with new_session(opts.open_engine()) as session:
        table = TABLES[what.value](
            session=session, since=start, until=end + timedelta(days=1) if end else None
        )
        try:
            count = write_table(table, out, form=chosen, zone=zone)
        except OSError as exc:
            fail(_("cannot write {file}: {reason}").format(file=out, reason=exc.strerror or exc))
    typer.echo(_("{file}: {count} rows of {table}").format(file=out, count=count, table=what.value))


def _day(text: str | None, flag: str, desk) -> datetime | None:
    """The start of a day in the estate's time zone: 2026-12-02, or a day as said (昨天,
    上周五, 12月1日), looking back from the counter's today."""
    from frontdesk.domain.clock.moments import MomentError, Tense
    from frontdesk.domain.clock.months import FIRST_YEAR, LAST_YEAR
    from frontdesk.domain.clock.spoken import spoken_day

    if text is None:
        return None
    zone = desk.policy.timezone
    try:
        day = date.fromisoformat(text)
    except ValueError:
        try:
            day = spoken_day(text, now=desk.now(), tz=zone, tense=Tense.PAST)
        except MomentError:
            fail(
                _("{flag}: '{text}' is not a day such as 2026-12-02, 昨天 or 上周五").format(
                    flag=flag, text=text
                )
            )
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        fail(
            _(
                "{flag}: '{text}' is out of range: give a day from {first}-01-01 to {last}-12-31"
            ).format(flag=flag, text=text, first=FIRST_YEAR, last=LAST_YEAR)
        )
    return datetime.combine(day, time(), tzinfo=zone)
