"""The call being taken, as a value: what each key may do, and the call it would file."""

from datetime import UTC, datetime

from frontdesk.domain.vocabulary.kinds import Channel, MatterKind
from frontdesk.services.intake.call import MatterDraft
from frontdesk.tui.screens.call.state import CallState

NOW = datetime(2026, 12, 3, 9, 30, tzinfo=UTC)
CALLER = {"name": "张伟", "phone": "13800138000", "unit": "3-2-1201"}


def test_the_call_is_received_at_its_first_key_and_only_then():
    call = CallState()
    call.begin(NOW)
    call.begin(NOW.replace(hour=10))
    assert call.started == NOW


def test_an_edit_undoes_the_read_back_and_the_confirmation_and_disarms_the_discard():
    call = CallState(read_back_ok=True, confirmed=True, discard_armed=True)
    assert call.edited() is True
    assert (call.read_back_ok, call.confirmed, call.discard_armed) == (False, False, False)
    assert call.edited() is False  # nothing left to undo: the footer need not be redrawn


def test_the_channel_goes_round_every_channel_and_back_to_the_phone():
    call = CallState()
    seen = [call.next_channel() for _ in Channel]
    assert seen[:-1] == list(Channel)[1:] and seen[-1] is Channel.PHONE


def test_rings_are_filed_as_counted_else_a_long_ring_marked_is_the_policys_count():
    assert CallState(rings=3).rings_to_file(apologise_from=5) == 3
    assert CallState(apologise=True).rings_to_file(apologise_from=5) == 5
    assert CallState().rings_to_file(apologise_from=5) is None
    walk_in = CallState(channel=Channel.WALK_IN, rings=3, apologise=True)
    assert walk_in.rings_to_file(apologise_from=5) is None


def test_the_draft_holds_every_matter_confirmed_as_the_call_is():
    kept = MatterDraft(MatterKind.SUGGESTION, {"content": "多种树"})
    call = CallState(recorded=[kept], confirmed=True, resident_id=7, started=NOW)
    current = call.in_form(MatterKind.REPAIR, {"problem": "漏水"})
    draft = call.draft(CALLER, current, now=NOW.replace(hour=11), apologise_from=5)
    assert [m.kind for m in draft.matters] == [MatterKind.SUGGESTION, MatterKind.REPAIR]
    assert all(m.confirmed for m in draft.matters)
    assert (draft.caller_name, draft.resident_id, draft.answered_at) == ("张伟", 7, NOW)


def test_a_call_not_yet_begun_is_answered_now_and_a_walk_in_never_rang():
    call = CallState(channel=Channel.WALK_IN, rang_at=NOW)
    draft = call.draft(CALLER, None, now=NOW, apologise_from=5)
    assert draft.answered_at == NOW and draft.rang_at is None and draft.matters == []


def test_added_to_an_open_matter_the_form_keeps_only_what_the_caller_said_this_time():
    call = CallState(same_as=41, same_as_text="还是漏")
    matter = call.in_form(MatterKind.REPAIR, {"problem": "漏水", "unit": "3-2-1201"})
    assert matter is not None
    assert (matter.same_as, matter.fields) == (41, {"content": "还是漏"})
    assert CallState(same_as=41).in_form(MatterKind.REPAIR, {}).fields == {}
    assert CallState().in_form(None, {}) is None


def test_each_key_is_there_only_when_it_can_do_something():
    def keys(call: CallState, *, form_open: bool = True, caller_named: bool = False) -> set[str]:
        actions = ("another", "same_matter", "create_resident", "read_back", "confirm", "file")
        return {
            a for a in actions if call.available(a, form_open=form_open, caller_named=caller_named)
        }

    assert keys(CallState(), form_open=False) == set()
    assert keys(CallState(), form_open=False, caller_named=True) == {"create_resident"}
    assert keys(CallState(resident_id=3), caller_named=True) == {"another", "read_back"}
    assert keys(CallState(offer=9)) == {"another", "same_matter", "read_back"}
    assert keys(CallState(offer=9, same_as=9)) == {"another", "read_back"}
    assert "confirm" in keys(CallState(read_back_ok=True))
    assert "file" in keys(CallState(read_back_ok=True, confirmed=True))
    assert "file" not in keys(CallState(confirmed=True, filing=True))
    recorded = CallState(recorded=[MatterDraft(MatterKind.PRAISE, {})], read_back_ok=True)
    assert keys(recorded, form_open=False) == {"read_back", "confirm"}
    assert CallState().available("apology", form_open=False, caller_named=False)
