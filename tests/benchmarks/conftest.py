"""The benchmarks drive the app on the same small demo estate as the screen tests, and on the
large estate of issue 5; the table of figures is printed at the end of the run."""

from tests.benchmarks.figures import LAST_RUN, RECORDED, table
from tests.tui.conftest import counter, demo_database, make_app  # noqa: F401


def pytest_terminal_summary(terminalreporter) -> None:
    if not RECORDED:
        return
    text = table(RECORDED)
    terminalreporter.section("benchmark figures")
    terminalreporter.write_line(text)
    LAST_RUN.write_text(text + "\n", encoding="utf-8")
