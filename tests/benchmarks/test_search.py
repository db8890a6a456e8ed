"""Resident search on the large estate: each kind of query a receptionist types, timed
as the app runs it (``Counter.search``: a pooled connection, no session), against the best raw
SQLite query for the same answer; and keystroke to updated matches in the Call and Residents views.

Run with: pytest tests/benchmarks/test_search.py  (the table prints at the end)
"""

import asyncio
import sqlite3
import time
from collections.abc import Callable

import pytest
from sqlalchemy import text

from frontdesk.domain.people.search_terms import search_forms
from frontdesk.domain.people.units import normalize_unit
from frontdesk.services.residents.search import SEARCH_LIMIT
from frontdesk.store.listeners.search_index import HIGHEST, lookup_sql
from frontdesk.tui.app import FrontdeskApp
from tests.benchmarks.figures import Figure, record, summary
from tests.tui.conftest import SIZE

# Queries of each kind, taken from residents spread over the estate, each run this many times.
QUERIES = 40
REPEATS = 5
SEARCH_TARGET_MS = 10.0
KEYSTROKE_TARGET_MS = 50.0
# The plain scan a search would be without the index: every name, number and unit read.
LIKE_SCAN = """
SELECT r.id FROM resident r WHERE r.name LIKE :pattern OR r.name_initials LIKE :start
  OR r.name_pinyin LIKE :start
  OR r.id IN (SELECT resident_id FROM resident_phone WHERE national LIKE :pattern)
  OR r.id IN (SELECT ru.resident_id FROM resident_unit ru JOIN unit u ON u.id = ru.unit_id
              WHERE u.label LIKE :start)
LIMIT 50
"""


def sample(counter) -> dict[str, list[str]]:
    """Real queries of each kind, from every ``step``-th resident."""
    with counter.engine.connect() as connection:
        rows = connection.execute(
            text(
                "SELECT r.name, r.name_initials, r.name_pinyin, "
                "(SELECT national FROM resident_phone p WHERE p.resident_id = r.id LIMIT 1), "
                "(SELECT u.label FROM resident_unit ru JOIN unit u ON u.id = ru.unit_id "
                " WHERE ru.resident_id = r.id LIMIT 1) "
                "FROM resident r WHERE length(r.name) = 2 AND r.id % 499 = 0 ORDER BY r.id"
            )
        ).all()[:QUERIES]
    assert len(rows) == QUERIES, "the estate is smaller than the benchmark expects"
    return {
        "a two-character Chinese name": [row[0] for row in rows],
        "pinyin initials": [row[1] for row in rows],
        "full pinyin": [row[2] for row in rows],
        # A building and entrance and the floor's first digit, as a caller starts to say it.
        "a unit fragment": [_fragment(row[4]) for row in rows],
        "four digits of a phone": [row[3][3:7] for row in rows],
    }


def _fragment(label: str) -> str:
    unit = normalize_unit(label)
    parts = [unit.building, unit.entrance, unit.room[:1]]
    return "-".join(part for part in parts if part is not None)


def timed(run: Callable[[], object], repeats: int = REPEATS) -> list[float]:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        run()
        times.append((time.perf_counter() - started) * 1000)
    return times


def raw_index_query(connection: sqlite3.Connection, query: str) -> list[int]:
    """The same answer straight from the index with sqlite3: no session, no Python between."""
    reads = [(form.text, kind.value) for form in search_forms(query) for kind in form.kinds]
    params: list = []
    for term, kind in reads:
        params += [term, kind, term, term + HIGHEST, 2 * SEARCH_LIMIT]
    sql = lookup_sql("sqlite", len(reads))
    return [row[0] for row in connection.execute(sql, [*params, SEARCH_LIMIT])]


def raw_scan(connection: sqlite3.Connection, query: str) -> list[int]:
    params = {"pattern": f"%{query}%", "start": f"{query}%"}
    return [row[0] for row in connection.execute(LIKE_SCAN, params)]


@pytest.fixture
def raw(large_copy):
    connection = sqlite3.connect(large_copy)
    yield connection
    connection.close()


@pytest.mark.parametrize(
    "kind",
    [
        "a two-character Chinese name",
        "pinyin initials",
        "full pinyin",
        "a unit fragment",
        "four digits of a phone",
    ],
)
def test_each_kind_of_search(large_counter, raw, kind):
    queries = sample(large_counter)[kind]
    ours, best_raw, scans = [], [], []
    for query in queries:
        found = [hit.id for hit in large_counter.search(query)]
        assert found, query
        assert raw_index_query(raw, query) == found, query
        ours += timed(lambda q=query: large_counter.search(q))
        best_raw += timed(lambda q=query: raw_index_query(raw, q))
        scans += timed(lambda q=query: raw_scan(raw, q), repeats=1)
    median, p95 = summary(ours)
    reference, _ = summary(best_raw)
    met = p95 <= SEARCH_TARGET_MS and median <= 2 * reference
    record(
        Figure(
            f"search: {kind}",
            f"p95 ≤ {SEARCH_TARGET_MS:.0f} ms, ≤ 2 × raw",
            median,
            p95,
            reference="raw SQLite, same index",
            reference_median=reference,
            met=met,
        )
    )
    scan_median, scan_p95 = summary(scans)
    record(
        Figure(
            f"  (no index: LIKE scan, {kind})",
            "for comparison",
            scan_median,
            scan_p95,
            reference="the app's search",
            reference_median=median,
        )
    )


class Stopwatch:
    """Times from a key to the matches shown for the text it made."""

    def __init__(self) -> None:
        self.shown: list[float] = []

    def wrap(self, show: Callable) -> Callable:
        def timed_show(*args, **kwargs):
            result = show(*args, **kwargs)
            self.shown.append(time.perf_counter())
            return result

        return timed_show

    async def key(self, pilot, key: str) -> float:
        before = len(self.shown)
        started = time.perf_counter()
        await pilot.press(key)
        while len(self.shown) == before:
            await asyncio.sleep(0.0005)
            assert time.perf_counter() - started < 5, f"no matches shown after {key!r}"
        return (self.shown[-1] - started) * 1000


async def keystrokes(app, pilot, watch: Stopwatch, queries: list[str]) -> list[float]:
    times = []
    for query in queries:
        for key in query:
            times.append(await watch.key(pilot, key))
        await pilot.press("ctrl+u")  # clear the field for the next query
        await app.workers.wait_for_complete()
        await pilot.pause(0.05)
    return times


@pytest.mark.parametrize("view", ["residents", "call"])
async def test_keystroke_to_updated_matches(large_counter, view):
    all_queries = sample(large_counter)
    # A receptionist types a few of every kind, a key at a time.
    queries = [q for kind in all_queries.values() for q in kind[:6]]
    app = FrontdeskApp(large_counter, blink=False)
    watch = Stopwatch()
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        if view == "residents":
            await pilot.press("f3")
            await pilot.pause()
            screen = app.screen
            screen.show_hits = watch.wrap(screen.show_hits)
        else:
            panel = app.screen.query_one("CallerPanel")
            panel.show_matches = watch.wrap(panel.show_matches)
        times = await keystrokes(app, pilot, watch, queries)
    median, p95 = summary(times)
    record(
        Figure(
            f"keystroke to matches: {view} view",
            f"p95 ≤ {KEYSTROKE_TARGET_MS:.0f} ms",
            median,
            p95,
            met=p95 <= KEYSTROKE_TARGET_MS,
        )
    )
