"""The call script of DOMAIN.md §2: the line to say at each step, composed from the policy and
what has been recorded."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from frontdesk.domain.kinds import MatterKind
from frontdesk.domain.policy import Policy
from frontdesk.i18n import _

_WEEKDAYS = "一二三四五六日"


class Step(StrEnum):
    GREET = "greet"
    IDENTIFY = "identify"
    RECORD = "record"
    REPEAT_BACK = "repeat-back"
    COMMIT = "commit"
    CLOSE = "close"


@dataclass(frozen=True)
class Line:
    """What to say (in the estate's language) and a gloss in the interface language."""

    say: str
    gloss: str


def needs_apology(policy: Policy, rings: int) -> bool:
    """The phone rang long enough that the greeting starts with an apology."""
    return rings >= policy.apologise_from


def greeting(policy: Policy, *, apologise: bool) -> Line:
    say = f"您好,{policy.centre_name}客户服务中心,请问有什么可以帮您?"
    gloss = _("Hello, {centre} customer service centre, how can I help you?").format(
        centre=policy.centre_name
    )
    if apologise:
        return Line("让您久等了。" + say, _("Sorry to keep you waiting. ") + gloss)
    return Line(say, gloss)


def identify(address: str | None = None) -> Line:
    """Ask who is calling; greet a known resident by name instead."""
    if address:
        return Line(f"{address},您好!", _("Greet the resident by name."))
    return Line(
        "请问您贵姓?您的房号和联系电话是多少?",
        _("May I have your name, your unit and a contact number?"),
    )


def record() -> Line:
    return Line(
        "好的,请您慢慢说,我都记下来。", _("Listen and record every matter; do not interrupt.")
    )


def spoken_moment(moment: datetime) -> str:
    """A moment as said to a caller: ``12月5日(星期六)14:40``."""
    return f"{moment.month}月{moment.day}日(星期{_WEEKDAYS[moment.weekday()]}){moment:%H:%M}"


def _matter_sentence(kind: MatterKind, values: Mapping[str, Any]) -> str:
    content = str(values.get("content", "")).strip()
    unit = values.get("unit")
    where = f"{unit.label}" if unit is not None else ""
    match kind:
        case MatterKind.COMPLAINT:
            happened = values.get("happened_at")
            when = spoken_moment(happened) if isinstance(happened, datetime) else ""
            return (
                f"您反映{when}在{values.get('place', '')},"
                f"{values.get('complained_party', '')}{content}"
            )
        case MatterKind.REPAIR:
            visit = values.get("visit_at")
            at = f",方便上门的时间是{spoken_moment(visit)}" if isinstance(visit, datetime) else ""
            return f"{where}需要报修:{content}{at}"
        case MatterKind.ENQUIRY:
            return f"您咨询的是:{content}"
        case MatterKind.SUGGESTION:
            return f"您的建议是:{content}"
        case MatterKind.PRAISE:
            return f"您要表扬:{content}"
    return f"您说的是:{content}"


def repeat_back(matters: list[tuple[MatterKind, Mapping[str, Any]]]) -> Line:
    """The sentence read back to the caller before anything is filed."""
    sentences = ";".join(_matter_sentence(kind, values) for kind, values in matters)
    return Line(
        f"我跟您确认一下:{sentences}。请问对吗?",
        _("Read back what was recorded and get the caller's confirmation."),
    )


def commit(due: datetime | None) -> Line:
    """The promise of a time; without a due time the matter was answered on the call."""
    if due is None:
        return Line("请问还有其他可以帮您的吗?", _("Anything else I can help with?"))
    return Line(
        f"我们会在{spoken_moment(due)}前给您答复。",
        _("We will reply by {due}.").format(due=f"{due:%Y-%m-%d %H:%M}"),
    )


def close() -> Line:
    return Line(
        "谢谢您的来电,祝您一天好心情!", _("Thank the caller, and let the caller hang up first.")
    )
