"""What ``frontdesk residents import`` says: every failing row with its line and reasons, each
card it adds or changes (field: old → new), and the counts; or the same as JSON."""

from pathlib import Path

import typer

from frontdesk.domain.vocabulary.kinds import ResidentRole
from frontdesk.domain.vocabulary.labels import named_of
from frontdesk.i18n import _
from frontdesk.services.sheets.roster_import import FieldChange, ImportReport, PlannedRow


def _field_name(key: str) -> str:
    """A roster column or a card's field (the stable key JSON keeps) in the interface language."""
    names = {
        "name": _("name"),
        "unit": _("unit"),
        "building": _("building"),
        "entrance": _("entrance"),
        "room": _("room"),
        "phone": _("phone"),
        "phones": _("phones"),
        "role": _("role"),
        "title": _("title"),
        "gender": _("gender"),
        "occupation": _("occupation"),
        "interests": _("interests"),
        "notes": _("notes"),
        "ignore": _("ignore"),
    }
    return names.get(key, key)


def _value(change: FieldChange, value: str) -> str:
    """A field's value as shown: a role by its name, anything else as it is."""
    return named_of(ResidentRole, value) if change.field == "role" else value


def _fields(row: PlannedRow, *, new: bool) -> str:
    if new:
        return "; ".join(
            _("{field}: {value}").format(field=_field_name(c.field), value=_value(c, c.after))
            for c in row.changes
        )
    return "; ".join(
        _("{field}: {before} → {after}").format(
            field=_field_name(c.field),
            before=_value(c, c.before) or "—",
            after=_value(c, c.after) or "—",
        )
        for c in row.changes
    )


def print_report(file: Path, report: ImportReport, *, dry_run: bool) -> None:
    echo = typer.echo
    echo(_("{file} ({read_as})").format(file=file, read_as=report.read_as))
    if report.columns:
        used = ", ".join(
            _("{header} → {field}").format(header=h, field=_field_name(f))
            for h, f in report.columns.items()
        )
        echo(_("header on line {line}: {columns}").format(line=report.header_line, columns=used))
    if report.unknown_columns:
        echo(
            _("columns left out (map them with --map HEADER=field): {columns}").format(
                columns=", ".join(report.unknown_columns)
            )
        )
    for problem in report.problems:
        echo(_("error: {problem}").format(problem=problem))
    for error in report.errors:
        for reason in error.reasons:
            echo(_("line {line}: {reason}").format(line=error.line, reason=reason))
    for row in report.added:
        echo(
            _("+ line {line}: {name} {unit} ({fields})").format(
                line=row.line, name=row.name, unit=row.unit, fields=_fields(row, new=True)
            )
        )
    for row in report.updated:
        echo(
            _("~ line {line}: {name} {unit} #{id}: {fields}").format(
                line=row.line,
                name=row.name,
                unit=row.unit,
                id=row.resident_id,
                fields=_fields(row, new=False),
            )
        )
    counts = {
        "added": len(report.added),
        "updated": len(report.updated),
        "unchanged": report.unchanged,
        "failed": len(report.errors),
    }
    if report.problems:
        echo(_("nothing was read, nothing written"))
    elif report.failed:
        echo(
            _(
                "{failed} failed, nothing written: {added} to add, {updated} to update, "
                "{unchanged} unchanged"
            ).format(**counts)
        )
    elif dry_run:
        echo(
            _(
                "dry run, nothing written: {added} to add, {updated} to update, "
                "{unchanged} unchanged"
            ).format(**counts)
        )
    else:
        echo(_("{added} added, {updated} updated, {unchanged} unchanged").format(**counts))


def report_json(file: Path, report: ImportReport, *, dry_run: bool) -> dict:
    return {
        "file": str(file),
        "read_as": report.read_as,
        "header_line": report.header_line,
        "columns": report.columns,
        "unknown_columns": report.unknown_columns,
        "problems": report.problems,
        "errors": [{"line": e.line, "reasons": e.reasons} for e in report.errors],
        "added": [
            {
                "line": r.line,
                "name": r.name,
                "unit": r.unit,
                "fields": {c.field: c.after for c in r.changes},
            }
            for r in report.added
        ],
        "updated": [
            {
                "line": r.line,
                "resident_id": r.resident_id,
                "name": r.name,
                "unit": r.unit,
                "changes": {c.field: {"before": c.before, "after": c.after} for c in r.changes},
            }
            for r in report.updated
        ],
        "unchanged": report.unchanged,
        "dry_run": dry_run,
        "written": report.written,
    }
