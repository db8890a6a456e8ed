"""The counter's vocabulary: every closed list of values the handbook names (DOMAIN.md)."""

from enum import StrEnum


class Channel(StrEnum):
    """How a matter reached the counter; all are recorded the same way."""

    PHONE = "phone"
    WALK_IN = "walk-in"
    LETTER = "letter"
    COMMENT_BOOK = "comment-book"


class MatterKind(StrEnum):
    ENQUIRY = "enquiry"
    REPAIR = "repair"
    COMPLAINT = "complaint"
    SUGGESTION = "suggestion"
    PRAISE = "praise"
    OTHER = "other"


class ComplaintClass(StrEnum):
    MAJOR = "major"
    IMPORTANT = "important"
    MINOR = "minor"
    INVALID = "invalid"


class Emotion(StrEnum):
    ANGRY = "angry"
    ANXIOUS = "anxious"
    SAD = "sad"
    LOUD = "loud"
    CALM = "calm"


class Need(StrEnum):
    VENT = "vent"
    RESPECT = "respect"
    SOLUTION = "solution"
    COMPENSATION = "compensation"


class RepairCategory(StrEnum):
    SAFETY = "safety"
    LEAK = "leak"
    OTHER = "other"


class Role(StrEnum):
    """Operators' roles, lowest first."""

    RECEPTIONIST = "receptionist"
    SUPERVISOR = "supervisor"
    MANAGER = "manager"


class ResidentRole(StrEnum):
    OWNER = "owner"
    TENANT = "tenant"
    FAMILY = "family"


class Temperament(StrEnum):
    FRIENDLY = "friendly"
    DOMINEERING = "domineering"
    ANALYTICAL = "analytical"
    SELF_CENTRED = "self-centred"


class MatterStatus(StrEnum):
    """open: being handled; resolved: work done, a follow-up may be owed; closed: nothing owed."""

    OPEN = "open"
    RESOLVED = "resolved"
    CLOSED = "closed"


class Milestone(StrEnum):
    ESCALATE = "escalate"
    REPLY = "reply"
    RESOLVE = "resolve"
    UPGRADE = "upgrade"
    VISIT = "visit"
    CALLBACK = "callback"


class DeadlineState(StrEnum):
    """Where a deadline stands: still running, met, or replaced by another."""

    RUNNING = "running"
    MET = "met"
    SUPERSEDED = "superseded"


class FollowUpReason(StrEnum):
    REPAIR_SAFETY = "repair-safety"
    REPAIR_LEAK = "repair-leak"
    REPAIR_OTHER = "repair-other"
    COMPLAINT_RESULT = "complaint-result"
    PROMISED = "promised"
    PROGRESS = "progress"
    #: A call that rang out or was hung up before pickup: returned, as every call is.
    MISSED_CALL = "missed-call"


class FollowUpStatus(StrEnum):
    OWED = "owed"
    DONE = "done"
    CANCELLED = "cancelled"


class AttemptOutcome(StrEnum):
    REACHED = "reached"
    NO_ANSWER = "no-answer"
    BUSY = "busy"
    WRONG_NUMBER = "wrong-number"
    #: The caller rang again and was picked up: the missed call is returned by that call.
    CALLED_IN = "called-in"


class Verdict(StrEnum):
    SATISFIED = "satisfied"
    UNSATISFIED = "unsatisfied"
    NONE = "none"


class EventKind(StrEnum):
    FILED = "filed"
    ESCALATED = "escalated"
    REPLIED = "replied"
    NOTE = "note"
    RECLASSIFIED = "reclassified"
    UPGRADED = "upgraded"
    EXTENSION_REQUESTED = "extension-requested"
    EXTENSION_APPROVED = "extension-approved"
    RESOLVED = "resolved"
    REPAIR_DONE = "repair-done"
    REOPENED = "reopened"
    RAISED_AGAIN = "raised-again"
    #: A supervisor kept the class a repeat of the complaint suggested raising to major.
    MAJOR_DECLINED = "major-declined"
    CLOSED = "closed"


REPAIR_FOLLOWUP = {
    RepairCategory.SAFETY: FollowUpReason.REPAIR_SAFETY,
    RepairCategory.LEAK: FollowUpReason.REPAIR_LEAK,
    RepairCategory.OTHER: FollowUpReason.REPAIR_OTHER,
}


class NoticeEvent(StrEnum):
    """What is told beyond the counter (DOMAIN.md §8), to the routes that take it."""

    #: A milestone fell due unmet: told once per deadline, to its department's route.
    OVERDUE = "overdue"
    #: A milestone falls due within the hour: told once per deadline, before it is late.
    DUE_SOON = "due-soon"


class DeliveryStatus(StrEnum):
    PENDING = "pending"
    SENT = "sent"
