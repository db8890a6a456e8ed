"""Missed calls (DOMAIN.md §7: every call is returned): a call that rang and was not picked up
is a follow-up call owed to its number, due within the hour in the callable window, once a
number however often it rang, and returned by reaching the caller or by their next call."""

from sqlmodel import select

from frontdesk.domain.vocabulary.kinds import AttemptOutcome, ResidentRole
from frontdesk.services.followups.callbacks import list_callbacks, record_attempt
from frontdesk.services.followups.missed import caller_rang_again, record_missed_call
from frontdesk.services.residents.search import ResidentDraft, create_resident
from frontdesk.store.checks import check_database
from frontdesk.store.tables.register import FollowUp, FollowUpAttempt, Matter
from tests.conftest import at

PHONE = "13900001111"


def missed(session, desk, phone=PHONE, rang_at=None):
    return record_missed_call(
        session=session, desk=desk, phone=phone, rang_at=rang_at or desk.now()
    )


def owed(session, desk):
    return [c for c in list_callbacks(session=session, desk=desk) if c.reason == "missed-call"]


def test_a_call_missed_in_the_afternoon_is_due_back_within_the_hour(session, desk, clock):
    clock.moment = at(2026, 12, 2, 15, 10)
    missed(session, desk, rang_at=at(2026, 12, 2, 15, 8))
    (row,) = owed(session, desk)
    assert row.matter_id is None and row.phone == "139****1111"
    assert row.rang_at == at(2026, 12, 2, 15, 8) and row.due == at(2026, 12, 2, 16, 8)
    assert row.callable_now and not row.overdue and row.attempts == 0
    assert session.exec(select(Matter)).all() == []  # nothing filed: no one knows what it was


def test_a_call_missed_at_night_is_due_when_the_callable_window_opens(session, desk, clock):
    clock.moment = at(2026, 12, 2, 22, 30)
    missed(session, desk, rang_at=at(2026, 12, 2, 22, 0))
    (row,) = owed(session, desk)
    assert row.due == at(2026, 12, 3, 8, 30) and not row.callable_now


def test_a_call_missed_just_before_closing_is_due_at_closing_not_the_next_morning(
    session, desk, clock
):
    clock.moment = at(2026, 12, 2, 17, 40)
    missed(session, desk, rang_at=at(2026, 12, 2, 17, 30))
    (row,) = owed(session, desk)
    assert row.due == at(2026, 12, 2, 18, 0)


def test_a_number_that_rings_out_twice_is_owed_one_call(session, desk, clock):
    first = missed(session, desk, rang_at=at(2026, 12, 2, 15, 0))
    second = missed(session, desk, rang_at=at(2026, 12, 2, 15, 5))
    assert first is not None and second is not None and second.id == first.id
    (row,) = owed(session, desk)
    assert row.rang_at == at(2026, 12, 2, 15, 0)


def test_a_withheld_number_cannot_be_returned_and_nothing_is_listed(session, desk):
    assert missed(session, desk, phone=None) is None
    assert owed(session, desk) == []


def test_the_residents_on_file_under_the_number_are_named(session, desk, staff):
    draft = ResidentDraft(name="张伟", phones=[PHONE], units=[("3-2-1201", ResidentRole.OWNER)])
    create_resident(session=session, desk=desk, operator_id=staff.receptionist.id, draft=draft)
    missed(session, desk)
    (row,) = owed(session, desk)
    assert row.resident == "张伟"


def test_reaching_the_caller_returns_it_with_what_they_wanted(session, desk, staff):
    follow_up = missed(session, desk)
    assert follow_up is not None
    record_attempt(
        session=session,
        desk=desk,
        operator_id=staff.receptionist.id,
        follow_up_id=follow_up.id,
        outcome=AttemptOutcome.NO_ANSWER,
    )
    assert owed(session, desk)[0].attempts == 1  # a try that reached nobody keeps it owed
    record_attempt(
        session=session,
        desk=desk,
        operator_id=staff.receptionist.id,
        follow_up_id=follow_up.id,
        outcome=AttemptOutcome.REACHED,
        notes="问停水时间,已告知",
    )
    assert owed(session, desk) == []
    assert session.get(FollowUp, follow_up.id).status == "done"
    assert session.exec(select(Matter)).all() == []


def test_the_caller_picked_up_on_their_next_call_returns_only_their_own(session, desk, staff):
    mine = missed(session, desk)
    theirs = missed(session, desk, phone="13900002222")
    assert mine is not None and theirs is not None
    returned = caller_rang_again(
        session=session, desk=desk, operator_id=staff.receptionist.id, phone=PHONE
    )
    assert returned == [mine.id]
    assert [c.id for c in owed(session, desk)] == [theirs.id]
    (attempt,) = session.exec(
        select(FollowUpAttempt).where(FollowUpAttempt.follow_up_id == mine.id)
    ).all()
    assert attempt.outcome == "called-in" and attempt.operator_id == staff.receptionist.id


def test_a_missed_call_is_no_orphan_to_the_database_check(session, desk, database):
    missed(session, desk)
    failed = [f for f in check_database(database) if not f.ok]
    assert failed == []
