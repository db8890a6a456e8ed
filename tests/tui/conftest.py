"""The app on a real SQLite file holding a small demo estate, with the clock frozen."""

from pathlib import Path

import pytest

from frontdesk.services.context import Desk
from frontdesk.services.demo import build_demo
from frontdesk.store.database import open_database
from frontdesk.store.engine import new_session
from frontdesk.tui.app import FrontdeskApp
from frontdesk.tui.backend import Counter
from tests.conftest import FrozenClock, at

NOW = at(2026, 12, 2, 15, 10)
# The counter terminal the app is laid out for (README).
SIZE = (160, 45)


@pytest.fixture(scope="session")
def demo_file(tmp_path_factory, policy) -> Path:
    """Built once; each test works on its own copy."""
    path = tmp_path_factory.mktemp("tui") / "demo.db"
    engine = open_database(str(path))
    with new_session(engine) as session:
        build_demo(session=session, policy=policy, now=NOW, seed=5, resident_count=300)
    engine.dispose()
    return path


@pytest.fixture
def counter(demo_file, tmp_path, policy) -> Counter:
    copy = tmp_path / "counter.db"
    copy.write_bytes(demo_file.read_bytes())
    return Counter(open_database(str(copy)), Desk(policy, FrozenClock(NOW)))


@pytest.fixture
def make_app(counter):
    """An app whose operator is signed in already (the sign-in has tests of its own)."""

    def make(operator: str = "小李", *, signed_in: bool = True) -> FrontdeskApp:
        if signed_in:
            assert counter.sign_in(operator, "1234") is not None
        return FrontdeskApp(counter, blink=False)

    return make
