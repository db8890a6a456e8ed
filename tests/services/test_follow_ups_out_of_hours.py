"""Follow-up calls are made only in the callable window (DOMAIN.md §4). A try recorded outside
it says why: the resident called in (an outcome of its own, which reaches them), or the call was
urgent; without either it is refused, with the window in the message, and nothing is written."""

import pytest
from sqlmodel import select

from frontdesk.domain.vocabulary.kinds import AttemptOutcome, MatterStatus, Verdict
from frontdesk.services.followups.callbacks import list_callbacks, record_attempt
from frontdesk.services.followups.missed import record_missed_call
from frontdesk.services.intake.filing import file_call
from frontdesk.services.kernel.errors import ServiceError
from frontdesk.store.tables.register import FollowUp, FollowUpAttempt, Matter
from tests.conftest import at
from tests.services.drafts import call, enquiry


@pytest.fixture
def owed(session, desk, staff, clock):
    """An enquiry's promised call, owed; the clock then at 22:30, past every window."""
    filed = file_call(
        session=session, desk=desk, operator_id=staff.receptionist.id, draft=call(enquiry())
    )
    follow_up = session.exec(select(FollowUp)).one()
    clock.moment = at(2026, 12, 2, 22, 30)
    return follow_up, session.get(Matter, filed.matter_ids[0])


def try_(session, desk, staff, follow_up, outcome, **given):
    """The receptionist records one try at ``follow_up``."""
    return record_attempt(
        session=session,
        desk=desk,
        operator_id=staff.receptionist.id,
        follow_up_id=follow_up.id,
        outcome=outcome,
        **given,
    )


def tries(session) -> list[FollowUpAttempt]:
    return list(session.exec(select(FollowUpAttempt)))


def test_a_try_at_night_without_a_reason_is_refused_with_the_window(session, desk, staff, owed):
    follow_up, _matter = owed
    (row,) = list_callbacks(session=session, desk=desk)
    assert not row.callable_now
    with pytest.raises(ServiceError) as refused:
        try_(session, desk, staff, follow_up, AttemptOutcome.NO_ANSWER)
    assert "08:30-18:00" in str(refused.value) and "urgent" in str(refused.value)
    assert tries(session) == []


def test_an_urgent_try_at_night_is_recorded_as_urgent(session, desk, staff, owed):
    follow_up, _matter = owed
    try_(session, desk, staff, follow_up, AttemptOutcome.NO_ANSWER, urgent=True)
    (attempt,) = tries(session)
    assert attempt.urgent and attempt.outcome == "no-answer"
    assert follow_up.status == "owed"


def test_the_resident_calling_in_at_night_reaches_them_and_closes_the_matter(
    session, desk, staff, owed
):
    follow_up, matter = owed
    try_(
        session,
        desk,
        staff,
        follow_up,
        AttemptOutcome.CALLED_IN,
        verdict=Verdict.SATISFIED,
        notes="业主来电,已告知缴费时间",
    )
    (attempt,) = tries(session)
    assert attempt.outcome == "called-in" and not attempt.urgent
    assert follow_up.status == "done" and matter.status == MatterStatus.CLOSED


def test_the_resident_calling_in_needs_what_was_said_like_any_call_that_reached_them(
    session, desk, staff, owed
):
    follow_up, _matter = owed
    with pytest.raises(ServiceError):
        try_(session, desk, staff, follow_up, AttemptOutcome.CALLED_IN)
    assert tries(session) == []


def test_an_outcome_given_as_its_value_is_the_outcome(session, desk, staff, clock):
    follow_up = record_missed_call(
        session=session, desk=desk, phone="13900001111", rang_at=desk.now()
    )
    assert follow_up is not None
    try_(session, desk, staff, follow_up, "reached", notes="问停水时间,已告知")
    assert follow_up.status == "done"
