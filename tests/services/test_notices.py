"""The outbox: notices written once for each deadline that time brings due, deliveries claimed
by one sender at a time, tried again later and later, and worded for a department's group."""

from datetime import timedelta

from sqlmodel import select

from frontdesk import i18n
from frontdesk.domain.people.phones import mask_numbers_in
from frontdesk.domain.vocabulary.kinds import Role
from frontdesk.services.intake.filing import file_call
from frontdesk.services.notices.outbox import (
    LEASE,
    Takes,
    claim,
    delivered,
    not_delivered,
    outbox_status,
    retry_after,
)
from frontdesk.services.notices.sweep import notices_due
from frontdesk.store.tables.notices import Delivery, Notice
from frontdesk.store.tables.register import Matter, MatterDeadline
from tests.services.drafts import call, complaint

GROUP = Takes("维修部群", frozenset({"overdue", "due-soon"}))


def file(session, desk, staff, cls="important", **changes) -> Matter:
    done = file_call(
        session=session,
        desk=desk,
        operator_id=staff.receptionist.id,
        draft=call(complaint(cls, **changes)),
    )
    matter = session.get(Matter, done.matter_ids[0])
    assert matter is not None
    return matter


def keys(session) -> list[str]:
    return sorted(session.exec(select(Notice.key)).all())


def test_a_deadline_is_told_once_when_it_nears_and_once_when_it_passes(session, desk, staff, clock):
    matter = file(session, desk, staff)  # important: escalate within the hour
    (escalate,) = session.exec(
        select(MatterDeadline)
        .where(MatterDeadline.matter_id == matter.id)
        .where(MatterDeadline.milestone == "escalate")
    ).all()
    assert notices_due(session=session, desk=desk) == 0  # an hour off: not yet
    clock.moment += timedelta(minutes=1)
    assert notices_due(session=session, desk=desk) == 1
    assert notices_due(session=session, desk=desk) == 0  # once, however often it is asked
    assert keys(session) == [f"due-soon:deadline:{escalate.id}"]
    clock.moment += timedelta(hours=1)
    assert notices_due(session=session, desk=desk) == 1
    assert keys(session) == [f"due-soon:deadline:{escalate.id}", f"overdue:deadline:{escalate.id}"]


def test_a_deadline_first_seen_late_is_told_late_only(session, desk, staff, clock):
    file(session, desk, staff)
    clock.moment += timedelta(hours=3)
    notices_due(session=session, desk=desk)
    assert [k.split(":")[0] for k in keys(session)] == ["overdue"]


def test_a_deadline_met_in_time_is_never_told_late(session, desk, staff, clock):
    from frontdesk.services.matters.handling import escalate

    matter = file(session, desk, staff)
    escalate(
        session=session,
        desk=desk,
        operator_id=staff.receptionist.id,
        matter_id=matter.id,
        to_whom=staff.supervisor.name,
        to_role=Role.SUPERVISOR,
    )
    clock.moment += timedelta(hours=3)
    notices_due(session=session, desk=desk)
    assert not [k for k in keys(session) if k.startswith("overdue")]


def test_a_claimed_delivery_is_not_claimed_again_by_another_sender(session, desk, staff, clock):
    file(session, desk, staff)
    clock.moment += timedelta(minutes=1)
    notices_due(session=session, desk=desk)
    first = claim(session=session, desk=desk, routes=[GROUP])
    assert len(first) == 1
    assert claim(session=session, desk=desk, routes=[GROUP]) == []  # held by the first
    clock.moment += LEASE + timedelta(seconds=1)
    # The first sender died with it: the next takes it, as at least once allows.
    again = claim(session=session, desk=desk, routes=[GROUP])
    assert [o.key for o in again] == [o.key for o in first]
    delivered(session=session, desk=desk, delivery_ids=[again[0].delivery_id])
    clock.moment += timedelta(hours=1)
    assert claim(session=session, desk=desk, routes=[GROUP]) == []
    (shown,) = outbox_status(session=session, desk=desk, routes=[GROUP.route])
    assert (shown.pending, shown.sent, shown.failing) == (0, 1, 0)


def test_a_failed_try_is_tried_again_later_and_later(session, desk, staff, clock):
    assert [retry_after(n) for n in (1, 2, 3, 4)] == [
        timedelta(seconds=30),
        timedelta(minutes=1),
        timedelta(minutes=2),
        timedelta(minutes=4),
    ]
    assert retry_after(20) == timedelta(hours=1)
    file(session, desk, staff)
    clock.moment += timedelta(minutes=1)
    notices_due(session=session, desk=desk)
    (out,) = claim(session=session, desk=desk, routes=[GROUP])
    not_delivered(session=session, desk=desk, delivery_ids=[out.delivery_id], error="down")
    assert claim(session=session, desk=desk, routes=[GROUP]) == []
    clock.moment += timedelta(seconds=30)
    (again,) = claim(session=session, desk=desk, routes=[GROUP])
    assert again.attempts == 1
    (shown,) = outbox_status(session=session, desk=desk, routes=[GROUP.route])
    assert (shown.pending, shown.failing, shown.last_error) == (1, 1, "down")


def test_a_route_for_one_department_takes_only_its_matters(session, desk, staff, clock):
    file(session, desk, staff, department="安护部")
    file(session, desk, staff, department="维修部")
    clock.moment += timedelta(minutes=1)
    notices_due(session=session, desk=desk)
    only = Takes("安护部群", frozenset({"due-soon"}), frozenset({"安护部"}))
    taken = claim(session=session, desk=desk, routes=[only])
    assert len(taken) == 1 and "安护部" in taken[0].text
    assert session.exec(select(Delivery.route)).all() == ["安护部群"]


def test_the_message_is_in_the_estate_s_language_with_every_number_masked(
    session, desk, staff, clock
):
    matter = file(session, desk, staff, content="电梯停运两天没人处理,请打 13800138000 找我")
    clock.moment += timedelta(hours=2)
    notices_due(session=session, desk=desk)
    i18n.use("en")  # the sender's own screen speaks English; the group reads Chinese
    (out,) = claim(session=session, desk=desk, routes=[GROUP])
    first, summary, due = out.text.split("\n")
    assert first.startswith(f"【已超期】 #{matter.id} 投诉 · 重要")
    assert "138****8000" in summary and "13800138000" not in out.text
    assert due.startswith("上报期限 ") and due.endswith("已超期 1时00分")


def test_numbers_in_free_text_are_masked_and_the_rest_kept():
    assert mask_numbers_in("请打13800138000或021-6212 3456找我,3栋1201") == (
        "请打138****8000或021-****3456找我,3栋1201"
    )
