"""Eight counters filing calls at once, for a minute, on a SQLite file (WAL) and on PostgreSQL:
no error reaches a receptionist ("database is locked" least of all), and every call filed is in
the database exactly once.

Run with: pytest tests/benchmarks/test_load.py -s  (prints the table)
FRONTDESK_LOAD_SECONDS and FRONTDESK_LOAD_PROCESSES shorten or change the run.
"""

import multiprocessing
import os
import re
import statistics
from collections import Counter

import pytest
from sqlalchemy import text

from frontdesk.domain.vocabulary.kinds import ResidentRole, Role
from frontdesk.services.kernel.context import Desk
from frontdesk.services.residents.search import ResidentDraft, create_resident
from frontdesk.store.database import open_database
from frontdesk.store.engine import new_session
from frontdesk.store.tables.staff import Operator
from tests.benchmarks.load_counter import START, Caller, Filing, run_counter
from tests.databases import PostgresServer

SECONDS = float(os.environ.get("FRONTDESK_LOAD_SECONDS", "60"))
PROCESSES = int(os.environ.get("FRONTDESK_LOAD_PROCESSES", "8"))
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = ["伟", "芳", "娜", "敏", "静", "强", "磊", "军", "洋", "勇", "艳", "杰", "涛", "明", "超"]
HEADER = ("backend", "processes", "seconds", "filings", "per second")
HEADER += ("median ms", "p95 ms", "max ms", "errors")


@pytest.fixture(scope="module")
def table():
    rows: list[tuple] = []
    yield rows
    lines = [HEADER, *rows]
    widths = [max(len(str(row[i])) for row in lines) for i in range(len(lines[0]))]
    print("\n\nfiling calls at once, every save timed:")
    for row in lines:
        print("  ".join(str(cell).rjust(width) for cell, width in zip(row, widths, strict=True)))


@pytest.fixture(scope="module")
def postgres():
    server = PostgresServer()
    yield server
    server.stop()


def estate(target: str, policy) -> tuple[list[int], list[Caller]]:
    """Receptionists, one a counter; 200 residents on file, and 100 callers who are not, from
    units no one has named yet (the first call from each unit creates it)."""
    desk = Desk(policy, lambda: START)
    engine = open_database(target)
    callers = []
    with new_session(engine) as session:
        operators = [
            Operator(name=f"前台{n}", role=Role.RECEPTIONIST.value, created_at=START)
            for n in range(PROCESSES)
        ]
        session.add_all(operators)
        session.commit()
        operator_ids = [o.id for o in operators]
        for n in range(200):
            name = SURNAMES[n % len(SURNAMES)] + GIVEN[n % len(GIVEN)]
            unit = f"{n % 12 + 1}-{n % 3 + 1}-{n // 36 + 1}{n % 4 + 1:02d}"
            phone = f"139{n:08d}"
            draft = ResidentDraft(
                name=name, phones=[phone], units=[(unit, ResidentRole.OWNER)], title="先生"
            )
            resident = create_resident(session=session, desk=desk, draft=draft)
            callers.append(Caller(resident.id, name, phone, unit))
    engine.dispose()
    for n in range(100):
        name = SURNAMES[(n * 7) % len(SURNAMES)] + GIVEN[(n * 5) % len(GIVEN)] + GIVEN[n % 7]
        callers.append(Caller(None, name, f"137{n:08d}", f"{20 + n % 5}-1-{n % 20 + 1}01"))
    return operator_ids, callers


def run_load(target: str, operator_ids: list[int], callers: list[Caller]) -> list[Filing]:
    """Start a process per counter; they begin filing together once all are up."""
    spawn = multiprocessing.get_context("spawn")
    ready, results = spawn.Barrier(len(operator_ids)), spawn.Queue()
    counters = [
        spawn.Process(
            target=run_counter,
            args=(target, operator_id, number, callers, SECONDS, ready, results),
            daemon=True,  # a failed run leaves no counter behind
        )
        for number, operator_id in enumerate(operator_ids)
    ]
    for counter in counters:
        counter.start()
    filings = []
    for _ in counters:
        filings += results.get(timeout=SECONDS + 300)
    for counter in counters:
        counter.join()
    assert [c.exitcode for c in counters] == [0] * len(counters)
    return filings


def tags_in(target: str) -> Counter:
    engine = open_database(target)
    with engine.connect() as connection:
        contents = connection.execute(text("SELECT content FROM matter")).scalars().all()
    engine.dispose()
    return Counter(tag for content in contents for tag in re.findall(r"load-\d+-\d+", content))


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_counters_filing_at_once_lose_nothing_and_see_no_error(
    backend, tmp_path, policy, table, request
):
    target = (
        str(tmp_path / "load.db")
        if backend == "sqlite"
        else request.getfixturevalue("postgres").create()
    )
    operator_ids, callers = estate(target, policy)
    filings = run_load(target, operator_ids, callers)

    saved = [f for f in filings if f.error is None]
    errors = Counter(f.error for f in filings if f.error is not None)
    times = [f.seconds * 1000 for f in saved] or [0.0]
    table.append(
        (
            backend,
            PROCESSES,
            f"{SECONDS:g}",
            len(saved),
            f"{len(saved) / SECONDS:.1f}",
            f"{statistics.median(times):.1f}",
            f"{percentile(times, 0.95):.1f}",
            f"{max(times):.1f}",
            sum(errors.values()),
        )
    )
    waited = max((f.seconds for f in filings if f.error), default=0)
    assert not errors, f"errors reached the counters: {errors.most_common(3)}, after {waited:.1f} s"
    stored = tags_in(target)
    assert sum(stored.values()) == len(saved), "a filing was lost or doubled"
    assert set(stored) == {f.tag for f in saved}
    assert set(stored.values()) == {1}
