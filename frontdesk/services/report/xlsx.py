"""The monthly report as a workbook that opens as a real spreadsheet in Excel and LibreOffice: a
sheet a table, the header row bold and frozen, counts as numbers, shares as numbers shown as
percentages, hours as numbers, dates as dates, columns wide enough to read."""

from datetime import datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from frontdesk.domain.text.width import shown_width
from frontdesk.services.report.tables import Table, Type, text_of
from frontdesk.services.sheets.writer import replacing

FORMATS = {
    Type.COUNT: "#,##0",
    Type.RATE: "0.0%",
    # A difference of two shares, with its sign: +5.0% is five percentage points more.
    Type.POINTS: "+0.0%;-0.0%;0.0%",
    Type.CHANGE: "+#,##0;-#,##0;0",
    Type.HOURS: '0.0" h"',
    Type.HOURS_CHANGE: '+0.0" h";-0.0" h";0.0" h"',
    Type.DATE: "yyyy-mm-dd",
}
# Sheet names: at most 31 characters, none of these.
_NOT_IN_NAMES = str.maketrans({c: " " for c in "[]:*?/\\"})
# Named: a font with no name is drawn in the reader's default, a serif in LibreOffice.
_BOLD = Font(name="Calibri", bold=True)
_NOTE = Font(name="Calibri", italic=True, color="666666")
# Characters of a note a line holds, for each unit of column width it spans.
_NOTE_LINE = 1.1


def write_workbook(tables: list[Table], path: Path, *, title: str = "") -> None:
    """Write ``tables`` to ``path``, a sheet each, in their order; beside it first, put in its
    place only once complete, as an export is."""
    book = Workbook()
    book.remove(book.worksheets[0])
    for table in tables:
        _sheet(book, table)
    if title:
        book.properties.title = title
    with replacing(path) as scratch:
        book.save(scratch)


def _sheet(book: Workbook, table: Table) -> None:
    sheet = book.create_sheet(table.title.translate(_NOT_IN_NAMES)[:31])
    sheet.append([c.title for c in table.columns])
    for cell, column in zip(sheet[1], table.columns, strict=True):
        cell.font = _BOLD
        # Over its column's values: text to the left, figures to the right.
        left = column.type is Type.TEXT
        cell.alignment = Alignment(horizontal="left" if left else "right")
    sheet.freeze_panes = "A2"
    widths = [shown_width(c.title) for c in table.columns]
    for r, row in enumerate(table.rows, start=2):
        for i, (value, column) in enumerate(zip(row, table.columns, strict=True)):
            type_ = column.type
            if isinstance(value, tuple):  # the summary: each cell carries its own type
                type_, value = value
            cell = sheet.cell(row=r, column=i + 1, value=_stored(value, type_))
            if cell.data_type == "f":
                # A name or a party that begins with "=" is the text it is, never a formula.
                cell.data_type = "s"
            if type_ in FORMATS and value is not None:
                cell.number_format = FORMATS[type_]
            if value is None:
                cell.value = "—"
                cell.alignment = Alignment(horizontal="right")
            widths[i] = max(widths[i], shown_width(text_of(value, type_)))
    widths = [min(max(width + 3, 10), 60) for width in widths]
    for i, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    if table.note:
        _note(sheet, table, widths)
    # Printed (and turned into PDF) a sheet to a page across, however many columns it has.
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def _note(sheet, table: Table, widths: list[int]) -> None:
    """Under the table, one empty row apart: the note across the table's width, wrapped."""
    row = len(table.rows) + 3
    span = max(sum(widths), 40)
    if len(widths) > 1:
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(widths))
    cell = sheet.cell(row=row, column=1, value=table.note)
    cell.font = _NOTE
    cell.alignment = Alignment(wrap_text=True, vertical="top")
    lines = -(-shown_width(table.note) // int(span * _NOTE_LINE)) + 1
    sheet.row_dimensions[row].height = 15 * lines


def _stored(value: Any, type_: Type) -> Any:
    """What the cell holds: dates without their zone (a spreadsheet has none), in local time."""
    if isinstance(value, datetime):
        return (
            value.replace(tzinfo=None).date() if type_ is Type.DATE else value.replace(tzinfo=None)
        )
    return value
