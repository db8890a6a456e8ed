"""Follow-up calls (DOMAIN.md §4): owed after repairs, results and promises; every attempt
recorded; only in working hours."""

import pytest
from sqlmodel import select

from frontdesk.domain.vocabulary.kinds import AttemptOutcome, MatterStatus, Verdict
from frontdesk.services.followups.callbacks import (
    list_callbacks,
    plan_progress_call,
    record_attempt,
)
from frontdesk.services.intake.filing import file_call
from frontdesk.services.kernel.errors import ServiceError, WrongState
from frontdesk.services.matters.handling import record_repair_done, resolve
from frontdesk.services.residents.search import ResidentDraft, create_resident
from frontdesk.store.tables.register import FollowUp, FollowUpAttempt, Matter, MatterDeadline
from tests.conftest import at
from tests.services.drafts import NAIVE, call, complaint, enquiry, repair


def _file(session, desk, staff, *matters, **changes):
    filed = file_call(
        session=session,
        desk=desk,
        operator_id=staff.receptionist.id,
        draft=call(*matters, **changes),
    )
    return [session.get(Matter, i) for i in filed.matter_ids]


def test_repair_done_after_hours_owes_a_follow_up_inside_the_window(session, desk, staff, clock):
    (order,) = _file(session, desk, staff, repair("other"))
    clock.moment = at(2026, 12, 3, 19, 45)
    _, follow_up = record_repair_done(
        session=session,
        desk=desk,
        operator_id=staff.receptionist.id,
        matter_id=order.id,
        done_at=at(2026, 12, 3, 19, 30),
    )
    assert follow_up.reason == "repair-other"
    assert follow_up.due == at(2026, 12, 5, 18, 0)
    assert order.status == MatterStatus.RESOLVED


def test_water_leak_repair_needs_its_leak_test(session, desk, staff, clock):
    (order,) = _file(session, desk, staff, repair("leak"))
    clock.moment = at(2026, 12, 3, 17)
    with pytest.raises(ServiceError):
        record_repair_done(
            session=session,
            desk=desk,
            operator_id=staff.receptionist.id,
            matter_id=order.id,
            done_at=at(2026, 12, 3, 15),
        )
    _, follow_up = record_repair_done(
        session=session,
        desk=desk,
        operator_id=staff.receptionist.id,
        matter_id=order.id,
        done_at=at(2026, 12, 3, 15),
        leak_test_at=at(2026, 12, 3, 16),
    )
    assert follow_up.due == at(2026, 12, 6, 16)


def test_no_answer_is_recorded_and_the_callback_stays_on_the_list(session, desk, staff, clock):
    _file(session, desk, staff, enquiry())
    follow_up = session.exec(select(FollowUp)).one()
    for outcome in (AttemptOutcome.NO_ANSWER, AttemptOutcome.BUSY, AttemptOutcome.WRONG_NUMBER):
        record_attempt(
            session=session,
            desk=desk,
            operator_id=staff.receptionist.id,
            follow_up_id=follow_up.id,
            outcome=outcome,
        )
    (row,) = list_callbacks(session=session, desk=desk)
    assert (row.id, row.attempts) == (follow_up.id, 3)
    assert follow_up.status == "owed"


def test_reaching_the_resident_answers_the_promise_and_closes_the_enquiry(session, desk, staff):
    (matter,) = _file(session, desk, staff, enquiry())
    follow_up = session.exec(select(FollowUp)).one()
    record_attempt(
        session=session,
        desk=desk,
        operator_id=staff.receptionist.id,
        follow_up_id=follow_up.id,
        outcome=AttemptOutcome.REACHED,
        verdict=Verdict.SATISFIED,
        notes="已告知缴费时间",
    )
    assert follow_up.status == "done"
    assert matter.status == MatterStatus.CLOSED
    assert list_callbacks(session=session, desk=desk) == []


def test_reached_needs_what_was_said(session, desk, staff):
    _file(session, desk, staff, enquiry())
    follow_up = session.exec(select(FollowUp)).one()
    with pytest.raises(ServiceError):
        record_attempt(
            session=session,
            desk=desk,
            operator_id=staff.receptionist.id,
            follow_up_id=follow_up.id,
            outcome=AttemptOutcome.REACHED,
        )
    assert session.exec(select(FollowUpAttempt)).all() == []


def test_unhappy_resident_reopens_the_complaint_from_the_result_call(session, desk, staff, clock):
    (matter,) = _file(session, desk, staff, complaint("important"))
    resolve(
        session=session,
        desk=desk,
        operator_id=staff.supervisor.id,
        matter_id=matter.id,
        text="已修复",
    )
    follow_up = session.exec(select(FollowUp)).one()
    clock.advance(hours=1)
    record_attempt(
        session=session,
        desk=desk,
        operator_id=staff.receptionist.id,
        follow_up_id=follow_up.id,
        outcome=AttemptOutcome.REACHED,
        verdict=Verdict.UNSATISFIED,
        notes="业主说还在异响",
        reopen_matter=True,
    )
    assert matter.status == MatterStatus.OPEN
    assert matter.next_milestone == "resolve"
    with pytest.raises(WrongState):
        record_attempt(
            session=session,
            desk=desk,
            operator_id=staff.receptionist.id,
            follow_up_id=follow_up.id,
            outcome=AttemptOutcome.BUSY,
        )


def test_satisfied_result_call_closes_the_complaint(session, desk, staff):
    (matter,) = _file(session, desk, staff, complaint("minor"))
    resolve(
        session=session,
        desk=desk,
        operator_id=staff.supervisor.id,
        matter_id=matter.id,
        text="已处理",
    )
    follow_up = session.exec(select(FollowUp)).one()
    record_attempt(
        session=session,
        desk=desk,
        operator_id=staff.receptionist.id,
        follow_up_id=follow_up.id,
        outcome=AttemptOutcome.REACHED,
        verdict=Verdict.SATISFIED,
        notes="满意",
    )
    assert matter.status == MatterStatus.CLOSED


def test_problem_found_on_a_repair_follow_up_goes_back_as_a_new_work_order(
    session, desk, staff, clock
):
    (order,) = _file(session, desk, staff, repair("other"))
    clock.moment = at(2026, 12, 3, 10)
    _, follow_up = record_repair_done(
        session=session,
        desk=desk,
        operator_id=staff.receptionist.id,
        matter_id=order.id,
        done_at=at(2026, 12, 3, 9),
    )
    record_attempt(
        session=session,
        desk=desk,
        operator_id=staff.receptionist.id,
        follow_up_id=follow_up.id,
        outcome=AttemptOutcome.REACHED,
        verdict=Verdict.UNSATISFIED,
        notes="水龙头还在滴水",
        new_visit_at=at(2026, 12, 4, 9, 30),
    )
    new = session.exec(select(Matter).where(Matter.parent_id == order.id)).one()
    assert (new.kind, new.status, new.unit_label) == ("repair", "open", "5-1-302")
    assert new.next_milestone == "visit" and new.next_due == at(2026, 12, 4, 9, 30)
    assert (new.repair_category, new.department, new.content) == (
        "other",
        "维修部",
        "水龙头还在滴水",
    )


def test_a_new_work_order_needs_the_visit_time_agreed_on_the_call(session, desk, staff, clock):
    from frontdesk.services.kernel.errors import FieldsInvalid

    (order,) = _file(session, desk, staff, repair("other"))
    clock.moment = at(2026, 12, 3, 10)
    _, follow_up = record_repair_done(
        session=session,
        desk=desk,
        operator_id=staff.receptionist.id,
        matter_id=order.id,
        done_at=at(2026, 12, 3, 9),
    )
    with pytest.raises(FieldsInvalid) as error:
        record_attempt(
            session=session,
            desk=desk,
            operator_id=staff.receptionist.id,
            follow_up_id=follow_up.id,
            outcome=AttemptOutcome.REACHED,
            verdict=Verdict.UNSATISFIED,
            notes="还在滴水",
        )
    assert error.value.errors[0].field == "new_visit_at"
    session.expire_all()
    assert session.get(FollowUp, follow_up.id).status == "owed"
    assert session.exec(select(FollowUpAttempt)).all() == []


def test_callback_list_shows_the_window_the_call_may_be_made_in(session, desk, staff, clock):
    resident = create_resident(
        session=session,
        desk=desk,
        draft=ResidentDraft(name="刘洋", phones=["13912345678"], evening_calls_ok=True),
    )
    _file(session, desk, staff, enquiry(promised_at="2026-12-02 20:00"), resident_id=resident.id)
    _file(session, desk, staff, enquiry(promised_at="2026-12-03 10:00"))
    clock.moment = at(2026, 12, 2, 19, 0)
    evening, morning = list_callbacks(session=session, desk=desk)
    assert evening.due == at(2026, 12, 2, 20, 0)
    assert (evening.window_end, evening.callable_now) == (at(2026, 12, 2, 21), True)
    assert (morning.window_start, morning.callable_now) == (at(2026, 12, 3, 8, 30), False)
    assert evening.phone == "139****1111" and not evening.overdue


def test_overdue_callbacks_are_marked(session, desk, staff, clock):
    _file(session, desk, staff, enquiry())
    clock.moment = at(2026, 12, 2, 16, 1)
    assert list_callbacks(session=session, desk=desk)[0].overdue


def test_progress_calls_on_long_matters_are_planned(session, desk, staff):
    (matter,) = _file(session, desk, staff, complaint("major"))
    follow_up = plan_progress_call(
        session=session,
        desk=desk,
        operator_id=staff.supervisor.id,
        matter_id=matter.id,
        at=at(2026, 12, 4, 10),
    )
    assert (follow_up.reason, follow_up.due) == ("progress", at(2026, 12, 4, 10))


def test_a_refused_repair_done_leaves_the_work_order_open(session, desk, staff, clock):
    (order,) = _file(session, desk, staff, repair("leak"))
    clock.moment = at(2026, 12, 3, 17)
    with pytest.raises(ServiceError):
        record_repair_done(
            session=session,
            desk=desk,
            operator_id=staff.receptionist.id,
            matter_id=order.id,
            done_at=at(2026, 12, 3, 15),
            leak_test_at=NAIVE,
        )
    session.expire_all()
    assert session.get(Matter, order.id).status == "open"
    assert session.exec(select(FollowUp)).all() == []


@pytest.mark.parametrize("done", [at(2020, 1, 1, 10), at(2026, 12, 9, 10)])
def test_repair_cannot_be_done_before_it_was_reported_or_in_the_future(
    session, desk, staff, clock, done
):
    (order,) = _file(session, desk, staff, repair("other"))
    clock.moment = at(2026, 12, 3, 17)
    with pytest.raises(ServiceError):
        record_repair_done(
            session=session,
            desk=desk,
            operator_id=staff.receptionist.id,
            matter_id=order.id,
            done_at=done,
        )


def test_an_answer_found_later_is_still_owed_as_the_promised_call(session, desk, staff, clock):
    (matter,) = _file(session, desk, staff, enquiry(promised_at="明天 10:00"))
    clock.advance(hours=1)
    resolve(
        session=session,
        desk=desk,
        operator_id=staff.receptionist.id,
        matter_id=matter.id,
        text="查到了:每季度首月缴费",
    )
    assert matter.status == MatterStatus.RESOLVED
    (owed,) = list_callbacks(session=session, desk=desk)
    assert (owed.reason, owed.due) == ("promised", at(2026, 12, 3, 10))
    record_attempt(
        session=session,
        desk=desk,
        operator_id=staff.receptionist.id,
        follow_up_id=owed.id,
        outcome=AttemptOutcome.REACHED,
        verdict=Verdict.SATISFIED,
        notes="已告知",
    )
    assert matter.status == MatterStatus.CLOSED
    reply = session.exec(select(MatterDeadline).where(MatterDeadline.milestone == "reply")).one()
    assert reply.met_at == at(2026, 12, 2, 15, 40)


def test_an_unhappy_caller_keeps_the_enquiry_open_with_no_stale_deadline(session, desk, staff):
    (matter,) = _file(session, desk, staff, enquiry())
    owed = session.exec(select(FollowUp).where(FollowUp.matter_id == matter.id)).one()
    record_attempt(
        session=session,
        desk=desk,
        operator_id=staff.receptionist.id,
        follow_up_id=owed.id,
        outcome=AttemptOutcome.REACHED,
        verdict=Verdict.UNSATISFIED,
        notes="答复了,业主仍不满意",
        reopen_matter=True,
    )
    session.refresh(matter)
    assert matter.status == MatterStatus.OPEN
    # The promised reply was given: its clock stopped, and the queue no longer sorts by it.
    assert (matter.next_milestone, matter.next_due) == (None, None)
