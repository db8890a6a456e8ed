"""The complaint queue: open matters by next deadline, overdue first, filters."""

from frontdesk.domain.vocabulary.kinds import Role
from frontdesk.services.intake.filing import file_call
from frontdesk.services.matters.handling import escalate
from frontdesk.services.matters.queue import QueueFilter, list_queue
from frontdesk.services.residents.search import ResidentDraft, create_resident
from frontdesk.wording import said_steps, say
from tests.conftest import at
from tests.services.drafts import call, complaint, enquiry, repair


def test_queue_is_sorted_by_next_deadline_with_overdue_marked(session, desk, staff, clock):
    file_call(
        session=session,
        desk=desk,
        operator_id=staff.receptionist.id,
        draft=call(complaint("minor")),
    )
    clock.moment = at(2026, 12, 2, 15, 0)
    file_call(
        session=session,
        desk=desk,
        operator_id=staff.receptionist.id,
        draft=call(complaint("important"), repair(), enquiry(answered=True)),
    )
    clock.moment = at(2026, 12, 2, 15, 30)
    rows = list_queue(session=session, desk=desk)
    assert [(r.kind, r.next_milestone) for r in rows] == [
        ("complaint", "escalate"),
        ("repair", "visit"),
        ("complaint", "resolve"),
    ]
    assert rows[0].due == at(2026, 12, 2, 16, 0) and rows[0].due_soon and not rows[0].overdue
    clock.moment = at(2026, 12, 2, 16, 5)
    assert list_queue(session=session, desk=desk)[0].overdue
    assert "within 1 hour" in say(rows[0].rule) and "15:00" in said_steps(rows[0].steps)


def test_queue_filters_by_class_department_and_overdue(session, desk, staff, clock):
    file_call(
        session=session,
        desk=desk,
        operator_id=staff.receptionist.id,
        draft=call(complaint("important"), complaint("minor", department="环境部"), repair()),
    )

    def only(**kw):
        rows = list_queue(session=session, desk=desk, filters=QueueFilter(**kw))
        return [r.kind for r in rows]

    assert only(complaint_class="minor") == ["complaint"]
    assert only(department="维修部") == ["repair"]
    assert only(overdue_only=True) == []
    clock.moment = at(2026, 12, 2, 15, 41)
    assert only(overdue_only=True) == ["complaint"]


def test_matter_leaves_the_queue_head_when_its_milestone_is_met(session, desk, staff):
    filed = file_call(
        session=session,
        desk=desk,
        operator_id=staff.receptionist.id,
        draft=call(complaint("important")),
    )
    escalate(
        session=session,
        desk=desk,
        operator_id=staff.receptionist.id,
        matter_id=filed.matter_ids[0],
        to_role=Role.SUPERVISOR,
        to_whom="王主管",
    )
    (row,) = list_queue(session=session, desk=desk)
    assert (row.next_milestone, row.due) == ("resolve", at(2026, 12, 5, 14, 40))


def test_rows_carry_the_resident_and_the_repair_category(session, desk, staff):
    resident = create_resident(
        session=session,
        desk=desk,
        draft=ResidentDraft(name="李娜", phones=["13900001111"], units=[("5-1-302", "owner")]),
    )
    file_call(
        session=session,
        desk=desk,
        operator_id=staff.receptionist.id,
        draft=call(repair("leak"), resident_id=resident.id),
    )
    # A visitor on no resident card.
    file_call(
        session=session,
        desk=desk,
        operator_id=staff.receptionist.id,
        draft=call(complaint("important"), caller_name="路人", caller_unit=""),
    )
    rows = {r.kind: r for r in list_queue(session=session, desk=desk)}
    assert (rows["repair"].resident_id, rows["repair"].resident) == (resident.id, "李娜")
    assert rows["repair"].repair_category == "leak"
    assert (rows["complaint"].resident_id, rows["complaint"].repair_category) == (None, None)
    assert rows["complaint"].resident == "张伟"  # the complaint's own contact name


def test_the_status_filter_shows_resolved_matters_awaiting_their_result_call(session, desk, staff):
    from frontdesk.services.matters.handling import resolve

    filed = file_call(
        session=session,
        desk=desk,
        operator_id=staff.receptionist.id,
        draft=call(complaint("minor"), complaint("important")),
    )
    resolve(
        session=session,
        desk=desk,
        operator_id=staff.supervisor.id,
        matter_id=filed.matter_ids[0],
        text="已处理",
    )
    resolved = list_queue(session=session, desk=desk, filters=QueueFilter(status="resolved"))
    assert [r.id for r in resolved] == [filed.matter_ids[0]]
    assert [r.id for r in list_queue(session=session, desk=desk)] == [filed.matter_ids[1]]
