"""The queue's filter line and the choices its keys cycle through, apart from the screen."""

from frontdesk import i18n
from frontdesk.services.matters.queue import QueuePage, QueueTotals
from frontdesk.tui.screens.queue import filters
from frontdesk.tui.screens.queue.reading import QueueReading
from tests.tui.queue_rows import row

NONE = QueueTotals(0, 0, 0)


def read(*ids: int, more: bool = False, totals: QueueTotals = NONE) -> QueueReading:
    reading = QueueReading()
    number, _filters, _limit = reading.again()
    reading.take(QueuePage([row(i) for i in ids], more, totals), number)
    return reading


def test_each_key_cycles_through_its_choices_and_back_to_all():
    reading = read(1)
    seen = []
    for _ in range(5):
        reading.refilter(**filters.next_class(reading))
        seen.append(reading.filters.complaint_class)
    assert seen == ["major", "important", "minor", "invalid", None]
    reading.refilter(**filters.next_department(reading, ["工程部", "安护部"]))
    reading.refilter(**filters.next_department(reading, ["工程部", "安护部"]))
    assert reading.filters.department == "安护部"
    reading.refilter(**filters.other_filer(reading, 7))
    assert reading.filters.operator_id == 7
    reading.refilter(**filters.other_filer(reading, 7))
    assert reading.filters.operator_id is None


def test_the_line_names_the_filters_and_counts_what_matches():
    reading = read(1, 2, more=True, totals=QueueTotals(1234, 5, 2))
    reading.refilter(**filters.other_deadlines(reading))
    line = filters.filter_line(reading).plain
    assert "class all" in line and "overdue only" in line and "anyone's" in line
    assert "1,234 open" in line and "5 overdue" in line and "2 due within the hour" in line
    assert "showing the 2 most urgent" in line


def test_the_line_in_chinese():
    i18n.use("zh-Hans")
    try:
        line = filters.filter_line(read(1, totals=QueueTotals(3, 1, 0))).plain
    finally:
        i18n.use("en")
    assert "全部" in line and "1 件超期" in line and "class" not in line
