"""The office manager reads the audit log: newest first, narrowed by who, what, which kind and
since when, a page at a time; each change in one readable line, numbers still masked."""

from dataclasses import replace

import pytest

from frontdesk.domain.vocabulary.kinds import Role
from frontdesk.services.intake.filing import file_call
from frontdesk.services.kernel.errors import NotFound
from frontdesk.services.matters.handling import escalate
from frontdesk.services.residents.reveal import reveal_phone
from frontdesk.services.residents.search import ResidentDraft, create_resident
from frontdesk.services.staff.audit import AuditFilter, audit_entry, list_audit
from tests.conftest import at
from tests.services.drafts import call, complaint


@pytest.fixture
def worked(session, desk, staff, clock):
    """A complaint filed at 14:40 by 小李 at the lobby counter, escalated at 14:50 by 王主管."""
    lobby = replace(desk, counter="lobby")
    filed = file_call(
        session=session, desk=lobby, operator_id=staff.receptionist.id, draft=call(complaint())
    )
    clock.advance(minutes=10)
    escalate(
        session=session,
        desk=lobby,
        operator_id=staff.supervisor.id,
        matter_id=filed.matter_ids[0],
        to_role=Role.SUPERVISOR,
        to_whom="王主管",
    )
    return filed.matter_ids[0]


def page(session, desk, staff, **filters):
    before_id = filters.pop("before_id", None)
    limit = filters.pop("limit", 50)
    return list_audit(
        session=session,
        desk=desk,
        operator_id=staff.manager.id,
        filters=AuditFilter(**filters),
        before_id=before_id,
        limit=limit,
    )


def test_the_log_is_newest_first_with_who_where_and_when(session, desk, staff, worked):
    entries = page(session, desk, staff).entries
    assert [e.id for e in entries] == sorted((e.id for e in entries), reverse=True)
    newest = entries[0]
    assert (newest.operator, newest.counter) == ("王主管", "lobby")
    assert newest.at == at(2026, 12, 2, 14, 50) and newest.at.tzinfo == desk.policy.timezone
    assert entries[-1].operator == "system"  # the staff fixture wrote itself in


def test_a_change_reads_as_one_line_of_before_and_after(session, desk, staff, worked):
    change = page(session, desk, staff, table_name="matter", action="update").entries[0]
    assert (change.row_key, change.operator) == (str(worked), "王主管")
    assert "next step: escalate → resolve" in change.summary  # the column in words
    assert "version" not in change.summary  # bookkeeping, kept in the full entry
    fields = {c.field: (c.before, c.after) for c in change.changes}
    assert int(fields["version"][1]) == int(fields["version"][0]) + 1
    # Moments in the estate's time zone.
    assert fields["next_due"] == ("2026-12-02 15:40", "2026-12-05 14:40")


def test_numbers_in_the_log_stay_masked(session, desk, staff, worked):
    (filed,) = page(session, desk, staff, table_name="call").entries
    assert "caller's number=138****8000" in filed.summary
    assert "13800138000" not in repr(filed)


def test_the_log_narrows_by_operator_kind_subject_and_time(session, desk, staff, worked):
    by_xiaoli = page(session, desk, staff, operator="小李").entries
    assert by_xiaoli and {e.operator for e in by_xiaoli} == {"小李"}
    assert {e.action for e in page(session, desk, staff, action="insert").entries} == {"insert"}
    one = page(session, desk, staff, table_name="matter", row_key=str(worked)).entries
    assert {(e.table_name, e.row_key) for e in one} == {("matter", str(worked))}
    late = page(session, desk, staff, since=at(2026, 12, 2, 14, 45)).entries
    assert late and {e.operator for e in late} == {"王主管"}
    assert {e.operator for e in page(session, desk, staff, operator="system").entries} == {"system"}
    with pytest.raises(NotFound):
        page(session, desk, staff, operator="nobody")


def test_the_log_is_read_a_page_at_a_time(session, desk, staff, worked):
    everything = [e.id for e in page(session, desk, staff, limit=1000).entries]
    first = page(session, desk, staff, limit=5)
    second = page(session, desk, staff, limit=5, before_id=first.older)
    assert [e.id for e in first.entries + second.entries] == everything[:10]
    last = page(session, desk, staff, limit=5, before_id=everything[-3])
    assert (len(last.entries), last.older) == (2, None)


def test_a_reveal_reads_as_whose_and_why(session, desk, staff):
    zhang = create_resident(
        session=session, desk=desk, draft=ResidentDraft(name="张伟", phones=["13800138000"])
    )
    reveal_phone(
        session=session,
        desk=desk,
        operator_id=staff.supervisor.id,
        resident_id=zhang.id,
        why="核对",
    )
    (entry,) = page(session, desk, staff, action="reveal").entries
    assert (entry.operator, entry.table_name) == ("王主管", "resident_phone")
    assert "whose: 张伟" in entry.summary and "why: 核对" in entry.summary
    full = audit_entry(session=session, desk=desk, operator_id=staff.manager.id, entry_id=entry.id)
    assert full == entry
