"""The register's own names in words, for the audit log: each table and column the log quotes,
the kind of entry, and the stored values that are a vocabulary's (``complaint``, ``no-answer``).
The log keeps the names as stored; these are how the office manager reads them, in the
interface language. A name with no word here is shown as stored."""

from enum import StrEnum

from frontdesk.domain.vocabulary import kinds
from frontdesk.domain.vocabulary.labels import named
from frontdesk.i18n import _


def action_word(action: str) -> str:
    """``insert``, ``update``, ``delete``, ``reveal`` as read."""
    words = {
        "insert": _("added"),
        "update": _("changed"),
        "delete": _("removed"),
        "reveal": _("number shown"),
    }
    return words.get(action, action)


def table_words() -> dict[str, str]:
    """Every table's word, in the interface language."""
    return {
        "estate": _("estate"),
        "unit": _("unit"),
        "resident": _("resident"),
        "resident_unit": _("resident's unit"),
        "resident_phone": _("resident's phone"),
        "call": _("call"),
        "matter": _("matter"),
        "matter_deadline": _("deadline"),
        "matter_event": _("matter history"),
        "follow_up": _("follow-up"),
        "follow_up_attempt": _("follow-up try"),
        "operator": _("operator"),
        "handling_mark": _("in-hand mark"),
        "audit_entry": _("audit entry"),
    }


def table_word(table: str) -> str:
    return table_words().get(table, table)


def table_named(word: str) -> str:
    """The table a word names, as stored or as read (事项 is ``matter``); as given otherwise."""
    for table, said in table_words().items():
        if word in (table, said):
            return table
    return word


def column_words() -> dict[str, str]:
    """Every column's word, looked up once for a page of the log."""
    return {
        "id": _("serial number"),
        "name": _("name"),
        "estate_id": _("estate"),
        "label": _("label"),
        "building": _("building"),
        "entrance": _("entrance"),
        "room": _("room"),
        "name_pinyin": _("pinyin"),
        "name_initials": _("initials"),
        "title": _("form of address"),
        "temperament": _("temperament"),
        "occupation": _("occupation"),
        "interests": _("interests"),
        "preferred_call_times": _("preferred call times"),
        "evening_calls_ok": _("evening calls agreed"),
        "notes": _("notes"),
        "created_at": _("created"),
        "updated_at": _("last changed"),
        "version": _("version"),
        "resident_id": _("resident"),
        "unit_id": _("unit"),
        "role": _("role"),
        "national": _("number"),
        "extension": _("extension"),
        "kind": _("kind"),
        "channel": _("channel"),
        "rang_at": _("rang at"),
        "answered_at": _("answered at"),
        "rings": _("rings"),
        "operator_id": _("operator"),
        "caller_name": _("caller"),
        "caller_phone": _("caller's number"),
        "caller_unit": _("caller's unit"),
        "call_id": _("call"),
        "parent_id": _("raised again from"),
        "status": _("status"),
        "unit_label": _("unit"),
        "summary": _("summary"),
        "content": _("what was said"),
        "department": _("department"),
        "received_at": _("received"),
        "contact_name": _("contact"),
        "contact_phone": _("contact number"),
        "happened_at": _("when it happened"),
        "place": _("where"),
        "complained_party": _("complained about"),
        "complaint_class": _("class"),
        "emotion": _("emotion"),
        "need": _("need"),
        "requested_deadline": _("deadline asked for"),
        "repair_category": _("repair category"),
        "visit_at": _("visit"),
        "answered": _("answered"),
        "callback_phone": _("call-back number"),
        "promised_at": _("promised by"),
        "next_milestone": _("next step"),
        "next_due": _("next due"),
        "major_suggested_at": _("major suggested"),
        "major_suggested_by": _("major suggested by"),
        "matter_id": _("matter"),
        "milestone": _("step"),
        "due": _("due"),
        "worked_out": _("worked out"),
        "rule": _("rule"),
        "explanation": _("explanation"),
        "met_at": _("met"),
        "superseded_at": _("superseded"),
        "at": _("at"),
        "to_whom": _("to whom"),
        "text": _("text"),
        "said": _("said"),
        "until": _("until"),
        "reason": _("reason"),
        "phone": _("number"),
        "evening_ok": _("evening calls agreed"),
        "urgent": _("urgent"),
        "done_at": _("done"),
        "follow_up_id": _("follow-up"),
        "outcome": _("outcome"),
        "verdict": _("verdict"),
        "pin_hash": _("PIN"),
        "active": _("active"),
        "failed_pins": _("wrong PINs"),
        "locked_until": _("locked until"),
        "subject": _("subject"),
        "subject_id": _("subject number"),
        "counter": _("counter"),
        "since": _("since"),
        "whose": _("whose"),
        "why": _("why"),
    }


#: Which vocabulary a column's values come from; by table where one name means two things.
_VALUES: dict[tuple[str, str] | str, type[StrEnum]] = {
    ("matter", "kind"): kinds.MatterKind,
    ("matter_event", "kind"): kinds.EventKind,
    ("matter", "status"): kinds.MatterStatus,
    ("follow_up", "status"): kinds.FollowUpStatus,
    ("operator", "role"): kinds.Role,
    ("resident_unit", "role"): kinds.ResidentRole,
    "channel": kinds.Channel,
    "complaint_class": kinds.ComplaintClass,
    "emotion": kinds.Emotion,
    "need": kinds.Need,
    "repair_category": kinds.RepairCategory,
    "temperament": kinds.Temperament,
    "next_milestone": kinds.Milestone,
    "milestone": kinds.Milestone,
    "reason": kinds.FollowUpReason,
    "outcome": kinds.AttemptOutcome,
    "verdict": kinds.Verdict,
}


def value_word(table: str, column: str, value: str) -> str:
    """A stored value as read: a vocabulary's in its name (``no-answer`` → 无人接听), any
    other as stored."""
    vocabulary = _VALUES.get((table, column)) or _VALUES.get(column)
    if vocabulary is None:
        return value
    try:
        return named(vocabulary(value))
    except ValueError:
        return value
