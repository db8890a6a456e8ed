"""The demo estate holds a matter in every state the screens show, whatever the time of
day it is built."""

from datetime import timedelta

import pytest
from sqlmodel import func, select

from frontdesk.services.demo.estate import build_demo
from frontdesk.store.database import open_database
from frontdesk.store.engine import new_session
from frontdesk.store.tables.register import Call, FollowUp, Matter, MatterEvent
from tests.conftest import at


@pytest.fixture(
    scope="module",
    params=[at(2026, 12, 2, 15, 10), at(2026, 12, 2, 23, 30), at(2026, 12, 3, 7, 0)],
    ids=["afternoon", "night", "before-opening"],
)
def built(request, databases, policy):
    """One estate for each time of day, built once for all the tests that read it."""
    engine = open_database(databases.empty())
    with new_session(engine) as session:
        summary = build_demo(
            session=session, policy=policy, now=request.param, seed=11, resident_count=200
        )
        yield session, request.param, summary
    engine.dispose()


@pytest.fixture
def session(built):
    return built[0]


@pytest.fixture
def demo(built):
    return built[1:]


def test_residents_and_two_months_of_calls(session, demo):
    now, summary = demo
    assert summary.residents == 200
    first = session.exec(select(func.min(Call.answered_at))).one()
    assert summary.calls >= 300 and now - first >= timedelta(days=50)


def test_complaints_of_every_class_in_every_state(session, demo):
    states = set(
        session.exec(
            select(Matter.complaint_class, Matter.status).where(Matter.kind == "complaint")
        ).all()
    )
    for cls in ("major", "important", "minor"):
        assert {(cls, "open"), (cls, "resolved"), (cls, "closed")} <= states
    assert {("invalid", "open"), ("invalid", "closed")} <= states
    kinds = set(session.exec(select(MatterEvent.kind)).all())
    assert {
        "escalated",
        "replied",
        "extension-requested",
        "extension-approved",
        "reopened",
        "upgraded",
        "raised-again",
        "resolved",
        "repair-done",
    } <= kinds


def test_some_matters_overdue_and_some_due_within_the_hour(session, demo):
    now, _ = demo
    dues = session.exec(
        select(Matter.next_due).where(Matter.status == "open").where(Matter.next_due.is_not(None))
    ).all()
    assert any(due < now for due in dues)
    assert any(now <= due < now + timedelta(hours=1) for due in dues)


def test_repairs_awaiting_follow_up_and_follow_ups_overdue_and_due_today(session, demo, policy):
    now, _ = demo
    owed = session.exec(select(FollowUp).where(FollowUp.status == "owed")).all()
    assert {"repair-other", "repair-safety", "repair-leak", "complaint-result", "promised"} <= {
        f.reason for f in owed
    }
    assert any(f.due < now for f in owed)
    today = now.astimezone(policy.timezone).date()
    assert any(f.due.astimezone(policy.timezone).date() == today for f in owed)
