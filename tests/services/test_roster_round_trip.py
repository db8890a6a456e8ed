"""Any roster put on file comes back out of ``export residents`` as a roster that imports
without a change, as CSV and as XLSX: the export writes what the import reads, masked numbers
standing for the numbers on file."""

from hypothesis import event, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from frontdesk.services.sheets import exports
from frontdesk.services.sheets.roster_files import read_roster
from frontdesk.services.sheets.roster_import import import_roster
from frontdesk.services.sheets.writer import write_table
from tests.conftest import SHANGHAI
from tests.services.refusals import ON_ONE_DATABASE

NAMES = ["张伟", "李娜", "欧阳娜娜", "买买提·艾力", "John Smith", "王芳", "曾小明"]
HEADER = ["楼栋", "单元", "房号", "姓名", "手机", "座机", "身份", "称谓", "职业", "备注"]

mobiles = st.integers(0, 10**8 - 1).map(lambda n: f"139{n:08d}")
landlines = st.tuples(st.integers(0, 10**7 - 1), st.sampled_from(["", "转801", "-12"])).map(
    lambda pair: f"021-6{pair[0]:07d}{pair[1]}"
)
# Free text as people write it, formula-like starts, apostrophes and line breaks included.
# (No control characters: the roster is an XLSX written by openpyxl, which refuses them.)
text = st.text(
    st.sampled_from(list("养狗 喜欢安静=+-@'\n,;\"abc12"))
    | st.characters(codec="utf-8", exclude_categories=("Cc", "Cs")),
    max_size=12,
)
rows = st.lists(
    st.tuples(
        st.integers(1, 30),  # building
        st.sampled_from(["", "1", "2单元"]),  # entrance
        st.integers(101, 2404).map(str),  # room
        st.sampled_from(NAMES),
        mobiles | st.just(""),
        landlines | st.just(""),
        st.sampled_from(["", "业主", "租户", "家属"]),
        st.sampled_from(["", "先生", "女士"]),
        text.map(lambda t: t.replace("\n", " ")),
        text,
    ),
    min_size=1,
    max_size=6,
    unique_by=lambda row: (row[0], row[1].removesuffix("单元"), row[2], row[3]),
)


def roster(tmp_path, cells: list[tuple]) -> object:
    book = Workbook()
    book.active.append(HEADER)
    for row in cells:
        book.active.append(list(row))
    path = tmp_path / "roster.xlsx"
    book.save(path)
    return read_roster(path)


@settings(ON_ONE_DATABASE, max_examples=40)
@given(rows)
def test_any_roster_on_file_exports_to_a_roster_that_imports_unchanged(
    session, desk, tmp_path, cells
):
    first = import_roster(session=session, desk=desk, table=roster(tmp_path, cells))
    if first.failed:
        # Only what the counter's parsers refuse anyway (text over its length, a bad number).
        event("refused: " + "; ".join(r for e in first.errors for r in e.reasons)[:40])
        assert first.errors and not first.written
        return
    event("imported")
    for form in ("csv", "xlsx"):
        path = tmp_path / f"residents.{form}"
        table = exports.residents(session=session, since=None, until=None)
        exported = write_table(table, path, form=form, zone=SHANGHAI)
        again = import_roster(session=session, desk=desk, table=read_roster(path))
        assert not again.failed, (again.problems, again.errors)
        assert (again.added, again.updated) == ([], []), form
        assert again.unchanged == exported
