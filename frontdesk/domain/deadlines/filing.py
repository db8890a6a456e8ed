"""The deadlines a matter gets when it is filed (DOMAIN.md §2–§4): what the counter promises,
the same whether it is shown to the receptionist before filing or stored when filed."""

from datetime import datetime

from frontdesk.domain.call.matters import CleanMatter
from frontdesk.domain.deadlines.rules import Deadline, callback_deadline, complaint_deadlines
from frontdesk.domain.vocabulary.kinds import FollowUpReason, MatterKind, Milestone
from frontdesk.domain.vocabulary.policy import Policy
from frontdesk.domain.vocabulary.sentences import Moment, sentence


def filing_deadlines(
    policy: Policy, clean: CleanMatter, received: datetime, *, evening_ok: bool = False
) -> list[Deadline]:
    """A complaint's milestones by its class; a repair's visit at the time the resident chose;
    an unanswered enquiry's reply by the promised call-back (kept inside the callable window,
    the evening one if the resident agreed to evening calls). Other kinds have none."""
    values = clean.values
    if clean.kind is MatterKind.COMPLAINT:
        return complaint_deadlines(
            policy, values["complaint_class"], received, requested=values.get("requested_deadline")
        )
    if clean.kind is MatterKind.REPAIR:
        visit = values["visit_at"].astimezone(policy.timezone)
        return [
            Deadline(
                Milestone.VISIT,
                visit,
                sentence("repair: visit at the time the resident chose"),
                (sentence("the resident chose {at}", at=Moment(visit)),),
            )
        ]
    if values.get("promised_at") is not None:
        call = callback_deadline(
            policy,
            FollowUpReason.PROMISED,
            received,
            promised=values["promised_at"],
            evening_ok=evening_ok,
        )
        return [Deadline(Milestone.REPLY, call.due, call.rule, call.steps)]
    return []
