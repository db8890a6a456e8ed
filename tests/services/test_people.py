"""Residents and operators: cards normalised on the way in, found by any term; PINs kept only
as slow hashes."""

import pytest
from sqlmodel import select

from frontdesk.domain.vocabulary.kinds import Role
from frontdesk.services.kernel.errors import FieldsInvalid, ServiceError, SignInRefused
from frontdesk.services.residents.search import ResidentDraft, create_resident, find_residents
from frontdesk.services.staff.operators import create_operator, sign_in
from frontdesk.store.tables.people import Resident, ResidentPhone, Unit
from frontdesk.store.tables.staff import Operator


@pytest.fixture
def residents(session, desk):
    drafts = [
        ResidentDraft(
            name="曾小明", title="先生", phones=["138 0013 8000"], units=[("3栋2单元1201", "owner")]
        ),
        ResidentDraft(
            name="张伟",
            phones=["13912345678", "021-6212 3456 转 801"],
            units=[("3-2-1202", "tenant")],
        ),
        ResidentDraft(name="单田芳", phones=["13700001111"], units=[("12-1-301", "family")]),
    ]
    return [create_resident(session=session, desk=desk, draft=d) for d in drafts]


def test_a_card_is_stored_normalised(session, residents):
    zeng = residents[0]
    assert (zeng.name, zeng.name_pinyin, zeng.name_initials) == ("曾小明", "zengxiaoming", "zxm")
    phones = session.exec(
        select(ResidentPhone).where(ResidentPhone.resident_id == residents[1].id)
    ).all()
    assert {(p.national, p.extension) for p in phones} == {
        ("13912345678", ""),
        ("02162123456", "801"),
    }
    assert {u.label for u in session.exec(select(Unit))} == {"3-2-1201", "3-2-1202", "12-1-301"}


def test_bad_card_fields_are_named_and_nothing_is_written(session, desk):
    with pytest.raises(FieldsInvalid) as error:
        create_resident(
            session=session,
            desk=desk,
            draft=ResidentDraft(name="张伟2", phones=["12345"], units=[("somewhere", "owner")]),
        )
    assert {e.field for e in error.value.errors} == {"name", "phones", "units"}
    assert session.exec(select(Resident)).all() == []


@pytest.mark.parametrize(
    ("term", "expected"),
    [
        ("曾小明", {"曾小明"}),
        ("张", {"张伟"}),
        ("zxm", {"曾小明"}),
        ("zeng", {"曾小明"}),
        ("shan", {"单田芳"}),
        ("0013", {"曾小明"}),
        ("5678", {"张伟"}),
        ("3-2-12", {"曾小明", "张伟"}),
        ("3栋2单元1201", {"曾小明"}),
        ("", set()),
    ],
)
def test_residents_are_found_by_name_pinyin_unit_or_phone_digits(
    session, residents, term, expected
):
    assert {r.name for r in find_residents(session=session, text=term)} == expected


def test_operators_sign_in_with_their_pin(session, desk, staff):
    create_operator(
        session=session,
        desk=desk,
        operator_id=staff.manager.id,
        name="小赵",
        role=Role.RECEPTIONIST,
        pin="2468",
    )
    stored = session.exec(select(Operator).where(Operator.name == "小赵")).one()
    assert stored.pin_hash.startswith("scrypt$") and "2468" not in stored.pin_hash
    assert sign_in(session=session, desk=desk, name="小赵", pin="2468").id == stored.id
    with pytest.raises(SignInRefused):
        sign_in(session=session, desk=desk, name="小赵", pin="2469")
    with pytest.raises(SignInRefused):
        sign_in(session=session, desk=desk, name="nobody", pin="2468")


@pytest.mark.parametrize(("name", "pin"), [("", "1234"), ("小王", "12"), ("小王", "12ab")])
def test_operator_names_and_pins_are_checked(session, desk, staff, name, pin):
    with pytest.raises(ServiceError):
        create_operator(
            session=session,
            desk=desk,
            operator_id=staff.manager.id,
            name=name,
            role=Role.RECEPTIONIST,
            pin=pin,
        )


def test_operator_names_are_unique(session, desk, staff):
    with pytest.raises(ServiceError):
        create_operator(
            session=session,
            desk=desk,
            operator_id=staff.manager.id,
            name="小李",
            role=Role.MANAGER,
            pin="1234",
        )


@pytest.mark.parametrize("term", ["%", "_", "3-2-1%"])
def test_wildcards_typed_in_a_search_are_characters_not_everyone(session, residents, term):
    assert find_residents(session=session, text=term) == []
