"""A call kept as a draft: everything typed comes back, nothing is kept for an empty form, the
summary never shows a full phone number, and a draft that cannot be read is kept aside."""

import json

import pytest

from frontdesk.domain.vocabulary.kinds import Channel, MatterKind
from frontdesk.services.intake.call import CallDraft, MatterDraft
from frontdesk.services.intake.drafts import CallDrafts, SavedCall, from_document, to_document
from frontdesk.store.drafts import DraftStore, DraftUnreadable
from tests.conftest import SHANGHAI, at
from tests.services.drafts import call, complaint, repair

SAVED_AT = at(2026, 12, 2, 15, 10)


def half_typed_call() -> SavedCall:
    """A walk-in: a repair recorded with F7, a complaint half typed."""
    typing, recorded = complaint(), repair()
    typing.fields.update(complained_party="安护", complaint_class=None, need=None)
    typing.confirmed = recorded.confirmed = False  # a draft is never a confirmation
    return SavedCall(
        call=call(recorded, channel=Channel.WALK_IN, resident_id=12, answered_at=SAVED_AT),
        current=typing,
        search="8000",
        long_ring=True,
        masked=["caller_phone", "contact_phone"],
        focus="field-complained_party",
        step="record",
        saved_at=SAVED_AT,
    )


def test_everything_typed_comes_back_from_the_document():
    saved = half_typed_call()
    document = json.loads(json.dumps(to_document(saved)))  # as written to and read from disk
    back = from_document(document)
    assert back == saved
    assert back.call.matters[0].fields["visit_at"] == "明天 10:00"


def test_a_draft_is_never_a_confirmation():
    saved = half_typed_call()
    saved.call.matters[0].confirmed = True
    assert from_document(to_document(saved)).call.matters[0].confirmed is False


@pytest.mark.parametrize(
    "change",
    [
        {"version": 99},
        {"channel": "carrier-pigeon"},
        {"answered_at": "2026-12-02T15:10:00"},
        {"recorded": [{"kind": "repair"}]},
        {"resident_id": "12"},
    ],
    ids=["newer-program", "unknown-channel", "naive-moment", "matter-without-fields", "id-text"],
)
def test_a_document_not_written_by_this_program_is_refused(change):
    document = to_document(half_typed_call()) | change
    with pytest.raises(ValueError):
        from_document(document)


def test_an_empty_form_keeps_no_draft(tmp_path):
    drafts = CallDrafts(DraftStore(tmp_path))
    drafts.keep(3, half_typed_call())
    drafts.keep(3, SavedCall(call=CallDraft(), saved_at=SAVED_AT))
    assert drafts.find(3) is None
    assert SavedCall().is_empty()
    assert not SavedCall(search="56").is_empty()
    assert not SavedCall(long_ring=True).is_empty()


def test_each_operator_has_a_draft_of_their_own(tmp_path):
    drafts = CallDrafts(DraftStore(tmp_path))
    drafts.keep(3, half_typed_call())
    assert drafts.find(4) is None
    drafts.drop(3)
    assert drafts.find(3) is None


def test_the_summary_says_who_what_how_much_and_when_without_the_full_number():
    line = half_typed_call().summary(SHANGHAI)
    assert line == (
        "张伟 3-2-1201 138****8000 · repair, complaint · 14 fields filled"
        " · saved Wed 12-02 15:10:00"
    )
    on_file = SavedCall(call=CallDraft(caller_name="张伟", caller_phone="138****8000"))
    assert on_file.summary(SHANGHAI).startswith("张伟 138****8000 ·")
    nobody = SavedCall(current=MatterDraft(MatterKind.PRAISE, {"content": ""}))
    assert nobody.summary(SHANGHAI) == "caller not given · praise · 0 fields filled"


def test_a_declined_draft_is_kept_aside(tmp_path):
    drafts = CallDrafts(DraftStore(tmp_path))
    assert drafts.set_aside(3) is None
    drafts.keep(3, half_typed_call())
    kept = drafts.set_aside(3)
    assert drafts.find(3) is None
    assert from_document(json.loads(kept.read_text())) == half_typed_call()


def test_a_draft_of_another_shape_is_kept_aside_and_reported(tmp_path):
    store = DraftStore(tmp_path)
    store.save(CallDrafts.key(3), {"version": 99})
    with pytest.raises(DraftUnreadable) as raised:
        CallDrafts(store).find(3)
    assert json.loads(raised.value.kept_at.read_text()) == {"version": 99}
    assert CallDrafts(store).find(3) is None


def test_no_drafts_are_kept_for_an_in_memory_database():
    drafts = CallDrafts(None)
    drafts.keep(3, half_typed_call())
    assert drafts.find(3) is None and drafts.set_aside(3) is None
