"""Every view and dialog, in each interface language, holds no word of the other: under
zh-Hans no English but the names of keys; under en no Chinese but what is stored (residents'
names, units, what callers said), the policy's names, and the Chinese the English interface
carries on purpose: the names an input method commits to pick an option, shown beside the
English ones, and examples of what to type."""

import json
import re

import pytest
from babel.messages.pofile import read_po

from frontdesk.domain.vocabulary import kinds
from frontdesk.domain.vocabulary.labels import chinese_name
from tests.conftest import ROOT
from tests.i18n.test_languages import run

#: Words of the terminal's own: the keys as the footer and the help name them, and what a
#: receptionist types to search (pinyin initials and syllables, shown as examples).
KEY_WORDS = re.compile(
    r"[a-z]|f\d{1,2}|esc|escape|enter|tab|ctrl|shift|alt|pgup|pgdn|home|end|up|down|space|"
    # The queue's filter keys side by side in the footer (c d t s u m), and the app's name.
    r"backspace|delete|del|cdtsum|zw|zhangwei|frontdesk|pin",
    re.IGNORECASE,
)
ENGLISH = re.compile(r"[A-Za-z]+")
CHINESE = re.compile(r"[\u3400-\u9fff]+")


def tour(tmp_path, language: str) -> dict:
    done = run(
        "-m",
        "tests.i18n.every_screen",
        str(tmp_path),
        FRONTDESK_LANG=language,
        FRONTDESK_CALLER_LANG=language,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def chinese_on_purpose() -> set[str]:
    """The Chinese names that pick an option as an input method commits them, and the Chinese
    the English messages themselves are written with ("complaint 投诉", "yes 可以", the
    examples of what to type)."""
    names: set[str] = set()
    for enum in vars(kinds).values():
        if isinstance(enum, type) and issubclass(enum, kinds.StrEnum) and enum is not kinds.StrEnum:
            names.update(chinese_name(member) for member in enum)
    with (ROOT / "frontdesk" / "locale" / "frontdesk.pot").open("rb") as catalog:
        for message in read_po(catalog):
            ids = message.id if isinstance(message.id, tuple) else (message.id,)
            names.update(run_ for text in ids for run_ in CHINESE.findall(text))
    return {n for n in names if n}


def made_of(text: str, pieces: str) -> bool:
    """Whether ``text`` is a run of pieces of ``pieces``: a table puts a resident's name and
    what they said side by side with no space between, and cuts a long one short."""
    ends = {0}
    for end in range(1, len(text) + 1):
        if any(start in ends and text[start:end] in pieces for start in range(end)):
            ends.add(end)
    return len(text) in ends


@pytest.fixture(scope="module")
def tours(tmp_path_factory) -> dict[str, dict]:
    return {
        language: tour(tmp_path_factory.mktemp(language), language)
        for language in ("zh-Hans", "en")
    }


def test_the_chinese_interface_shows_no_english_but_the_keys(tours):
    shown = tours["zh-Hans"]["shown"]
    english = {
        name: sorted({w for w in ENGLISH.findall(screen) if not KEY_WORDS.fullmatch(w)})
        for name, screen in shown.items()
    }
    assert {name: words for name, words in english.items() if words} == {}


def test_the_english_interface_shows_no_chinese_but_data_and_the_names_that_pick(tours):
    shown = tours["en"]["shown"]
    pieces = "\0".join([*tours["en"]["data"], *chinese_on_purpose()])
    chinese = {
        name: sorted({r for r in CHINESE.findall(screen) if not made_of(r, pieces)})
        for name, screen in shown.items()
    }
    assert {name: runs for name, runs in chinese.items() if runs} == {}


def test_the_tour_saw_every_view_and_dialog(tours):
    for language in ("zh-Hans", "en"):
        shown = tours[language]["shown"]
        assert len(shown) >= 25, sorted(shown)
        assert all(text.strip() for text in shown.values())
    zh = tours["zh-Hans"]["shown"]
    assert "还是" in zh["call, complaint form"]  # the other reading of 三点
    assert "只有投诉可以延期或改级别" in zh["queue, refused"]
    en = tours["en"]["shown"]
    assert "Escape or Enter closes" in en["audit, entry"]
    assert "Hello, Mr " in en["residents, card"]  # the greeting in the caller's language
