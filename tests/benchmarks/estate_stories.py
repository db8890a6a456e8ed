"""One matter's rows as the use cases leave them: its deadlines (met or superseded, never
deleted), its history, its follow-ups and their attempts, and the next milestone the queue sorts
on. ``Story`` keeps the bookkeeping of ``services/matters/tracking.py`` in memory; ``Writer``
numbers the rows and inserts them in bulk."""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Connection

from frontdesk.domain.deadlines.rules import Deadline, callback_deadline
from frontdesk.domain.vocabulary.kinds import (
    AttemptOutcome,
    EventKind,
    FollowUpReason,
    FollowUpStatus,
    MatterStatus,
    Milestone,
    Verdict,
)
from frontdesk.domain.vocabulary.policy import Policy
from frontdesk.domain.vocabulary.sentences import worked_out_data
from frontdesk.store.tables.register import (
    FollowUp,
    FollowUpAttempt,
    Matter,
    MatterDeadline,
    MatterEvent,
)
from tests.benchmarks.bulk import Inserter

Row = dict[str, Any]


@dataclass
class Story:
    """The matter row and everything that happened to it, in the order it happened."""

    policy: Policy
    matter: Row
    evening_ok: bool
    deadlines: list[Row] = field(default_factory=list)
    events: list[Row] = field(default_factory=list)
    follow_ups: list[Row] = field(default_factory=list)
    attempts: list[tuple[Row, Row]] = field(default_factory=list)

    def event(self, kind: EventKind, at: datetime, operator_id: int | None, **extra: Any) -> None:
        self.events.append(
            {
                "kind": kind.value,
                "at": at,
                "operator_id": operator_id,
                "to_whom": extra.get("to_whom", ""),
                "text": extra.get("text", ""),
                "until": extra.get("until"),
                "call_id": extra.get("call_id"),
            }
        )
        self.matter["updated_at"] = max(self.matter["updated_at"], at)

    def add_deadlines(self, deadlines: list[Deadline], now: datetime) -> None:
        for d in deadlines:
            self.deadlines.append(
                {
                    "milestone": d.milestone.value,
                    "due": d.due,
                    # As tracking.add_deadlines stores them: data, no prose.
                    "worked_out": worked_out_data(d.rule, d.steps),
                    "rule": "",
                    "explanation": "",
                    "created_at": now,
                    "met_at": None,
                    "superseded_at": None,
                }
            )

    def running(self) -> list[Row]:
        """Deadlines neither met nor superseded, soonest first."""
        alive = [d for d in self.deadlines if d["met_at"] is None and d["superseded_at"] is None]
        return sorted(alive, key=lambda d: d["due"])

    def meet(self, milestones: set[Milestone] | None, at: datetime) -> None:
        for row in self.running():
            if milestones is None or Milestone(row["milestone"]) in milestones:
                row["met_at"] = at

    def supersede(self, milestones: set[Milestone] | None, at: datetime) -> list[Row]:
        replaced = []
        for row in self.running():
            if milestones is None or Milestone(row["milestone"]) in milestones:
                row["superseded_at"] = at
                replaced.append(row)
        return replaced

    def follow_up(
        self,
        reason: FollowUpReason,
        start: datetime,
        created: datetime,
        *,
        promised: datetime | None = None,
    ) -> Row:
        """Put a follow-up call on the list, due as ``tracking.open_follow_up`` makes it."""
        deadline = callback_deadline(
            self.policy, reason, start, promised=promised, evening_ok=self.evening_ok
        )
        row = {
            "reason": reason.value,
            "phone": self.matter["callback_phone"] or self.matter["contact_phone"],
            "created_at": created,
            "due": deadline.due,
            "worked_out": worked_out_data(deadline.rule, deadline.steps),
            "rule": "",
            "explanation": "",
            "evening_ok": self.evening_ok,
            "urgent": False,
            "status": FollowUpStatus.OWED.value,
            "done_at": None,
        }
        self.follow_ups.append(row)
        return row

    def attempt(
        self,
        follow_up: Row,
        at: datetime,
        operator_id: int,
        outcome: AttemptOutcome,
        verdict: Verdict = Verdict.NONE,
        notes: str = "",
    ) -> None:
        row = {"at": at, "operator_id": operator_id, "outcome": outcome.value}
        self.attempts.append((follow_up, row | {"verdict": verdict.value, "notes": notes}))
        if outcome is AttemptOutcome.REACHED:
            follow_up["status"] = FollowUpStatus.DONE.value
            follow_up["done_at"] = at

    def close(self, at: datetime, operator_id: int, text: str = "") -> None:
        self.matter["status"] = MatterStatus.CLOSED.value
        self.event(EventKind.CLOSED, at, operator_id, text=text)

    def refresh_next(self) -> None:
        """The queue's sort key: the earliest running deadline of an open matter."""
        running = self.running() if self.matter["status"] == MatterStatus.OPEN else []
        first = running[0] if running else None
        self.matter["next_milestone"] = first["milestone"] if first else None
        self.matter["next_due"] = first["due"] if first else None


class Writer:
    """Numbers each story's rows and inserts them, table by table, in chunks."""

    def __init__(self, connection: Connection):
        def table(model) -> Inserter:
            return Inserter(connection, model.__table__)

        self.matters = table(Matter)
        self.deadlines = table(MatterDeadline)
        self.events = table(MatterEvent)
        self.follow_ups = table(FollowUp)
        self.attempts = table(FollowUpAttempt)
        self.all = (self.matters, self.deadlines, self.events, self.follow_ups, self.attempts)
        self.next_id = {inserter: 1 for inserter in self.all}
        self.open = self.owed = 0

    def _id(self, inserter: Inserter) -> int:
        taken = self.next_id[inserter]
        self.next_id[inserter] = taken + 1
        return taken

    def next_matter_id(self) -> int:
        return self.next_id[self.matters]

    def write(self, story: Story) -> None:
        story.refresh_next()
        matter_id = self._id(self.matters)
        assert story.matter["id"] == matter_id
        self.matters.add(**story.matter)
        self.open += story.matter["status"] == MatterStatus.OPEN
        for row in story.deadlines:
            self.deadlines.add(id=self._id(self.deadlines), matter_id=matter_id, **row)
        for row in story.events:
            self.events.add(id=self._id(self.events), matter_id=matter_id, **row)
        for row in story.follow_ups:
            row["id"] = self._id(self.follow_ups)
            self.follow_ups.add(matter_id=matter_id, **row)
            self.owed += row["status"] == FollowUpStatus.OWED
        for follow_up, row in story.attempts:
            self.attempts.add(id=self._id(self.attempts), follow_up_id=follow_up["id"], **row)

    def __enter__(self) -> "Writer":
        return self

    def __exit__(self, kind, _value, _traceback) -> None:
        if kind is None:
            for inserter in self.all:
                inserter.flush()
