"""DOMAIN.md §3: the same complaint raised again while open is a sign of a major complaint."""

from frontdesk.domain.call.repeats import is_same_matter, text_likeness


def test_the_same_party_at_the_same_place_is_the_same_matter():
    assert is_same_matter(
        {"place": "3栋电梯", "complained_party": "维修部", "content": "又停了"},
        {"place": "3栋 电梯", "complained_party": "维修部", "content": "停运"},
    )


def test_alike_descriptions_are_the_same_matter():
    assert is_same_matter(
        {"content": "楼上又漏水了,天花板在滴水"}, {"content": "楼上漏水,天花板滴水"}
    )


def test_different_matters_are_not_confused():
    assert not is_same_matter(
        {"place": "地下车库", "complained_party": "环境部", "content": "车库垃圾堆了一周"},
        {"place": "3栋电梯", "complained_party": "维修部", "content": "电梯停运两天"},
    )


def test_likeness_is_between_zero_and_one():
    assert text_likeness("", "abc") == 0.0
    assert text_likeness("电梯停运", "电梯停运") == 1.0
