"""Two counters filing calls from the same resident at the same moment: each call is filed,
and the earlier complaint about the same matter notes both, whatever order they commit in."""

import threading

import pytest
from sqlmodel import select

from frontdesk.services.intake.filing import file_call
from frontdesk.services.kernel.transaction import inside
from frontdesk.services.residents.search import ResidentDraft, create_resident
from frontdesk.store.database import open_database
from frontdesk.store.engine import new_session
from frontdesk.store.tables.register import Matter, MatterEvent
from tests.services.drafts import call, complaint


@pytest.mark.postgresql_only
def test_a_complaint_raised_again_at_two_counters_at_once_is_noted_by_both(
    session, database, desk, staff, clock
):
    resident = create_resident(session=session, desk=desk, draft=ResidentDraft(name="张伟"))
    again = call(complaint(), resident_id=resident.id)
    earlier = file_call(
        session=session, desk=desk, operator_id=staff.receptionist.id, draft=again
    ).matter_ids[0]
    # The first counter has noted the repeat on the earlier complaint, and not committed yet.
    operator_id = staff.receptionist.id
    clock.advance(minutes=1)
    inside(file_call)(session=session, desk=desk, operator_id=operator_id, draft=again)
    session.flush()
    clock.advance(minutes=1)
    engine = open_database(database)
    errors: list[Exception] = []

    def other_counter() -> None:
        try:
            with new_session(engine) as second:
                file_call(session=second, desk=desk, operator_id=staff.supervisor.id, draft=again)
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    other = threading.Thread(target=other_counter)
    other.start()
    other.join(timeout=0.5)
    assert other.is_alive(), "the second counter waits for the first one's lock"
    session.commit()
    other.join()
    engine.dispose()
    assert not errors
    assert len(session.exec(select(Matter)).all()) == 3
    noted = session.exec(
        select(MatterEvent)
        .where(MatterEvent.matter_id == earlier)
        .where(MatterEvent.kind == "raised-again")
    ).all()
    assert len(noted) == 2
