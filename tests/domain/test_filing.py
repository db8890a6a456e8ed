"""The deadlines a matter gets when it is filed: one rule for the promise shown before filing
and the deadlines stored when filed."""

from frontdesk.domain.call.matters import validate_matter
from frontdesk.domain.deadlines.filing import filing_deadlines
from frontdesk.domain.vocabulary.kinds import MatterKind, Milestone
from tests.conftest import at

NOW = at(2026, 12, 2, 14, 40)


def clean(policy, kind, **values):
    return validate_matter(kind, values, policy=policy, now=NOW)


def test_a_complaint_gets_its_class_milestones(policy):
    complaint = clean(
        policy,
        MatterKind.COMPLAINT,
        contact_name="张伟",
        unit="3-2-1201",
        contact_phone="13800138000",
        happened_at="9:00",
        place="大堂",
        complained_party="客服中心",
        content="等太久",
        complaint_class="important",
        emotion="calm",
        need="respect",
    )
    milestones = {d.milestone: d.due for d in filing_deadlines(policy, complaint, NOW)}
    assert milestones[Milestone.ESCALATE] == at(2026, 12, 2, 15, 40)


def test_a_repair_is_due_for_its_visit(policy):
    repair = clean(
        policy,
        MatterKind.REPAIR,
        contact_name="李娜",
        unit="5-1-302",
        content="漏水",
        repair_category="leak",
        visit_at="明天 9:30",
        department="维修部",
    )
    (visit,) = filing_deadlines(policy, repair, NOW)
    assert (visit.milestone, visit.due) == (Milestone.VISIT, at(2026, 12, 3, 9, 30))


def test_an_evening_promise_stands_only_with_the_residents_consent(policy):
    enquiry = clean(
        policy,
        MatterKind.ENQUIRY,
        content="?",
        answered="n",
        callback_phone="13900001111",
        promised_at="20:00",
    )
    (without,) = filing_deadlines(policy, enquiry, NOW)
    (with_consent,) = filing_deadlines(policy, enquiry, NOW, evening_ok=True)
    assert without.milestone is Milestone.REPLY
    assert (without.due, with_consent.due) == (at(2026, 12, 2, 18), at(2026, 12, 2, 20))


def test_praise_promises_nothing(policy):
    assert filing_deadlines(policy, clean(policy, MatterKind.PRAISE, content="好"), NOW) == []
