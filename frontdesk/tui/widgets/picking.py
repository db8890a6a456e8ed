"""Picking one of a few options the way the counter types: a letter, the number shown beside
the option, or its Chinese name as the Pinyin input method commits it (投诉, 求解决问题), or an
unambiguous beginning of that name (求解决).

With the input method in Chinese mode a letter never reaches the app: it goes into the
composition. Digits pass through it, and a committed word arrives as its characters one
after another at once. A name is therefore read as a whole: an option is taken as soon as
nothing more could change which one is meant, else when the characters stop coming
(``COMMIT_PAUSE``) or Enter is pressed."""

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from textual import events
from textual.timer import Timer
from textual.widget import Widget

#: Longer than the gap between the characters of one commit (they arrive in one read of the
#: terminal), shorter than a receptionist's pause before the next field.
COMMIT_PAUSE = 0.3

_CHINESE = re.compile(r"[\u3400-\u9fff]+")


@dataclass(frozen=True)
class Choice:
    #: The letter that picks it (a digit for options that have no letter).
    key: str
    value: str
    label: str
    #: Other names it is picked by: its Chinese name where the label is not Chinese.
    words: tuple[str, ...] = ()

    def names(self) -> tuple[str, ...]:
        """The names typed in Chinese: the words given, each Chinese word of the label, and
        a label with Chinese in it as it stands (a department, 维修部)."""
        chinese = _CHINESE.findall(self.label)
        whole = (self.label,) if chinese and self.label not in chinese else ()
        return (*self.words, *chinese, *whole)


@dataclass(frozen=True)
class Reading:
    #: The option the text typed so far names, if it names exactly one.
    choice: Choice | None
    #: Whether more typing could change it: False while a name may still be arriving.
    final: bool


def number_of(choices: Sequence[Choice], choice: Choice) -> str:
    """The number shown beside ``choice``."""
    return str(choices.index(choice) + 1)


def read(typed: str, choices: Sequence[Choice]) -> Reading:
    """What ``typed`` (digits or Chinese, as far as it has come) picks among ``choices``."""
    names = [{str(i), *choice.names()} for i, choice in enumerate(choices, start=1)]
    possible = [
        c for c, n in zip(choices, names, strict=True) if any(w.startswith(typed) for w in n)
    ]
    exact = [c for c, n in zip(choices, names, strict=True) if typed in n]
    if not possible:
        return Reading(None, final=True)
    if len(possible) == 1 and exact == possible:
        return Reading(possible[0], final=True)
    # Either a beginning of one name (求解决), or a name that begins others (1 among 1–12).
    if len(exact) == 1:
        return Reading(exact[0], final=False)
    return Reading(possible[0] if len(possible) == 1 else None, final=False)


class ChoiceTyping:
    """The keys of a choice, for the widget ``host`` that shows it: ``picked`` hears the option
    taken, ``refused`` the text that names none (or more than one)."""

    def __init__(
        self,
        host: Widget,
        choices: Callable[[], Sequence[Choice]],
        picked: Callable[[Choice], None],
        refused: Callable[[str], None],
    ) -> None:
        self.host = host
        self.choices = choices
        self.picked = picked
        self.refused = refused
        self.typed = ""
        self.timer: Timer | None = None

    def key(self, event: events.Key) -> bool:
        """Take the key if it picks or names an option; True when it was taken."""
        char = event.character
        if event.key == "enter" and self.typed:
            event.stop()
            event.prevent_default()
            self.settle()
            return True
        if not char or not char.isprintable() or char.isspace():
            return False
        if not self.typed and not char.isdigit():
            for choice in self.choices():
                if char.lower() == choice.key:
                    self._taken(event)
                    self.picked(choice)
                    return True
        if not (char.isdigit() or not char.isascii()):
            return False
        self._taken(event)
        self.typed += char
        reading = read(self.typed, self.choices())
        if reading.final:
            self.settle()
        else:
            self.timer = self.host.set_timer(COMMIT_PAUSE, self.settle)
        return True

    def settle(self) -> None:
        """The name is complete: take the option it names, or say that it names none."""
        self._stop_timer()
        typed, self.typed = self.typed, ""
        if not typed:
            return
        reading = read(typed, self.choices())
        if reading.choice is not None:
            self.picked(reading.choice)
        else:
            self.refused(typed)

    def _taken(self, event: events.Key) -> None:
        # Stop here so the key does not also reach the view underneath.
        event.stop()
        event.prevent_default()
        self._stop_timer()

    def _stop_timer(self) -> None:
        if self.timer is not None:
            self.timer.stop()
            self.timer = None
