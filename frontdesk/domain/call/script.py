"""The call script of DOMAIN.md §2: the line to say at each step, composed from the policy and
what has been recorded.

The line is said in the caller's language (``caller``: "zh-Hans" unless the estate speaks
English to its callers), which is not the interface's: an English interface at a Chinese estate
still shows the Chinese line to say. So the lines to say are kept here, one table a language,
and not in the interface's catalogs. The gloss beside a line is in the interface language:
what the line means where the two languages differ (nothing where they are the same), or what
the receptionist does at that step.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from frontdesk import i18n
from frontdesk.domain.vocabulary.kinds import Channel, MatterKind
from frontdesk.domain.vocabulary.policy import Policy
from frontdesk.i18n import _

CHINESE = "zh-Hans"
CALLER_LANGUAGES = (CHINESE, "en")

_WEEKDAYS = {
    CHINESE: ("一", "二", "三", "四", "五", "六", "日"),
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
}
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

#: What is said to the caller, in each language the counter speaks to callers.
SAY: dict[str, dict[str, str]] = {
    CHINESE: {
        "greet": "您好,{centre}客户服务中心,请问有什么可以帮您?",
        "sorry": "让您久等了。",
        "by_name": "{address},您好!",
        "hello": "{address},您好",
        "who": "请问您贵姓?您的房号和联系电话是多少?",
        "record": "好的,请您慢慢说,我都记下来。",
        "confirm": "我跟您确认一下:{sentences}。请问对吗?",
        "and": ";",
        "anything_else": "请问还有其他可以帮您的吗?",
        "promise": "我们会在{due}前给您答复。",
        "close": "谢谢您的来电,祝您一天好心情!",
        "walk_in_greet": "您好,请坐!请问有什么可以帮您?",
        "walk_in_close": "请慢走,再见!",
        "moment": "{month}月{day}日(星期{weekday}){time}",
        "complaint": "您反映{when}在{place},{party}{content}",
        "complaint_when": "{when}",
        "complaint_place": "{place}",
        "complaint_party": "{party}",
        "repair": "{unit}需要报修:{content}{visit}",
        "visit": ",方便上门的时间是{visit}",
        "enquiry": "您咨询的是:{content}",
        "suggestion": "您的建议是:{content}",
        "praise": "您要表扬:{content}",
        "other": "您说的是:{content}",
        "again": "您之前反映的#{number}{summary}又来电了",
        "again_said": ":{said}",
    },
    "en": {
        "greet": "Hello, {centre} customer service centre, how may I help you?",
        "sorry": "Sorry to keep you waiting. ",
        "by_name": "Hello, {address}!",
        "hello": "Hello, {address}",
        "who": "May I have your name, your unit and a contact number, please?",
        "record": "Certainly, please take your time; I am writing it all down.",
        "confirm": "Let me confirm: {sentences}. Is that right?",
        "and": "; ",
        "anything_else": "Is there anything else I can help you with?",
        "promise": "We will get back to you by {due}.",
        "close": "Thank you for calling, and have a nice day!",
        "walk_in_greet": "Hello, please have a seat. How can I help you?",
        "walk_in_close": "Goodbye, and take care!",
        "moment": "{weekday} {day} {month_name} {time}",
        "complaint": "you reported that{when}{place}: {party}{content}",
        "complaint_when": " on {when}",
        "complaint_place": " at {place}",
        "complaint_party": "{party} ",
        "repair": "{unit} needs a repair: {content}{visit}",
        "visit": "; a convenient time for the visit is {visit}",
        "enquiry": "your question is: {content}",
        "suggestion": "your suggestion is: {content}",
        "praise": "you would like to praise: {content}",
        "other": "you said: {content}",
        "again": "you are calling again about #{number} {summary}",
        "again_said": ": {said}",
    },
}


class Step(StrEnum):
    GREET = "greet"
    IDENTIFY = "identify"
    RECORD = "record"
    REPEAT_BACK = "repeat-back"
    COMMIT = "commit"
    CLOSE = "close"


def step_name(step: Step) -> str:
    """The step as the script panel names it, in the interface language."""
    names = {
        Step.GREET: _("greet"),
        Step.IDENTIFY: _("identify"),
        Step.RECORD: _("record"),
        Step.REPEAT_BACK: _("repeat-back"),
        Step.COMMIT: _("commit"),
        Step.CLOSE: _("close"),
    }
    return names[step]


@dataclass(frozen=True)
class Line:
    """What to say (in the caller's language) and a gloss in the interface language: what it
    means, or what to do; empty where the line says it already."""

    say: str
    gloss: str


def _line(caller: str, say: str, *, means: str = "", advice: str = "") -> Line:
    """A line with its gloss: the advice, else what the line means unless the interface speaks
    the caller's language (the gloss would only repeat the line)."""
    if advice:
        return Line(say, advice)
    return Line(say, means if i18n.language() != caller else "")


def _said(caller: str) -> dict[str, str]:
    return SAY.get(caller, SAY[CHINESE])


def needs_apology(policy: Policy, rings: int) -> bool:
    """The phone rang long enough that the greeting starts with an apology."""
    return rings >= policy.apologise_from


def greeting(
    policy: Policy, *, apologise: bool, caller: str = CHINESE, channel: Channel = Channel.PHONE
) -> Line:
    """The first line: the phone's greeting, a walk-in invited to sit, or for a letter or an
    entry of the comment book, which nobody hears, what to do with it (DOMAIN.md §7)."""
    said = _said(caller)
    if channel is Channel.WALK_IN:
        return Line(
            said["walk_in_greet"],
            _("Stand up as the resident comes to the counter, and invite them to sit."),
        )
    if channel is Channel.LETTER:
        return Line(
            "", _("A letter: record it on a handling form the day it arrives, and keep a copy.")
        )
    if channel is Channel.COMMENT_BOOK:
        return Line("", _("An entry of the comment book: record it as a call is recorded."))
    say = said["greet"].format(centre=policy.centre_name)
    means = _("Hello, {centre} customer service centre, how can I help you?").format(
        centre=policy.centre_name
    )
    if apologise:
        say = said["sorry"] + say
        means = _("Sorry to keep you waiting. {greeting}").format(greeting=means)
    return _line(caller, say, means=means)


def identify(address: str | None = None, *, caller: str = CHINESE) -> Line:
    """Ask who is calling; greet a known resident by name instead."""
    said = _said(caller)
    if address:
        return _line(
            caller,
            said["by_name"].format(address=address),
            advice=_("Greet the resident by name."),
        )
    return _line(
        caller, said["who"], means=_("May I have your name, your unit and a contact number?")
    )


def hello(address: str, *, caller: str = CHINESE) -> str:
    """How a known resident is greeted by name, as the card shows it."""
    return _said(caller)["hello"].format(address=address)


def record(*, caller: str = CHINESE) -> Line:
    return _line(
        caller,
        _said(caller)["record"],
        advice=_("Listen and record every matter; do not interrupt."),
    )


def spoken_moment(moment: datetime, caller: str = CHINESE) -> str:
    """A moment as said to a caller: ``12月5日(星期六)14:40``, ``Sat 5 Dec 14:40``."""
    weekdays = _WEEKDAYS.get(caller, _WEEKDAYS[CHINESE])
    return _said(caller)["moment"].format(
        month=moment.month,
        month_name=_MONTHS[moment.month - 1],
        day=moment.day,
        weekday=weekdays[moment.weekday()],
        time=f"{moment:%H:%M}",
    )


def _matter_sentence(kind: MatterKind, values: Mapping[str, Any], caller: str) -> str:
    said = _said(caller)
    content = str(values.get("content", "")).strip()
    unit = values.get("unit")
    where = f"{unit.label}" if unit is not None else ""
    match kind:
        case MatterKind.COMPLAINT:
            happened = values.get("happened_at")
            when = spoken_moment(happened, caller) if isinstance(happened, datetime) else ""
            pieces = {
                "when": when,
                "place": values.get("place", ""),
                "party": values.get("complained_party", ""),
            }
            return said["complaint"].format(
                content=content,
                **{
                    name: said[f"complaint_{name}"].format(**{name: value}) if value else ""
                    for name, value in pieces.items()
                },
            )
        case MatterKind.REPAIR:
            visit = values.get("visit_at")
            at = (
                said["visit"].format(visit=spoken_moment(visit, caller))
                if isinstance(visit, datetime)
                else ""
            )
            return said["repair"].format(unit=where, content=content, visit=at)
        case MatterKind.ENQUIRY | MatterKind.SUGGESTION | MatterKind.PRAISE:
            return said[kind.value].format(content=content)
    return said["other"].format(content=content)


def called_again(number: int | None, summary: str, said: str, *, caller: str = CHINESE) -> str:
    """What is read back for a call added to the caller's open matter ``number``."""
    words = _said(caller)
    sentence = words["again"].format(number=number, summary=summary)
    return sentence + (words["again_said"].format(said=said) if said else "")


def repeat_back(
    matters: list[tuple[MatterKind, Mapping[str, Any]]], *, caller: str = CHINESE
) -> Line:
    """The sentence read back to the caller before anything is filed."""
    said = _said(caller)
    sentences = said["and"].join(_matter_sentence(kind, values, caller) for kind, values in matters)
    return _line(
        caller,
        said["confirm"].format(sentences=sentences),
        advice=_("Read back what was recorded and get the caller's confirmation."),
    )


def commit(due: datetime | None, *, caller: str = CHINESE) -> Line:
    """The promise of a time; without a due time the matter was answered on the call."""
    said = _said(caller)
    if due is None:
        return _line(caller, said["anything_else"], means=_("Anything else I can help with?"))
    return _line(
        caller,
        said["promise"].format(due=spoken_moment(due, caller)),
        means=_("We will reply by {due}.").format(due=f"{due:%Y-%m-%d %H:%M}"),
    )


def close(*, caller: str = CHINESE, channel: Channel = Channel.PHONE) -> Line:
    """The last line, as the matter came in: a caller thanked, a walk-in seen off, a letter or
    a comment-book entry answered as the handbook asks."""
    if channel is Channel.WALK_IN:
        return Line(_said(caller)["walk_in_close"], _("See the resident off with a smile."))
    if channel is Channel.LETTER:
        return Line(
            "",
            _(
                "Reply by letter once the supervisor confirms the reply, then call to thank "
                "the resident."
            ),
        )
    if channel is Channel.COMMENT_BOOK:
        return Line(
            "",
            _(
                "Write the handling back into the book and sign it; call back a resident who "
                "left a number."
            ),
        )
    return _line(
        caller,
        _said(caller)["close"],
        advice=_("Thank the caller, and let the caller hang up first."),
    )
