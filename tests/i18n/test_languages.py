"""Two languages: the interface's (screens, commands, messages) and the one spoken to callers,
chosen apart. An English interface at a Chinese estate still shows the Chinese line to say."""

import json
import os
import subprocess
import sys
from collections.abc import Iterator

import pytest

from frontdesk import i18n
from frontdesk.domain.call.script import close, commit, greeting, identify, record
from tests.conftest import ROOT, at


def run(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """``frontdesk`` (or another module) in a process of its own: a language is chosen before
    the screens and commands translate their constants at import."""
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=240,
    )


@pytest.fixture
def interface() -> Iterator:
    """Speak a language for one test, English again after it."""
    yield i18n.use
    i18n.use("en")


def test_an_english_interface_shows_the_chinese_line_to_say_with_its_english_gloss(
    policy, interface
):
    interface("en")
    line = greeting(policy, apologise=False, caller="zh-Hans")
    assert line.say == "您好,阳光花园客户服务中心,请问有什么可以帮您?"
    assert line.gloss == "Hello, 阳光花园 customer service centre, how can I help you?"


def test_a_chinese_interface_does_not_repeat_the_chinese_line_as_its_gloss(policy, interface):
    interface("zh-Hans")
    assert greeting(policy, apologise=True, caller="zh-Hans").gloss == ""
    assert identify(caller="zh-Hans").gloss == ""
    # What the receptionist does at a step is still said, in Chinese.
    assert identify("张先生", caller="zh-Hans").gloss == "称呼住户姓名问好。"
    assert close(caller="zh-Hans").gloss == "感谢来电者,并让来电者先挂电话。"


def test_an_english_speaking_estate_says_english_lines(policy, interface):
    interface("en")
    line = greeting(policy, apologise=True, caller="en")
    assert line.say.startswith("Sorry to keep you waiting. Hello, 阳光花园 customer service")
    assert line.gloss == ""  # the line is in the interface's language already
    promise = commit(at(2026, 12, 5, 14, 40), caller="en")
    assert promise.say == "We will get back to you by Sat 5 Dec 14:40."
    assert record(caller="en").gloss.startswith("Listen and record")


def test_a_chinese_interface_glosses_english_lines_in_chinese(policy, interface):
    interface("zh-Hans")
    line = greeting(policy, apologise=False, caller="en")
    assert line.say.startswith("Hello, 阳光花园 customer service centre")
    assert line.gloss == "您好,阳光花园客户服务中心,请问有什么可以帮您?"
    assert (
        commit(at(2026, 12, 5, 14, 40), caller="en").gloss
        == "我们会在 2026-12-05 14:40 前给您答复。"
    )


def test_the_command_line_speaks_chinese_with_lang():
    done = run(
        "-m",
        "frontdesk",
        "--lang",
        "zh-Hans",
        "policy",
        "explain",
        "complaint",
        "--class",
        "important",
        "--received",
        "2026-12-02T14:40",
    )
    assert done.returncode == 0, done.stderr
    assert "重要投诉:1 小时内上报主管" in done.stdout
    assert "受理于 2026年12月2日(周三)14:40" in done.stdout


def test_the_command_line_help_speaks_the_language_of_the_environment():
    done = run("-m", "frontdesk", "queue", "--help", FRONTDESK_LANG="zh-Hans")
    assert "按下一个期限排列的未结事项" in done.stdout


def test_a_language_frontdesk_does_not_speak_is_one_clear_line():
    done = run("-m", "frontdesk", "--lang", "fr", "queue")
    assert done.returncode == 2
    assert (
        done.stderr
        == 'frontdesk: language: "fr" is not a language frontdesk speaks (zh-Hans, en)\n'
    )


def test_the_screens_speak_chinese(tmp_path):
    done = run(
        "-m",
        "tests.i18n.screens_in",
        str(tmp_path),
        FRONTDESK_LANG="zh-Hans",
        FRONTDESK_CALLER_LANG="zh-Hans",
    )
    assert done.returncode == 0, done.stderr
    shown = json.loads(done.stdout)
    assert "frontdesk — 登录" in shown["sign-in"] and "操作员姓名" in shown["sign-in"]
    call = shown["call"]
    assert "问候 › 确认身份 › 记录" in call
    assert "您好,阳光花园客户服务中心,请问有什么可以帮您?" in call
    assert "Hello," not in call  # the line is not glossed with itself, nor in English
    assert "f10 登记" in call and "事项类型" in call
    queue = shown["queue"]
    assert "倒计时" in queue and "已超期" in queue, queue
    assert "待回访" in shown["followups"] and "已接通" in shown["followups"]
