"""A call for a resident on file is filed with their full number from the masked one the form
shows, so no one has to see the number to file it."""

import pytest
from sqlmodel import select

from frontdesk.services.intake.filing import check_call, file_call
from frontdesk.services.kernel.errors import CallInvalid
from frontdesk.services.residents.card import resident_card
from frontdesk.services.residents.search import ResidentDraft, create_resident
from frontdesk.store.tables.register import Call, Matter
from tests.services.drafts import call, complaint, enquiry


@pytest.fixture
def zhang(session, desk):
    return create_resident(
        session=session,
        desk=desk,
        draft=ResidentDraft(name="张伟", phones=["13800138000", "021-6212 3456 转 801"]),
    )


def test_the_masked_numbers_of_the_card_are_filed_in_full(session, desk, staff, zhang):
    mobile, landline = resident_card(session=session, desk=desk, resident_id=zhang.id).phones_masked
    assert (mobile, landline) == ("138****8000", "021-****3456转801")
    draft = call(
        complaint(contact_phone=mobile),
        enquiry(callback_phone=landline),
        resident_id=zhang.id,
        caller_phone=mobile,
    )
    check_call(desk, draft)  # the screens check the draft before filing: masked numbers pass
    filed = file_call(session=session, desk=desk, operator_id=staff.receptionist.id, draft=draft)
    complaint_row, enquiry_row = (session.get(Matter, i) for i in filed.matter_ids)
    assert session.exec(select(Call)).one().caller_phone == "13800138000"
    assert complaint_row.contact_phone == "13800138000"
    assert enquiry_row.callback_phone == "02162123456转801"


def test_a_masked_number_on_no_card_of_the_caller_is_refused_beside_its_field(
    session, desk, staff, zhang
):
    draft = call(complaint(contact_phone="139****0000"), resident_id=zhang.id)
    with pytest.raises(CallInvalid) as refused:
        file_call(session=session, desk=desk, operator_id=staff.receptionist.id, draft=draft)
    assert [e.field for e in refused.value.matter_errors[0]] == ["contact_phone"]
    assert "type the number in full" in refused.value.matter_errors[0][0].message
    assert session.exec(select(Matter)).all() == []


def test_a_masked_number_without_a_caller_on_file_is_refused(session, desk, staff):
    draft = call(complaint(), caller_phone="138****8000")
    with pytest.raises(CallInvalid) as refused:
        file_call(session=session, desk=desk, operator_id=staff.receptionist.id, draft=draft)
    assert [e.field for e in refused.value.call_errors] == ["caller_phone"]
