"""Signing in: five wrong PINs in a row lock an operator out for fifteen minutes by the desk's
clock; the right PIN resets the count; an unknown name is answered like a wrong PIN."""

import json
from dataclasses import replace

import pytest
from sqlmodel import select

from frontdesk.domain.vocabulary.kinds import Role
from frontdesk.services.kernel.errors import SignInRefused
from frontdesk.services.staff.operators import MAX_WRONG_PINS, add_operator, sign_in
from frontdesk.store.listeners.journal import AuditEntry
from frontdesk.store.tables.staff import Operator

WRONG = "Name or PIN is not right."


@pytest.fixture
def xiaoli(session, desk) -> Operator:
    operator = add_operator(
        session=session, desk=desk, name="小李", role=Role.RECEPTIONIST, pin="2468"
    )
    session.commit()
    return operator


def refusal(session, desk, name: str = "小李", pin: str = "0000") -> str:
    with pytest.raises(SignInRefused) as refused:
        sign_in(session=session, desk=desk, name=name, pin=pin)
    return str(refused.value)


def test_a_wrong_pin_and_an_unknown_name_get_the_same_answer(session, desk, xiaoli):
    assert refusal(session, desk) == refusal(session, desk, name="小王") == WRONG
    assert xiaoli.failed_pins == 1


def test_five_wrong_pins_in_a_row_lock_the_operator_out_for_fifteen_minutes(
    session, desk, clock, xiaoli
):
    for _ in range(MAX_WRONG_PINS - 1):
        assert refusal(session, desk) == WRONG
    told = refusal(session, desk)
    assert "locked out until 14:55 on 2026-12-02" in told and "小李" in told
    session.refresh(xiaoli)
    assert xiaoli.locked_until == clock.moment.replace(minute=55)
    # Even the right PIN is refused during the lockout, with when to come back.
    clock.advance(minutes=14)
    assert "until 14:55" in refusal(session, desk, pin="2468")
    clock.advance(minutes=1)
    assert sign_in(session=session, desk=desk, name="小李", pin="2468").id == xiaoli.id
    session.refresh(xiaoli)
    assert (xiaoli.failed_pins, xiaoli.locked_until) == (0, None)


def test_the_right_pin_resets_the_count(session, desk, xiaoli):
    for _ in range(MAX_WRONG_PINS - 1):
        refusal(session, desk)
    sign_in(session=session, desk=desk, name="小李", pin="2468")
    for _ in range(MAX_WRONG_PINS - 1):
        assert refusal(session, desk) == WRONG  # four more: still not locked


def test_after_a_lockout_the_count_starts_again(session, desk, clock, xiaoli):
    for _ in range(MAX_WRONG_PINS):
        refusal(session, desk)
    clock.advance(minutes=15)
    assert refusal(session, desk) == WRONG
    session.refresh(xiaoli)
    assert (xiaoli.failed_pins, xiaoli.locked_until) == (1, None)


def test_wrong_pins_and_the_lockout_are_in_the_audit_log(session, desk, clock, xiaoli):
    desk = replace(desk, counter="lobby")
    for _ in range(MAX_WRONG_PINS):
        refusal(session, desk)
    changes = session.exec(
        select(AuditEntry)
        .where(AuditEntry.table_name == "operator")
        .where(AuditEntry.action == "update")
        .order_by(AuditEntry.id)
    ).all()
    assert [json.loads(c.after)["failed_pins"] for c in changes] == [1, 2, 3, 4, 5]
    assert "locked_until" in json.loads(changes[-1].after)
    # A wrong PIN proves no one's identity: the system's, at the counter it was typed at.
    assert {(c.operator_id, c.counter, c.at) for c in changes} == {(None, "lobby", clock())}
    sign_in(
        session=session,
        desk=replace(desk, clock=lambda: clock().replace(hour=15)),
        name="小李",
        pin="2468",
    )
    reset = session.exec(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
    assert reset.operator_id == xiaoli.id and json.loads(reset.after)["failed_pins"] == 0


def test_wrong_pins_tried_at_the_same_moment_at_several_counters_each_count(session, desk, xiaoli):
    """Each try locks the operator's row while it is counted: parallel guesses buy nothing."""
    from concurrent.futures import ThreadPoolExecutor

    from frontdesk.store.engine import new_session

    def guess(_n: int) -> str:
        with new_session(session.get_bind()) as counter:
            return refusal(counter, desk)

    with ThreadPoolExecutor(max_workers=4) as pool:
        answers = list(pool.map(guess, range(MAX_WRONG_PINS)))
    session.expire_all()
    locked = session.get(Operator, xiaoli.id)
    assert locked.locked_until is not None, answers
    assert "locked out" in refusal(session, desk, pin="2468")
