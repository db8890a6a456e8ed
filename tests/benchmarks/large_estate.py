"""The large estate the benchmarks run on: 100,000 residents, 1,000,000 calls, 20,000 open
matters and 5,000 follow-ups owed, generated from a seed (the same every time) as it stands
at ``NOW``.

Built once into a cache file named with ``GENERATOR_VERSION`` (raise it when the generator
changes, and the next run builds afresh) and the schema revision, under
``~/.cache/frontdesk-bench/`` or ``FRONTDESK_BENCH_CACHE``. Benchmarks work on a copy, so the
cache stays as built.

The schema comes from the real migrations; the staff are made by the real services (so signing
in works: ``RECEPTIONIST`` with ``PIN``); everything else is inserted in bulk, made as the use
cases make it (see ``estate_people`` and ``estate_matters``).
"""

import os
import random
import shutil
import time
from dataclasses import dataclass, replace
from datetime import timedelta
from pathlib import Path

from sqlalchemy import Engine, event, func
from sqlmodel import select

from frontdesk.domain.vocabulary.kinds import FollowUpStatus, MatterStatus, Role
from frontdesk.domain.vocabulary.policy import Policy, load_policy
from frontdesk.services.kernel.context import Desk
from frontdesk.services.staff import setup
from frontdesk.services.staff.operators import create_operator
from frontdesk.store.database import open_database
from frontdesk.store.engine import make_engine, new_session
from frontdesk.store.listeners.search_index import rebuild
from frontdesk.store.migrate import head_revision
from frontdesk.store.tables.people import Estate, Resident
from frontdesk.store.tables.register import Call, FollowUp, Matter
from tests.benchmarks.estate_matters import MatterMaker, Staff
from tests.benchmarks.estate_people import People, insert_people
from tests.benchmarks.estate_register import Planner, insert_register
from tests.conftest import ROOT
from tests.tui.conftest import NOW

GENERATOR_VERSION = 2
SEED = 2026
PIN = "1234"
RECEPTIONIST = "小李"
STAFF = (("王主管", Role.SUPERVISOR), ("小李", Role.RECEPTIONIST), ("小张", Role.RECEPTIONIST))
MANAGER = "陈经理"


@dataclass(frozen=True)
class Sizes:
    residents: int = 100_000
    calls: int = 1_000_000
    open_matters: int = 20_000
    follow_ups_owed: int = 5_000
    #: Matters of the years before, worked to the end.
    closed_matters: int = 150_000
    #: How far back the register goes.
    days: int = 1_000

    def scaled(self, share: float) -> "Sizes":
        """A smaller estate of the same shape (the generator's own test builds one)."""
        return replace(
            self,
            residents=round(self.residents * share),
            calls=round(self.calls * share),
            open_matters=round(self.open_matters * share),
            follow_ups_owed=round(self.follow_ups_owed * share),
            closed_matters=round(self.closed_matters * share),
            days=max(30, round(self.days * share)),
        )


FULL = Sizes()


@dataclass(frozen=True)
class Built:
    """What a build made, and how long it took."""

    path: Path
    residents: int
    calls: int
    open_matters: int
    follow_ups_owed: int
    seconds: float
    megabytes: float


def shipped_policy() -> Policy:
    return load_policy(ROOT / "data" / "policy.toml")


def cache_path(sizes: Sizes = FULL) -> Path:
    folder = Path(os.environ.get("FRONTDESK_BENCH_CACHE", "~/.cache/frontdesk-bench"))
    name = "large-estate" if sizes == FULL else f"estate-{sizes.residents}"
    # A new migration builds afresh too: the estate is always at the newest schema.
    return folder.expanduser() / f"{name}-v{GENERATOR_VERSION}-schema{head_revision()}.db"


def large_estate(sizes: Sizes = FULL) -> Path:
    """The cached estate, built first if this generator version has not built it yet."""
    path = cache_path(sizes)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        building = path.with_name(path.name + ".building")
        for leftover in building.parent.glob(building.name + "*"):
            leftover.unlink()
        built = build_large_estate(building, sizes)
        building.rename(path)
        print(
            f"\nlarge estate built in {built.seconds:.0f} s: {built.megabytes:.0f} MB, "
            f"{built.residents:,} residents, {built.calls:,} calls, "
            f"{built.open_matters:,} open matters, {built.follow_ups_owed:,} follow-ups owed"
        )
    return path


def copy_of(path: Path, folder: Path) -> str:
    """A copy of a built estate to work on (the cache itself stays as built)."""
    target = folder / path.name
    shutil.copyfile(path, target)
    return str(target)


def build_large_estate(path: Path, sizes: Sizes = FULL, seed: int = SEED) -> Built:
    """Build the estate into ``path`` (a new file). Each step is a function of its own."""
    started = time.perf_counter()
    policy, rng = shipped_policy(), random.Random(seed)
    start = NOW - timedelta(days=sizes.days)
    staff, estate_id = create_schema_and_staff(path, policy, hired=start - timedelta(days=30))
    engine = bulk_engine(path)
    with engine.begin() as connection:
        people = insert_people(
            connection,
            rng,
            count=sizes.residents,
            scale=sizes.residents / FULL.residents,
            estate_id=estate_id,
            area_code=policy.area_code,
            created=start,
        )
        # Bulk inserts pass the store's listeners by: the search index is written from the
        # residents, their phones and units as they stand, as a migration or `db reindex` does.
        rebuild(connection)
    insert_calls_and_matters(engine, rng, policy, staff, people, sizes)
    engine.dispose()
    finish(path)
    return counted(path, time.perf_counter() - started)


def create_schema_and_staff(path: Path, policy: Policy, *, hired) -> tuple[Staff, int]:
    """The schema by the real migrations; the centre, its manager and staff by the services."""
    engine = open_database(str(path))
    desk = Desk(policy, lambda: hired)
    ids: dict[str, int] = {}
    with new_session(engine) as session:
        manager = setup.first_run(
            session=session, desk=desk, centre=policy.centre_name, manager=MANAGER, pin=PIN
        )
        ids[MANAGER] = manager.id  # type: ignore[assignment]
        for name, role in STAFF:
            made = create_operator(
                session=session, desk=desk, operator_id=manager.id, name=name, role=role, pin=PIN
            )
            ids[name] = made.id  # type: ignore[assignment]
        estate_id = session.exec(select(Estate.id)).one()
    engine.dispose()
    staff = Staff(
        manager=ids[MANAGER],
        supervisor=ids["王主管"],
        receptionists=[ids[n] for n, role in STAFF if role is Role.RECEPTIONIST],
        names={Role.MANAGER: MANAGER, Role.SUPERVISOR: "王主管"},
    )
    return staff, estate_id  # type: ignore[return-value]


def bulk_engine(path: Path) -> Engine:
    """An engine for building alone: no journal, no syncing, keys checked afterwards by the
    generator's test (rows of one chunk refer to rows of the next), a large page cache."""
    engine = make_engine(str(path))

    @event.listens_for(engine, "connect")
    def _for_bulk(dbapi_connection, _record) -> None:
        for pragma in ("journal_mode=OFF", "synchronous=OFF", "foreign_keys=OFF"):
            dbapi_connection.execute(f"PRAGMA {pragma}")
        dbapi_connection.execute("PRAGMA cache_size=-400000")

    return engine


def insert_calls_and_matters(
    engine: Engine, rng: random.Random, policy: Policy, staff: Staff, people: People, sizes: Sizes
) -> None:
    start = NOW - timedelta(days=sizes.days)
    planner = Planner(rng, NOW, start, len(people))
    promised = round(sizes.open_matters * 0.1)
    plans = planner.open_matters(sizes.open_matters, promised)
    plans += planner.resolved_matters(sizes.follow_ups_owed - promised)
    plans += planner.closed_matters(sizes.closed_matters)
    maker = MatterMaker(policy, rng, staff, NOW, people.unit_ids)
    with engine.begin() as connection:
        insert_register(
            connection,
            rng,
            people=people,
            maker=maker,
            plans=plans,
            calls=sizes.calls,
            start=start,
        )


def finish(path: Path) -> None:
    """Back to the counter's own settings (WAL), everything in the main file."""
    engine = make_engine(str(path))
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()


def counted(path: Path, seconds: float) -> Built:
    engine = make_engine(str(path))
    with new_session(engine) as session:

        def count(query) -> int:
            return session.exec(query).one()

        built = Built(
            path=path,
            residents=count(select(func.count()).select_from(Resident)),
            calls=count(select(func.count()).select_from(Call)),
            open_matters=count(
                select(func.count()).where(Matter.status == MatterStatus.OPEN.value)
            ),
            follow_ups_owed=count(
                select(func.count()).where(FollowUp.status == FollowUpStatus.OWED.value)
            ),
            seconds=seconds,
            megabytes=path.stat().st_size / 2**20,
        )
    engine.dispose()
    return built
