"""How each matter of the large estate came about and was worked, step by step, as the use cases
would have done it: filed (fields checked by ``validate_matter``, deadlines from
``filing_deadlines``), escalated, replied, given more time (``extended_resolution``), resolved
or done, called back. Every deadline and follow-up is worked out by the domain's own functions
for that matter's moments, so rules and explanations are the real ones."""

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from frontdesk.domain.call.matters import CleanMatter, summary_of, validate_matter
from frontdesk.domain.deadlines.filing import filing_deadlines
from frontdesk.domain.deadlines.rules import Deadline, extended_resolution
from frontdesk.domain.vocabulary.kinds import (
    REPAIR_FOLLOWUP,
    AttemptOutcome,
    ComplaintClass,
    EventKind,
    FollowUpReason,
    MatterKind,
    MatterStatus,
    Milestone,
    RepairCategory,
    Role,
    Verdict,
)
from frontdesk.domain.vocabulary.policy import Policy
from frontdesk.domain.vocabulary.sentences import stored_steps
from frontdesk.services.demo import builder as demo
from tests.benchmarks.estate_stories import Story

SUGGESTIONS = ("建议小区增加电动车充电桩", "建议会所周末延长开放时间", "建议垃圾房加装纱门")
PRAISES = ("感谢维修师傅及时上门", "保安小王帮忙搬东西,表扬", "保洁阿姨很负责")
OTHERS = ("在大堂捡到一串钥匙", "询问失物招领", "代收快递放在前台")
DONE_ON_FILING = {MatterKind.SUGGESTION, MatterKind.PRAISE, MatterKind.OTHER}
SATISFIED = "业主表示满意"


@dataclass(frozen=True)
class Caller:
    resident_id: int | None
    name: str
    phone: str
    unit: str
    evening_ok: bool = False


@dataclass(slots=True)
class Plan:
    """A matter to make: when it was received and how far it got (open, resolved or closed).
    ``target`` is the visit (open repairs), the promised reply (open enquiries) or the moment
    the work was done (resolved matters)."""

    received: datetime
    kind: MatterKind
    fate: MatterStatus
    person: int | None
    complaint_class: ComplaintClass | None = None
    category: RepairCategory | None = None
    target: datetime | None = None
    requested: datetime | None = None


@dataclass
class Staff:
    manager: int
    supervisor: int
    receptionists: list[int]
    names: dict[Role, str]


class MatterMaker:
    """Makes the story of each planned matter, up to the estate's ``now``."""

    def __init__(
        self,
        policy: Policy,
        rng: random.Random,
        staff: Staff,
        now: datetime,
        unit_ids: dict[str, int],
    ):
        self.policy, self.rng, self.staff, self.now = policy, rng, staff, now
        self.unit_ids = unit_ids

    def between(self, start: datetime, end: datetime) -> datetime:
        return start + (end - start) * self.rng.uniform(0.05, 0.95)

    def clerk(self) -> int:
        return self.rng.choice(self.staff.receptionists)

    def make(self, plan: Plan, caller: Caller, call_id: int, matter_id: int) -> Story:
        fields = self.fields(plan, caller)
        clean = validate_matter(plan.kind, fields, policy=self.policy, now=plan.received)
        story = self.filed(clean, caller, call_id, matter_id, plan.received)
        if plan.kind is MatterKind.COMPLAINT:
            self.work_complaint(story, plan)
        elif plan.kind is MatterKind.REPAIR:
            self.work_repair(story, plan)
        elif plan.fate is MatterStatus.CLOSED and story.follow_ups:
            self.promised_call(story, story.follow_ups[0])  # an enquiry answered later
        return story

    def fields(self, plan: Plan, caller: Caller) -> dict:
        rng, r = self.rng, plan.received
        if plan.kind is MatterKind.COMPLAINT:
            fields = {
                "contact_name": caller.name,
                "unit": caller.unit or "无",
                "contact_phone": caller.phone,
                "happened_at": r - timedelta(hours=rng.randint(1, 30)),
                "place": rng.choice(demo.PLACES),
                "complained_party": rng.choice(demo.PARTIES),
                "content": rng.choice(demo.COMPLAINTS),
                "complaint_class": plan.complaint_class,
                "emotion": rng.choice(("angry", "anxious", "calm", "loud", "sad")),
                "need": rng.choice(("solution", "respect", "vent", "compensation")),
                "requested_deadline": plan.requested,
            }
            if rng.random() < 0.3:
                fields["department"] = rng.choice(self.policy.departments)
            return fields
        if plan.kind is MatterKind.REPAIR:
            return {
                "contact_name": caller.name,
                "unit": caller.unit,
                "content": rng.choice(demo.REPAIRS),
                "repair_category": plan.category,
                "visit_at": plan.target,
                "department": "维修部",
            }
        if plan.kind is MatterKind.ENQUIRY:
            fields = {"content": rng.choice(demo.ENQUIRIES), "answered": plan.target is None}
            if plan.target is not None:
                fields.update(callback_phone=caller.phone, promised_at=plan.target)
            return fields
        texts = {MatterKind.SUGGESTION: SUGGESTIONS, MatterKind.PRAISE: PRAISES}
        return {"content": rng.choice(texts.get(plan.kind, OTHERS))}

    def filed(
        self, clean: CleanMatter, caller: Caller, call_id: int, matter_id: int, received: datetime
    ) -> Story:
        """The rows ``services/opening.open_matter`` writes."""
        values, unit = clean.values, clean.unit
        phone, callback = values.get("contact_phone"), values.get("callback_phone")
        operator_id = self.clerk()
        matter = {
            "id": matter_id,
            "call_id": call_id,
            "parent_id": None,
            "kind": clean.kind.value,
            "status": MatterStatus.OPEN.value,
            "resident_id": caller.resident_id,
            "unit_id": self.unit_ids[unit.label] if unit else None,
            "unit_label": unit.label if unit else caller.unit,
            "summary": summary_of(clean),
            "content": values.get("content", ""),
            "department": values.get("department", ""),
            "received_at": received,
            "operator_id": operator_id,
            "contact_name": values.get("contact_name", caller.name),
            "contact_phone": phone.stored if phone else caller.phone,
            "happened_at": values.get("happened_at"),
            "place": values.get("place", ""),
            "complained_party": values.get("complained_party", ""),
            "complaint_class": _value(values.get("complaint_class")),
            "emotion": _value(values.get("emotion")),
            "need": _value(values.get("need")),
            "requested_deadline": values.get("requested_deadline"),
            "repair_category": _value(values.get("repair_category")),
            "visit_at": values.get("visit_at"),
            "answered": values.get("answered"),
            "callback_phone": callback.stored if callback else "",
            "promised_at": values.get("promised_at"),
            "next_milestone": None,
            "next_due": None,
            "updated_at": received,
        }
        story = Story(self.policy, matter, caller.evening_ok)
        story.event(EventKind.FILED, received, operator_id, call_id=call_id)
        deadlines = filing_deadlines(self.policy, clean, received, evening_ok=caller.evening_ok)
        if values.get("promised_at") is not None:
            story.follow_up(
                FollowUpReason.PROMISED, received, received, promised=values["promised_at"]
            )
        story.add_deadlines(deadlines, received)
        if not deadlines and (clean.kind in DONE_ON_FILING or values.get("answered")):
            matter["status"] = MatterStatus.CLOSED.value
        return story

    # Complaints
    def work_complaint(self, story: Story, plan: Plan) -> None:
        cls, r, rng = plan.complaint_class, plan.received, self.rng
        assert cls is not None
        rule = self.policy.complaint[cls]
        # Open: as far as it got by now; resolved or closed: resolved at ``target`` (closed ones
        # some time after reception, within the class's resolution time).
        resolved = plan.target or (self.between(r, self._due(story, Milestone.RESOLVE) or r))
        done = self.now if plan.fate is MatterStatus.OPEN else resolved
        last = r
        if rule.escalate_to is not None and rule.escalate is not None:
            at = r + timedelta(minutes=rng.randint(5, 55))
            if at < done - timedelta(minutes=1) and rng.random() > 0.01:
                self.escalate(story, at, rule.escalate_to)
                last = at
        if cls is ComplaintClass.INVALID:
            if plan.fate is not MatterStatus.OPEN:
                at = r + timedelta(minutes=rng.randint(10, 300))
                story.event(EventKind.REPLIED, at, self.staff.supervisor, text="已向业主说明原因")
                story.meet({Milestone.REPLY}, at)
                story.supersede(None, at)
                story.close(at, self.staff.supervisor)
            return
        if rule.reply is not None:
            at = r + timedelta(hours=rng.uniform(3, 40))
            if at < done - timedelta(minutes=5) and rng.random() > 0.03:
                story.event(EventKind.REPLIED, at, self.staff.supervisor, text="已答复处理方案")
                story.meet({Milestone.REPLY}, at)
                last = max(last, at)
        if plan.fate is MatterStatus.OPEN:
            self.maybe_extend(story, cls, last)
            return
        resolved = max(resolved, last + timedelta(minutes=10))
        story.event(EventKind.RESOLVED, resolved, self.staff.supervisor, text="已处理并向业主说明")
        story.meet({Milestone.RESOLVE}, resolved)
        story.supersede(None, resolved)
        story.matter["status"] = MatterStatus.RESOLVED.value
        call = story.follow_up(FollowUpReason.COMPLAINT_RESULT, resolved, resolved)
        self.call_back(story, call, resolved, plan.fate)

    def escalate(self, story: Story, at: datetime, role: Role) -> None:
        whom = f"{role.value}: {self.staff.names[role]}"
        story.event(EventKind.ESCALATED, at, self.clerk(), to_whom=whom)
        story.meet({Milestone.ESCALATE}, at)

    def maybe_extend(self, story: Story, cls: ComplaintClass, last: datetime) -> None:
        """A complaint past its resolution deadline mostly has more time approved by the office
        manager (asked for before the deadline); the rest is overdue."""
        due = self._due(story, Milestone.RESOLVE)
        if cls is ComplaintClass.MINOR or due is None or due >= self.now:
            return
        asked = due - timedelta(hours=self.rng.uniform(2, 20))
        approved = asked + timedelta(minutes=self.rng.randint(10, 180))
        if asked <= last or approved >= self.now or self.rng.random() < 0.1:
            return
        until = self.now + timedelta(minutes=self.rng.randint(60, 8 * 24 * 60))
        story.event(
            EventKind.EXTENSION_REQUESTED, asked, self.clerk(), text="等待配件到货", until=until
        )
        (replaced,) = story.supersede({Milestone.RESOLVE}, approved)
        tz = self.policy.timezone
        rule, steps = stored_steps(replaced["worked_out"], "", "")
        previous = Deadline(Milestone.RESOLVE, replaced["due"], rule, tuple(steps))
        name = self.staff.names[Role.MANAGER]
        new = extended_resolution(
            previous, until.astimezone(tz), approver=name, approved_at=approved
        )
        story.add_deadlines([new], approved)
        story.event(EventKind.EXTENSION_APPROVED, approved, self.staff.manager, until=until)

    # Repairs
    def work_repair(self, story: Story, plan: Plan) -> None:
        if plan.fate is MatterStatus.OPEN:
            return
        visit = story.matter["visit_at"]
        done = plan.target if plan.fate is MatterStatus.RESOLVED else None
        done = done or visit + timedelta(minutes=self.rng.randint(30, 180))
        recorded = min(done + timedelta(minutes=10), self.now - timedelta(minutes=1))
        category = RepairCategory(story.matter["repair_category"])
        start = done
        if category is RepairCategory.LEAK:
            start = max(done - timedelta(hours=1), story.matter["received_at"])
        story.event(EventKind.REPAIR_DONE, recorded, self.clerk(), until=done)
        story.meet({Milestone.VISIT}, recorded)
        story.supersede(None, recorded)
        story.matter["status"] = MatterStatus.RESOLVED.value
        call = story.follow_up(REPAIR_FOLLOWUP[category], start, recorded)
        self.call_back(story, call, recorded, plan.fate)

    # Follow-up calls
    def call_back(self, story: Story, call: dict, since: datetime, fate: MatterStatus) -> None:
        """The follow-up call: made and the resident satisfied (closed), or still owed, a few
        with a try that reached nobody."""
        if fate is MatterStatus.CLOSED:
            at = self.between(since, max(call["due"], since + timedelta(minutes=30)))
            operator_id = self.clerk()
            story.attempt(
                call, at, operator_id, AttemptOutcome.REACHED, Verdict.SATISFIED, SATISFIED
            )
            story.close(at, operator_id, Verdict.SATISFIED.value)
        elif self.rng.random() < 0.12 and since < self.now - timedelta(minutes=10):
            at = self.between(since, self.now)
            story.attempt(call, at, self.clerk(), AttemptOutcome.NO_ANSWER)

    def promised_call(self, story: Story, call: dict) -> None:
        """The promised reply given on the call back: the matter closes."""
        received = story.matter["received_at"]
        at = self.between(received, max(call["due"], received + timedelta(minutes=30)))
        operator_id = self.clerk()
        story.attempt(call, at, operator_id, AttemptOutcome.REACHED, Verdict.SATISFIED, SATISFIED)
        story.meet(None, at)
        story.event(EventKind.REPLIED, at, operator_id, text=SATISFIED)
        story.close(at, operator_id, Verdict.SATISFIED.value)

    def _due(self, story: Story, milestone: Milestone) -> datetime | None:
        for row in story.running():
            if row["milestone"] == milestone.value:
                return row["due"]
        return None


def _value(choice) -> str | None:
    return None if choice is None else str(getattr(choice, "value", choice))
