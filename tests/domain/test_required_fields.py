"""DOMAIN.md §2: a matter cannot be filed without the required fields of its kind."""

import pytest

from frontdesk.domain.call.matters import FIELDS, MatterInvalid, validate_matter
from frontdesk.domain.vocabulary.kinds import ComplaintClass, MatterKind, RepairCategory
from tests.conftest import at

NOW = at(2026, 12, 2, 14, 40)


def errors(policy, kind, raw):
    with pytest.raises(MatterInvalid) as error:
        validate_matter(kind, raw, policy=policy, now=NOW)
    return {e.field: e.message for e in error.value.errors}


def test_each_kind_names_the_handbooks_required_fields():
    required = {kind: {f.name for f in specs if f.required} for kind, specs in FIELDS.items()}
    assert required[MatterKind.COMPLAINT] == {
        "contact_name",
        "unit",
        "contact_phone",
        "happened_at",
        "place",
        "complained_party",
        "content",
        "complaint_class",
        "emotion",
        "need",
    }
    assert required[MatterKind.REPAIR] == {
        "contact_name",
        "unit",
        "content",
        "repair_category",
        "visit_at",
        "department",
    }
    assert required[MatterKind.ENQUIRY] == {"content", "answered"}
    for kind in (MatterKind.SUGGESTION, MatterKind.PRAISE, MatterKind.OTHER):
        assert required[kind] == {"content"}


def test_an_empty_complaint_names_every_missing_field(policy):
    missing = errors(policy, MatterKind.COMPLAINT, {})
    assert set(missing) == {f.name for f in FIELDS[MatterKind.COMPLAINT] if f.required}
    assert all("required" in message for message in missing.values())


def test_an_enquiry_not_answered_needs_number_and_promised_time(policy):
    assert set(errors(policy, MatterKind.ENQUIRY, {"content": "?", "answered": "否"})) == {
        "callback_phone",
        "promised_at",
    }
    clean = validate_matter(
        MatterKind.ENQUIRY, {"content": "?", "answered": "y"}, policy=policy, now=NOW
    )
    assert clean.values["answered"] is True


def test_choices_take_a_unique_prefix_and_name_the_options(policy):
    clean = validate_matter(
        MatterKind.REPAIR,
        {
            "contact_name": "李娜",
            "unit": "5-1-302",
            "content": "漏水",
            "repair_category": "le",
            "visit_at": "明天 10:00",
            "department": "维修",
        },
        policy=policy,
        now=NOW,
    )
    assert clean.values["repair_category"] is RepairCategory.LEAK
    assert clean.values["department"] == "维修部"
    bad = errors(policy, MatterKind.COMPLAINT, {"complaint_class": "m"})
    assert "major, important, minor, invalid" in bad["complaint_class"]


def test_bad_input_is_reported_beside_its_field_not_raised(policy):
    bad = errors(
        policy,
        MatterKind.COMPLAINT,
        {
            "contact_name": "张伟1",
            "unit": "somewhere",
            "contact_phone": "12",
            "happened_at": "??",
            "place": "x" * 5000,
            "complained_party": "安护部",
            "content": "噪音",
            "complaint_class": "minor",
            "emotion": "calm",
            "need": "vent",
        },
    )
    assert set(bad) == {"contact_name", "unit", "contact_phone", "happened_at", "place"}


def test_requested_deadline_belongs_to_minor_complaints_only(policy):
    raw = {
        "contact_name": "张伟",
        "unit": "3-2-1201",
        "contact_phone": "13800138000",
        "happened_at": "9:00",
        "place": "大堂",
        "complained_party": "客服中心",
        "content": "等太久",
        "complaint_class": "important",
        "emotion": "calm",
        "need": "respect",
        "requested_deadline": "17:00",
    }
    assert "requested_deadline" in errors(policy, MatterKind.COMPLAINT, raw)
    raw["complaint_class"] = "minor"
    clean = validate_matter(MatterKind.COMPLAINT, raw, policy=policy, now=NOW)
    assert clean.values["complaint_class"] is ComplaintClass.MINOR
    assert clean.values["requested_deadline"] == at(2026, 12, 2, 17, 0)


def test_pasted_control_characters_are_dropped_and_line_breaks_kept(policy):
    clean = validate_matter(
        MatterKind.OTHER, {"content": "捡到\x1b[31m钥匙\x07\n一串\t(门岗)"}, policy=policy, now=NOW
    )
    assert clean.values["content"] == "捡到钥匙\n一串\t(门岗)"


def test_a_field_of_control_characters_only_is_still_missing(policy):
    assert "content" in errors(policy, MatterKind.OTHER, {"content": "\x08\x1b[0m\u200b"})
