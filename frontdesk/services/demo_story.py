"""What happened at the demo counter: sixty days of ordinary work, then the matters in every
state that the screens must show as they stand now."""

from datetime import datetime, time, timedelta
from typing import TYPE_CHECKING

from sqlmodel import select

from frontdesk.domain.kinds import AttemptOutcome, ComplaintClass, MatterKind, Role, Verdict
from frontdesk.services import complaints, followups, handling
from frontdesk.services.intake import MatterDraft
from frontdesk.store.models import FollowUp

if TYPE_CHECKING:
    from frontdesk.services.demo import _Builder

HISTORY_DAYS = 60
HISTORY_CALLS = 320


def _moment_on(builder: "_Builder", day: datetime) -> datetime:
    """A moment on ``day``: mostly in working hours, sometimes in the evening."""
    rng = builder.rng
    start = datetime.combine(day.date(), time(8, 30), tzinfo=builder.tz)
    minutes = rng.randint(0, 570) if rng.random() < 0.85 else rng.randint(600, 780)
    return start + timedelta(minutes=minutes)


def history(builder: "_Builder") -> None:
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
            category = rng.choice(("other", "other", "leak", "safety"))
            matter = builder.repair(person, when, category)
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


def _call_back_owed(builder: "_Builder", matter, when: datetime, verdict: Verdict) -> None:
    follow_up = builder.session.exec(select(FollowUp).where(FollowUp.matter_id == matter.id)).one()
    builder.call_back(follow_up, when, verdict)


def scenarios(builder: "_Builder") -> None:
    """Matters near now in every state the queue and the follow-up list must show."""
    now, rng, session = builder.now, builder.rng, builder.session
    ago = lambda **kw: now - timedelta(**kw)  # noqa: E731
    pick = lambda: rng.choice(builder.people)  # noqa: E731
    # Complaints of every class: fresh, due within the hour, overdue.
    builder.complaint(pick(), ago(minutes=20), ComplaintClass.IMPORTANT)  # escalate < 1 h
    builder.complaint(pick(), ago(hours=3), ComplaintClass.IMPORTANT)  # escalation overdue
    builder.complaint(pick(), ago(minutes=50), ComplaintClass.MAJOR)  # manager today
    builder.complaint(pick(), ago(minutes=5), ComplaintClass.MINOR)
    builder.complaint(
        pick(),
        ago(minutes=40),
        ComplaintClass.MINOR,
        requested_deadline=now + timedelta(minutes=45),
    )  # resident's time
    builder.complaint(pick(), ago(hours=2), ComplaintClass.INVALID)  # explain today
    # Escalated and running; escalated and past the resolution deadline.
    running = builder.complaint(pick(), ago(days=1, hours=2), ComplaintClass.IMPORTANT)
    builder.escalate(running, running.received_at + timedelta(minutes=30))
    late = builder.complaint(pick(), ago(days=4, hours=3), ComplaintClass.IMPORTANT)
    builder.escalate(late, late.received_at + timedelta(minutes=40))
    # Major: escalated, replied, not yet resolved; and one past its reply deadline.
    major = builder.complaint(pick(), ago(days=3), ComplaintClass.MAJOR)
    builder.escalate(major, major.received_at + timedelta(hours=2))
    handling.record_reply(
        session=session,
        desk=builder.at(major.received_at + timedelta(days=1)),
        operator_id=builder.operator(Role.MANAGER),
        matter_id=major.id,  # type: ignore[arg-type]
        text="已约厂家周五到场检修,周五前给您结果",
    )
    unreplied = builder.complaint(pick(), ago(days=2, hours=5), ComplaintClass.MAJOR)
    builder.escalate(unreplied, unreplied.received_at + timedelta(hours=1))
    # Extension requested but not approved; extension approved by the manager.
    for approve in (False, True):
        matter = builder.complaint(pick(), ago(days=2, hours=6), ComplaintClass.IMPORTANT)
        builder.escalate(matter, matter.received_at + timedelta(minutes=15))
        asked = matter.received_at + timedelta(days=2)
        complaints.request_extension(
            session=session,
            desk=builder.at(asked),
            operator_id=builder.operator(Role.SUPERVISOR),
            matter_id=matter.id,
            until=now + timedelta(days=3),
            reason="等厂家配件到货",
        )  # type: ignore[arg-type]
        if approve:
            complaints.approve_extension(
                session=session,
                desk=builder.at(asked + timedelta(hours=1)),
                operator_id=builder.operator(Role.MANAGER),
                matter_id=matter.id,
            )  # type: ignore[arg-type]
    # Open a month: upgraded to major by the sweep at the end of the build.
    old = builder.complaint(pick(), ago(days=33), ComplaintClass.IMPORTANT)
    builder.escalate(old, old.received_at + timedelta(minutes=30))
    # Resolved: result call due today; result call overdue after a missed attempt.
    today = builder.complaint(pick(), ago(hours=4), ComplaintClass.MINOR)
    builder.resolve(today, ago(hours=1))
    missed = builder.complaint(pick(), ago(days=3), ComplaintClass.MINOR)
    result = builder.resolve(missed, ago(days=2))
    assert result is not None
    builder.no_answer(result, result.due - timedelta(minutes=20))
    # Reopened after an unhappy result call.
    unhappy = builder.complaint(pick(), ago(days=2), ComplaintClass.IMPORTANT)
    builder.escalate(unhappy, unhappy.received_at + timedelta(minutes=20))
    result = builder.resolve(unhappy, ago(days=1, hours=2))
    assert result is not None
    handling_at = max(result.due - timedelta(minutes=10), ago(days=1, hours=1))
    followups.record_attempt(
        session=session,
        desk=builder.at(handling_at),
        operator_id=builder.operator(),
        follow_up_id=result.id,  # type: ignore[arg-type]
        outcome=AttemptOutcome.REACHED,
        verdict=Verdict.UNSATISFIED,
        notes="业主说问题没解决",
        reopen_matter=True,
    )
    # The same resident calls again about an open complaint: suggest major.
    repeat_person = pick()
    first = builder.complaint(repeat_person, ago(hours=26), ComplaintClass.MINOR)
    builder.file(ago(hours=1), repeat_person, MatterDraft(MatterKind.COMPLAINT, same_as=first.id))
    # Repairs: awaiting the visit, awaiting the follow-up (due today), follow-up overdue.
    builder.repair(pick(), ago(hours=2))
    for category in ("other", "safety", "leak"):
        order = builder.repair(pick(), ago(days=2, hours=1), category)
        builder.repair_done(order, ago(days=1, hours=20))
    # A problem found on the follow-up: back to maintenance as a new work order.
    leaking = builder.repair(pick(), ago(days=3), "leak")
    builder.call_back(
        builder.repair_done(leaking, ago(days=2, hours=22)), ago(hours=5), Verdict.UNSATISFIED
    )
    stale = builder.repair(pick(), ago(days=6))
    follow_up = builder.repair_done(stale, ago(days=5))
    builder.no_answer(follow_up, follow_up.due - timedelta(hours=2))
    # Promised replies: one due later today, one overdue.
    builder.enquiry(pick(), ago(minutes=30), timedelta(hours=2, minutes=30))
    builder.enquiry(pick(), ago(days=1, hours=3), timedelta(hours=4))
