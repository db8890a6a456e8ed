"""What the screens show: the resident card (open and past matters, masked phones, how to
address them, the strategy for their temperament) and a matter's detail (each deadline's state,
the history with who acted and the deadline each step named)."""

import pytest

from frontdesk.domain.people.temperaments import strategy
from frontdesk.domain.vocabulary.kinds import Role, Temperament
from frontdesk.services.intake.filing import file_call
from frontdesk.services.kernel.errors import NotFound
from frontdesk.services.matters.complaints import (
    approve_extension,
    request_extension,
    upgrade_overdue,
)
from frontdesk.services.matters.detail import matter_detail
from frontdesk.services.matters.handling import escalate, record_repair_done, record_reply
from frontdesk.services.residents.card import resident_card
from frontdesk.services.residents.search import ResidentDraft, create_resident
from frontdesk.wording import said_steps, say
from tests.conftest import SHANGHAI, at
from tests.services.drafts import call, complaint, repair


@pytest.fixture
def zhang(session, desk):
    draft = ResidentDraft(
        name="张伟",
        title="先生",
        phones=["138 0013 8000", "021-6212 3456 转 801"],
        units=[("3-2-1201", "owner")],
        temperament=Temperament.ANALYTICAL,
        occupation="律师",
        evening_calls_ok=True,
    )
    return create_resident(session=session, desk=desk, draft=draft)


@pytest.fixture
def file(session, desk, staff):
    """File one call of ``matters``; the ids of the matters it opened."""

    def _file(*matters, **changes):
        draft = call(*matters, **changes)
        filed = file_call(
            session=session, desk=desk, operator_id=staff.receptionist.id, draft=draft
        )
        return filed.matter_ids

    return _file


def test_the_card_splits_open_matters_from_past_ones(session, desk, staff, zhang, file, clock):
    important, leak = file(complaint("important"), repair("leak"), resident_id=zhang.id)
    clock.advance(minutes=5)
    (invalid,) = file(complaint("invalid"), resident_id=zhang.id)
    record_reply(
        session=session,
        desk=desk,
        operator_id=staff.receptionist.id,
        matter_id=invalid,
        text="市政停水,非物业责任,已向业主说明",
    )
    file(complaint("minor"))  # someone else's call: not on this card

    card = resident_card(session=session, desk=desk, resident_id=zhang.id)

    assert {m.id for m in card.open_matters} == {important, leak}
    assert [(m.id, m.status) for m in card.past_matters] == [(invalid, "closed")]
    lines = {m.id: m for m in card.open_matters}
    assert (lines[leak].kind, lines[leak].repair_category) == ("repair", "leak")
    assert (lines[important].complaint_class, lines[important].repair_category) == (
        "important",
        None,
    )
    assert {m.resident_id for m in card.open_matters + card.past_matters} == {zhang.id}
    assert lines[important].received_at == at(2026, 12, 2, 14, 40)
    assert lines[important].received_at.tzinfo == desk.policy.timezone
    assert lines[important].next_milestone == "escalate"


def test_the_card_masks_phones_and_says_how_to_address_the_resident(session, desk, zhang):
    card = resident_card(session=session, desk=desk, resident_id=zhang.id)

    # Only masked: the full numbers are revealed on purpose, and recorded (test_reveal.py).
    assert card.phones_masked == ["138****8000", "021-****3456转801"]
    assert not hasattr(card, "phones")
    assert (card.name, card.address) == ("张伟", "张先生")
    assert card.units == ["3-2-1201 (owner)"]
    assert card.temperament == "analytical"
    assert card.strategy == strategy("analytical") and card.strategy.startswith("分析型")
    assert (card.occupation, card.evening_calls_ok) == ("律师", True)
    assert card.open_matters == card.past_matters == []


def test_a_card_that_does_not_exist_is_not_found(session, desk):
    with pytest.raises(NotFound):
        resident_card(session=session, desk=desk, resident_id=999)


def test_detail_shows_each_deadline_running_met_or_superseded(session, desk, staff, file, clock):
    (matter_id,) = file(complaint("important"))
    clock.advance(minutes=20)
    escalate(
        session=session,
        desk=desk,
        operator_id=staff.receptionist.id,
        matter_id=matter_id,
        to_role=Role.SUPERVISOR,
        to_whom="王主管",
    )
    clock.advance(days=2)
    request_extension(
        session=session,
        desk=desk,
        operator_id=staff.supervisor.id,
        matter_id=matter_id,
        until=at(2026, 12, 8, 18),
        reason="等厂家配件",
    )
    approve_extension(session=session, desk=desk, operator_id=staff.manager.id, matter_id=matter_id)

    detail = matter_detail(session=session, desk=desk, matter_id=matter_id)

    states = [(d.milestone, d.due, d.state) for d in detail.deadlines]
    assert states == [
        ("escalate", at(2026, 12, 2, 15, 40), "met"),
        ("resolve", at(2026, 12, 5, 14, 40), "superseded"),
        ("upgrade", at(2027, 1, 2, 14, 40), "running"),
        ("resolve", at(2026, 12, 8, 18), "running"),
    ]
    assert all(d.due.tzinfo == desk.policy.timezone for d in detail.deadlines)
    assert "within 3 days" in say(detail.deadlines[1].rule)
    assert "陈经理" in say(detail.deadlines[3].rule) + said_steps(detail.deadlines[3].steps)
    assert detail.contact == "张伟 138****8000"
    assert (detail.matter.next_milestone, detail.matter.next_due) == (
        "resolve",
        at(2026, 12, 8, 18),
    )


def test_detail_events_say_who_acted_and_the_deadline_each_named(session, desk, staff, file, clock):
    (matter_id,) = file(complaint("important"))
    clock.advance(minutes=20)
    escalate(
        session=session,
        desk=desk,
        operator_id=staff.receptionist.id,
        matter_id=matter_id,
        to_role=Role.SUPERVISOR,
        to_whom="王主管",
    )
    clock.advance(days=2)
    request_extension(
        session=session,
        desk=desk,
        operator_id=staff.supervisor.id,
        matter_id=matter_id,
        until=at(2026, 12, 8, 18),
        reason="等厂家配件",
    )
    approve_extension(session=session, desk=desk, operator_id=staff.manager.id, matter_id=matter_id)
    session.expire_all()  # read back from the database, where moments are kept in UTC

    events = matter_detail(session=session, desk=desk, matter_id=matter_id).events

    shown = [(e.at, e.kind, e.who, say(e.text), e.until) for e in events]
    assert shown == [
        (at(2026, 12, 2, 14, 40), "filed", "小李", "", None),
        (at(2026, 12, 2, 15, 0), "escalated", "小李", "supervisor: 王主管", None),
        (
            at(2026, 12, 4, 15, 0),
            "extension-requested",
            "王主管",
            "等厂家配件",
            at(2026, 12, 8, 18),
        ),
        (at(2026, 12, 4, 15, 0), "extension-approved", "陈经理", "", at(2026, 12, 8, 18)),
    ]
    # Shown in the estate's zone, as the receptionist reads the clock, not in UTC.
    assert (
        {e.at.tzinfo for e in events}
        == {e.until.tzinfo for e in events if e.until}
        == {desk.policy.timezone}
    )
    assert events[2].until.hour == 18


def test_the_automatic_upgrade_is_the_systems_doing(session, desk, file, clock):
    (matter_id,) = file(complaint("important"))
    clock.moment = at(2027, 1, 3, 9, 0)
    upgrade_overdue(session=session, desk=desk)

    last = matter_detail(session=session, desk=desk, matter_id=matter_id).events[-1]

    assert (last.kind, last.who, last.until) == ("upgraded", None, None)
    assert say(last.text) == "important → major: still open 1 month after reception"


def test_a_repair_done_event_carries_when_the_work_was_done(session, desk, staff, file, clock):
    (matter_id,) = file(repair("other"))
    clock.moment = at(2026, 12, 3, 19, 45)
    record_repair_done(
        session=session,
        desk=desk,
        operator_id=staff.receptionist.id,
        matter_id=matter_id,
        done_at=at(2026, 12, 3, 19, 30),
    )

    detail = matter_detail(session=session, desk=desk, matter_id=matter_id)

    (done,) = [e for e in detail.events if e.kind == "repair-done"]
    assert (done.at, done.who, done.until) == (
        at(2026, 12, 3, 19, 45),
        "小李",
        at(2026, 12, 3, 19, 30),
    )
    assert done.until.tzinfo == SHANGHAI
    assert detail.matter.status == "resolved"
    assert detail.matter.repair_category == "other"
    assert [(d.milestone, d.state) for d in detail.deadlines] == [("visit", "met")]


def test_a_matter_that_does_not_exist_is_not_found(session, desk):
    with pytest.raises(NotFound):
        matter_detail(session=session, desk=desk, matter_id=999)
