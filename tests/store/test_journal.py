"""The audit log: every change is written by the store itself, with who, when, where, before and
after; the database refuses to change or remove what is written."""

import json
from dataclasses import replace

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlmodel import select

from frontdesk.domain.vocabulary.kinds import Role
from frontdesk.services.intake.filing import file_call
from frontdesk.services.matters.handling import escalate
from frontdesk.store.listeners.journal import AuditEntry
from frontdesk.store.tables.register import Matter
from tests.services.drafts import call, complaint


def entries(session, table):
    return session.exec(
        select(AuditEntry).where(AuditEntry.table_name == table).order_by(AuditEntry.id)
    ).all()


def test_filing_a_call_logs_each_new_row_as_the_operator_at_the_counter(
    session, desk, staff, clock
):
    desk = replace(desk, counter="lobby")
    result = file_call(
        session=session, desk=desk, operator_id=staff.receptionist.id, draft=call(complaint())
    )
    filed = entries(session, "matter")[0]
    assert filed.action == "insert"
    assert filed.row_key == str(result.matter_ids[0])
    assert filed.operator_id == staff.receptionist.id
    assert filed.counter == "lobby"
    assert filed.at == clock()
    assert json.loads(filed.after)["content"] == "电梯停运两天没人处理"
    assert entries(session, "call") and entries(session, "matter_deadline")


def test_a_change_logs_the_values_before_and_after(session, desk, staff, clock):
    result = file_call(
        session=session, desk=desk, operator_id=staff.receptionist.id, draft=call(complaint())
    )
    clock.advance(minutes=5)
    escalate(
        session=session,
        desk=desk,
        operator_id=staff.supervisor.id,
        matter_id=result.matter_ids[0],
        to_role=Role.SUPERVISOR,
        to_whom="王主管",
    )
    matter = session.get(Matter, result.matter_ids[0])
    change = entries(session, "matter")[-1]
    assert change.action == "update"
    assert change.operator_id == staff.supervisor.id
    before, after = json.loads(change.before), json.loads(change.after)
    assert after["version"] == matter.version == before["version"] + 1
    assert before["next_milestone"] == "escalate"
    assert after["next_milestone"] == matter.next_milestone != "escalate"


def test_pin_hashes_never_reach_the_log(session, staff):
    for entry in entries(session, "operator"):
        assert "pin_hash" not in entry.after


@pytest.mark.parametrize(
    "statement", ["UPDATE audit_entry SET counter = 'x'", "DELETE FROM audit_entry"]
)
def test_the_database_refuses_to_change_or_remove_the_log(session, desk, staff, statement):
    file_call(
        session=session, desk=desk, operator_id=staff.receptionist.id, draft=call(complaint())
    )
    count = len(session.exec(select(AuditEntry)).all())
    with pytest.raises(DBAPIError, match="append-only"):
        session.execute(text(statement))
    session.rollback()
    assert len(session.exec(select(AuditEntry)).all()) == count
