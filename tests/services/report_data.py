"""A register with known monthly figures, built through the counter's own use cases with the
clock moved by hand: one complaint in October, a November of complaints met, late, missed and
still open, a repair and an enquiry, and one complaint on 1 December.

November, as the report must count it:

- B, major, 张伟 (138 0013 8000), 3 Nov 09:00: escalated to the manager at 10:00 (due 18:00,
  on time); replied 6 Nov 09:00 (due 5 Nov 09:00: late, 72 h); resolved 8 Nov 09:00 (due 13 Nov:
  on time, 120 h); result call made 8 Nov 17:00 (due 18:00: on time).
- C, important, 张伟 again about the same lift, 5 Nov 10:00 while B is open (B is marked raised
  again): never escalated (due 11:00: missed, its clock stopped at the resolution); resolved
  7 Nov 10:00 (due 8 Nov 10:00: on time, 48 h); result call never made (due 7 Nov 18:00: missed,
  still owed).
- D, minor, 李娜 about the rubbish, department 环境部, 20 Nov 10:00: still open (due 22 Nov
  10:00: missed).
- A repair for 李娜 (维修部), 25 Nov 10:00, done 26 Nov 12:00; follow-up made 27 Nov 10:00 (due
  28 Nov 12:00: on time). An enquiry, 28 Nov 10:00, not answered on the call: its promised
  call-back (by 16:00) made at 15:00, on time; counted once, as a follow-up call, not as a
  complaint's reply.

October: A, important, 王芳, 20 Oct 10:00, escalated at 10:30, resolved 21 Oct 10:00 (24 h),
result call made at 11:00: everything on time.
"""

from dataclasses import dataclass
from datetime import timedelta

from sqlmodel import select

from frontdesk.domain.vocabulary.kinds import AttemptOutcome, Role, Verdict
from frontdesk.services.followups.callbacks import record_attempt
from frontdesk.services.intake.filing import file_call
from frontdesk.services.matters.handling import escalate, record_repair_done, record_reply, resolve
from frontdesk.store.tables.register import FollowUp
from tests.conftest import at
from tests.services.drafts import call, complaint, enquiry, repair

NOW = at(2026, 12, 2, 14, 40)


@dataclass
class Register:
    ids: dict[str, int]


def build_register(session, desk, staff, clock) -> Register:
    me = staff.receptionist.id

    def file(moment, draft_call) -> int:
        clock.moment = moment
        (matter_id,) = file_call(
            session=session, desk=desk, operator_id=me, draft=draft_call
        ).matter_ids
        return matter_id

    def happened(moment):
        return moment - timedelta(hours=1)

    def then(moment, use_case, **kwargs):
        clock.moment = moment
        return use_case(session=session, desk=desk, operator_id=me, **kwargs)

    def reached(moment, follow_up):
        then(
            moment,
            record_attempt,
            follow_up_id=follow_up.id,
            outcome=AttemptOutcome.REACHED,
            verdict=Verdict.SATISFIED,
            notes="业主满意",
        )

    wang = dict(caller_name="王芳", caller_phone="13700000000", caller_unit="1-1-101")
    a = file(
        at(2026, 10, 20, 10),
        call(
            complaint(
                "important",
                contact_name="王芳",
                contact_phone="13700000000",
                unit="1-1-101",
                happened_at=happened(at(2026, 10, 20, 10)),
            ),
            **wang,
        ),
    )
    then(at(2026, 10, 20, 10, 30), escalate, matter_id=a, to_role=Role.SUPERVISOR, to_whom="王主管")
    _, result = then(at(2026, 10, 21, 10), resolve, matter_id=a, text="已修好")
    reached(at(2026, 10, 21, 11), result)

    b = file(
        at(2026, 11, 3, 9),
        call(complaint("major", happened_at=happened(at(2026, 11, 3, 9)))),
    )
    then(at(2026, 11, 3, 10), escalate, matter_id=b, to_role=Role.MANAGER, to_whom="陈经理")
    c = file(
        at(2026, 11, 5, 10),
        call(complaint("important", happened_at=happened(at(2026, 11, 5, 10)))),
    )
    then(at(2026, 11, 6, 9), record_reply, matter_id=b, text="明天派人检修")
    then(at(2026, 11, 7, 10), resolve, matter_id=c, text="电梯已恢复")
    _, result = then(at(2026, 11, 8, 9), resolve, matter_id=b, text="电梯已修复")
    reached(at(2026, 11, 8, 17), result)

    li = dict(caller_name="李娜", caller_phone="13900001111", caller_unit="5-1-302")
    d = file(
        at(2026, 11, 20, 10),
        call(
            complaint(
                "minor",
                contact_name="李娜",
                contact_phone="13900001111",
                unit="5-1-302",
                place="垃圾房",
                complained_party="环境部",
                content="垃圾两天没人清运",
                department="环境部",
                happened_at=happened(at(2026, 11, 20, 10)),
            ),
            **li,
        ),
    )
    fix = file(at(2026, 11, 25, 10), call(repair("other"), **li))
    _, visit = then(
        at(2026, 11, 26, 12), record_repair_done, matter_id=fix, done_at=at(2026, 11, 26, 12)
    )
    reached(at(2026, 11, 27, 10), visit)
    ask = file(at(2026, 11, 28, 10), call(enquiry(promised_at="2026-11-28 16:00"), **li))
    promised = session.exec(select(FollowUp).where(FollowUp.matter_id == ask)).one()
    reached(at(2026, 11, 28, 15), promised)

    e = file(
        at(2026, 12, 1, 10),
        call(
            complaint(
                "minor", content="楼道灯坏了", place="5栋楼道", happened_at=at(2026, 12, 1, 9)
            )
        ),
    )
    clock.moment = NOW
    return Register({"A": a, "B": b, "C": c, "D": d, "repair": fix, "enquiry": ask, "E": e})
