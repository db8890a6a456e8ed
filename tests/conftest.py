"""Fixtures shared by the suite: the shipped policy, a frozen clock, and real databases: SQLite
files, or with ``--database postgresql`` a PostgreSQL server the suite starts itself."""

import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

# The suite reads English screens and speaks Chinese to callers, whatever the machine's locale
# or settings file says; set before any module translates its constants at import.
os.environ["FRONTDESK_LANG"] = "en"
os.environ["FRONTDESK_CALLER_LANG"] = "zh-Hans"

import pytest  # noqa: E402
from sqlmodel import Session

from frontdesk import config
from frontdesk.domain.vocabulary.kinds import Role
from frontdesk.domain.vocabulary.policy import Policy, load_policy
from frontdesk.services.kernel.context import Desk
from frontdesk.store.database import open_database
from frontdesk.store.engine import new_session
from frontdesk.store.listeners.journal import stamp
from frontdesk.store.tables.staff import Operator
from tests.databases import POSTGRESQL, SQLITE, Databases

ROOT = Path(__file__).resolve().parent.parent
SHANGHAI = ZoneInfo("Asia/Shanghai")


def pytest_addoption(parser):
    parser.addoption(
        "--database",
        choices=[SQLITE, POSTGRESQL],
        default=os.environ.get("FRONTDESK_TEST_DATABASE", SQLITE),
        help="the database every test that needs one runs on",
    )


def pytest_configure(config):
    config.addinivalue_line("markers", "sqlite_only: about SQLite files themselves")
    config.addinivalue_line("markers", "postgresql_only: about the PostgreSQL server itself")
    config.addinivalue_line(
        "markers", "screens_only: about the screens under the keys, run once, on SQLite"
    )


def pytest_collection_modifyitems(config, items):
    backend = config.getoption("--database")
    if backend == POSTGRESQL:
        # The second run is for what the database changes. A test that opens none (the rules
        # of the domain, a parser, a file in a temporary folder) is the same test on both:
        # it runs once, on SQLite.
        same = [item for item in items if "databases" not in item.fixturenames]
        if same:
            config.hook.pytest_deselected(items=same)
            items[:] = [item for item in items if "databases" in item.fixturenames]
    for item in items:
        if backend == POSTGRESQL and item.get_closest_marker("sqlite_only"):
            item.add_marker(pytest.mark.skip(reason="about SQLite files; the run is on PostgreSQL"))
        if backend == POSTGRESQL and item.get_closest_marker("screens_only"):
            # Minutes of random keys: what they find is in the screens, whichever database is
            # under them; every use case the keys reach is tested on both.
            item.add_marker(pytest.mark.skip(reason="about the screens; run on SQLite"))
        if backend == SQLITE and item.get_closest_marker("postgresql_only"):
            item.add_marker(
                pytest.mark.skip(reason="about PostgreSQL; run with --database postgresql")
            )


def at(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    """A moment in the estate's time zone (the worked examples are written in it)."""
    return datetime(year, month, day, hour, minute, tzinfo=SHANGHAI)


@dataclass
class FrozenClock:
    """The clock the services are given; tests move it by hand."""

    moment: datetime

    def __call__(self) -> datetime:
        return self.moment

    def advance(self, **delta: float) -> datetime:
        self.moment += timedelta(**delta)
        return self.moment


@pytest.fixture(scope="session")
def ring_folder() -> Iterator[Path]:
    """A runtime folder of the suite's own, short enough for a Unix socket's path."""
    with tempfile.TemporaryDirectory(prefix="fd-ring-") as folder:
        yield Path(folder)


@pytest.fixture(autouse=True)
def ring_sockets_of_the_suite_s_own(ring_folder: Path, monkeypatch) -> None:
    """Every app the suite starts listens in a folder of the suite's own: a counter app open on
    the same machine keeps its rings, and the suite never hears them."""
    monkeypatch.setattr(config, "RUNTIME_ROOT", ring_folder / "run-user")
    monkeypatch.setattr(config, "FALLBACK_ROOT", ring_folder)


@pytest.fixture(scope="session")
def policy() -> Policy:
    return load_policy(ROOT / "data" / "policy.toml")


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(at(2026, 12, 2, 14, 40))


@pytest.fixture
def desk(policy: Policy, clock: FrozenClock) -> Desk:
    return Desk(policy, clock)


@pytest.fixture(scope="session")
def databases(request, tmp_path_factory) -> Iterator[Databases]:
    """Where every test database lives; a PostgreSQL server is started once for the run."""
    found = Databases(request.config.getoption("--database"), tmp_path_factory.mktemp("databases"))
    yield found
    found.close()


@pytest.fixture
def database(databases: Databases) -> str:
    """A new database at the newest schema: a SQLite path or a PostgreSQL URL."""
    return databases.empty()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A SQLite file that does not exist yet (for the tests about SQLite files)."""
    return tmp_path / "counter.db"


@pytest.fixture
def session(database: str) -> Iterator[Session]:
    engine = open_database(database)
    with new_session(engine) as session:
        yield session
    engine.dispose()


@dataclass
class Staff:
    receptionist: Operator
    supervisor: Operator
    manager: Operator


@pytest.fixture
def staff(session: Session, clock: FrozenClock) -> Staff:
    people = {
        role: Operator(name=name, role=role.value, pin_hash="", created_at=clock())
        for role, name in (
            (Role.RECEPTIONIST, "小李"),
            (Role.SUPERVISOR, "王主管"),
            (Role.MANAGER, "陈经理"),
        )
    }
    # The log's entries of the staff writing themselves in are stamped by the test's clock too:
    # by the real one, they would fall after the frozen day once the calendar passed it.
    stamp(session, operator_id=None, counter="", now=clock)
    session.add_all(people.values())
    session.commit()
    session.info.pop("journal", None)
    return Staff(people[Role.RECEPTIONIST], people[Role.SUPERVISOR], people[Role.MANAGER])
