"""Any call, any resident card, any search, on a real SQLite file: done and stored as given after
the documented normalisation, or refused with a message and nothing written (DOMAIN.md §2, §5)."""

from datetime import UTC, datetime, timedelta, timezone

from hypothesis import given
from hypothesis import strategies as st
from sqlmodel import select

from frontdesk.domain.people.names import normalize_name
from frontdesk.domain.people.phones import normalize_phone
from frontdesk.domain.people.units import normalize_unit
from frontdesk.domain.text.free_text import clean_text
from frontdesk.domain.vocabulary.kinds import Channel, MatterKind, ResidentRole, Temperament
from frontdesk.services.intake.call import CallDraft, MatterDraft
from frontdesk.services.intake.filing import file_call
from frontdesk.services.residents.edit import edit_resident, editable_card
from frontdesk.services.residents.search import ResidentDraft, create_resident, search_residents
from frontdesk.store.tables.people import Resident, ResidentPhone
from frontdesk.store.tables.register import Call, Matter
from tests.conftest import at
from tests.domain.input_text import COUNTER, anything, number_like, pasted
from tests.domain.test_matter_input_property import ALL_FIELDS, raw_fields, values
from tests.services.drafts import complaint, enquiry, repair
from tests.services.refusals import ON_ONE_DATABASE, done_or_refused

texts = st.one_of(anything, number_like, st.sampled_from(COUNTER))


def mostly(usual: st.SearchStrategy, other: st.SearchStrategy) -> st.SearchStrategy:
    """``usual`` three times in four, ``other`` otherwise."""
    return st.integers(0, 3).flatmap(lambda i: other if i == 0 else usual)


# Mostly what the counter gives, so that many examples get through and are read back; now and
# then anything at all.
short = mostly(st.one_of(st.text(max_size=30), pasted, st.sampled_from(COUNTER)), texts)
phones = mostly(st.sampled_from(["13800138000", "021-6212 3456 转 801", "6212 3456"]), texts)
NOW = at(2026, 12, 2, 14, 40)
FAR_EAST = timezone(timedelta(hours=14))
moments = mostly(
    st.one_of(st.none(), st.integers(0, 600).map(lambda minutes: NOW - timedelta(minutes=minutes))),
    st.one_of(
        st.sampled_from([datetime.min.replace(tzinfo=FAR_EAST), datetime.max.replace(tzinfo=UTC)]),
        st.datetimes(),
        st.datetimes(timezones=st.timezones()),
    ),
)


def typed_well(make, content: str, changes: dict, confirmed: bool) -> MatterDraft:
    draft = make()
    return MatterDraft(draft.kind, {**draft.fields, "content": content, **changes}, confirmed)


matters = mostly(
    # Typed well, with pasted content, and now and then a field typed anyhow.
    st.builds(
        typed_well,
        st.sampled_from([complaint, repair, enquiry]),
        short,
        mostly(st.just({}), st.dictionaries(st.sampled_from(ALL_FIELDS), values, max_size=1)),
        mostly(st.just(True), st.just(False)),
    ),
    st.one_of(
        st.builds(MatterDraft, st.sampled_from(MatterKind), raw_fields, st.booleans()),
        st.builds(
            MatterDraft,
            st.sampled_from(MatterKind),
            st.just({"content": "再次来电"}),
            st.booleans(),
            st.integers(-2, 40),
        ),
    ),
)
calls = st.builds(
    CallDraft,
    channel=st.sampled_from(Channel),
    caller_name=short,
    caller_phone=st.one_of(st.just(""), phones),
    caller_unit=short,
    resident_id=st.one_of(st.none(), st.integers(-5, 30)),
    rings=mostly(st.one_of(st.none(), st.integers(0, 9)), st.one_of(st.integers(), st.booleans())),
    rang_at=moments,
    answered_at=moments,
    notes=short,
    matters=st.lists(matters, max_size=3),
)


@ON_ONE_DATABASE
@given(calls)
def test_any_call_is_filed_as_typed_or_refused_with_nothing_written(session, desk, staff, draft):
    filed = done_or_refused(
        session,
        lambda: file_call(
            session=session, desk=desk, operator_id=staff.receptionist.id, draft=draft
        ),
    )
    if filed is None:
        return
    call = session.get(Call, filed.call_id)
    assert call.caller_name == clean_text(draft.caller_name, multiline=False).strip()
    assert call.caller_unit == clean_text(draft.caller_unit, multiline=False).strip()
    assert call.notes == clean_text(draft.notes).strip()
    if draft.caller_phone.strip():
        assert call.caller_phone == normalize_phone(draft.caller_phone, area_code="021").stored
    assert len(filed.matter_ids) == len(draft.matters)
    for matter_id, typed in zip(filed.matter_ids, draft.matters, strict=True):
        matter = session.get(Matter, matter_id)
        if typed.same_as is None:
            assert matter.kind == typed.kind.value
            assert matter.content == clean_text(str(typed.fields["content"])).strip()


cards = st.builds(
    ResidentDraft,
    name=mostly(st.sampled_from(["张伟", "欧阳娜娜", "John O'Brien", "买买提·艾力"]), texts),
    title=mostly(st.sampled_from(["先生", "女士", "", " 女士 "]), texts),
    phones=st.lists(phones, max_size=3),
    units=st.lists(
        st.tuples(
            mostly(st.sampled_from(["3-2-1201", "3栋2单元1201", "12-301"]), texts),
            mostly(st.sampled_from(ResidentRole), texts),
        ),
        max_size=3,
    ),
    temperament=st.one_of(st.none(), st.sampled_from(Temperament)),
    occupation=short,
    interests=short,
    preferred_call_times=short,
    evening_calls_ok=st.booleans(),
    notes=short,
)


@ON_ONE_DATABASE
@given(cards)
def test_any_card_is_stored_normalised_or_refused_with_nothing_written(session, desk, draft):
    resident = done_or_refused(
        session, lambda: create_resident(session=session, desk=desk, draft=draft)
    )
    if resident is None:
        return
    assert resident.name == normalize_name(draft.name)
    for field in ("occupation", "interests", "preferred_call_times"):
        assert (
            getattr(resident, field) == clean_text(getattr(draft, field), multiline=False).strip()
        )
    assert resident.notes == clean_text(draft.notes).strip()
    stored = session.exec(
        select(ResidentPhone.national, ResidentPhone.extension).where(
            ResidentPhone.resident_id == resident.id
        )
    ).all()
    phones = [normalize_phone(text, area_code="021") for text in draft.phones]
    typed = {(phone.national, phone.extension) for phone in phones}
    assert set(stored) == typed and len(stored) == len(typed)
    labels = {normalize_unit(unit).label for unit, _role in draft.units}
    found = search_residents(session=session, text=resident.name, limit=500)
    assert resident.id in [hit.id for hit in found]
    for hit in found:
        if hit.id == resident.id:
            assert set(filter(None, hit.units.split(", "))) == labels


@ON_ONE_DATABASE
@given(texts)
def test_any_search_lists_residents_and_never_fails(session, desk, text):
    if session.get(Resident, 1) is None:
        zhang = ResidentDraft(name="张伟", phones=["13800138000"], units=[("3-2-1201", "owner")])
        create_resident(session=session, desk=desk, draft=zhang)
    hits = search_residents(session=session, text=text)
    assert len(hits) <= 50
    assert all(session.get(Resident, hit.id) is not None for hit in hits)
    assert all("****" in hit.phone for hit in hits if hit.phone)


@ON_ONE_DATABASE
@given(
    st.lists(st.one_of(phones, st.sampled_from(["138****8000", "021-****3456转801"])), max_size=3),
    st.one_of(st.none(), st.sampled_from(ResidentRole)),
    st.one_of(st.none(), st.sampled_from(Temperament)),
    short,
    st.booleans(),
    st.one_of(st.none(), mostly(st.sampled_from(["先生", "女士", ""]), texts)),
)
def test_any_edit_of_a_card_is_saved_or_refused_with_the_card_as_it_was(
    session, desk, phone_entries, role, temperament, notes, evening, title
):
    if session.get(Resident, 1) is None:
        zhang = ResidentDraft(
            name="张伟",
            phones=["13800138000", "021-6212 3456 转 801"],
            units=[("3-2-1201", "owner")],
        )
        create_resident(session=session, desk=desk, draft=zhang)
    before = editable_card(session=session, desk=desk, resident_id=1)
    edited = done_or_refused(
        session,
        lambda: edit_resident(
            session=session,
            desk=desk,
            resident_id=1,
            phones=phone_entries,
            role=role,
            temperament=temperament,
            notes=notes,
            evening_calls_ok=evening,
            title=title,
        ),
    )
    after = editable_card(session=session, desk=desk, resident_id=1)
    if edited is None:
        assert after == before
        return
    assert after.notes == clean_text(notes).strip()
    assert after.evening_calls_ok is evening and after.temperament == temperament
    assert len(after.phones) <= len(phone_entries)
    assert all("****" in entry for entry in after.phones)
