"""The benchmarks drive the app on the same small demo estate as the screen tests, and on the
large estate; the table of figures is printed at the end of the run."""

from pathlib import Path

import pytest

from frontdesk.services.counter import Counter
from frontdesk.services.kernel.context import Desk
from frontdesk.store.database import open_database
from tests.benchmarks.figures import LAST_RUN, RECORDED, table
from tests.benchmarks.large_estate import NOW, PIN, RECEPTIONIST, copy_of, large_estate
from tests.conftest import FrozenClock
from tests.tui.conftest import counter, demo_database, make_app  # noqa: F401


def pytest_terminal_summary(terminalreporter) -> None:
    if not RECORDED:
        return
    text = table(RECORDED)
    terminalreporter.section("benchmark figures")
    terminalreporter.write_line(text)
    LAST_RUN.write_text(text + "\n", encoding="utf-8")


@pytest.fixture(scope="session")
def large_estate_file() -> Path:
    """The large estate, built once (a couple of minutes) and kept in the cache."""
    return large_estate()


@pytest.fixture
def large_copy(large_estate_file, tmp_path) -> str:
    """A copy of the large estate to work on: the cache stays as built."""
    return copy_of(large_estate_file, tmp_path)


@pytest.fixture
def large_counter(large_copy, policy):
    """A counter on the large estate, its clock frozen at the estate's "now", the receptionist
    signed in."""
    at_counter = Counter(open_database(large_copy), Desk(policy, FrozenClock(NOW)))
    assert at_counter.sign_in(RECEPTIONIST, PIN) is not None
    yield at_counter
    at_counter.engine.dispose()
