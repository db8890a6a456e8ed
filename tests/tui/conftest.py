"""The app on a real database holding a small demo estate, with the clock frozen."""

import pytest

from frontdesk.services.counter import Counter
from frontdesk.services.demo.estate import build_demo
from frontdesk.services.kernel.context import Desk
from frontdesk.store.database import open_database
from frontdesk.store.engine import new_session
from frontdesk.tui.app import FrontdeskApp
from tests.conftest import FrozenClock, at

NOW = at(2026, 12, 2, 15, 10)
# The counter terminal the app is laid out for (README).
SIZE = (160, 45)


@pytest.fixture(scope="session")
def demo_database(databases, policy) -> str:
    """Built once; each test works on its own copy."""
    target = databases.new_target()
    engine = open_database(target)
    with new_session(engine) as session:
        build_demo(session=session, policy=policy, now=NOW, seed=5, resident_count=300)
    engine.dispose()
    return target


@pytest.fixture
def counter(demo_database, databases, policy):
    counter = Counter(open_database(databases.copy(demo_database)), Desk(policy, FrozenClock(NOW)))
    yield counter
    counter.engine.dispose()


@pytest.fixture
def make_app(counter):
    """An app whose operator is signed in already (the sign-in has tests of its own)."""

    def make(operator: str = "小李", *, signed_in: bool = True) -> FrontdeskApp:
        if signed_in:
            assert counter.sign_in(operator, "1234") is not None
        return FrontdeskApp(counter, blink=False)

    return make
