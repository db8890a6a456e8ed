"""Writing a table (``exports.Table``) as CSV or XLSX, a row at a time.

CSV is UTF-8 with a byte-order mark, without which Excel reads Chinese as GBK and shows
mojibake; its header is the columns' stable keys and moments are ISO-8601 with their offset.
XLSX is written by openpyxl in write-only mode (rows go to the file as they come): headers in
the interface language, bold and frozen; moments as real date cells in the estate's time zone,
which the header names, since a spreadsheet cell cannot hold one; numbers as numbers.

Text that begins like a formula (``=``, ``+``, ``-``, ``@``, or a tab or carriage return, which
some spreadsheets skip before one: OWASP's list) is written so that no spreadsheet runs it: a
resident's words are not commands. Control characters a workbook cannot hold are left out of it.
"""

import csv
import errno
import os
import re
import secrets
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from frontdesk.domain.text.width import shown_width
from frontdesk.domain.vocabulary.labels import named_of
from frontdesk.i18n import _
from frontdesk.services.sheets.exports import Column, Kind, Table

FORMATS = ("csv", "xlsx")
# Text a spreadsheet would take for a formula: written after an apostrophe in CSV, and an import
# takes one apostrophe off again. Apostrophes already in front are counted in, so that what was
# typed as '=x comes back as '=x.
FORMULA_LIKE = re.compile(r"'*[=+\-@\t\r]")
# Excel's limit on a sheet's name, and the characters it refuses in one.
_SHEET_NAME = 31
_NOT_IN_SHEET_NAMES = str.maketrans({ch: " " for ch in "[]:*?/\\"})


def write_table(table: Table, path: Path, *, form: str, zone: ZoneInfo) -> int:
    """Write ``table`` to ``path`` (replacing it only once complete); how many rows."""
    writer: Callable[[Table, Path, ZoneInfo], int] = _write_csv if form == "csv" else _write_xlsx
    with replacing(path) as scratch:
        return writer(table, scratch, zone)


@contextmanager
def replacing(path: Path) -> Iterator[Path]:
    """A new file beside ``path`` to write, put in its place once the block completes (a reader
    never sees half a file) and removed if the block fails."""
    path.parent.mkdir(parents=True, exist_ok=True)
    scratch = _new_beside(path)
    try:
        yield scratch
        os.replace(scratch, path)
    except BaseException:
        scratch.unlink(missing_ok=True)
        raise


def _new_beside(path: Path) -> Path:
    """An empty file of a name no other has, with the mode any new file gets (0666 less the
    umask): an export is for others to read, not mkstemp's owner-only 0600."""
    for _attempt in range(100):
        scratch = path.parent / f".{path.name}.{secrets.token_hex(4)}.part"
        try:
            os.close(os.open(scratch, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
        except FileExistsError:
            continue
        return scratch
    raise FileExistsError(errno.EEXIST, "no free name for a scratch file", str(path.parent))


def _write_csv(table: Table, path: Path, zone: ZoneInfo) -> int:
    count = 0
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)
        writer.writerow([column.key for column in table.columns])
        for row in table.rows:
            writer.writerow(
                [_csv_value(c, v, zone) for c, v in zip(table.columns, row, strict=True)]
            )
            count += 1
    return count


def _csv_value(column: Column, value: object, zone: ZoneInfo) -> str:
    if value is None:
        return ""
    if column.kind == Kind.MOMENT and isinstance(value, datetime):
        return value.astimezone(zone).isoformat(timespec="seconds")
    if column.kind == Kind.FLAG:
        return "yes" if value else "no"
    text = str(value)
    return "'" + text if column.kind == Kind.TEXT and FORMULA_LIKE.match(text) else text


def _write_xlsx(table: Table, path: Path, zone: ZoneInfo) -> int:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import DEFAULT_FONT, Alignment, Font
    from openpyxl.utils import get_column_letter

    book = Workbook(write_only=True)
    sheet = book.create_sheet(table.name.translate(_NOT_IN_SHEET_NAMES)[:_SHEET_NAME])
    titles = [_title(column, zone) for column in table.columns]
    for number, (column, title) in enumerate(zip(table.columns, titles, strict=True), start=1):
        # Wide enough for its header (in the interface language) and for its usual values.
        width = max(column.width, shown_width(title) + 2)
        sheet.column_dimensions[get_column_letter(number)].width = width
    sheet.freeze_panes = "A2"
    # Printed (or made a PDF), a register reads across: landscape, as wide as the page, the
    # header on every page, the grid drawn.
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = "9"  # A4
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.print_title_rows = "1:1"
    sheet.print_options.gridLines = True
    # The body's own font, bold: a bare Font() leaves the name out and LibreOffice shows a serif.
    bold = Font(name=DEFAULT_FONT.name, sz=DEFAULT_FONT.sz, bold=True)
    top = Alignment(vertical="top")
    header = []
    for title in titles:
        cell = WriteOnlyCell(sheet, value=title)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    yes, no = _("yes"), _("no")
    count = 0
    for row in table.rows:
        cells = []
        for column, value in zip(table.columns, row, strict=True):
            cell = WriteOnlyCell(sheet, value=_xlsx_value(column, value, zone, yes, no))
            if column.kind == Kind.MOMENT:
                cell.number_format = "yyyy-mm-dd hh:mm"
            elif column.kind == Kind.TEXT and cell.data_type == "f":
                cell.data_type = "s"  # written as the text it is, never run
            cell.alignment = top
            cells.append(cell)
        sheet.append(cells)
        count += 1
    book.save(path)
    return count


def _title(column: Column, zone: ZoneInfo) -> str:
    if column.kind == Kind.MOMENT:
        return _("{title} ({zone})").format(title=column.title, zone=zone.key)
    return column.title


def _xlsx_value(
    column: Column, value: object, zone: ZoneInfo, yes: str, no: str
) -> str | float | datetime | None:
    if value is None:
        return None
    if column.kind == Kind.MOMENT and isinstance(value, datetime):
        # Local wall-clock time without its zone: the header says which zone it is.
        return value.astimezone(zone).replace(tzinfo=None)
    if column.kind == Kind.FLAG:
        return yes if value else no
    if column.names is not None and isinstance(value, str):
        # One value, or several joined (the kinds of a call's matters).
        value = ", ".join(named_of(column.names, v) for v in value.split(", "))
    if isinstance(value, str):
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

        # Stored before the counter cleaned its text, or by another program: XML 1.0 cannot
        # hold these, and openpyxl refuses the whole workbook for one.
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    if isinstance(value, int | float | datetime):
        return value
    # Nothing else is stored in a column; were it, the sheet shows it as text.
    return str(value)
