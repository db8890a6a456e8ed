"""Times as typed at the counter while the caller talks."""

import pytest

from frontdesk.domain.clock.moments import MomentError, parse_moment
from tests.conftest import SHANGHAI, at

NOW = at(2026, 12, 2, 14, 40)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("16:00", at(2026, 12, 2, 16, 0)),
        ("16：00", at(2026, 12, 2, 16, 0)),
        ("明天 9:30", at(2026, 12, 3, 9, 30)),
        ("明天9:30", at(2026, 12, 3, 9, 30)),
        ("tomorrow 09:30", at(2026, 12, 3, 9, 30)),
        ("后天 10:00", at(2026, 12, 4, 10, 0)),
        ("今天 17:00", at(2026, 12, 2, 17, 0)),
        ("+2h", at(2026, 12, 2, 16, 40)),
        ("+30m", at(2026, 12, 2, 15, 10)),
        ("+1d", at(2026, 12, 3, 14, 40)),
        ("12-05 10:00", at(2026, 12, 5, 10, 0)),
        ("2026-12-05 10:00", at(2026, 12, 5, 10, 0)),
        ("2026/12/05 10:00", at(2026, 12, 5, 10, 0)),
        ("2026-12-05T02:00:00+00:00", at(2026, 12, 5, 10, 0)),
    ],
)
def test_typed_times_are_read_in_the_estates_zone(text, expected):
    moment = parse_moment(text, now=NOW, tz=SHANGHAI)
    assert moment == expected and moment.tzinfo is not None


@pytest.mark.parametrize(
    "text",
    ["", "  ", "soon", "25:00", "明天", "明天 下午", "13-45 10:00", "+2x", "2026-02-30 10:00"],
)
def test_what_is_not_a_time_gets_a_message(text):
    with pytest.raises(MomentError) as error:
        parse_moment(text, now=NOW, tz=SHANGHAI)
    assert str(error.value)


def test_absurdly_far_times_are_refused_not_crashed():
    with pytest.raises(MomentError):
        parse_moment("+100000000h", now=NOW, tz=SHANGHAI)
