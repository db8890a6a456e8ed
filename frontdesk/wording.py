"""The domain's sentences put into words, in the language of whoever reads them.

The rules and the stored rows keep sentences as data (domain/vocabulary/sentences.py); this is
the one place they become text: on the screens, in the command line's output, in reports and
exports.
A row written before sentences were data keeps its stored text, shown as it was.
"""

from collections.abc import Iterable
from enum import StrEnum

from frontdesk.domain.clock.written_dates import day_text, moment_text
from frontdesk.domain.vocabulary.durations import Duration, within
from frontdesk.domain.vocabulary.labels import named
from frontdesk.domain.vocabulary.sentences import Day, Moment, Sentence, Value, Within
from frontdesk.i18n import translated

__all__ = ["say", "said_steps"]

#: How the steps of one explanation are joined.
STEP_SEPARATOR = "; "


def say(sentence: Sentence) -> str:
    """``sentence`` in the interface language."""
    if not sentence.template:
        return ""  # gettext("") is the catalog's header, not a sentence
    words = {name: _word(value) for name, value in sentence.values}
    if sentence.template == "{text}":
        return str(words.get("text", ""))
    for template in (translated(sentence.template), sentence.template):
        try:
            return template.format(**words)
        except (KeyError, IndexError, ValueError):
            # A translation naming a field the sentence lacks: the English one is right; a
            # stored sentence missing one of its values is shown as its template.
            continue
    return sentence.template


def said_steps(steps: Iterable[Sentence]) -> str:
    return STEP_SEPARATOR.join(say(step) for step in steps)


def _word(value: Value) -> str | int:
    match value:
        case Sentence():
            return say(value)
        case Moment(at=at):
            return moment_text(at)
        case Day(at=at):
            return day_text(at)
        case Within(duration=d):
            return within(d)
        case Duration():
            return str(value)
        case StrEnum():
            return named(value)
    return value
