"""Editing a resident card: phones replaced in the order given and never shown in full, the
role set on every unit, and a bad field leaving the card as it was."""

import pytest
from sqlmodel import select

from frontdesk.domain.vocabulary.kinds import ResidentRole, Temperament
from frontdesk.services.kernel.errors import FieldsInvalid, NotFound
from frontdesk.services.residents.card import resident_card
from frontdesk.services.residents.edit import edit_resident, editable_card
from frontdesk.services.residents.search import ResidentDraft, create_resident
from frontdesk.store.tables.people import Resident, ResidentPhone, ResidentUnit


@pytest.fixture
def zhang(session, desk):
    return create_resident(
        session=session,
        desk=desk,
        draft=ResidentDraft(
            name="张伟",
            title="先生",
            phones=["13912345678", "021-6212 3456 转 801"],
            units=[("3-2-1202", "tenant"), ("3-2-1203", "owner")],
        ),
    )


def edit(session, desk, resident, **changes):
    fields = {
        "phones": editable_card(session=session, desk=desk, resident_id=resident.id).phones,
        "role": None,
        "temperament": None,
        "notes": "",
        "evening_calls_ok": False,
    } | changes
    return edit_resident(session=session, desk=desk, resident_id=resident.id, **fields)


def stored_phones(session, resident):
    return [
        (p.national, p.extension)
        for p in session.exec(
            select(ResidentPhone)
            .where(ResidentPhone.resident_id == resident.id)
            .order_by(ResidentPhone.id)
        )
    ]


def test_the_edit_form_lists_phones_masked_only(session, desk, zhang):
    card = editable_card(session=session, desk=desk, resident_id=zhang.id)
    assert card.phones == ["139****5678", "021-****3456转801"]
    assert (card.has_units, card.role, card.title) == (True, None, "先生")


def test_masked_numbers_are_kept_and_typed_ones_parsed_in_the_order_given(session, desk, zhang):
    edit(session, desk, zhang, phones=["021-****3456转801", "138 0013 8000", "", "13800138000"])
    assert stored_phones(session, zhang) == [("02162123456", "801"), ("13800138000", "")]


def test_a_number_left_out_is_removed(session, desk, zhang):
    edit(session, desk, zhang, phones=["139****5678"])
    assert stored_phones(session, zhang) == [("13912345678", "")]


def test_the_role_is_set_on_every_unit_and_the_other_fields_are_saved(session, desk, clock, zhang):
    clock.advance(hours=2)
    edit(
        session,
        desk,
        zhang,
        role=ResidentRole.OWNER,
        temperament=Temperament.ANALYTICAL,
        notes="  works nights; call after 10:00 ",
        evening_calls_ok=True,
        title="女士",
    )
    session.expire_all()
    roles = session.exec(select(ResidentUnit.role).where(ResidentUnit.resident_id == zhang.id))
    assert set(roles) == {"owner"}
    stored = session.get(Resident, zhang.id)
    assert (stored.temperament, stored.notes, stored.evening_calls_ok, stored.title) == (
        "analytical",
        "works nights; call after 10:00",
        True,
        "女士",
    )
    assert stored.updated_at == clock()
    card = resident_card(session=session, desk=desk, resident_id=zhang.id)
    assert card.address == "张女士" and card.strategy.startswith("分析型")


def test_no_role_and_no_title_leave_them_as_they_were(session, desk, zhang):
    edit(session, desk, zhang, temperament=Temperament.FRIENDLY)
    roles = session.exec(select(ResidentUnit.role).where(ResidentUnit.resident_id == zhang.id))
    assert set(roles) == {"tenant", "owner"}
    assert session.get(Resident, zhang.id).title == "先生"


def test_a_bad_phone_is_named_and_leaves_the_card_unchanged(session, desk, clock, zhang):
    before = session.get(Resident, zhang.id).updated_at
    clock.advance(hours=1)
    with pytest.raises(FieldsInvalid) as error:
        edit(
            session,
            desk,
            zhang,
            phones=["12345", "138****0000"],
            role=ResidentRole.OWNER,
            notes="changed",
            evening_calls_ok=True,
        )
    assert [e.field for e in error.value.errors] == ["phones", "phones"]
    assert "12345" in error.value.errors[0].message
    session.expire_all()
    assert stored_phones(session, zhang) == [("13912345678", ""), ("02162123456", "801")]
    stored = session.get(Resident, zhang.id)
    assert (stored.notes, stored.evening_calls_ok, stored.updated_at) == ("", False, before)
    roles = session.exec(select(ResidentUnit.role).where(ResidentUnit.resident_id == zhang.id))
    assert set(roles) == {"tenant", "owner"}


def test_a_role_for_a_resident_without_a_unit_is_refused(session, desk):
    visitor = create_resident(session=session, desk=desk, draft=ResidentDraft(name="李娜"))
    with pytest.raises(FieldsInvalid) as error:
        edit(session, desk, visitor, role=ResidentRole.TENANT)
    assert [e.field for e in error.value.errors] == ["role"]


def test_a_title_other_than_xiansheng_or_nushi_is_refused(session, desk, zhang):
    with pytest.raises(FieldsInvalid) as error:
        edit(session, desk, zhang, title="老板")
    assert [e.field for e in error.value.errors] == ["title"]


def test_an_unknown_resident_is_not_found(session, desk):
    with pytest.raises(NotFound):
        edit_resident(
            session=session,
            desk=desk,
            resident_id=999,
            phones=[],
            role=None,
            temperament=None,
            notes="",
            evening_calls_ok=False,
        )
