"""What a choice reads from what was typed: a number, a Chinese name as an input method
commits it, or the beginning of one, read as a whole once nothing more could change it."""

import pytest

from frontdesk.tui.widgets.picking import Choice, read

NEEDS = [
    Choice("v", "vent", "vent", ("求发泄",)),
    Choice("r", "respect", "respect", ("求尊重",)),
    Choice("s", "solution", "solution", ("求解决问题",)),
    Choice("c", "compensation", "compensation", ("求赔偿",)),
]
KINDS = [
    Choice("e", "enquiry", "enquiry 咨询"),
    Choice("r", "repair", "repair 报修"),
    Choice("c", "complaint", "complaint 投诉"),
    Choice("o", "other", "other 其他"),
]
TWELVE = [Choice(str(i), f"d{i}", f"部门{i}") for i in range(1, 13)]


def value(typed: str, choices=NEEDS) -> tuple[str | None, bool]:
    reading = read(typed, choices)
    return (reading.choice.value if reading.choice else None, reading.final)


@pytest.mark.parametrize(
    ("typed", "choices", "expected"),
    [
        ("3", NEEDS, ("solution", True)),  # the number shown beside it
        ("求解决问题", NEEDS, ("solution", True)),  # the whole name: taken at once
        ("求解决", NEEDS, ("solution", False)),  # a beginning of one name: the rest may come
        ("求", NEEDS, (None, False)),  # the beginning of all four: nothing yet
        ("求饶", NEEDS, (None, True)),  # no name goes on like this: refused at once
        ("9", NEEDS, (None, True)),
        ("投诉", KINDS, ("complaint", True)),  # the Chinese word of the label
        ("投", KINDS, ("complaint", False)),
        ("其他", KINDS, ("other", True)),
        ("2", TWELVE, ("d2", True)),  # no 20-something among twelve
        ("1", TWELVE, ("d1", False)),  # 1, or the beginning of 10, 11, 12
        ("12", TWELVE, ("d12", True)),
        ("部门1", TWELVE, ("d1", False)),
        ("部门12", TWELVE, ("d12", True)),
    ],
)
def test_what_the_typing_so_far_picks(typed, choices, expected):
    assert value(typed, choices) == expected


def test_a_label_in_english_is_picked_by_the_chinese_names_it_was_given():
    assert Choice("i", "important", "important", ("重要",)).names() == ("重要",)
    assert Choice("c", "complaint", "complaint 投诉").names() == ("投诉", "complaint 投诉")
    assert Choice("1", "维修部", "维修部").names() == ("维修部",)
    assert Choice("-", "", "not known").names() == ()
