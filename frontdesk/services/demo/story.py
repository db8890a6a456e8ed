"""What happened at the demo counter: sixty days of ordinary work, then the matters in every
state that the screens must show as they stand now."""

from datetime import datetime, time, timedelta

from sqlmodel import select

from frontdesk.domain.vocabulary.kinds import (
    ComplaintClass,
    MatterKind,
    RepairCategory,
    Role,
    Verdict,
)
from frontdesk.services.demo.builder import Builder
from frontdesk.services.intake.call import MatterDraft
from frontdesk.services.matters import complaints, handling
from frontdesk.store.queries import id_of
from frontdesk.store.tables.register import FollowUp

HISTORY_DAYS = 60
HISTORY_CALLS = 320


def _moment_on(builder: Builder, day: datetime) -> datetime:
    """A moment on ``day``: mostly in working hours, sometimes in the evening."""
    rng = builder.rng
    start = datetime.combine(day.date(), time(8, 30), tzinfo=builder.tz)
    minutes = rng.randint(0, 570) if rng.random() < 0.85 else rng.randint(600, 780)
    return start + timedelta(minutes=minutes)


def history(builder: Builder) -> None:
    """Calls of the last sixty days, worked to the end where there was time to."""
    rng, now = builder.rng, builder.now
    moments = sorted(
        _moment_on(builder, now - timedelta(days=rng.randint(3, HISTORY_DAYS)))
        for _ in range(HISTORY_CALLS)
    )
    for when in moments:
        person = rng.choice(builder.people)
        roll = rng.random()
        if roll < 0.35:
            promise = None if rng.random() < 0.7 else timedelta(hours=3)
            matter = builder.enquiry(person, when, promise)
            if promise is not None:
                _call_back_owed(builder, matter, when + promise, Verdict.SATISFIED)
        elif roll < 0.65:
            category = rng.choice(
                (
                    RepairCategory.OTHER,
                    RepairCategory.OTHER,
                    RepairCategory.LEAK,
                    RepairCategory.SAFETY,
                )
            )
            matter = builder.repair(person, when, category)
            if matter.visit_at is None:
                raise ValueError("the demo's repairs are filed with their visit")
            done = builder.repair_done(matter, matter.visit_at + timedelta(hours=2))
            builder.call_back(done, done.due - timedelta(hours=1), Verdict.SATISFIED)
        elif roll < 0.85:
            cls = rng.choice(
                (
                    ComplaintClass.MINOR,
                    ComplaintClass.MINOR,
                    ComplaintClass.IMPORTANT,
                    ComplaintClass.MAJOR,
                )
            )
            matter = builder.complaint(person, when, cls)
            if cls is not ComplaintClass.MINOR:
                builder.escalate(matter, when + timedelta(minutes=rng.randint(5, 50)))
            resolved = when + timedelta(hours=rng.randint(3, 40))
            result = builder.resolve(matter, resolved)
            assert result is not None
            builder.call_back(
                result, max(result.due - timedelta(minutes=30), resolved), Verdict.SATISFIED
            )
        else:
            kind, text = rng.choice(
                (
                    (MatterKind.SUGGESTION, "建议增加充电桩"),
                    (MatterKind.PRAISE, "感谢维修师傅"),
                    (MatterKind.OTHER, "问失物招领"),
                )
            )
            builder.file(when, person, MatterDraft(kind, {"content": text}, confirmed=True))


def _call_back_owed(builder: Builder, matter, when: datetime, verdict: Verdict) -> None:
    follow_up = builder.session.exec(select(FollowUp).where(FollowUp.matter_id == matter.id)).one()
    builder.call_back(follow_up, when, verdict)


def scenarios(builder: Builder) -> None:
    """Matters near now in every state the queue and the follow-up list must show."""
    _major(builder)
    _important(builder)
    _minor(builder)
    _invalid(builder)
    _repairs_and_promises(builder)


def _ago(builder: Builder, **delta: float) -> datetime:
    return builder.now - timedelta(**delta)


def _pick(builder: Builder):
    return builder.rng.choice(builder.people)


def _resolved_today(builder: Builder, cls: ComplaintClass) -> None:
    """Received yesterday, resolved this morning: the result call is owed today."""
    matter = builder.complaint(_pick(builder), builder.work(1, 90), cls)
    if cls is not ComplaintClass.MINOR:
        builder.escalate(matter, matter.received_at + timedelta(minutes=20))
    builder.resolve(matter, builder.work(0, 60))


def _reopened(builder: Builder, cls: ComplaintClass) -> None:
    """Resolved, and the resident was not satisfied on the result call."""
    matter = builder.complaint(_pick(builder), _ago(builder, days=2), cls)
    if cls is not ComplaintClass.MINOR:
        builder.escalate(matter, matter.received_at + timedelta(minutes=20))
    result = builder.resolve(matter, _ago(builder, days=1, hours=2))
    assert result is not None
    builder.call_back(
        result,
        max(result.due - timedelta(minutes=10), _ago(builder, days=1)),
        Verdict.UNSATISFIED,
        reopen=True,
    )


def _major(builder: Builder) -> None:
    pick, ago = (lambda: _pick(builder)), (lambda **kw: _ago(builder, **kw))
    builder.complaint(pick(), ago(minutes=50), ComplaintClass.MAJOR)  # to the manager today
    unreplied = builder.complaint(pick(), ago(days=2, hours=5), ComplaintClass.MAJOR)
    builder.escalate(unreplied, unreplied.received_at + timedelta(hours=1))  # reply overdue
    replied = builder.complaint(pick(), ago(days=3), ComplaintClass.MAJOR)
    builder.escalate(replied, replied.received_at + timedelta(hours=2))
    handling.record_reply(
        session=builder.session,
        desk=builder.at(replied.received_at + timedelta(days=1)),
        operator_id=builder.operator(Role.MANAGER),
        matter_id=id_of(replied),
        text="已约厂家周五到场检修,周五前给您结果",
    )
    _resolved_today(builder, ComplaintClass.MAJOR)
    _reopened(builder, ComplaintClass.MAJOR)


def _important(builder: Builder) -> None:
    pick, ago = (lambda: _pick(builder)), (lambda **kw: _ago(builder, **kw))
    session = builder.session
    builder.complaint(pick(), ago(minutes=20), ComplaintClass.IMPORTANT)  # escalate within 1 h
    builder.complaint(pick(), ago(hours=3), ComplaintClass.IMPORTANT)  # escalation overdue
    running = builder.complaint(pick(), ago(days=1, hours=2), ComplaintClass.IMPORTANT)
    builder.escalate(running, running.received_at + timedelta(minutes=30))
    late = builder.complaint(pick(), ago(days=4, hours=3), ComplaintClass.IMPORTANT)
    builder.escalate(late, late.received_at + timedelta(minutes=40))  # resolution overdue
    for approve in (False, True):
        matter = builder.complaint(pick(), ago(days=2, hours=6), ComplaintClass.IMPORTANT)
        builder.escalate(matter, matter.received_at + timedelta(minutes=15))
        asked = matter.received_at + timedelta(days=2)
        complaints.request_extension(
            session=session,
            desk=builder.at(asked),
            operator_id=builder.operator(Role.SUPERVISOR),
            matter_id=id_of(matter),
            until=builder.now + timedelta(days=3),
            reason="等厂家配件到货",
        )
        if approve:
            complaints.approve_extension(
                session=session,
                desk=builder.at(asked + timedelta(hours=1)),
                operator_id=builder.operator(Role.MANAGER),
                matter_id=id_of(matter),
            )
    # Open a month: the sweep at the end of the build makes it major.
    old = builder.complaint(pick(), ago(days=33), ComplaintClass.IMPORTANT)
    builder.escalate(old, old.received_at + timedelta(minutes=30))
    _resolved_today(builder, ComplaintClass.IMPORTANT)
    _reopened(builder, ComplaintClass.IMPORTANT)


def _minor(builder: Builder) -> None:
    pick, ago = (lambda: _pick(builder)), (lambda **kw: _ago(builder, **kw))
    builder.complaint(pick(), ago(minutes=5), ComplaintClass.MINOR)
    builder.complaint(
        pick(),
        ago(minutes=40),
        ComplaintClass.MINOR,
        requested_deadline=builder.now + timedelta(minutes=45),
    )
    builder.complaint(pick(), ago(days=3), ComplaintClass.MINOR)  # resolution overdue
    missed = builder.complaint(pick(), ago(days=3), ComplaintClass.MINOR)
    result = builder.resolve(missed, ago(days=2))
    assert result is not None
    builder.no_answer(result, result.due - timedelta(minutes=20))  # result call overdue
    _resolved_today(builder, ComplaintClass.MINOR)
    _reopened(builder, ComplaintClass.MINOR)
    # The same resident calls again about an open complaint: the app suggests major.
    person = pick()
    first = builder.complaint(person, ago(hours=26), ComplaintClass.MINOR)
    builder.file(ago(hours=1), person, MatterDraft(MatterKind.COMPLAINT, same_as=first.id))


def _invalid(builder: Builder) -> None:
    pick, ago = (lambda: _pick(builder)), (lambda **kw: _ago(builder, **kw))
    builder.complaint(pick(), ago(hours=2), ComplaintClass.INVALID)  # explain today
    builder.complaint(pick(), builder.work(1, 120), ComplaintClass.INVALID)  # explanation late
    explained = builder.complaint(pick(), builder.work(1, 30), ComplaintClass.INVALID)
    handling.record_reply(
        session=builder.session,
        desk=builder.at(explained.received_at + timedelta(hours=1)),
        operator_id=builder.operator(),
        matter_id=id_of(explained),
        text="市政停水,非物业责任,已向业主说明原因",
    )


def _repairs_and_promises(builder: Builder) -> None:
    pick, ago = (lambda: _pick(builder)), (lambda **kw: _ago(builder, **kw))
    builder.repair(pick(), ago(hours=2))  # awaiting the visit
    for category in (
        RepairCategory.OTHER,
        RepairCategory.SAFETY,
        RepairCategory.LEAK,
    ):  # awaiting the follow-up
        order = builder.repair(pick(), ago(days=2, hours=1), category)
        builder.repair_done(order, ago(days=1, hours=20))
    # A problem found on the follow-up goes back to maintenance as a new work order.
    leaking = builder.repair(pick(), ago(days=3), RepairCategory.LEAK)
    builder.call_back(
        builder.repair_done(leaking, ago(days=2, hours=22)), ago(hours=5), Verdict.UNSATISFIED
    )
    stale = builder.repair(pick(), ago(days=6))
    follow_up = builder.repair_done(stale, ago(days=5))
    builder.no_answer(follow_up, follow_up.due - timedelta(hours=2))  # follow-up overdue
    builder.enquiry(pick(), ago(minutes=30), timedelta(hours=2, minutes=30))  # due later today
    builder.enquiry(pick(), ago(days=1, hours=3), timedelta(hours=4))  # promise overdue
