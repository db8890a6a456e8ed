"""A complaint raised again while open suggests the major class (DOMAIN.md §3). The suggestion is
kept on the complaint, marked in the queue with who noticed it and when, until a supervisor
upgrades it (the mark goes) or keeps its class (the mark goes, and the history says who kept it,
when and why); a receptionist may not dismiss it."""

import pytest
from sqlmodel import select

from frontdesk.domain.vocabulary.kinds import ComplaintClass, MatterKind
from frontdesk.services.intake.call import MatterDraft
from frontdesk.services.intake.filing import file_call
from frontdesk.services.kernel.errors import NotAllowed, WrongState
from frontdesk.services.matters.complaints import keep_class, reclassify
from frontdesk.services.matters.detail import event_text
from frontdesk.services.matters.queue import list_queue
from frontdesk.store.tables.register import MatterEvent
from frontdesk.wording import say
from tests.conftest import at
from tests.services.drafts import call, complaint


@pytest.fixture
def raised_again(session, desk, staff, clock):
    """An important complaint, then the same caller about the same matter three hours on."""
    first = file_call(
        session=session, desk=desk, operator_id=staff.receptionist.id, draft=call(complaint())
    )
    matter_id = first.matter_ids[0]
    clock.advance(hours=3)
    file_call(
        session=session,
        desk=desk,
        operator_id=staff.receptionist.id,
        draft=call(MatterDraft(MatterKind.COMPLAINT, same_as=matter_id)),
    )
    return matter_id


def row_of(session, desk, matter_id):
    return next(r for r in list_queue(session=session, desk=desk) if r.id == matter_id)


def test_the_suggestion_is_marked_in_the_queue_with_who_noticed_it_and_when(
    session, desk, raised_again
):
    row = row_of(session, desk, raised_again)
    assert row.complaint_class == "important"
    assert row.major_suggested_at == at(2026, 12, 2, 17, 40)
    assert row.major_suggested_by == "小李"


def test_upgrading_to_major_takes_the_mark_away(session, desk, staff, raised_again):
    reclassify(
        session=session,
        desk=desk,
        operator_id=staff.receptionist.id,
        matter_id=raised_again,
        new_class=ComplaintClass.MAJOR,
        reason="业主再次投诉",
    )
    assert row_of(session, desk, raised_again).major_suggested_at is None


def test_a_supervisor_keeping_the_class_takes_the_mark_away_and_the_history_says_so(
    session, desk, staff, raised_again
):
    keep_class(
        session=session,
        desk=desk,
        operator_id=staff.supervisor.id,
        matter_id=raised_again,
        reason="同一问题已在处理,不算升级",
    )
    row = row_of(session, desk, raised_again)
    assert row.major_suggested_at is None and row.complaint_class == "important"
    event = session.exec(select(MatterEvent).order_by(MatterEvent.id.desc())).first()
    assert event.kind == "major-declined" and event.operator_id == staff.supervisor.id
    assert "kept important, not major: 同一问题已在处理" in say(event_text(event))


def test_a_receptionist_may_not_keep_the_class(session, desk, staff, raised_again):
    with pytest.raises(NotAllowed):
        keep_class(
            session=session,
            desk=desk,
            operator_id=staff.receptionist.id,
            matter_id=raised_again,
            reason="不算升级",
        )
    assert row_of(session, desk, raised_again).major_suggested_at is not None


def test_keeping_the_class_of_a_complaint_with_no_suggestion_is_refused(session, desk, staff):
    filed = file_call(
        session=session, desk=desk, operator_id=staff.receptionist.id, draft=call(complaint())
    )
    with pytest.raises(WrongState):
        keep_class(
            session=session,
            desk=desk,
            operator_id=staff.supervisor.id,
            matter_id=filed.matter_ids[0],
            reason="不算升级",
        )
