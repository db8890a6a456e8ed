"""Who may do what: every restricted use case refuses on its own, whatever the screens show."""

import pytest
from sqlmodel import select

from frontdesk.domain.vocabulary.kinds import ComplaintClass, Role
from frontdesk.services.intake.filing import file_call
from frontdesk.services.kernel.errors import NotAllowed, NotFound, SignInRefused, WrongState
from frontdesk.services.kernel.permissions import MINIMUM, REFUSALS, Action, allows
from frontdesk.services.matters.complaints import approve_extension, reclassify, request_extension
from frontdesk.services.residents.reveal import reveal_phone
from frontdesk.services.residents.search import ResidentDraft, create_resident
from frontdesk.services.staff.audit import audit_entry, list_audit
from frontdesk.services.staff.operators import (
    create_operator,
    deactivate_operator,
    hash_pin,
    sign_in,
)
from frontdesk.store.listeners.journal import AuditEntry
from frontdesk.store.tables.register import Matter
from frontdesk.store.tables.staff import Operator
from tests.conftest import at
from tests.services.drafts import call, complaint


@pytest.fixture
def complaint_of(session, desk, staff):
    def file(cls: str) -> Matter:
        filed = file_call(
            session=session,
            desk=desk,
            operator_id=staff.receptionist.id,
            draft=call(complaint(cls)),
        )
        return session.get(Matter, filed.matter_ids[0])

    return file


def test_every_action_has_a_lowest_role_and_a_refusal_to_say():
    assert set(MINIMUM) == set(REFUSALS) == set(Action)
    assert allows(Role.MANAGER, Action.READ_AUDIT) and not allows(None, Action.WORK)


@pytest.mark.parametrize("who", ["receptionist", "supervisor"])
def test_only_the_office_manager_creates_operators(session, desk, staff, who):
    with pytest.raises(NotAllowed, match="office manager"):
        create_operator(
            session=session,
            desk=desk,
            operator_id=getattr(staff, who).id,
            name="小赵",
            role=Role.RECEPTIONIST,
            pin="2468",
        )
    assert session.exec(select(Operator).where(Operator.name == "小赵")).first() is None


@pytest.mark.parametrize("who", ["receptionist", "supervisor"])
def test_only_the_office_manager_deactivates_operators(session, desk, staff, who):
    with pytest.raises(NotAllowed):
        deactivate_operator(
            session=session,
            desk=desk,
            operator_id=getattr(staff, who).id,
            target_id=staff.receptionist.id,
        )
    assert session.get(Operator, staff.receptionist.id).active


def test_a_deactivated_operator_can_neither_sign_in_nor_act(session, desk, staff):
    staff.receptionist.pin_hash = hash_pin("1234")
    session.add(staff.receptionist)
    session.commit()
    deactivate_operator(
        session=session, desk=desk, operator_id=staff.manager.id, target_id=staff.receptionist.id
    )
    with pytest.raises(SignInRefused):
        sign_in(session=session, desk=desk, name="小李", pin="1234")
    with pytest.raises(NotFound):
        file_call(
            session=session,
            desk=desk,
            operator_id=staff.receptionist.id,
            draft=call(complaint()),
        )
    with pytest.raises(NotFound):
        create_resident(
            session=session,
            desk=desk,
            operator_id=staff.receptionist.id,
            draft=ResidentDraft(name="李娜"),
        )


def test_a_manager_cannot_deactivate_themselves(session, desk, staff):
    with pytest.raises(WrongState):
        deactivate_operator(
            session=session, desk=desk, operator_id=staff.manager.id, target_id=staff.manager.id
        )


@pytest.mark.parametrize("who", ["receptionist", "supervisor"])
def test_only_the_office_manager_reads_the_audit_log(session, desk, staff, who):
    operator_id = getattr(staff, who).id
    with pytest.raises(NotAllowed, match="audit log"):
        list_audit(session=session, desk=desk, operator_id=operator_id)
    first = session.exec(select(AuditEntry.id)).first()
    with pytest.raises(NotAllowed):
        audit_entry(session=session, desk=desk, operator_id=operator_id, entry_id=first)


@pytest.mark.parametrize("who", ["receptionist", "supervisor"])
def test_only_the_office_manager_approves_an_extension(
    session, desk, staff, clock, complaint_of, who
):
    matter = complaint_of("important")
    request_extension(
        session=session,
        desk=desk,
        operator_id=staff.receptionist.id,
        matter_id=matter.id,
        until=at(2026, 12, 8, 18),
        reason="等厂家配件",
    )
    with pytest.raises(NotAllowed, match="manager"):
        approve_extension(
            session=session, desk=desk, operator_id=getattr(staff, who).id, matter_id=matter.id
        )
    approve_extension(session=session, desk=desk, operator_id=staff.manager.id, matter_id=matter.id)


def test_a_receptionist_may_raise_a_class_but_not_lower_it(session, desk, staff, complaint_of):
    matter = complaint_of("important")
    for new_class in (ComplaintClass.MINOR, ComplaintClass.INVALID):
        with pytest.raises(NotAllowed, match="supervisor"):
            reclassify(
                session=session,
                desk=desk,
                operator_id=staff.receptionist.id,
                matter_id=matter.id,
                new_class=new_class,
                reason="业主说不急",
            )
    reclassify(
        session=session,
        desk=desk,
        operator_id=staff.receptionist.id,
        matter_id=matter.id,
        new_class=ComplaintClass.MAJOR,
        reason="第二次来电",
    )
    reclassify(
        session=session,
        desk=desk,
        operator_id=staff.supervisor.id,
        matter_id=matter.id,
        new_class=ComplaintClass.IMPORTANT,
        reason="核实后非重大",
    )
    assert matter.complaint_class == "important"


def test_a_receptionist_may_not_reveal_a_card_number(session, desk, staff):
    resident = create_resident(
        session=session, desk=desk, draft=ResidentDraft(name="张伟", phones=["13800138000"])
    )
    with pytest.raises(NotAllowed, match="follow-up"):
        reveal_phone(
            session=session, desk=desk, operator_id=staff.receptionist.id, resident_id=resident.id
        )
    reveals = session.exec(select(AuditEntry).where(AuditEntry.action == "reveal")).all()
    assert reveals == []
