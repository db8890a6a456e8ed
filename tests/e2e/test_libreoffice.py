"""The report and the exports open in LibreOffice: each workbook the commands write on the demo
estate is turned into a PDF by `libreoffice --headless`, and the PDF's text holds what the
workbook holds (its headers and its figures), in Chinese and in English.

CI installs LibreOffice, poppler's pdftotext and a Chinese font (.ci/run); elsewhere the test
is skipped when they are missing."""

import os
import shutil
import subprocess

import pytest
from openpyxl import load_workbook

from tests.cli.test_lists_and_demo import frontdesk
from tests.conftest import ROOT

OFFICE = shutil.which("libreoffice") or shutil.which("soffice")
if OFFICE is None or shutil.which("pdftotext") is None:
    if os.environ.get("CI"):
        raise RuntimeError("CI must install LibreOffice and poppler-utils (.ci/run does)")
    pytest.skip("LibreOffice or pdftotext is not installed here", allow_module_level=True)

SHEETS = ["report", "matters", "followups", "register", "residents"]


@pytest.fixture(scope="module")
def workbooks(databases, tmp_path_factory):
    """The demo estate's November report and its four exports, as workbooks and as PDFs."""
    folder = tmp_path_factory.mktemp("office")
    db = databases.new_target()
    assert frontdesk("demo", "--residents", "120", "--seed", "5", db=db).returncode == 0
    books = {name: folder / f"{name}.xlsx" for name in SHEETS}
    done = frontdesk("report", "--month", "2026-11", "--xlsx", str(books["report"]), db=db)
    assert done.returncode == 0, done.stderr
    for name in SHEETS[1:]:
        done = frontdesk("export", name, "--out", str(books[name]), db=db)
        assert done.returncode == 0, done.stderr
    profile = folder / "profile"
    subprocess.run(
        [
            OFFICE,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            *map(str, books.values()),
        ],
        check=True,
        capture_output=True,
        timeout=300,
        cwd=ROOT,
    )
    return books


def pdf_text(pdf) -> str:
    done = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    )
    return done.stdout


def cells(book, sheet_index: int = 0) -> list[list[object]]:
    sheet = load_workbook(book).worksheets[sheet_index]
    return [list(row) for row in sheet.iter_rows(values_only=True)]


@pytest.mark.parametrize("name", SHEETS)
def test_each_workbook_opens_in_libreoffice_with_what_it_holds(workbooks, name):
    book = workbooks[name]
    pdf = book.with_suffix(".pdf")
    assert pdf.exists(), f"LibreOffice made no PDF of {book.name}"
    text = pdf_text(pdf)
    rows = cells(book)
    header = [str(h) for h in rows[0] if h is not None]
    assert header, f"{book.name} has no header row"
    for title in header[:3]:
        assert title.split(" (")[0] in text, f"{title!r} of {book.name} not in its PDF"
    # A text cell of the first data row is printed: Chinese text in a Chinese font.
    texts = [v for v in rows[1] if isinstance(v, str) and v.strip()]
    assert texts, f"{book.name} has no data row"
    assert texts[0].split("\n")[0] in text


def test_every_sheet_of_the_report_is_printed(workbooks):
    book = workbooks["report"]
    text = pdf_text(book.with_suffix(".pdf"))
    sheets = load_workbook(book).worksheets
    assert len(sheets) >= 6
    for index, sheet in enumerate(sheets):
        first = next(str(v) for v in cells(book, index)[0] if v is not None)
        assert first in text, f"sheet {sheet.title!r} is not in the PDF"
    # Counts are numbers in the workbook and printed as numbers.
    summary = cells(book, 0)
    numbers = [v for row in summary[1:] for v in row if isinstance(v, int) and v > 9]
    assert numbers and str(numbers[0]) in text
