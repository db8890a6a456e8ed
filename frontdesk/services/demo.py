"""A realistic demo estate, built through the same use cases the counter uses.

Residents in households, sixty days of calls whose matters were worked as a counter would work
them, and a set of matters near "now" in every state the screens must show: complaints of every
class fresh, due within the hour, overdue, escalated, extended, resolved awaiting the result call,
reopened, upgraded after a month; repairs awaiting their visit or follow-up; callbacks due today
and overdue. The same seed and the same "now" give the same estate.
"""

import random
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from sqlmodel import Session, func, select

from frontdesk.domain.hours import WorkingCalendar
from frontdesk.domain.kinds import (
    AttemptOutcome,
    Channel,
    ComplaintClass,
    MatterKind,
    Role,
    Verdict,
)
from frontdesk.domain.policy import Policy
from frontdesk.services import complaints, followups, handling
from frontdesk.services.context import Desk
from frontdesk.services.demo_people import residents
from frontdesk.services.intake import CallDraft, MatterDraft, file_call
from frontdesk.services.operators import add_operator, create_operator
from frontdesk.services.residents import create_resident
from frontdesk.store.models import FollowUp, Matter, Resident

DEMO_PIN = "1234"
STAFF = (
    ("陈经理", Role.MANAGER),
    ("王主管", Role.SUPERVISOR),
    ("小李", Role.RECEPTIONIST),
    ("小张", Role.RECEPTIONIST),
    ("小刘", Role.RECEPTIONIST),
)
PLACES = ("3栋电梯", "地下车库", "小区南门", "12栋大堂", "中心花园", "5栋楼道", "垃圾房", "会所")
PARTIES = ("安护部", "环境部", "维修部", "客服中心", "保安小王", "保洁阿姨", "装修公司")
COMPLAINTS = (
    "电梯停运没人处理",
    "夜里装修噪音太大",
    "垃圾两天没人清运",
    "保安态度很差",
    "车位被别人占了没人管",
    "楼道灯坏了一周",
    "绿化带有人遛狗不牵绳",
    "快递柜经常坏",
)
REPAIRS = (
    "厨房水龙头漏水",
    "卫生间下水堵了",
    "入户门锁坏了",
    "客厅灯不亮",
    "阳台渗水",
    "烟感报警器误报",
    "暖气片不热",
    "窗户关不严",
)
ENQUIRIES = (
    "物业费什么时候交",
    "停车月卡怎么办",
    "装修需要办什么手续",
    "快递放在哪里",
    "小区什么时候停水",
    "门禁卡丢了怎么补",
)


class _Clock:
    """The demo's own clock, moved to each moment a step happens at."""

    def __init__(self, moment: datetime):
        self.moment = moment

    def __call__(self) -> datetime:
        return self.moment


@dataclass
class DemoSummary:
    residents: int
    calls: int
    open_matters: int
    follow_ups_owed: int


@dataclass
class _Person:
    id: int
    name: str
    unit: str
    phone: str


class _Builder:
    def __init__(self, session: Session, policy: Policy, now: datetime, seed: int):
        self.session, self.now, self.rng = session, now, random.Random(seed)
        self.clock = _Clock(now)
        self.desk = Desk(policy, self.clock)
        self.tz = policy.timezone
        self.calendar = WorkingCalendar(policy)
        self.staff: dict[str, int] = {}
        self.people: list[_Person] = []
        self.calls = 0

    def at(self, moment: datetime) -> Desk:
        self.clock.moment = min(moment, self.now)
        return self.desk

    def work(self, days_ago: int, minutes: int) -> datetime:
        """``minutes`` after the counter opened on the open day ``days_ago`` days back (or the
        open day before it), and never later than a few minutes ago."""
        day = self.now.astimezone(self.tz).date() - timedelta(days=days_ago)
        while (period := self.calendar.working_period(day)) is None:
            day -= timedelta(days=1)
        return min(period.start + timedelta(minutes=minutes), self.now - timedelta(minutes=5))

    def operator(self, role: Role = Role.RECEPTIONIST) -> int:
        names = [n for n, r in STAFF if r is role]
        return self.staff[self.rng.choice(names)]

    def file(self, when: datetime, person: _Person, *matters: MatterDraft) -> list[Matter]:
        channel = self.rng.choice((Channel.PHONE,) * 6 + (Channel.WALK_IN,))
        rings = self.rng.choice((1, 2, 2, 3, 3, 4, 6)) if channel is Channel.PHONE else None
        draft = CallDraft(
            channel=channel,
            caller_name=person.name,
            caller_phone=person.phone,
            caller_unit=person.unit,
            resident_id=person.id,
            rings=rings,
            matters=list(matters),
            # About five seconds a ring; a walk-in does not ring.
            rang_at=when - timedelta(seconds=5 * rings) if rings else None,
            answered_at=min(when, self.now),
        )
        filed = file_call(
            session=self.session, desk=self.at(when), operator_id=self.operator(), draft=draft
        )
        self.calls += 1
        return [self.session.get(Matter, i) for i in filed.matter_ids]  # type: ignore[misc]

    def complaint(self, person: _Person, when: datetime, cls: ComplaintClass, **extra) -> Matter:
        fields = {
            "contact_name": person.name,
            "unit": person.unit,
            "contact_phone": person.phone,
            "happened_at": when - timedelta(hours=self.rng.randint(1, 30)),
            "place": self.rng.choice(PLACES),
            "complained_party": self.rng.choice(PARTIES),
            "content": self.rng.choice(COMPLAINTS),
            "complaint_class": cls,
            "emotion": self.rng.choice(("angry", "anxious", "calm", "loud", "sad")),
            "need": self.rng.choice(("solution", "respect", "vent", "compensation")),
        }
        fields.update(extra)
        return self.file(when, person, MatterDraft(MatterKind.COMPLAINT, fields, confirmed=True))[0]

    def repair(self, person: _Person, when: datetime, category: str = "other") -> Matter:
        visit = when + timedelta(hours=self.rng.choice((3, 20, 26)))
        fields = {
            "contact_name": person.name,
            "unit": person.unit,
            "content": self.rng.choice(REPAIRS),
            "repair_category": category,
            "visit_at": visit,
            "department": "维修部",
        }
        return self.file(when, person, MatterDraft(MatterKind.REPAIR, fields, confirmed=True))[0]

    def enquiry(self, person: _Person, when: datetime, promise: timedelta | None) -> Matter:
        fields: dict = {"content": self.rng.choice(ENQUIRIES), "answered": promise is None}
        if promise is not None:
            fields.update(callback_phone=person.phone, promised_at=when + promise)
        return self.file(when, person, MatterDraft(MatterKind.ENQUIRY, fields, confirmed=True))[0]

    # Steps of the work, each at its own moment.
    def escalate(self, matter: Matter, when: datetime) -> None:
        role = Role.MANAGER if matter.complaint_class == "major" else Role.SUPERVISOR
        name = next(n for n, r in STAFF if r is role)
        handling.escalate(
            session=self.session,
            desk=self.at(when),
            operator_id=self.operator(),
            matter_id=matter.id,
            to_role=role,
            to_whom=name,
        )  # type: ignore[arg-type]

    def resolve(self, matter: Matter, when: datetime) -> FollowUp | None:
        _m, follow_up = handling.resolve(
            session=self.session,
            desk=self.at(when),
            operator_id=self.operator(Role.SUPERVISOR),
            matter_id=matter.id,
            text="已处理并向业主说明",
        )  # type: ignore[arg-type]
        return follow_up

    def call_back(
        self, follow_up: FollowUp, when: datetime, verdict: Verdict, *, reopen: bool = False
    ) -> None:
        when = min(when, self.now)
        unhappy = verdict is Verdict.UNSATISFIED
        followups.record_attempt(
            session=self.session,
            desk=self.at(when),
            operator_id=self.operator(),
            follow_up_id=follow_up.id,  # type: ignore[arg-type]
            outcome=AttemptOutcome.REACHED,
            verdict=verdict,
            notes="业主表示" + ("不满意,问题还在" if unhappy else "满意"),
            reopen_matter=reopen,
            # Maintenance comes back at 10:00 the next day, as agreed on the call.
            new_visit_at=datetime.combine(
                when.astimezone(self.tz).date() + timedelta(days=1), time(10), tzinfo=self.tz
            )
            if unhappy
            else None,
        )

    def no_answer(self, follow_up: FollowUp, when: datetime) -> None:
        followups.record_attempt(
            session=self.session,
            desk=self.at(when),
            operator_id=self.operator(),
            follow_up_id=follow_up.id,  # type: ignore[arg-type]
            outcome=AttemptOutcome.NO_ANSWER,
        )

    def repair_done(self, matter: Matter, when: datetime) -> FollowUp:
        leak = when - timedelta(hours=1) if matter.repair_category == "leak" else None
        _m, follow_up = handling.record_repair_done(
            session=self.session,
            desk=self.at(when + timedelta(minutes=10)),
            operator_id=self.operator(),
            matter_id=matter.id,
            done_at=when,  # type: ignore[arg-type]
            leak_test_at=leak,
        )
        return follow_up


def estate_is_empty(session: Session) -> bool:
    return session.exec(select(func.count()).select_from(Resident)).one() == 0


def build_demo(
    *, session: Session, policy: Policy, now: datetime, seed: int = 7, resident_count: int = 2000
) -> DemoSummary:
    """Fill an empty database with the demo estate as it stands at ``now``."""
    from frontdesk.services.demo_story import history, scenarios

    builder = _Builder(session, policy, now, seed)
    hired = builder.at(now - timedelta(days=90))
    (manager_name, _role), *others = STAFF
    # The first run makes the manager; the manager then takes on the rest of the staff.
    manager = add_operator(
        session=session, desk=hired, name=manager_name, role=Role.MANAGER, pin=DEMO_PIN
    )
    session.commit()
    builder.staff[manager_name] = manager.id  # type: ignore[assignment]
    for name, role in others:
        operator = create_operator(
            session=session, desk=hired, operator_id=manager.id, name=name, role=role, pin=DEMO_PIN
        )
        builder.staff[name] = operator.id  # type: ignore[assignment]
    desk = builder.at(now - timedelta(days=90))
    for draft in residents(builder.rng, resident_count):
        resident = create_resident(session=session, desk=desk, draft=draft, commit=False)
        builder.people.append(
            _Person(
                resident.id,
                resident.name,  # type: ignore[arg-type]
                draft.units[0][0],
                draft.phones[0],
            )
        )
    session.commit()
    history(builder)
    scenarios(builder)
    complaints.upgrade_overdue(session=session, desk=builder.at(now))
    return DemoSummary(
        residents=session.exec(select(func.count()).select_from(Resident)).one(),
        calls=builder.calls,
        open_matters=session.exec(
            select(func.count()).select_from(Matter).where(Matter.status == "open")
        ).one(),
        follow_ups_owed=session.exec(
            select(func.count()).select_from(FollowUp).where(FollowUp.status == "owed")
        ).one(),
    )
