"""Fixtures shared by the suite: the shipped policy, a frozen clock, and real SQLite files."""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import Session

from frontdesk.domain.kinds import Role
from frontdesk.domain.policy import Policy, load_policy
from frontdesk.services.context import Desk
from frontdesk.store.database import open_database
from frontdesk.store.engine import new_session
from frontdesk.store.models import Operator

ROOT = Path(__file__).resolve().parent.parent
SHANGHAI = ZoneInfo("Asia/Shanghai")


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
def policy() -> Policy:
    return load_policy(ROOT / "data" / "policy.toml")


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(at(2026, 12, 2, 14, 40))


@pytest.fixture
def desk(policy: Policy, clock: FrozenClock) -> Desk:
    return Desk(policy, clock)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "counter.db"


@pytest.fixture
def session(db_path: Path) -> Iterator[Session]:
    engine = open_database(str(db_path))
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
    session.add_all(people.values())
    session.commit()
    return Staff(people[Role.RECEPTIONIST], people[Role.SUPERVISOR], people[Role.MANAGER])
