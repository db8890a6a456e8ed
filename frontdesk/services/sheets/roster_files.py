"""Reading a roster file into rows of text, each with the line number its user sees: the line of
a CSV file (where the row begins), the row number of a spreadsheet.

CSV comes in UTF-8 (with or without the byte-order mark Excel writes), in GB18030 / GBK (what
Chinese Excel writes with "CSV"), or in UTF-16 (Excel's "Unicode text", tab-separated). XLSX is
read with openpyxl: the first sheet, or the one named.
"""

import codecs
import csv
import io
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

from frontdesk.domain.roster.columns import HEADER_SEARCH
from frontdesk.domain.text.free_text import shown
from frontdesk.i18n import _
from frontdesk.services.sheets.writer import FORMULA_LIKE

# What separates the cells: the one the header line uses most (Excel's "Unicode text" uses tabs,
# a European Excel semicolons).
_DELIMITERS = ",\t;"


class RosterUnreadable(Exception):
    """The file cannot be read as a roster; the message says why, in one line."""


@dataclass
class RosterTable:
    """A roster's rows, blank ones left out, each with its line or row number."""

    rows: list[tuple[int, list[str]]]
    #: How it was read: "UTF-8", "GB18030", "sheet 名册".
    read_as: str


def read_roster(path: Path, *, sheet: str | None = None) -> RosterTable:
    """The rows of a CSV or XLSX roster; RosterUnreadable when it is neither."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise RosterUnreadable(
            _("cannot read {file}: {reason}").format(file=path, reason=exc.strerror or exc)
        ) from None
    if data.startswith(b"PK\x03\x04"):
        return _xlsx(path, data, sheet)
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise RosterUnreadable(
            _("{file} is an old Excel workbook (.xls): save it as .xlsx or CSV").format(file=path)
        )
    if sheet is not None:
        raise RosterUnreadable(_("--sheet is for XLSX workbooks; {file} is text").format(file=path))
    return _csv(path, data)


def _csv(path: Path, data: bytes) -> RosterTable:
    text, encoding = _decode(path, data)
    # The first lines, the header among them (a title line above it may have no separator).
    first = "\n".join(text.split("\n", HEADER_SEARCH)[:HEADER_SEARCH])
    delimiter = max(_DELIMITERS, key=first.count) if any(d in first for d in _DELIMITERS) else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[tuple[int, list[str]]] = []
    line = 1
    try:
        for cells in reader:
            if any(cell.strip() for cell in cells):
                rows.append((line, [_unguarded(cell) for cell in cells]))
            line = reader.line_num + 1
    except csv.Error as exc:
        raise RosterUnreadable(
            _("{file}, line {line}: {reason}").format(file=path, line=line, reason=exc)
        ) from None
    return RosterTable(rows, encoding)


def _unguarded(cell: str) -> str:
    """A cell without the apostrophe an export puts before text that begins like a formula."""
    return cell[1:] if cell[:1] == "'" and FORMULA_LIKE.match(cell[1:]) else cell


def _decode(path: Path, data: bytes) -> tuple[str, str]:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates = [("utf-16", "UTF-16")]
    elif data.startswith(codecs.BOM_UTF8):
        candidates = [("utf-8-sig", "UTF-8")]
    else:
        # Chinese text in GB18030 is almost never valid UTF-8 (and ASCII reads the same in
        # both), so UTF-8 first and GB18030, the superset of GBK, when it fails.
        candidates = [("utf-8", "UTF-8"), ("gb18030", "GB18030")]
    for encoding, label in candidates:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" in text:
            break
        return text, label
    raise RosterUnreadable(
        _("{file} is neither a spreadsheet nor text in UTF-8 or GB18030 (GBK)").format(file=path)
    )


def _xlsx(path: Path, data: bytes, sheet: str | None) -> RosterTable:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # a damaged workbook fails in zipfile, XML, openpyxl, anywhere
        raise _damaged(path, exc) from None
    try:
        if sheet is None:
            chosen = book.worksheets[0]
        elif sheet in book.sheetnames:
            chosen = book[sheet]
        else:
            raise RosterUnreadable(
                _("{file} has no sheet '{sheet}'; its sheets are {sheets}").format(
                    file=path, sheet=shown(sheet), sheets=", ".join(map(shown, book.sheetnames))
                )
            )
        rows: list[tuple[int, list[str]]] = []
        # Read-only, the sheet's XML is parsed only as its rows are read: damage shows here.
        try:
            for number, row in enumerate(chosen.iter_rows(min_row=1, values_only=True), start=1):
                cells = [_cell_text(value) for value in row]
                if any(cell.strip() for cell in cells):
                    rows.append((number, cells))
        except Exception as exc:
            raise _damaged(path, exc) from None
        return RosterTable(rows, _("sheet {sheet}").format(sheet=chosen.title))
    finally:
        book.close()


def _damaged(path: Path, exc: Exception) -> RosterUnreadable:
    reason = " ".join(str(exc).split()) or type(exc).__name__
    return RosterUnreadable(
        _("{file} is not an XLSX workbook Excel or LibreOffice wrote: {reason}").format(
            file=path, reason=shown(reason, 60)
        )
    )


def _cell_text(value: object) -> str:
    """A cell as the text it shows: 13912345678 typed as a number is still a phone number."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return str(value)
