"""Full phone numbers (DOMAIN.md §5): masked wherever the screens read them, shown only on
purpose, by role, and every reveal recorded: who, whose, when, why."""

import json
from dataclasses import replace

import pytest
from sqlmodel import select

from frontdesk.services.followups.callbacks import list_callbacks
from frontdesk.services.intake.filing import file_call
from frontdesk.services.kernel.errors import NotAllowed, ServiceError
from frontdesk.services.matters.detail import matter_detail
from frontdesk.services.residents.card import resident_card
from frontdesk.services.residents.reveal import reveal_phone
from frontdesk.services.residents.search import ResidentDraft, create_resident, search_residents
from frontdesk.store.listeners.journal import AuditEntry
from frontdesk.store.tables.people import ResidentPhone
from frontdesk.store.tables.register import FollowUp
from tests.conftest import at
from tests.services.drafts import call, complaint, enquiry


@pytest.fixture
def zhang(session, desk):
    return create_resident(
        session=session,
        desk=desk,
        draft=ResidentDraft(name="张伟", phones=["13800138000", "021-6212 3456 转 801"]),
    )


@pytest.fixture
def promised(session, desk, staff, zhang) -> FollowUp:
    """A reply promised by 16:00 today on 139 0000 1111: a follow-up call owed."""
    file_call(
        session=session,
        desk=desk,
        operator_id=staff.receptionist.id,
        draft=call(enquiry(), resident_id=zhang.id),
    )
    return session.exec(select(FollowUp)).one()


def reveals(session) -> list[AuditEntry]:
    return list(
        session.exec(
            select(AuditEntry).where(AuditEntry.action == "reveal").order_by(AuditEntry.id)
        )
    )


def test_numbers_are_masked_in_every_result_the_screens_read(session, desk, staff, zhang, promised):
    filed = file_call(
        session=session, desk=desk, operator_id=staff.receptionist.id, draft=call(complaint())
    )
    shown = [
        resident_card(session=session, desk=desk, resident_id=zhang.id),
        search_residents(session=session, text="张伟"),
        list_callbacks(session=session, desk=desk),
        matter_detail(session=session, desk=desk, matter_id=filed.matter_ids[0]),
    ]
    for full in ("13800138000", "02162123456", "13900001111"):
        assert all(full not in repr(result) for result in shown)
    assert reveals(session) == []


@pytest.mark.parametrize("who", ["supervisor", "manager"])
def test_a_supervisor_or_the_manager_sees_a_cards_numbers_and_it_is_recorded(
    session, desk, staff, clock, zhang, who
):
    operator_id = getattr(staff, who).id
    shown = reveal_phone(
        session=session,
        desk=replace(desk, counter="lobby"),
        operator_id=operator_id,
        resident_id=zhang.id,
        why="业主要求核对号码",
    )
    assert shown.whose == "张伟"
    assert shown.numbers == ["138 0013 8000", "021-6212 3456 转 801"]
    phone_ids = session.exec(
        select(ResidentPhone.id).where(ResidentPhone.resident_id == zhang.id)
    ).all()
    logged = reveals(session)
    assert [(e.table_name, e.row_key) for e in logged] == [
        ("resident_phone", str(i)) for i in phone_ids
    ]
    for entry in logged:
        assert (entry.operator_id, entry.counter, entry.at) == (operator_id, "lobby", clock())
        assert json.loads(entry.after) == {
            "whose": "张伟",
            "resident_id": zhang.id,
            "why": "业主要求核对号码",
        }
        assert "13800138000" not in entry.after  # the log says whose, not the number


def test_a_receptionist_sees_the_number_of_a_follow_up_they_may_call_now(
    session, desk, staff, promised
):
    shown = reveal_phone(
        session=session, desk=desk, operator_id=staff.receptionist.id, follow_up_id=promised.id
    )
    assert shown.numbers == ["139 0000 1111"]
    (entry,) = reveals(session)
    assert (entry.table_name, entry.row_key, entry.operator_id) == (
        "follow_up",
        str(promised.id),
        staff.receptionist.id,
    )
    assert json.loads(entry.after)["whose"] == "张伟"


def test_outside_the_callable_window_only_a_supervisor_sees_a_follow_ups_number(
    session, desk, staff, clock, promised
):
    clock.moment = at(2026, 12, 2, 22, 30)  # after the evening window: no one calls now
    with pytest.raises(NotAllowed, match="may be called now"):
        reveal_phone(
            session=session,
            desk=desk,
            operator_id=staff.receptionist.id,
            follow_up_id=promised.id,
        )
    assert reveals(session) == []
    shown = reveal_phone(
        session=session, desk=desk, operator_id=staff.supervisor.id, follow_up_id=promised.id
    )
    assert shown.numbers == ["139 0000 1111"]


def test_a_follow_up_no_longer_owed_is_not_a_call_about_to_be_made(session, desk, staff, promised):
    promised.status = "done"
    session.add(promised)
    session.commit()
    with pytest.raises(NotAllowed):
        reveal_phone(
            session=session,
            desk=desk,
            operator_id=staff.receptionist.id,
            follow_up_id=promised.id,
        )


def test_a_reveal_names_one_resident_or_one_follow_up(session, desk, staff, zhang, promised):
    for ids in ({}, {"resident_id": zhang.id, "follow_up_id": promised.id}):
        with pytest.raises(ServiceError):
            reveal_phone(session=session, desk=desk, operator_id=staff.manager.id, **ids)
