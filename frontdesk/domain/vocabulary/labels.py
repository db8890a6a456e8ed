"""The names of the counter's vocabulary (kinds.py) in the interface language.

The values themselves are data: kept in the database, in JSON and in the policy file as they
are. What the screens and the command line show is their name here; in English the name is
the value, as it always was.
"""

from enum import StrEnum
from functools import cache

from frontdesk import i18n
from frontdesk.domain.vocabulary.kinds import (
    AttemptOutcome,
    Channel,
    ComplaintClass,
    Emotion,
    EventKind,
    FollowUpReason,
    FollowUpStatus,
    MatterKind,
    MatterStatus,
    Milestone,
    Need,
    RepairCategory,
    ResidentRole,
    Role,
    Temperament,
    Verdict,
)
from frontdesk.i18n import _


def named(value: StrEnum | None) -> str:
    """``value``'s name to show; "" for None."""
    if value is None:
        return ""
    return _names(i18n.language()).get((type(value), value.value), value.value)


def chinese_name(value: StrEnum) -> str:
    """``value``'s Chinese name, whatever the interface language: the word a receptionist's
    input method commits for it."""
    # The English name is the value itself, and so the message the catalogs translate.
    return i18n.in_language("zh-Hans", value.value)


def named_of(kind: type[StrEnum], value: str | None) -> str:
    """The name of ``value``, a value of ``kind`` as the database keeps it; unknown ones as
    they are."""
    if not value:
        return ""
    try:
        return named(kind(value))
    except ValueError:
        return value


@cache
def _names(language: str) -> dict[tuple[type[StrEnum], str], str]:
    names = {
        Channel: {
            "phone": _("phone"),
            "walk-in": _("walk-in"),
            "letter": _("letter"),
            "comment-book": _("comment-book"),
        },
        MatterKind: {
            "enquiry": _("enquiry"),
            "repair": _("repair"),
            "complaint": _("complaint"),
            "suggestion": _("suggestion"),
            "praise": _("praise"),
            "other": _("other"),
        },
        ComplaintClass: {
            "major": _("major"),
            "important": _("important"),
            "minor": _("minor"),
            "invalid": _("invalid"),
        },
        Emotion: {
            "angry": _("angry"),
            "anxious": _("anxious"),
            "sad": _("sad"),
            "loud": _("loud"),
            "calm": _("calm"),
        },
        Need: {
            "vent": _("vent"),
            "respect": _("respect"),
            "solution": _("solution"),
            "compensation": _("compensation"),
        },
        RepairCategory: {"safety": _("safety"), "leak": _("leak"), "other": _("other")},
        Role: {
            "receptionist": _("receptionist"),
            "supervisor": _("supervisor"),
            "manager": _("manager"),
        },
        ResidentRole: {"owner": _("owner"), "tenant": _("tenant"), "family": _("family")},
        Temperament: {
            "friendly": _("friendly"),
            "domineering": _("domineering"),
            "analytical": _("analytical"),
            "self-centred": _("self-centred"),
        },
        MatterStatus: {"open": _("open"), "resolved": _("resolved"), "closed": _("closed")},
        Milestone: {
            "escalate": _("escalate"),
            "reply": _("reply"),
            "resolve": _("resolve"),
            "upgrade": _("upgrade"),
            "visit": _("visit"),
            "callback": _("callback"),
        },
        FollowUpReason: {
            "repair-safety": _("repair-safety"),
            "repair-leak": _("repair-leak"),
            "repair-other": _("repair-other"),
            "complaint-result": _("complaint-result"),
            "promised": _("promised"),
            "progress": _("progress"),
            "missed-call": _("missed-call"),
        },
        FollowUpStatus: {"owed": _("owed"), "done": _("done"), "cancelled": _("cancelled")},
        AttemptOutcome: {
            "reached": _("reached"),
            "no-answer": _("no-answer"),
            "busy": _("busy"),
            "wrong-number": _("wrong-number"),
            "called-in": _("called-in"),
        },
        Verdict: {"satisfied": _("satisfied"), "unsatisfied": _("unsatisfied"), "none": _("none")},
        EventKind: {
            "filed": _("filed"),
            "escalated": _("escalated"),
            "replied": _("replied"),
            "note": _("note"),
            "reclassified": _("reclassified"),
            "upgraded": _("upgraded"),
            "major-declined": _("major-declined"),
            "extension-requested": _("extension-requested"),
            "extension-approved": _("extension-approved"),
            "resolved": _("resolved"),
            "repair-done": _("repair-done"),
            "reopened": _("reopened"),
            "raised-again": _("raised-again"),
            "closed": _("closed"),
        },
    }
    return {(kind, value): name for kind, values in names.items() for value, name in values.items()}
