"""The demo builder: its clock, staff and residents, and how it files and works a matter
through the counter's own use cases."""

import random
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from sqlmodel import Session

from frontdesk.domain.clock.hours import WorkingCalendar
from frontdesk.domain.vocabulary.kinds import (
    AttemptOutcome,
    Channel,
    ComplaintClass,
    Emotion,
    MatterKind,
    Need,
    RepairCategory,
    Role,
    Verdict,
)
from frontdesk.domain.vocabulary.policy import Policy
from frontdesk.services.followups import callbacks as followups
from frontdesk.services.intake.call import CallDraft, MatterDraft
from frontdesk.services.intake.filing import file_call
from frontdesk.services.kernel.context import Desk
from frontdesk.services.matters import handling
from frontdesk.store.queries import id_of
from frontdesk.store.tables.register import FollowUp, Matter

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


class DemoClock:
    """The demo's own clock, moved to each moment a step happens at."""

    def __init__(self, moment: datetime):
        self.moment = moment

    def __call__(self) -> datetime:
        return self.moment


@dataclass
class Person:
    id: int
    name: str
    unit: str
    phone: str


class Builder:
    def __init__(self, session: Session, policy: Policy, now: datetime, seed: int):
        self.session, self.now, self.rng = session, now, random.Random(seed)
        self.clock = DemoClock(now)
        self.desk = Desk(policy, self.clock)
        self.tz = policy.timezone
        self.calendar = WorkingCalendar(policy)
        self.staff: dict[str, int] = {}
        self.people: list[Person] = []
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

    def file(self, when: datetime, person: Person, *matters: MatterDraft) -> list[Matter]:
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
        return [self.session.get_one(Matter, i) for i in filed.matter_ids]

    def complaint(self, person: Person, when: datetime, cls: ComplaintClass, **extra) -> Matter:
        fields = {
            "contact_name": person.name,
            "unit": person.unit,
            "contact_phone": person.phone,
            "happened_at": when - timedelta(hours=self.rng.randint(1, 30)),
            "place": self.rng.choice(PLACES),
            "complained_party": self.rng.choice(PARTIES),
            "content": self.rng.choice(COMPLAINTS),
            "complaint_class": cls,
            "emotion": self.rng.choice(
                (Emotion.ANGRY, Emotion.ANXIOUS, Emotion.CALM, Emotion.LOUD, Emotion.SAD)
            ),
            "need": self.rng.choice((Need.SOLUTION, Need.RESPECT, Need.VENT, Need.COMPENSATION)),
        }
        fields.update(extra)
        return self.file(when, person, MatterDraft(MatterKind.COMPLAINT, fields, confirmed=True))[0]

    def repair(
        self, person: Person, when: datetime, category: RepairCategory = RepairCategory.OTHER
    ) -> Matter:
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

    def enquiry(self, person: Person, when: datetime, promise: timedelta | None) -> Matter:
        fields: dict = {"content": self.rng.choice(ENQUIRIES), "answered": promise is None}
        if promise is not None:
            fields.update(callback_phone=person.phone, promised_at=when + promise)
        return self.file(when, person, MatterDraft(MatterKind.ENQUIRY, fields, confirmed=True))[0]

    # Steps of the work, each at its own moment.
    def escalate(self, matter: Matter, when: datetime) -> None:
        role = Role.MANAGER if matter.complaint_class == ComplaintClass.MAJOR else Role.SUPERVISOR
        name = next(n for n, r in STAFF if r is role)
        handling.escalate(
            session=self.session,
            desk=self.at(when),
            operator_id=self.operator(),
            matter_id=id_of(matter),
            to_role=role,
            to_whom=name,
        )

    def resolve(self, matter: Matter, when: datetime) -> FollowUp | None:
        _m, follow_up = handling.resolve(
            session=self.session,
            desk=self.at(when),
            operator_id=self.operator(Role.SUPERVISOR),
            matter_id=id_of(matter),
            text="已处理并向业主说明",
        )
        return follow_up

    def callable_by(self, follow_up: FollowUp, when: datetime) -> datetime | None:
        """The latest moment by ``when`` a receptionist may make the call: the demo's calls are
        made in the callable window, as the counter's are; None when the follow-up did not
        exist yet at the end of the last window."""
        evening = follow_up.evening_ok or follow_up.urgent
        if self.calendar.window_at(when, evening=evening):
            return when
        moment = self.calendar.last_window_ending_by(when, evening=evening).end
        moment -= timedelta(minutes=5)
        return moment if moment >= follow_up.created_at else None

    def call_back(
        self, follow_up: FollowUp, when: datetime, verdict: Verdict, *, reopen: bool = False
    ) -> None:
        when = min(when, self.now)
        called = self.callable_by(follow_up, when)
        # No time to call it in: the resident rang the counter themselves.
        outcome = AttemptOutcome.REACHED if called is not None else AttemptOutcome.CALLED_IN
        when = called or when
        unhappy = verdict is Verdict.UNSATISFIED
        followups.record_attempt(
            session=self.session,
            desk=self.at(when),
            operator_id=self.operator(),
            follow_up_id=id_of(follow_up),
            outcome=outcome,
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
        called = self.callable_by(follow_up, min(when, self.now))
        if called is None:
            return  # no window to have tried it in yet
        followups.record_attempt(
            session=self.session,
            desk=self.at(called),
            operator_id=self.operator(),
            follow_up_id=id_of(follow_up),
            outcome=AttemptOutcome.NO_ANSWER,
        )

    def repair_done(self, matter: Matter, when: datetime) -> FollowUp:
        leak = when - timedelta(hours=1) if matter.repair_category == RepairCategory.LEAK else None
        _m, follow_up = handling.record_repair_done(
            session=self.session,
            desk=self.at(when + timedelta(minutes=10)),
            operator_id=self.operator(),
            matter_id=id_of(matter),
            done_at=when,
            leak_test_at=leak,
        )
        return follow_up
