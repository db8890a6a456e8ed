"""Any text typed while working a matter (a reply, a note, a reason, what a follow-up call
heard): recorded cleaned of what only a terminal reads, or refused with a message and nothing
written (DOMAIN.md §3, §4)."""

from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlmodel import select

from frontdesk.domain.text.free_text import clean_text
from frontdesk.domain.vocabulary.kinds import (
    AttemptOutcome,
    ComplaintClass,
    FollowUpReason,
    Role,
    Verdict,
)
from frontdesk.services.followups import callbacks as followups
from frontdesk.services.intake.filing import file_call
from frontdesk.services.matters import complaints, handling
from frontdesk.store.tables.register import FollowUp, FollowUpAttempt, MatterEvent
from tests.domain.input_text import COUNTER, anything, pasted
from tests.services.consistency import inconsistencies
from tests.services.drafts import call, complaint, enquiry, repair
from tests.services.refusals import ON_ONE_DATABASE, done_or_refused

texts = st.one_of(st.text(max_size=30), pasted, anything, st.sampled_from(COUNTER))


@pytest.fixture
def matters(session, desk, staff) -> list[int]:
    """Complaints of every class, a repair and an unanswered enquiry, to work on."""
    drafts = [complaint(cls.value) for cls in ComplaintClass] + [repair(), enquiry()]
    filed = file_call(
        session=session, desk=desk, operator_id=staff.receptionist.id, draft=call(*drafts)
    )
    return filed.matter_ids


def latest_event(session) -> MatterEvent | None:
    return session.exec(select(MatterEvent).order_by(MatterEvent.id.desc())).first()


WORK = {
    "reply": lambda m, t, **_: dict(use_case=handling.record_reply, matter_id=m, text=t),
    "note": lambda m, t, **_: dict(use_case=handling.add_note, matter_id=m, text=t),
    "resolve": lambda m, t, **_: dict(use_case=handling.resolve, matter_id=m, text=t),
    "reopen": lambda m, t, **_: dict(use_case=handling.reopen, matter_id=m, text=t),
    "escalate": lambda m, t, role, **_: dict(
        use_case=handling.escalate, matter_id=m, to_role=role, to_whom=t, text=t
    ),
    "reclassify": lambda m, t, cls, **_: dict(
        use_case=complaints.reclassify, matter_id=m, new_class=cls, reason=t
    ),
    "extension": lambda m, t, clock, **_: dict(
        use_case=complaints.request_extension,
        matter_id=m,
        until=clock() + timedelta(days=5),
        reason=t,
    ),
}


@ON_ONE_DATABASE
@given(
    st.sampled_from(sorted(WORK)),
    st.integers(0, 7),
    texts,
    st.sampled_from(Role),
    st.sampled_from(ComplaintClass),
    st.sampled_from(["receptionist", "supervisor", "manager"]),
)
def test_any_text_is_recorded_cleaned_or_refused_with_nothing_written(
    session, desk, staff, clock, matters, work, which, text, role, cls, who
):
    kwargs = WORK[work](matters[which % len(matters)], text, role=role, cls=cls, clock=clock)
    use_case = kwargs.pop("use_case")
    operator = getattr(staff, who)
    before = latest_event(session)
    done = done_or_refused(
        session,
        lambda: use_case(session=session, desk=desk, operator_id=operator.id, **kwargs),
    )
    if done is None:
        assert latest_event(session) == before
        return
    recorded = [e for e in session.exec(select(MatterEvent)) if before is None or e.id > before.id]
    assert recorded
    typed = clean_text(text).strip()
    assert any(typed in e.text or typed in e.to_whom for e in recorded)
    for event in recorded:
        assert "\x1b" not in event.text and "\x1b" not in event.to_whom
    assert inconsistencies(session.get_bind()) == []


def owed_call(session, desk, staff, reason: FollowUpReason) -> FollowUp:
    """A call of ``reason`` on the list; made when there is none: an enquiry answered later, a
    complaint resolved, a repair done."""
    owed = session.exec(
        select(FollowUp).where(FollowUp.status == "owed").where(FollowUp.reason == reason.value)
    ).first()
    if owed is not None:
        return owed
    who = {"session": session, "desk": desk, "operator_id": staff.supervisor.id}
    draft = {FollowUpReason.PROMISED: enquiry, FollowUpReason.REPAIR_OTHER: repair}.get(
        reason, complaint
    )()
    (matter_id,) = file_call(**who, draft=call(draft)).matter_ids
    if reason is FollowUpReason.COMPLAINT_RESULT:
        return handling.resolve(**who, matter_id=matter_id, text="已处理")[1]
    if reason is FollowUpReason.REPAIR_OTHER:
        return handling.record_repair_done(**who, matter_id=matter_id, done_at=desk.now())[1]
    return session.exec(select(FollowUp).where(FollowUp.matter_id == matter_id)).one()


@ON_ONE_DATABASE
@given(
    st.sampled_from(
        [FollowUpReason.PROMISED, FollowUpReason.COMPLAINT_RESULT, FollowUpReason.REPAIR_OTHER]
    ),
    texts,
    st.sampled_from(AttemptOutcome),
    st.sampled_from(Verdict),
    st.booleans(),
)
def test_any_follow_up_notes_are_recorded_cleaned_or_refused_with_nothing_written(
    session, desk, staff, clock, reason, notes, outcome, verdict, reopen
):
    owed = owed_call(session, desk, staff, reason)
    attempt = done_or_refused(
        session,
        lambda: followups.record_attempt(
            session=session,
            desk=desk,
            operator_id=staff.receptionist.id,
            follow_up_id=owed.id,
            outcome=outcome,
            verdict=verdict,
            notes=notes,
            reopen_matter=reopen,
            new_visit_at=clock() + timedelta(days=1),
        ),
    )
    if attempt is not None:
        stored = session.get(FollowUpAttempt, attempt.id)
        assert stored.notes == clean_text(notes).strip()
        assert inconsistencies(session.get_bind()) == []
