"""The large estate's reception register: years of calls, most of them raising no matter, and
the matters raised on the others: closed history, matters resolved with their follow-up call
still owed, and the open matters of the queue with deadlines spread around ``now`` (some overdue,
some due within the hour, most in the days ahead)."""

import random
from collections import defaultdict
from datetime import date, datetime, time, timedelta

from sqlalchemy import Connection

from frontdesk.domain.vocabulary.kinds import (
    Channel,
    ComplaintClass,
    MatterKind,
    MatterStatus,
    RepairCategory,
)
from frontdesk.services.demo.people import chinese_name, mobile
from frontdesk.store.tables.register import Call
from tests.benchmarks.bulk import Inserter
from tests.benchmarks.estate_matters import Caller, MatterMaker, Plan
from tests.benchmarks.estate_people import People
from tests.benchmarks.estate_stories import Writer

OPEN, RESOLVED, CLOSED = MatterStatus.OPEN, MatterStatus.RESOLVED, MatterStatus.CLOSED
COMPLAINT, REPAIR, ENQUIRY = MatterKind.COMPLAINT, MatterKind.REPAIR, MatterKind.ENQUIRY
# Open complaints by class: (share, mean age in days, oldest in days). Important and minor
# ones stay under a month old: older, the monthly sweep would have made them major already.
OPEN_CLASSES = {
    ComplaintClass.IMPORTANT: (0.50, 2.5, 27),
    ComplaintClass.MINOR: (0.33, 1.5, 27),
    ComplaintClass.MAJOR: (0.13, 5.0, 45),
    ComplaintClass.INVALID: (0.04, 0.5, 2),
}
RESOLVE_DAYS = {ComplaintClass.MAJOR: 10, ComplaintClass.IMPORTANT: 3, ComplaintClass.MINOR: 2}
# Closed history by kind: (share, days before now the story must have started to be over).
CLOSED_KINDS = (
    (COMPLAINT, 0.13, 14),
    (REPAIR, 0.40, 7),
    (ENQUIRY, 0.30, 0),
    ("promised", 0.04, 5),
    (MatterKind.SUGGESTION, 0.05, 0),
    (MatterKind.PRAISE, 0.04, 0),
    (MatterKind.OTHER, 0.04, 0),
)
CATEGORIES = (
    (RepairCategory.OTHER,) * 13 + (RepairCategory.LEAK,) * 4 + (RepairCategory.SAFETY,) * 3
)
LEADS = tuple(timedelta(hours=h) for h in (3, 20, 26, 48, 72))
CHANNELS = (Channel.PHONE,) * 85 + (Channel.WALK_IN,) * 12 + (Channel.LETTER,) * 2
CHANNELS += (Channel.COMMENT_BOOK,)
RINGS = (1, 1, 2, 2, 2, 3, 3, 4, 5, 6)


class Planner:
    """When each matter was received and how far it got."""

    def __init__(self, rng: random.Random, now: datetime, start: datetime, residents: int):
        self.rng, self.now, self.start, self.residents = rng, now, start, residents
        self.tz = now.tzinfo

    def moment_on(self, day: date) -> datetime:
        """A moment of a working day: mostly counter hours, a few in the evening."""
        minutes = (
            self.rng.uniform(510, 1080)
            if self.rng.random() < 0.95
            else 1080 + 180 * (self.rng.random())
        )
        return datetime.combine(day, time(0), tzinfo=self.tz) + timedelta(minutes=minutes)

    def before_now(self, moment: datetime) -> datetime:
        latest = self.now - timedelta(minutes=5)
        return moment if moment < latest else latest - timedelta(minutes=self.rng.uniform(0, 90))

    def recent(self, mean_days: float, oldest_days: float) -> datetime:
        age = min(self.rng.expovariate(1 / mean_days), oldest_days)
        day = (self.now - timedelta(days=age)).date()
        return self.before_now(self.moment_on(day))

    def ahead(self, overdue: float, soon: float, mean_hours: float, cap_days: float) -> datetime:
        """A deadline around now: a share already past, a share within the hour, the rest
        spread over the days ahead."""
        pick = self.rng.random()
        if pick < overdue:
            return self.now - timedelta(minutes=self.rng.uniform(10, 2 * 24 * 60))
        if pick < overdue + soon:
            return self.now + timedelta(minutes=self.rng.uniform(1, 59))
        hours = min(self.rng.expovariate(1 / mean_hours), cap_days * 24)
        return typed(self.now + timedelta(hours=1 + hours))

    def daytime(self, moment: datetime) -> datetime:
        """A visit the resident chose, on the hour between 09:00 and 17:00 (those due within the
        hour or already late stay as they are)."""
        if moment < self.now + timedelta(hours=1):
            return moment
        local = moment.astimezone(self.tz).replace(minute=0, second=0, microsecond=0)
        if local.hour < 9:
            return local.replace(hour=9 + self.rng.randrange(8))
        if local.hour > 17:
            return local.replace(hour=9 + self.rng.randrange(8)) + timedelta(days=1)
        return local

    def person(self, visitors: float = 0.1) -> int | None:
        return None if self.rng.random() < visitors else self.rng.randrange(self.residents)

    def open_matters(self, count: int, promised: int) -> list[Plan]:
        rng, plans = self.rng, []
        complaints = (count - promised) // 2
        for cls, (share, mean, oldest) in OPEN_CLASSES.items():
            for _ in range(round(complaints * share)):
                received = self.recent(mean, oldest)
                requested = None
                if cls is ComplaintClass.MINOR:
                    late = received < self.now - timedelta(days=2)
                    if rng.random() < (0.85 if late else 0.15):
                        later = self.now + timedelta(hours=rng.uniform(2, 8 * 24))
                        requested = self.daytime(later)
                plan = Plan(received, COMPLAINT, OPEN, self.person(), cls, requested=requested)
                plans.append(plan)
        while len(plans) < count - promised:
            visit = self.daytime(self.ahead(0.02, 0.01, 36, 10))
            received = self.before_now(visit - rng.choice(LEADS))
            plans.append(
                Plan(received, REPAIR, OPEN, self.person(0), category=rng.choice(CATEGORIES))
            )
            plans[-1].target = visit
        for _ in range(promised):
            reply_by = self.ahead(0.03, 0.02, 20, 5)
            received = self.before_now(reply_by - timedelta(hours=rng.uniform(1, 48)))
            plans.append(Plan(received, ENQUIRY, OPEN, self.person(), target=reply_by))
        return plans

    def resolved_matters(self, count: int) -> list[Plan]:
        """Done, with the follow-up call still owed: two repairs to each complaint."""
        rng, plans = self.rng, []
        for index in range(count):
            if index % 3:
                late = rng.random() < 0.05
                done = self.now - timedelta(
                    hours=rng.uniform(48, 96) if late else rng.uniform(0.25, 48)
                )
                visit = done - timedelta(minutes=rng.randint(30, 180))
                received = visit - rng.choice(LEADS)
                plan = Plan(received, REPAIR, RESOLVED, self.person(0), target=done)
                plan.category = rng.choice(CATEGORIES)
                plans.append(plan)
                continue
            cls = rng.choice(
                (ComplaintClass.IMPORTANT,) * 5
                + (ComplaintClass.MINOR,) * 4
                + (ComplaintClass.MAJOR,)
            )
            resolved = self.now - timedelta(hours=rng.uniform(0.25, 30))
            received = resolved - timedelta(days=RESOLVE_DAYS[cls] * rng.uniform(0.1, 0.9))
            plans.append(Plan(received, COMPLAINT, RESOLVED, self.person(), cls, target=resolved))
        return plans

    def closed_matters(self, count: int) -> list[Plan]:
        rng, plans = self.rng, []
        days = (self.now - self.start).days
        for kind, share, margin in CLOSED_KINDS:
            for _ in range(round(count * share)):
                day = self.start.date() + timedelta(days=rng.randrange(days - margin + 1))
                received = self.before_now(self.moment_on(day))
                if kind == "promised":
                    reply_by = typed(received + timedelta(hours=rng.uniform(1, 48)))
                    plans.append(Plan(received, ENQUIRY, CLOSED, self.person(), target=reply_by))
                elif kind is COMPLAINT:
                    cls = rng.choice(
                        (ComplaintClass.IMPORTANT,) * 9
                        + (ComplaintClass.MINOR,) * 8
                        + (
                            ComplaintClass.MAJOR,
                            ComplaintClass.INVALID,
                            ComplaintClass.INVALID,
                        )
                    )
                    plans.append(Plan(received, COMPLAINT, CLOSED, self.person(), cls))
                elif kind is REPAIR:
                    plan = Plan(received, REPAIR, CLOSED, self.person(0))
                    plan.category = rng.choice(CATEGORIES)
                    plan.target = typed(received + rng.choice(LEADS))
                    plans.append(plan)
                else:
                    plans.append(Plan(received, MatterKind(kind), CLOSED, self.person()))
        return plans


def insert_register(
    connection: Connection,
    rng: random.Random,
    *,
    people: People,
    maker: MatterMaker,
    plans: list[Plan],
    calls: int,
    start: datetime,
) -> Writer:
    """Every call of the register, day by day in the order answered, with the matters each
    raised; returns the writer with its counts."""
    now, tz = maker.now, maker.now.tzinfo
    by_day: dict[date, list[Plan]] = defaultdict(list)
    for plan in plans:
        by_day[plan.received.astimezone(tz).date()].append(plan)
    days = [start.date() + timedelta(days=n) for n in range((now - start).days + 1)]
    planner = Planner(rng, now, start, len(people))
    free = _spread(calls - len(plans), len(days), rng)
    visitors: set[str] = set()
    call_id = 0
    with Inserter(connection, Call.__table__) as register, Writer(connection) as writer:  # type: ignore[attr-defined]
        for day, count in zip(days, free, strict=True):
            moments = [planner.before_now(planner.moment_on(day)) for _ in range(count)]
            entries = [(m, None) for m in moments] + [(p.received, p) for p in by_day[day]]
            entries.sort(key=lambda entry: entry[0])
            for moment, plan in entries:
                call_id += 1
                person = plan.person if plan else planner.person(0.2)
                caller = _caller(rng, people, person, visitors)
                channel = rng.choice(CHANNELS)
                rings = rng.choice(RINGS) if channel is Channel.PHONE else None
                register.add(
                    id=call_id,
                    channel=channel.value,
                    rang_at=moment - timedelta(seconds=5 * rings) if rings else None,
                    answered_at=moment,
                    rings=rings,
                    operator_id=maker.clerk(),
                    caller_name=caller.name,
                    caller_phone=caller.phone,
                    caller_unit=caller.unit,
                    resident_id=caller.resident_id,
                    notes="",
                )
                if plan is not None:
                    writer.write(maker.make(plan, caller, call_id, writer.next_matter_id()))
    return writer


def typed(moment: datetime) -> datetime:
    """A time as a receptionist types it: to ten minutes."""
    return moment.replace(minute=moment.minute // 10 * 10, second=0, microsecond=0)


def _caller(rng: random.Random, people: People, person: int | None, visitors: set[str]) -> Caller:
    if person is None:
        return Caller(None, chinese_name(rng), mobile(rng, visitors), "")
    return Caller(
        person + 1,
        people.names[person],
        people.phones[person],
        people.units[person],
        people.evening_ok[person],
    )


def _spread(total: int, days: int, rng: random.Random) -> list[int]:
    """``total`` calls over ``days`` days, busier and quieter days alike, adding up exactly."""
    weights = [rng.uniform(0.6, 1.4) for _ in range(days)]
    scale = total / sum(weights)
    counts = [int(w * scale) for w in weights]
    for index in range(total - sum(counts)):
        counts[index % days] += 1
    return counts
