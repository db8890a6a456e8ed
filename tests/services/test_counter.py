"""The counter's way in: reading the queue writes nothing; the month-end upgrades are their
own step, made when due and only then, and made once whichever counter sweeps first."""

import pytest

from frontdesk.services.counter import Counter
from frontdesk.services.intake.filing import file_call
from frontdesk.services.kernel.context import Desk
from frontdesk.services.matters.queue import due_mark
from frontdesk.store.database import open_database
from tests.conftest import at
from tests.services.drafts import call, complaint


@pytest.fixture
def counters(database, policy, clock):
    """Two counters on one database, on the same clock."""
    made = [Counter(open_database(database), Desk(policy, clock)) for _ in range(2)]
    yield made
    for counter in made:
        counter.engine.dispose()


@pytest.fixture
def filed(counters, session, desk, staff):
    filed = file_call(
        session=session,
        desk=desk,
        operator_id=staff.receptionist.id,
        draft=call(complaint("important")),
    )
    session.commit()
    return filed.matter_ids[0]


def test_reading_the_queue_writes_nothing_the_sweep_makes_the_upgrade(counters, filed, clock):
    first, _second = counters
    clock.moment = at(2027, 1, 3, 9, 0)
    token = first.change_token()

    (row,) = first.queue()
    assert row.complaint_class == "important" and first.change_token() == token

    assert first.sweep_month_end() == [filed]
    (row,) = first.queue()
    assert row.complaint_class == "major" and first.change_token() != token


def test_a_sweep_with_nothing_due_only_reads(counters, filed, clock):
    first, _second = counters
    token = first.change_token()
    assert first.sweep_month_end() == []
    assert first.change_token() == token


def test_a_second_counter_sweeping_after_the_first_finds_nothing_left(counters, filed, clock):
    first, second = counters
    clock.moment = at(2027, 1, 3, 9, 0)
    assert first.sweep_month_end() == [filed]
    assert second.sweep_month_end() == []
    events = [e.kind for e in first.detail(filed).events]
    assert events.count("upgraded") == 1


def test_the_mark_says_within_the_hour_then_overdue(counters, filed, clock):
    first, _second = counters
    (row,) = first.queue()
    assert due_mark(row) == ""
    clock.moment = at(2026, 12, 2, 15, 10)  # the escalation, due 15:40, within the hour
    (row,) = first.queue()
    assert due_mark(row) == "<1h"
    clock.moment = at(2026, 12, 2, 16, 0)
    (row,) = first.queue()
    assert due_mark(row) == "OVERDUE"
