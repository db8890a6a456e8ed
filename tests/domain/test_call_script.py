"""DOMAIN.md §2: the lines of the call script and the repeat-back sentence."""

from frontdesk.domain.call.script import (
    close,
    commit,
    greeting,
    identify,
    needs_apology,
    repeat_back,
    spoken_moment,
)
from frontdesk.domain.people.units import normalize_unit
from frontdesk.domain.vocabulary.kinds import Channel, MatterKind
from tests.conftest import at


def test_greeting_names_the_centre_and_never_opens_with_wei(policy):
    line = greeting(policy, apologise=False)
    assert line.say.startswith("您好,阳光花园客户服务中心")
    assert "喂" not in line.say


def test_five_rings_or_more_start_the_greeting_with_an_apology(policy):
    assert not needs_apology(policy, 4)
    assert needs_apology(policy, 5)
    assert greeting(policy, apologise=True).say.startswith("让您久等了")


def test_known_residents_are_greeted_by_name():
    assert identify("张先生").say == "张先生,您好!"
    assert "房号" in identify().say


def test_repeat_back_reads_every_matter_and_asks_for_confirmation():
    line = repeat_back(
        [
            (
                MatterKind.COMPLAINT,
                {
                    "content": "电梯停运",
                    "place": "3栋",
                    "complained_party": "维修部",
                    "happened_at": at(2026, 12, 2, 8, 0),
                },
            ),
            (
                MatterKind.REPAIR,
                {
                    "content": "水龙头漏水",
                    "unit": normalize_unit("5-1-302"),
                    "visit_at": at(2026, 12, 3, 10, 0),
                },
            ),
        ]
    )
    assert line.say.startswith("我跟您确认一下")
    assert "电梯停运" in line.say and "5-1-302" in line.say and "12月3日(星期四)10:00" in line.say
    assert line.say.endswith("请问对吗?")


def test_commit_promises_the_time_and_close_thanks_the_caller():
    assert commit(at(2026, 12, 5, 14, 40)).say == "我们会在12月5日(星期六)14:40前给您答复。"
    assert "祝您一天好心情" in close().say
    assert "hang up first" in close().gloss
    assert spoken_moment(at(2026, 12, 6, 9, 5)) == "12月6日(星期日)09:05"


def test_each_channel_has_its_own_first_and_last_line(policy):
    walk_in = greeting(policy, apologise=False, channel=Channel.WALK_IN)
    assert walk_in.say == "您好,请坐!请问有什么可以帮您?" and "invite them to sit" in walk_in.gloss
    assert close(channel=Channel.WALK_IN).say == "请慢走,再见!"
    for quiet in (Channel.LETTER, Channel.COMMENT_BOOK):
        # Nobody hears a letter or the book: nothing to say, what to do instead.
        assert greeting(policy, apologise=True, channel=quiet).say == ""
        assert close(channel=quiet).say == "" and close(channel=quiet).gloss
    assert "来电" in close().say and "客户服务中心" in greeting(policy, apologise=False).say
