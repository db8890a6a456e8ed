"""One counter of the load benchmark, run in its own OS process: its own engine, its own
operator, the shipped policy and a clock, filing realistic calls as fast as it can, each tagged
with a text of its own so the database can be checked for lost or doubled matters afterwards."""

import random
import time
import traceback
from dataclasses import dataclass
from datetime import timedelta

from frontdesk.domain.vocabulary.kinds import MatterKind
from frontdesk.domain.vocabulary.policy import load_policy
from frontdesk.services.intake.call import CallDraft, MatterDraft
from frontdesk.services.intake.filing import file_call
from frontdesk.services.kernel.context import Desk
from frontdesk.store.database import open_database
from frontdesk.store.engine import new_session
from tests.conftest import ROOT, at

# The moment the load starts, in the estate's time; each counter's clock runs on from it.
START = at(2026, 12, 2, 14, 40)

COMPLAINTS = [
    ("3栋电梯", "安护部", "电梯停运两天没人处理", "important"),
    ("地下车库", "安护部", "车库入口道闸坏了进不去", "minor"),
    ("楼道", "环境部", "楼道垃圾三天没清理", "important"),
    ("楼上", "维修部", "楼上装修噪音太大", "minor"),
    ("小区大门", "安护部", "保安态度很差", "important"),
]
REPAIRS = [
    ("厨房水龙头坏了", "other"),
    ("卫生间天花板漏水", "leak"),
    ("单元门禁失灵", "safety"),
    ("阳台灯不亮", "other"),
]
QUESTIONS = ["物业费什么时候交?", "停车位怎么办理?", "快递柜放在哪里?"]


@dataclass(frozen=True)
class Caller:
    resident_id: int | None
    name: str
    phone: str
    unit: str


@dataclass(frozen=True)
class Filing:
    """One save: its tag, how long it took (seconds), and the error that reached the caller."""

    tag: str
    seconds: float
    error: str | None


def matter_for(kind: MatterKind, caller: Caller, tag: str, pick: random.Random) -> MatterDraft:
    if kind is MatterKind.COMPLAINT:
        place, party, content, cls = pick.choice(COMPLAINTS)
        fields = {
            "contact_name": caller.name,
            "unit": caller.unit,
            "contact_phone": caller.phone,
            "happened_at": "2026-12-02 08:00",
            "place": place,
            "complained_party": party,
            "content": f"{content}({tag})",
            "complaint_class": cls,
            "emotion": pick.choice(["angry", "anxious", "calm"]),
            "need": pick.choice(["solution", "respect", "vent"]),
        }
    elif kind is MatterKind.REPAIR:
        content, category = pick.choice(REPAIRS)
        fields = {
            "contact_name": caller.name,
            "unit": caller.unit,
            "content": f"{content}({tag})",
            "repair_category": category,
            "visit_at": "明天 10:00",
            "department": "维修部",
        }
    else:
        fields = {
            "content": f"{pick.choice(QUESTIONS)}({tag})",
            "answered": False,
            "callback_phone": caller.phone,
            "promised_at": "2026-12-02 17:00",
        }
    return MatterDraft(kind, fields, confirmed=True)


def run_counter(
    target: str,
    operator_id: int,
    number: int,
    callers: list[Caller],
    seconds: float,
    ready,
    results,
) -> None:
    """File calls for ``seconds`` once every counter is ready; put the filings on ``results``."""
    engine = open_database(target)
    policy = load_policy(ROOT / "data" / "policy.toml")
    began = time.monotonic()
    desk = Desk(
        policy,
        lambda: START + timedelta(seconds=time.monotonic() - began),
        counter=f"counter {number}",
    )
    pick = random.Random(number)
    kinds = [MatterKind.COMPLAINT, MatterKind.REPAIR, MatterKind.ENQUIRY]
    filings: list[Filing] = []
    ready.wait(timeout=300)  # broken when a counter failed to start
    until = time.monotonic() + seconds
    while time.monotonic() < until:
        caller = pick.choice(callers)
        tag = f"load-{number}-{len(filings)}"
        draft = CallDraft(
            caller_name=caller.name,
            caller_phone=caller.phone,
            caller_unit=caller.unit,
            resident_id=caller.resident_id,
            rings=pick.randint(1, 6),
            matters=[matter_for(pick.choice(kinds), caller, tag, pick)],
        )
        started = time.perf_counter()
        error = None
        try:
            with new_session(engine) as session:
                file_call(session=session, desk=desk, operator_id=operator_id, draft=draft)
        except Exception as exc:  # noqa: BLE001 - every error is counted, none may happen
            error = f"{type(exc).__name__}: {exc}".splitlines()[0]
            if len([f for f in filings if f.error]) < 3:
                traceback.print_exc()
        filings.append(Filing(tag, time.perf_counter() - started, error))
    engine.dispose()
    results.put(filings)
