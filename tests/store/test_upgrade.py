"""Upgrading a database written by the first release (schema 0001) keeps every row and every
value; the new columns start at their defaults, and the counter works on the old rows as on new
ones: the queue lists the old complaint, escalating it works and counts a new version."""

import json
from datetime import UTC, datetime

import pytest
from sqlalchemy import Connection, inspect, text
from sqlmodel import select

from frontdesk.domain.vocabulary.kinds import AttemptOutcome, Role, Verdict
from frontdesk.services.followups.callbacks import list_callbacks, record_attempt
from frontdesk.services.intake.filing import file_call
from frontdesk.services.matters.handling import escalate
from frontdesk.services.matters.queue import list_queue
from frontdesk.services.residents.search import search_residents
from frontdesk.store import migrate
from frontdesk.store.engine import make_engine, new_session
from frontdesk.store.listeners.journal import AuditEntry
from frontdesk.store.listeners.search_index import stale
from frontdesk.store.tables.people import Resident, Unit
from frontdesk.store.tables.register import FollowUp, FollowUpAttempt, Matter
from frontdesk.store.tables.staff import Operator
from frontdesk.wording import say
from tests.conftest import at
from tests.services.drafts import call, complaint

# The tables of the first release, in an order their references allow.
FIRST_TABLES = [
    "estate",
    "operator",
    "resident",
    "resident_phone",
    "unit",
    "resident_unit",
    "call",
    "matter",
    "matter_deadline",
    "matter_event",
    "follow_up",
    "follow_up_attempt",
]


def stored(moment: datetime, dialect: str) -> str:
    """A moment as the first release wrote it: naive UTC text in SQLite (which keeps no
    offset), a timestamp with its offset in PostgreSQL."""
    if dialect == "sqlite":
        return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
    return moment.isoformat()


def add(connection: Connection, table: str, **values) -> int | None:
    columns = ", ".join(f'"{name}"' for name in values)
    params = ", ".join(f":{name}" for name in values)
    statement = f'INSERT INTO "{table}" ({columns}) VALUES ({params})'
    if table == "resident_unit":  # its key is the pair it links
        connection.execute(text(statement), values)
        return None
    return connection.execute(text(statement + " RETURNING id"), values).scalar_one()


def fill_first_release(connection: Connection, centre: str) -> dict[str, int | None]:
    """A small register as the first release kept it: an important complaint still waiting to
    be escalated, a repair done whose follow-up call was tried once."""
    t = lambda *args: stored(at(*args), connection.dialect.name)  # noqa: E731
    ids: dict[str, int | None] = {}
    ids["estate"] = add(connection, "estate", name=centre)
    ids["receptionist"] = add(
        connection,
        "operator",
        name="小李",
        role="receptionist",
        pin_hash="x$1",
        active=True,
        created_at=t(2026, 11, 1, 9, 0),
    )
    ids["supervisor"] = add(
        connection,
        "operator",
        name="王主管",
        role="supervisor",
        pin_hash="x$2",
        active=True,
        created_at=t(2026, 11, 1, 9, 5),
    )
    ids["resident"] = add(
        connection,
        "resident",
        name="张伟",
        name_pinyin="zhangwei",
        name_initials="zw",
        title="张先生",
        temperament="analytical",
        occupation="教师",
        interests="书法",
        preferred_call_times="晚上",
        evening_calls_ok=True,
        notes="腿脚不便",
        created_at=t(2026, 11, 2, 10, 0),
        updated_at=t(2026, 11, 20, 16, 30),
    )
    add(
        connection,
        "resident_phone",
        resident_id=ids["resident"],
        national="13800138000",
        extension="",
        kind="mobile",
        label="本人",
    )
    ids["unit"] = add(
        connection,
        "unit",
        estate_id=ids["estate"],
        label="3-2-1201",
        building="3",
        entrance="2",
        room="1201",
    )
    add(connection, "resident_unit", resident_id=ids["resident"], unit_id=ids["unit"], role="owner")
    ids["call"] = add(
        connection,
        "call",
        channel="phone",
        rang_at=t(2026, 12, 2, 14, 39),
        rings=2,
        answered_at=t(2026, 12, 2, 14, 40),
        operator_id=ids["receptionist"],
        caller_name="张伟",
        caller_phone="13800138000",
        caller_unit="3-2-1201",
        resident_id=ids["resident"],
        notes="",
    )
    matter = dict(
        call_id=ids["call"],
        resident_id=ids["resident"],
        unit_id=ids["unit"],
        unit_label="3-2-1201",
        operator_id=ids["receptionist"],
        contact_name="张伟",
        contact_phone="13800138000",
        received_at=t(2026, 12, 2, 14, 40),
        callback_phone="",
        updated_at=t(2026, 12, 2, 14, 40),
    )
    ids["complaint"] = add(
        connection,
        "matter",
        **matter,
        kind="complaint",
        status="open",
        summary="电梯停运两天",
        content="3栋电梯停运两天没人处理",
        happened_at=t(2026, 12, 2, 8, 0),
        place="3栋电梯",
        complained_party="安护部",
        complaint_class="important",
        emotion="angry",
        need="solution",
        next_milestone="escalate",
        department="",
        next_due=t(2026, 12, 2, 15, 40),
    )
    for milestone, due in (
        ("escalate", t(2026, 12, 2, 15, 40)),
        ("resolve", t(2026, 12, 5, 14, 40)),
        ("upgrade", t(2027, 1, 2, 14, 40)),
    ):
        add(
            connection,
            "matter_deadline",
            matter_id=ids["complaint"],
            milestone=milestone,
            due=due,
            rule=f"important complaint: {milestone}",
            explanation="received 14:40",
            created_at=t(2026, 12, 2, 14, 40),
        )
    ids["repair"] = add(
        connection,
        "matter",
        **matter,
        department="维修部",
        place="",
        complained_party="",
        kind="repair",
        status="resolved",
        summary="水龙头坏了",
        content="厨房水龙头坏了",
        repair_category="other",
        visit_at=t(2026, 12, 3, 10, 0),
    )
    add(
        connection,
        "matter_deadline",
        matter_id=ids["repair"],
        milestone="visit",
        due=t(2026, 12, 3, 10, 0),
        rule="visit as agreed",
        explanation="agreed on the call",
        created_at=t(2026, 12, 2, 14, 40),
        met_at=t(2026, 12, 3, 9, 50),
    )
    for matter_id, kind, when in (
        (ids["complaint"], "filed", t(2026, 12, 2, 14, 40)),
        (ids["repair"], "filed", t(2026, 12, 2, 14, 40)),
        (ids["repair"], "repair-done", t(2026, 12, 3, 9, 50)),
    ):
        add(
            connection,
            "matter_event",
            matter_id=matter_id,
            kind=kind,
            at=when,
            operator_id=ids["receptionist"],
            to_whom="",
            text="",
            call_id=ids["call"],
        )
    ids["follow_up"] = add(
        connection,
        "follow_up",
        matter_id=ids["repair"],
        reason="repair-other",
        phone="13800138000",
        created_at=t(2026, 12, 3, 9, 50),
        due=t(2026, 12, 5, 9, 50),
        rule="other repairs: within 2 days",
        explanation="done 3 Dec 09:50",
        evening_ok=True,
        urgent=False,
        status="owed",
    )
    add(
        connection,
        "follow_up_attempt",
        follow_up_id=ids["follow_up"],
        at=t(2026, 12, 4, 10, 0),
        operator_id=ids["receptionist"],
        outcome="no-answer",
        verdict="none",
        notes="无人接听",
    )
    return ids


def first_release_rows(connection: Connection) -> dict[str, list[tuple]]:
    """Every row of the first release's tables, in the first release's columns, as stored."""
    rows = {}
    for table in FIRST_TABLES:
        columns = [c["name"] for c in inspect(connection).get_columns(table)]
        if table != "resident_unit":
            later = ("version", "failed_pins", "locked_until", "worked_out", "said", "urgent")
            later += ("major_suggested_at", "major_suggested_by")
            columns = [c for c in columns if c not in later]
        listed = ", ".join(f'"{c}"' for c in columns)
        rows[table] = [
            tuple(row)
            for row in connection.execute(text(f'SELECT {listed} FROM "{table}" ORDER BY 1, 2'))
        ]
    return rows


@pytest.fixture
def upgraded(databases, policy):
    """A database filled by the first release, then upgraded; its rows from before."""
    target = databases.new_target()
    engine = make_engine(target)
    migrate.upgrade(engine, "0001")
    with engine.begin() as connection:
        ids = fill_first_release(connection, policy.centre_name)
        before = first_release_rows(connection)
    migrate.upgrade(engine)
    yield engine, ids, before
    engine.dispose()


def test_every_row_and_value_of_the_first_release_is_kept(upgraded):
    engine, _ids, before = upgraded
    assert migrate.is_current(engine)
    with engine.connect() as connection:
        assert first_release_rows(connection) == before
    assert all(before[table] for table in FIRST_TABLES)


def test_new_columns_start_at_their_defaults(upgraded):
    engine, ids, _before = upgraded
    with new_session(engine) as session:
        assert session.get(Resident, ids["resident"]).version == 1
        assert session.get(Matter, ids["complaint"]).version == 1
        assert session.get(FollowUp, ids["follow_up"]).version == 1
        # Rows from before keep their text, not data made up after the fact.
        assert session.get(FollowUp, ids["follow_up"]).worked_out is None
        (attempt,) = session.exec(select(FollowUpAttempt)).all()
        assert attempt.urgent is False  # tries from before were made in the window
        receptionist = session.get(Operator, ids["receptionist"])
        assert (receptionist.failed_pins, receptionist.locked_until) == (0, None)


def test_the_search_index_is_filled_from_the_old_residents(upgraded):
    engine, ids, _before = upgraded
    with engine.connect() as connection:
        assert stale(connection) == []
    with new_session(engine) as session:
        for text in ("张", "zw", "zhangwei", "8000"):
            assert [hit.id for hit in search_residents(session=session, text=text)] == [
                ids["resident"]
            ]


def test_old_moments_read_back_aware_and_equal(upgraded):
    engine, ids, _before = upgraded
    with new_session(engine) as session:
        matter = session.get(Matter, ids["complaint"])
        assert matter.received_at == at(2026, 12, 2, 14, 40)
        assert matter.received_at.tzinfo is not None
        assert matter.next_due == at(2026, 12, 2, 15, 40)
        assert session.get(Resident, ids["resident"]).updated_at == at(2026, 11, 20, 16, 30)


def test_the_counter_works_on_the_old_rows(upgraded, desk, clock):
    engine, ids, _before = upgraded
    clock.moment = at(2026, 12, 4, 15, 0)
    with new_session(engine) as session:
        queue = {row.id: row for row in list_queue(session=session, desk=desk)}
        assert queue[ids["complaint"]].next_milestone == "escalate"
        assert queue[ids["complaint"]].overdue
        # A row from before sentences were data: its stored text, shown as it was.
        assert say(queue[ids["complaint"]].rule) == "important complaint: escalate"
        [owed] = list_callbacks(session=session, desk=desk)
        assert (owed.id, owed.attempts, owed.resident) == (ids["follow_up"], 1, "张伟")
        assert [hit.name for hit in search_residents(session=session, text="8000")] == ["张伟"]

        matter = escalate(
            session=session,
            desk=desk,
            operator_id=ids["supervisor"],
            matter_id=ids["complaint"],
            to_role=Role.SUPERVISOR,
            to_whom="王主管",
        )
        assert matter.next_milestone == "resolve"
        assert matter.version > 1  # counted from the default the upgrade gave it
        record_attempt(
            session=session,
            desk=desk,
            operator_id=ids["receptionist"],
            follow_up_id=ids["follow_up"],
            outcome=AttemptOutcome.REACHED,
            verdict=Verdict.SATISFIED,
            notes="修好了,很满意",
        )
        assert session.get(FollowUp, ids["follow_up"]).version == 2
        logged = session.exec(select(AuditEntry).where(AuditEntry.table_name == "matter")).all()
        assert {entry.action for entry in logged} == {"update"}
        assert json.loads(logged[0].before)["version"] == 1

        filed = file_call(
            session=session,
            desk=desk,
            operator_id=ids["receptionist"],
            draft=call(complaint(unit="3-2-1201"), resident_id=ids["resident"]),
        )
        new = session.get(Matter, filed.matter_ids[0])
        assert new.unit_id == ids["unit"]  # the old unit, not a second one
        assert len(session.exec(select(Unit)).all()) == 1


def test_the_rebuilt_follow_ups_take_a_missed_call_and_references_are_checked_again(upgraded, desk):
    from sqlalchemy.exc import IntegrityError

    from frontdesk.services.followups.missed import record_missed_call

    engine, ids, _before = upgraded
    with new_session(engine) as session:
        owed = record_missed_call(
            session=session, desk=desk, phone="13900001111", rang_at=desk.now()
        )
        assert owed is not None and owed.matter_id is None
    # The rebuild turned the check of references off for itself only.
    with engine.connect() as connection, pytest.raises(IntegrityError), connection.begin():
        connection.execute(
            text("UPDATE follow_up SET matter_id = 999999 WHERE id = :id"),
            {"id": ids["follow_up"]},
        )
