"""Two counters saving the same matter or card: the second save is refused with what the other
changed, and nothing is silently overwritten (optimistic versioning)."""

from dataclasses import replace

import pytest
from sqlmodel import select

from frontdesk.domain.vocabulary.kinds import ComplaintClass, MatterStatus, Role
from frontdesk.services.intake.filing import file_call
from frontdesk.services.kernel.concurrency import Conflict, Seen
from frontdesk.services.matters.handling import add_note, escalate, resolve
from frontdesk.services.residents.edit import edit_resident, editable_card
from frontdesk.services.residents.search import ResidentDraft, create_resident
from frontdesk.store.engine import new_session
from frontdesk.store.tables.register import Matter, MatterEvent
from tests.services.drafts import call, complaint


@pytest.fixture
def other_counter(session):
    """A second counter on the same database."""
    with new_session(session.get_bind()) as other:
        yield other


@pytest.fixture
def matter(session, desk, staff):
    result = file_call(
        session=session, desk=desk, operator_id=staff.receptionist.id, draft=call(complaint())
    )
    return session.get(Matter, result.matter_ids[0])


def test_the_second_save_is_refused_with_what_the_other_counter_changed(
    session, other_counter, desk, staff, matter, clock
):
    seen = Seen.of(matter)  # what the receptionist has on screen
    clock.advance(minutes=3)
    escalate(
        session=other_counter,
        desk=replace(desk, counter="night desk"),
        operator_id=staff.supervisor.id,
        matter_id=matter.id,
        to_role=Role.SUPERVISOR,
        to_whom="王主管",
    )
    with pytest.raises(Conflict) as refused:
        resolve(
            session=session,
            desk=desk,
            operator_id=staff.receptionist.id,
            matter_id=matter.id,
            text="已处理",
            seen=seen,
        )
    message = str(refused.value)
    assert "someone else changed this matter" in message
    assert "王主管 at night desk" in message and "escalated" in message
    assert "next_milestone escalate →" in message
    session.expire_all()
    assert session.get(Matter, matter.id).status == MatterStatus.OPEN
    kinds = [
        e.kind for e in session.exec(select(MatterEvent).where(MatterEvent.matter_id == matter.id))
    ]
    assert "resolved" not in kinds


def test_a_save_on_the_version_shown_goes_through(session, desk, staff, matter):
    resolved, _ = resolve(
        session=session,
        desk=desk,
        operator_id=staff.receptionist.id,
        matter_id=matter.id,
        text="已处理",
        seen=Seen.of(matter),
    )
    assert resolved.status == MatterStatus.RESOLVED


def test_a_note_never_conflicts(session, other_counter, desk, staff, matter):
    escalate(
        session=other_counter,
        desk=desk,
        operator_id=staff.supervisor.id,
        matter_id=matter.id,
        to_role=Role.SUPERVISOR,
        to_whom="王主管",
    )
    add_note(
        session=session,
        desk=desk,
        operator_id=staff.receptionist.id,
        matter_id=matter.id,
        text="业主又来电询问",
    )
    notes = session.exec(select(MatterEvent).where(MatterEvent.matter_id == matter.id)).all()
    assert [e.text for e in notes if e.kind == "note"] == ["业主又来电询问"]


def test_two_saves_at_the_same_moment_one_is_refused(session, other_counter, desk, staff, matter):
    """Both counters read version n; the first write wins, the second finds the row moved on
    between its read and its write."""
    mine = other_counter.get(Matter, matter.id)  # loaded by the other counter, version n
    escalate(
        session=session,
        desk=desk,
        operator_id=staff.supervisor.id,
        matter_id=matter.id,
        to_role=Role.SUPERVISOR,
        to_whom="王主管",
    )
    assert mine.version < session.get(Matter, matter.id).version
    with pytest.raises(Conflict, match="someone else changed"):
        resolve(
            session=other_counter,
            desk=desk,
            operator_id=staff.receptionist.id,
            matter_id=matter.id,
            text="已处理",
        )
    session.expire_all()
    assert session.get(Matter, matter.id).status == MatterStatus.OPEN


def test_a_resident_card_edited_at_two_counters(session, other_counter, desk, staff, clock):
    resident = create_resident(
        session=session, desk=desk, draft=ResidentDraft(name="张伟", phones=["13800138000"])
    )
    shown = editable_card(session=session, desk=desk, resident_id=resident.id)
    fields = dict(phones=shown.phones, role=None, temperament=None, evening_calls_ok=False)
    edit_resident(
        session=other_counter,
        desk=desk,
        operator_id=staff.supervisor.id,
        resident_id=resident.id,
        notes="晚上八点后别打",
        **fields,
    )
    with pytest.raises(Conflict) as refused:
        edit_resident(
            session=session,
            desk=desk,
            operator_id=staff.receptionist.id,
            resident_id=resident.id,
            notes="喜欢下棋",
            seen=Seen("resident", resident.id, shown.version),
            **fields,
        )
    assert "notes — → 晚上八点后别打" in str(refused.value)
    session.expire_all()
    assert editable_card(session=session, desk=desk, resident_id=resident.id).notes == (
        "晚上八点后别打"
    )


def test_reclassifying_what_someone_just_reclassified_is_refused(
    session, other_counter, desk, staff, matter
):
    from frontdesk.services.matters.complaints import reclassify

    seen = Seen.of(matter)
    reclassify(
        session=other_counter,
        desk=desk,
        operator_id=staff.supervisor.id,
        matter_id=matter.id,
        new_class=ComplaintClass.MAJOR,
        reason="媒体关注",
    )
    with pytest.raises(Conflict, match="complaint_class important → major"):
        reclassify(
            session=session,
            desk=desk,
            operator_id=staff.supervisor.id,
            matter_id=matter.id,
            new_class=ComplaintClass.MINOR,
            reason="影响小",
            seen=seen,
        )
