"""Filing a call (DOMAIN.md §2): every matter with its required fields, atomically."""

import pytest
from sqlmodel import select

from frontdesk.domain.vocabulary.kinds import MatterKind, MatterStatus, Milestone
from frontdesk.services.intake.call import MatterDraft
from frontdesk.services.intake.filing import file_call
from frontdesk.services.kernel.errors import CallInvalid, NotFound
from frontdesk.services.matters.detail import event_text
from frontdesk.services.residents.search import ResidentDraft, create_resident
from frontdesk.store.tables.people import Unit
from frontdesk.store.tables.register import Call, FollowUp, Matter, MatterDeadline, MatterEvent
from frontdesk.wording import say
from tests.conftest import at
from tests.services.drafts import NAIVE, call, complaint, enquiry, repair


def test_a_call_with_several_matters_files_them_all_with_their_deadlines(session, desk, staff):
    filed = file_call(
        session=session,
        desk=desk,
        operator_id=staff.receptionist.id,
        draft=call(complaint(), repair(), enquiry()),
    )
    assert len(filed.matter_ids) == 3
    kinds = {m.kind for m in session.exec(select(Matter))}
    assert kinds == {"complaint", "repair", "enquiry"}
    milestones = {d.milestone for d in session.exec(select(MatterDeadline))}
    assert milestones == {"escalate", "resolve", "upgrade", "visit", "reply"}
    assert session.exec(select(Call)).one().rings == 2


def test_complaint_fields_are_normalised_when_filed(session, desk, staff):
    filed = file_call(
        session=session, desk=desk, operator_id=staff.receptionist.id, draft=call(complaint())
    )
    matter = session.get(Matter, filed.matter_ids[0])
    assert matter.unit_label == "3-2-1201"
    assert matter.contact_phone == "13800138000"
    assert matter.happened_at == at(2026, 12, 2, 8, 0)
    assert session.exec(select(Unit)).one().label == "3-2-1201"


def test_complaint_is_due_by_the_handbook_from_the_moment_of_reception(session, desk, staff):
    filed = file_call(
        session=session,
        desk=desk,
        operator_id=staff.receptionist.id,
        draft=call(complaint("important")),
    )
    matter = session.get(Matter, filed.matter_ids[0])
    assert matter.received_at == at(2026, 12, 2, 14, 40)
    assert matter.next_milestone == Milestone.ESCALATE
    assert matter.next_due == at(2026, 12, 2, 15, 40)


def test_a_complaint_is_never_filed_unconfirmed(session, desk, staff):
    unconfirmed = complaint()
    unconfirmed.confirmed = False
    with pytest.raises(CallInvalid) as error:
        file_call(
            session=session, desk=desk, operator_id=staff.receptionist.id, draft=call(unconfirmed)
        )
    assert error.value.matter_errors[0][0].field == "confirmed"
    assert session.exec(select(Matter)).all() == []


def test_missing_required_fields_are_named_one_by_one(session, desk, staff):
    broken = complaint(place="", contact_phone="12345", complaint_class="huge")
    with pytest.raises(CallInvalid) as error:
        file_call(session=session, desk=desk, operator_id=staff.receptionist.id, draft=call(broken))
    fields = {e.field for e in error.value.matter_errors[0]}
    assert fields == {"place", "contact_phone", "complaint_class"}


def test_one_bad_matter_files_nothing_at_all(session, desk, staff):
    with pytest.raises(CallInvalid) as error:
        file_call(
            session=session,
            desk=desk,
            operator_id=staff.receptionist.id,
            draft=call(complaint(), repair(visit_at="yesterday-ish")),
        )
    assert list(error.value.matter_errors) == [1]
    assert session.exec(select(Call)).all() == []
    assert session.exec(select(Matter)).all() == []


def test_unanswered_enquiry_needs_a_callback_number_and_promised_time(session, desk, staff):
    with pytest.raises(CallInvalid) as error:
        file_call(
            session=session,
            desk=desk,
            operator_id=staff.receptionist.id,
            draft=call(MatterDraft(MatterKind.ENQUIRY, {"content": "?", "answered": "n"})),
        )
    assert {e.field for e in error.value.matter_errors[0]} == {"callback_phone", "promised_at"}


def test_unanswered_enquiry_becomes_a_callback_by_the_promised_time(session, desk, staff):
    filed = file_call(
        session=session, desk=desk, operator_id=staff.receptionist.id, draft=call(enquiry())
    )
    follow_up = session.exec(select(FollowUp)).one()
    assert follow_up.reason == "promised"
    assert follow_up.due == at(2026, 12, 2, 16, 0)
    assert follow_up.phone == "13900001111"
    assert filed.follow_up_ids == [follow_up.id]


def test_answered_enquiry_and_praise_are_closed_once_recorded(session, desk, staff):
    praise = MatterDraft(MatterKind.PRAISE, {"content": "保安小王很负责"})
    file_call(
        session=session,
        desk=desk,
        operator_id=staff.receptionist.id,
        draft=call(enquiry(answered=True), praise),
    )
    assert {m.status for m in session.exec(select(Matter))} == {MatterStatus.CLOSED}
    assert session.exec(select(FollowUp)).all() == []


def test_past_visit_times_and_future_incidents_are_refused(session, desk, staff):
    with pytest.raises(CallInvalid) as error:
        file_call(
            session=session,
            desk=desk,
            operator_id=staff.receptionist.id,
            draft=call(complaint(happened_at="明天 10:00"), repair(visit_at="2026-12-01 10:00")),
        )
    assert error.value.matter_errors[0][0].field == "happened_at"
    assert error.value.matter_errors[1][0].field == "visit_at"


def test_callers_without_a_unit_are_fine(session, desk, staff):
    filed = file_call(
        session=session,
        desk=desk,
        operator_id=staff.receptionist.id,
        draft=call(complaint(unit="公共区域"), caller_unit=""),
    )
    matter = session.get(Matter, filed.matter_ids[0])
    assert matter.unit_id is None and matter.unit_label == ""


def test_unknown_operator_is_refused(session, desk, staff):
    with pytest.raises(NotFound):
        file_call(session=session, desk=desk, operator_id=999, draft=call(complaint()))


def test_every_filed_matter_has_its_filing_in_the_history(session, desk, staff):
    filed = file_call(
        session=session,
        desk=desk,
        operator_id=staff.receptionist.id,
        draft=call(complaint(), repair()),
    )
    events = session.exec(select(MatterEvent)).all()
    assert sorted(e.matter_id for e in events) == sorted(filed.matter_ids)
    assert {e.kind for e in events} == {"filed"}
    assert {e.call_id for e in events} == {filed.call_id}


def _resident(session, desk):
    return create_resident(
        session=session,
        desk=desk,
        draft=ResidentDraft(name="张伟", phones=["13800138000"], units=[("3-2-1201", "owner")]),
    )


def test_same_complaint_again_from_the_same_resident_suggests_major(session, desk, staff, clock):
    resident = _resident(session, desk)
    first = file_call(
        session=session,
        desk=desk,
        operator_id=staff.receptionist.id,
        draft=call(complaint(), resident_id=resident.id),
    )
    clock.advance(hours=3)
    again = file_call(
        session=session,
        desk=desk,
        operator_id=staff.receptionist.id,
        draft=call(complaint(content="电梯又停了,还是没人处理"), resident_id=resident.id),
    )
    assert [(h.matter_id, h.earlier_id) for h in again.repeats] == [
        (again.matter_ids[0], first.matter_ids[0])
    ]
    assert again.suggest_major == [first.matter_ids[0]]


def test_a_different_matter_is_not_taken_for_a_repeat(session, desk, staff, clock):
    resident = _resident(session, desk)
    file_call(
        session=session,
        desk=desk,
        operator_id=staff.receptionist.id,
        draft=call(complaint(), resident_id=resident.id),
    )
    other = file_call(
        session=session,
        desk=desk,
        operator_id=staff.receptionist.id,
        draft=call(
            complaint(place="地下车库", complained_party="环境部", content="车库垃圾堆了一周"),
            resident_id=resident.id,
        ),
    )
    assert other.repeats == [] and other.suggest_major == []


def test_the_call_can_be_added_to_the_open_matter_instead_of_a_duplicate(session, desk, staff):
    first = file_call(
        session=session, desk=desk, operator_id=staff.receptionist.id, draft=call(complaint())
    )
    matter_id = first.matter_ids[0]
    again = file_call(
        session=session,
        desk=desk,
        operator_id=staff.receptionist.id,
        draft=call(MatterDraft(MatterKind.COMPLAINT, same_as=matter_id)),
    )
    assert again.matter_ids == [matter_id]
    assert again.suggest_major == [matter_id]
    assert len(session.exec(select(Matter)).all()) == 1
    kinds = [e.kind for e in session.exec(select(MatterEvent).order_by(MatterEvent.id))]
    assert kinds == ["filed", "raised-again"]


def test_the_register_keeps_when_the_phone_rang_and_was_answered(session, desk, staff):
    file_call(
        session=session,
        desk=desk,
        operator_id=staff.receptionist.id,
        draft=call(
            complaint(),
            rang_at=at(
                2026,
                12,
                2,
                14,
                39,
            ),
            rings=6,
        ),
    )
    row = session.exec(select(Call)).one()
    assert (row.rang_at, row.answered_at, row.rings) == (
        at(2026, 12, 2, 14, 39),
        at(2026, 12, 2, 14, 40),
        6,
    )


def test_ringing_after_the_answer_is_refused(session, desk, staff):
    with pytest.raises(CallInvalid) as error:
        file_call(
            session=session,
            desk=desk,
            operator_id=staff.receptionist.id,
            draft=call(complaint(), rang_at=at(2026, 12, 2, 14, 41)),
        )
    assert [e.field for e in error.value.call_errors] == ["rang_at"]


def test_a_refused_call_leaves_nothing_for_a_later_commit(session, desk, staff):
    from frontdesk.services.kernel.errors import WrongState
    from frontdesk.services.matters.handling import add_note, resolve

    first = file_call(
        session=session,
        desk=desk,
        operator_id=staff.receptionist.id,
        draft=call(enquiry(answered=False)),
    )
    resolve(
        session=session,
        desk=desk,
        operator_id=staff.receptionist.id,
        matter_id=first.matter_ids[0],
        text="已答复",
    )
    add_note(
        session=session,
        desk=desk,
        operator_id=staff.receptionist.id,
        matter_id=first.matter_ids[0],
        text="closed",
    )
    closed = first.matter_ids[0]
    session.get(Matter, closed).status = "closed"
    session.commit()
    with pytest.raises(WrongState):
        file_call(
            session=session,
            desk=desk,
            operator_id=staff.receptionist.id,
            draft=call(complaint(), MatterDraft(MatterKind.ENQUIRY, same_as=closed)),
        )
    add_note(
        session=session,
        desk=desk,
        operator_id=staff.receptionist.id,
        matter_id=closed,
        text="later work commits",
    )
    assert len(session.exec(select(Call)).all()) == 1
    assert len(session.exec(select(Matter)).all()) == 1


@pytest.mark.parametrize(
    "changes",
    [
        {"answered_at": NAIVE},
        {"rang_at": NAIVE},
        {"rings": "5"},
        {"rings": -1},
    ],
)
def test_odd_call_fields_are_refused_with_a_message(session, desk, staff, changes):
    with pytest.raises(CallInvalid) as error:
        file_call(
            session=session,
            desk=desk,
            operator_id=staff.receptionist.id,
            draft=call(complaint(), **changes),
        )
    assert [e.field for e in error.value.call_errors] == list(changes)


def test_landline_extensions_are_kept_and_masked_away(session, desk, staff):
    from frontdesk.domain.people.phones import mask_phone

    filed = file_call(
        session=session,
        desk=desk,
        operator_id=staff.receptionist.id,
        draft=call(
            complaint(contact_phone="021-6212 3456 转 801"), caller_phone="6212 3456 ext 801"
        ),
    )
    matter = session.get(Matter, filed.matter_ids[0])
    assert matter.contact_phone == "02162123456转801"
    assert session.exec(select(Call)).one().caller_phone == "02162123456转801"
    assert mask_phone(matter.contact_phone) == "021-****3456"


def test_the_repeat_is_kept_in_the_earlier_complaints_history(session, desk, staff, clock):
    resident = _resident(session, desk)
    first = file_call(
        session=session,
        desk=desk,
        operator_id=staff.receptionist.id,
        draft=call(complaint(), resident_id=resident.id),
    )
    clock.advance(hours=2)
    again = file_call(
        session=session,
        desk=desk,
        operator_id=staff.receptionist.id,
        draft=call(complaint(content="电梯还是停着"), resident_id=resident.id),
    )
    event = session.exec(select(MatterEvent).where(MatterEvent.kind == "raised-again")).one()
    assert event.matter_id == first.matter_ids[0]
    assert event.call_id == again.call_id
    said = say(event_text(event))
    assert f"#{again.matter_ids[0]}" in said and "major" in said


def test_an_unknown_callers_repeat_is_noticed_by_the_contact_number(session, desk, staff):
    file_call(
        session=session, desk=desk, operator_id=staff.receptionist.id, draft=call(complaint())
    )
    again = file_call(
        session=session,
        desk=desk,
        operator_id=staff.receptionist.id,
        draft=call(complaint(content="电梯还是停运,没人处理")),
    )
    assert len(again.repeats) == 1


def test_a_call_is_only_added_to_the_same_residents_matter_of_the_same_kind(session, desk, staff):
    from frontdesk.services.kernel.errors import WrongState

    resident = _resident(session, desk)
    other = create_resident(session=session, desk=desk, draft=ResidentDraft(name="李娜"))
    first = file_call(
        session=session,
        desk=desk,
        operator_id=staff.receptionist.id,
        draft=call(complaint(), resident_id=resident.id),
    )
    matter_id = first.matter_ids[0]
    with pytest.raises(WrongState, match="another resident"):
        file_call(
            session=session,
            desk=desk,
            operator_id=staff.receptionist.id,
            draft=call(MatterDraft(MatterKind.COMPLAINT, same_as=matter_id), resident_id=other.id),
        )
    with pytest.raises(WrongState, match="not a repair"):
        file_call(
            session=session,
            desk=desk,
            operator_id=staff.receptionist.id,
            draft=call(MatterDraft(MatterKind.REPAIR, same_as=matter_id), resident_id=resident.id),
        )
