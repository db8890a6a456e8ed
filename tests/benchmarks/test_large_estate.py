"""The large estate's generator, checked on a small estate of the same shape: the rows are as
the use cases make them (the database's own checks and the suite's consistency checks pass,
the counter's use cases work on them), the sizes are as asked, and the same seed gives the
same estate."""

import shutil

import pytest
from sqlalchemy import text

from frontdesk.domain.vocabulary.kinds import AttemptOutcome, Verdict
from frontdesk.services.followups import callbacks as followups
from frontdesk.services.kernel.context import Desk
from frontdesk.services.matters import complaints, handling
from frontdesk.services.staff import operators
from frontdesk.store.checks import check_database
from frontdesk.store.database import open_database
from frontdesk.store.engine import new_session
from tests.benchmarks.large_estate import FULL, PIN, RECEPTIONIST, build_large_estate
from tests.conftest import FrozenClock
from tests.services.consistency import inconsistencies
from tests.tui.conftest import NOW

SMALL = FULL.scaled(0.01)


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    return build_large_estate(tmp_path_factory.mktemp("estate") / "small.db", SMALL)


def test_the_database_passes_its_own_checks_and_the_suites(small):
    assert [f for f in check_database(str(small.path)) if not f.ok] == []
    engine = open_database(str(small.path))
    assert inconsistencies(engine) == []
    engine.dispose()


def test_the_sizes_are_as_asked(small):
    assert (small.residents, small.calls) == (SMALL.residents, SMALL.calls)
    assert (small.open_matters, small.follow_ups_owed) == (
        SMALL.open_matters,
        SMALL.follow_ups_owed,
    )


def test_the_same_seed_gives_the_same_estate(small, tmp_path):
    again = build_large_estate(tmp_path / "again.db", SMALL)
    for table in ("resident", "resident_phone", "call", "matter", "matter_deadline", "follow_up"):
        query = text(f"SELECT * FROM {table} ORDER BY id")
        first, second = open_database(str(small.path)), open_database(str(again.path))
        with first.connect() as a, second.connect() as b:
            assert a.execute(query).all() == b.execute(query).all(), table
        first.dispose()
        second.dispose()


def test_the_counter_works_on_it_as_on_any_estate(small, policy, tmp_path):
    path = tmp_path / "work.db"
    shutil.copyfile(small.path, path)
    engine = open_database(str(path))
    desk = Desk(policy, FrozenClock(NOW))
    with new_session(engine) as session:
        clerk = operators.sign_in(session=session, desk=desk, name=RECEPTIONIST, pin=PIN)
        # Steady at its "now": nothing is a month old and still unupgraded.
        assert complaints.upgrade_overdue(session=session, desk=desk) == []
        connection = session.connection()
        complaint = connection.execute(
            text("SELECT id FROM matter WHERE status = 'open' AND kind = 'complaint' LIMIT 1")
        ).scalar()
        owed = connection.execute(
            text("SELECT id FROM follow_up WHERE status = 'owed' AND reason = 'repair-other'")
        ).scalar()
        handling.add_note(
            session=session, desk=desk, operator_id=clerk.id, matter_id=complaint, text="已跟进"
        )
        handling.resolve(
            session=session, desk=desk, operator_id=clerk.id, matter_id=complaint, text="已处理"
        )
        followups.record_attempt(
            session=session,
            desk=desk,
            operator_id=clerk.id,
            follow_up_id=owed,
            outcome=AttemptOutcome.REACHED,
            verdict=Verdict.SATISFIED,
            notes="业主满意",
        )
    assert inconsistencies(engine) == []
    engine.dispose()
