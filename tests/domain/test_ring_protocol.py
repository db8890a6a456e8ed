"""The ring protocol a phone system speaks to the counter app, and how a ring's length becomes
a count of rings (DOMAIN.md §2: from five rings on, the greeting starts with an apology)."""

from datetime import timedelta

import pytest

from frontdesk.domain.call.ring import (
    Event,
    ProtocolError,
    Reply,
    RingEvent,
    decode,
    decode_reply,
    encode,
    encode_reply,
    ringing_phone,
    rings_after,
    rung_for,
)
from frontdesk.domain.call.script import needs_apology
from frontdesk.domain.people.phones import PhoneError, mask_stored
from frontdesk.domain.vocabulary.policy import parse_policy
from tests.conftest import ROOT, at

SHIPPED = (ROOT / "data" / "policy.toml").read_text(encoding="utf-8")

CADENCE = 5.0  # China: 1 s on, 4 s off


def test_an_event_reads_back_as_it_was_written():
    event = RingEvent(Event.RING, "13812345678", at(2026, 12, 2, 15, 10), 3)
    assert decode(encode(event)) == event
    assert encode(event).endswith(b"\n") and encode(event).count(b"\n") == 1


def test_the_line_a_phone_system_posts_by_hand_is_read():
    event = decode('{"event": "ring", "phone": "13812345678"}\n')
    assert event == RingEvent(Event.RING, "13812345678")


@pytest.mark.parametrize("withheld", [None, "", "anonymous", "Unknown", " private "])
def test_a_withheld_number_rings_without_a_number(withheld):
    phone = "null" if withheld is None else f'"{withheld}"'
    assert decode(f'{{"event": "ring", "phone": {phone}}}').phone is None


def test_keys_the_app_does_not_know_are_left_alone():
    event = decode('{"event": "hangup", "phone": "13812345678", "channel": "SIP/100-0001"}')
    assert event.event is Event.HANGUP


@pytest.mark.parametrize(
    ("line", "says"),
    [
        ("ring 13812345678", "JSON"),
        ('["ring"]', "object"),
        ('{"event": "answer", "phone": "1"}', "event"),
        ('{"event": "ring", "phone": 13812345678}', "phone"),
        ('{"event": "ring", "phone": "1", "rings": 0}', "rings"),
        ('{"event": "ring", "phone": "1", "rings": true}', "rings"),
        ('{"event": "ring", "phone": "1", "rings": 100}', "rings"),
        ('{"event": "ring", "phone": "1", "at": "2026-12-02T15:10"}', "offset"),
        ('{"event": "ring", "phone": "1", "at": "yesterday"}', "offset"),
    ],
)
def test_a_line_that_is_not_an_event_is_refused_saying_why(line, says):
    with pytest.raises(ProtocolError, match=says):
        decode(line)


def test_replies_say_yes_or_why_not():
    assert decode_reply(encode_reply(Reply(True, counter="lobby"))) == Reply(True, "", "lobby")
    refused = decode_reply(encode_reply(Reply(False, "nobody is signed in")))
    assert (refused.ok, refused.message) == (False, "nobody is signed in")
    with pytest.raises(ProtocolError):
        decode_reply(b"hello\n")


def test_the_phone_rings_once_at_once_then_once_every_cadence():
    assert rings_after(timedelta(0), CADENCE) == 1
    assert rings_after(timedelta(seconds=4.9), CADENCE) == 1
    assert rings_after(timedelta(seconds=5), CADENCE) == 2
    assert rings_after(timedelta(seconds=-3), CADENCE) == 1


def test_picked_up_twenty_seconds_in_it_rang_five_times_and_the_greeting_apologises(policy):
    assert policy.ring_seconds == CADENCE
    assert not needs_apology(policy, rings_after(timedelta(seconds=19), policy.ring_seconds))
    assert needs_apology(policy, rings_after(timedelta(seconds=20), policy.ring_seconds))


def test_a_count_from_the_phone_system_is_where_the_app_counts_on_from():
    assert rings_after(rung_for(6, CADENCE), CADENCE) == 6
    assert rings_after(rung_for(6, CADENCE) + timedelta(seconds=5), CADENCE) == 7


def test_an_estate_may_set_another_cadence_and_older_policies_keep_china_s():
    assert parse_policy(SHIPPED.replace("seconds_each = 5", "seconds_each = 6")).ring_seconds == 6
    assert parse_policy(SHIPPED.replace("seconds_each = 5", "")).ring_seconds == 5.0


@pytest.mark.parametrize(
    ("sent", "looked_up"),
    [
        ("+86 138-1234-5678", "13812345678"),
        ("62345678", "02162345678"),  # a local landline takes the estate's area code
        ("+85291234567", "+85291234567"),  # Hong Kong: not a mainland number, still a phone
        ("00852 9123 4567", "+85291234567"),
        ("+1 (650) 253-0000", "+16502530000"),
        ("12345", "12345"),  # too short for the mainland: a short service line still rings
    ],
)
def test_a_ringing_number_is_looked_up_stored_or_as_dialled(sent, looked_up):
    assert ringing_phone(sent, area_code="021") == looked_up


def test_a_number_from_abroad_is_shown_with_its_last_four_only():
    assert mask_stored(ringing_phone("+85291234567")) == "****4567"
    assert mask_stored(ringing_phone("+1 650 253 0000")) == "****0000"


@pytest.mark.parametrize("sent", ["12ab", "call me", "+", "12", "13812345678 ext. nine"])
def test_text_that_is_no_number_at_all_is_refused(sent):
    with pytest.raises(PhoneError, match="not a phone number"):
        ringing_phone(sent, area_code="021")
