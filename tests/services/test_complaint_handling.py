"""Working a complaint (DOMAIN.md §3): escalation, reply, extension, reclassification, upgrade,
resolution and reopening; each clock stops when its milestone is recorded."""

import pytest
from sqlmodel import select

from frontdesk.domain.vocabulary.kinds import ComplaintClass, MatterStatus, Milestone, Role
from frontdesk.services.intake.filing import file_call
from frontdesk.services.kernel.errors import NotAllowed, ServiceError, WrongState
from frontdesk.services.matters.complaints import (
    approve_extension,
    reclassify,
    request_extension,
    upgrade_overdue,
)
from frontdesk.services.matters.handling import add_note, escalate, record_reply, reopen, resolve
from frontdesk.store.tables.register import FollowUp, Matter, MatterDeadline, MatterEvent
from frontdesk.wording import said_steps
from tests.conftest import at
from tests.services.drafts import call, complaint


@pytest.fixture
def filed(session, desk, staff):
    def _file(cls="important", **changes):
        result = file_call(
            session=session,
            desk=desk,
            operator_id=staff.receptionist.id,
            draft=call(complaint(cls, **changes)),
        )
        return session.get(Matter, result.matter_ids[0])

    return _file


def running(session, matter):
    rows = session.exec(
        select(MatterDeadline)
        .where(MatterDeadline.matter_id == matter.id)
        .where(MatterDeadline.met_at.is_(None))
        .where(MatterDeadline.superseded_at.is_(None))
    )
    return {row.milestone: row.due for row in rows}


def test_escalating_to_the_supervisor_stops_the_escalation_clock(
    session, desk, staff, filed, clock
):
    matter = filed("important")
    clock.advance(minutes=20)
    escalate(
        session=session,
        desk=desk,
        operator_id=staff.receptionist.id,
        matter_id=matter.id,
        to_role=Role.SUPERVISOR,
        to_whom="王主管",
    )
    assert Milestone.ESCALATE not in running(session, matter)
    assert matter.next_milestone == Milestone.RESOLVE
    event = session.exec(select(MatterEvent).where(MatterEvent.kind == "escalated")).one()
    assert (event.to_whom, event.at) == ("supervisor: 王主管", at(2026, 12, 2, 15, 0))


def test_major_complaint_escalated_only_to_a_supervisor_still_needs_the_manager(
    session, desk, staff, filed
):
    matter = filed("major")
    escalate(
        session=session,
        desk=desk,
        operator_id=staff.receptionist.id,
        matter_id=matter.id,
        to_role=Role.SUPERVISOR,
        to_whom="王主管",
    )
    assert running(session, matter)[Milestone.ESCALATE] == at(2026, 12, 2, 18, 0)


def test_reply_stops_the_reply_clock_of_a_major_complaint(session, desk, staff, filed):
    matter = filed("major")
    record_reply(
        session=session,
        desk=desk,
        operator_id=staff.receptionist.id,
        matter_id=matter.id,
        text="已安排维修部明天上午检修",
    )
    assert Milestone.REPLY not in running(session, matter)
    assert matter.status == MatterStatus.OPEN


def test_invalid_complaint_is_closed_once_explained(session, desk, staff, filed):
    matter = filed("invalid")
    record_reply(
        session=session,
        desk=desk,
        operator_id=staff.receptionist.id,
        matter_id=matter.id,
        text="市政停水,非物业责任,已向业主说明",
    )
    assert matter.status == MatterStatus.CLOSED
    assert running(session, matter) == {}


def test_only_the_office_manager_approves_an_extension(session, desk, staff, filed, clock):
    matter = filed("important")
    clock.advance(days=2)
    request_extension(
        session=session,
        desk=desk,
        operator_id=staff.supervisor.id,
        matter_id=matter.id,
        until=at(2026, 12, 8, 18),
        reason="等厂家配件",
    )
    with pytest.raises(NotAllowed):
        approve_extension(
            session=session, desk=desk, operator_id=staff.supervisor.id, matter_id=matter.id
        )
    assert running(session, matter)[Milestone.RESOLVE] == at(2026, 12, 5, 14, 40)


def test_approved_extension_replaces_the_resolution_deadline(session, desk, staff, filed, clock):
    matter = filed("important")
    clock.advance(days=2)
    request_extension(
        session=session,
        desk=desk,
        operator_id=staff.supervisor.id,
        matter_id=matter.id,
        until=at(2026, 12, 8, 18),
        reason="等厂家配件",
    )
    deadline = approve_extension(
        session=session, desk=desk, operator_id=staff.manager.id, matter_id=matter.id
    )
    assert deadline.due == at(2026, 12, 8, 18)
    assert running(session, matter)[Milestone.RESOLVE] == at(2026, 12, 8, 18)
    approval = session.exec(
        select(MatterEvent).where(MatterEvent.kind == "extension-approved")
    ).one()
    assert (approval.operator_id, approval.at) == (staff.manager.id, at(2026, 12, 4, 14, 40))
    old = session.exec(
        select(MatterDeadline).where(MatterDeadline.superseded_at.is_not(None))
    ).one()
    assert old.due == at(2026, 12, 5, 14, 40)


def test_approving_without_a_request_needs_the_new_deadline(session, desk, staff, filed):
    matter = filed("important")
    with pytest.raises(ServiceError):
        approve_extension(
            session=session, desk=desk, operator_id=staff.manager.id, matter_id=matter.id
        )


def test_reclassified_complaint_takes_the_new_class_clocks_from_reception(
    session, desk, staff, filed, clock
):
    matter = filed("minor")
    clock.advance(minutes=30)
    reclassify(
        session=session,
        desk=desk,
        operator_id=staff.supervisor.id,
        matter_id=matter.id,
        new_class=ComplaintClass.IMPORTANT,
        reason="服务差错",
    )
    clocks = running(session, matter)
    assert clocks[Milestone.ESCALATE] == at(2026, 12, 2, 15, 40)
    assert clocks[Milestone.RESOLVE] == at(2026, 12, 5, 14, 40)
    assert matter.complaint_class == "important"


def test_escalation_already_made_counts_after_reclassification(session, desk, staff, filed):
    matter = filed("major")
    escalate(
        session=session,
        desk=desk,
        operator_id=staff.receptionist.id,
        matter_id=matter.id,
        to_role=Role.MANAGER,
        to_whom="陈经理",
    )
    reclassify(
        session=session,
        desk=desk,
        operator_id=staff.manager.id,
        matter_id=matter.id,
        new_class=ComplaintClass.IMPORTANT,
        reason="not major",
    )
    assert Milestone.ESCALATE not in running(session, matter)


def test_valid_complaint_open_a_month_becomes_major_automatically(
    session, desk, staff, filed, clock
):
    matter = filed("important")
    clock.moment = at(2027, 1, 2, 14, 39)
    assert upgrade_overdue(session=session, desk=desk) == []
    clock.moment = at(2027, 1, 3, 9, 0)
    assert upgrade_overdue(session=session, desk=desk) == [matter.id]
    assert matter.complaint_class == "major"
    clocks = running(session, matter)
    # The major clocks start when the month ran out (Sat 2 Jan 14:40), not at the sweep.
    assert clocks == {
        Milestone.ESCALATE: at(2027, 1, 2, 18, 0),
        Milestone.REPLY: at(2027, 1, 4, 14, 40),
        Milestone.RESOLVE: at(2027, 1, 12, 14, 40),
    }
    event = session.exec(select(MatterEvent).where(MatterEvent.kind == "upgraded")).one()
    assert event.operator_id is None


def test_resolved_complaint_is_not_upgraded(session, desk, staff, filed, clock):
    matter = filed("minor")
    resolve(
        session=session,
        desk=desk,
        operator_id=staff.receptionist.id,
        matter_id=matter.id,
        text="已清理",
    )
    clock.moment = at(2027, 2, 1)
    assert upgrade_overdue(session=session, desk=desk) == []


def test_resolving_a_complaint_owes_the_result_call_the_same_day(
    session, desk, staff, filed, clock
):
    matter = filed("important")
    clock.moment = at(2026, 12, 3, 20, 15)
    _, follow_up = resolve(
        session=session,
        desk=desk,
        operator_id=staff.supervisor.id,
        matter_id=matter.id,
        text="电梯已修复",
    )
    assert matter.status == MatterStatus.RESOLVED
    assert follow_up.reason == "complaint-result"
    assert follow_up.due == at(2026, 12, 4, 8, 30)
    assert running(session, matter) == {}
    assert matter.next_due is None


def test_reopened_complaint_gets_a_new_resolution_deadline(session, desk, staff, filed, clock):
    matter = filed("important")
    resolve(
        session=session,
        desk=desk,
        operator_id=staff.supervisor.id,
        matter_id=matter.id,
        text="电梯已修复",
    )
    clock.moment = at(2026, 12, 4, 10, 0)
    reopen(
        session=session,
        desk=desk,
        operator_id=staff.receptionist.id,
        matter_id=matter.id,
        text="业主说电梯又坏了",
    )
    assert matter.status == MatterStatus.OPEN
    assert running(session, matter) == {
        Milestone.RESOLVE: at(2026, 12, 7, 10, 0),
        Milestone.UPGRADE: at(2027, 1, 2, 14, 40),
    }
    owed = session.exec(select(FollowUp).where(FollowUp.status == "owed")).all()
    assert owed == []


def test_closed_or_open_state_is_checked_before_acting(session, desk, staff, filed):
    matter = filed("important")
    with pytest.raises(WrongState):
        reopen(
            session=session,
            desk=desk,
            operator_id=staff.receptionist.id,
            matter_id=matter.id,
            text="?",
        )
    resolve(
        session=session,
        desk=desk,
        operator_id=staff.receptionist.id,
        matter_id=matter.id,
        text="done",
    )
    with pytest.raises(WrongState):
        resolve(
            session=session,
            desk=desk,
            operator_id=staff.receptionist.id,
            matter_id=matter.id,
            text="again",
        )


def test_notes_need_text_and_are_kept_in_the_history(session, desk, staff, filed):
    matter = filed("minor")
    with pytest.raises(ServiceError):
        add_note(
            session=session,
            desk=desk,
            operator_id=staff.receptionist.id,
            matter_id=matter.id,
            text="   ",
        )
    add_note(
        session=session,
        desk=desk,
        operator_id=staff.receptionist.id,
        matter_id=matter.id,
        text="业主下午在家",
    )
    notes = session.exec(select(MatterEvent).where(MatterEvent.kind == "note")).all()
    assert [n.text for n in notes] == ["业主下午在家"]


def test_extension_explanation_names_the_old_deadline_in_local_time(
    session, desk, staff, filed, clock
):
    matter = filed("important")
    clock.advance(days=2)
    request_extension(
        session=session,
        desk=desk,
        operator_id=staff.supervisor.id,
        matter_id=matter.id,
        until=at(2026, 12, 8, 18),
        reason="等配件",
    )
    session.expire_all()  # read back from the database, where moments are kept in UTC
    deadline = approve_extension(
        session=session, desk=desk, operator_id=staff.manager.id, matter_id=matter.id
    )
    assert "replaces the deadline Sat 5 Dec 2026 14:40" in said_steps(deadline.steps)


def test_resolving_without_escalating_leaves_the_escalation_missed_not_met(
    session, desk, staff, filed, clock
):
    matter = filed("important")
    clock.advance(hours=3)
    resolve(
        session=session,
        desk=desk,
        operator_id=staff.supervisor.id,
        matter_id=matter.id,
        text="已修复",
    )
    rows = {
        r.milestone: r
        for r in session.exec(select(MatterDeadline).where(MatterDeadline.matter_id == matter.id))
    }
    assert rows["resolve"].met_at == at(2026, 12, 2, 17, 40)
    assert rows["escalate"].met_at is None and rows["escalate"].superseded_at is not None
    assert rows["upgrade"].met_at is None


def test_an_approved_extension_survives_reclassification(session, desk, staff, filed, clock):
    matter = filed("important")
    clock.advance(days=2)
    approve_extension(
        session=session,
        desk=desk,
        operator_id=staff.manager.id,
        matter_id=matter.id,
        until=at(2026, 12, 9, 18),
    )
    reclassify(
        session=session,
        desk=desk,
        operator_id=staff.supervisor.id,
        matter_id=matter.id,
        new_class=ComplaintClass.MINOR,
        reason="无人过错",
    )
    reclassify(
        session=session,
        desk=desk,
        operator_id=staff.supervisor.id,
        matter_id=matter.id,
        new_class=ComplaintClass.IMPORTANT,
        reason="确有服务差错",
    )
    assert running(session, matter)[Milestone.RESOLVE] == at(2026, 12, 9, 18)


def test_lowering_a_class_is_a_supervisors_call_and_needs_a_reason(session, desk, staff, filed):
    matter = filed("important")
    with pytest.raises(NotAllowed):
        reclassify(
            session=session,
            desk=desk,
            operator_id=staff.receptionist.id,
            matter_id=matter.id,
            new_class=ComplaintClass.INVALID,
            reason="非物业责任",
        )
    with pytest.raises(ServiceError):
        reclassify(
            session=session,
            desk=desk,
            operator_id=staff.supervisor.id,
            matter_id=matter.id,
            new_class=ComplaintClass.MINOR,
            reason=" ",
        )
    reclassify(
        session=session,
        desk=desk,
        operator_id=staff.receptionist.id,
        matter_id=matter.id,
        new_class=ComplaintClass.MAJOR,
        reason="多次投诉未解决",
    )
    assert matter.complaint_class == "major"


def test_the_residents_requested_deadline_returns_with_the_minor_class(session, desk, staff, filed):
    matter = filed("minor", requested_deadline="17:00")
    reclassify(
        session=session,
        desk=desk,
        operator_id=staff.receptionist.id,
        matter_id=matter.id,
        new_class=ComplaintClass.IMPORTANT,
        reason="服务差错",
    )
    reclassify(
        session=session,
        desk=desk,
        operator_id=staff.supervisor.id,
        matter_id=matter.id,
        new_class=ComplaintClass.MINOR,
        reason="设施限制",
    )
    assert running(session, matter)[Milestone.RESOLVE] == at(2026, 12, 2, 17, 0)
