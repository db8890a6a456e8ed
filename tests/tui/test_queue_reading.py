"""What the queue view has read, apart from the screen: a page that arrives for an older
reading never overwrites a newer one, the next page is asked for once, and a row saved again
between two pages is shown once."""

from frontdesk.services.matters.queue import QueueFilter, QueueKey, QueuePage, QueueTotals
from frontdesk.tui.screens.queue.reading import QueueReading
from tests.tui.queue_rows import row


def page(*ids: int, more: bool = False, totals: QueueTotals | None = None) -> QueuePage:
    return QueuePage([row(i) for i in ids], more, totals)


def test_a_page_read_for_an_earlier_reading_is_dropped():
    reading = QueueReading(page_size=3)
    first, _filters, _limit = reading.again()
    second, _filters, _limit = reading.again(from_top=True)
    assert not reading.take(page(1, 2, 3), first)
    assert reading.rows == {}
    assert reading.take(page(4, 5, more=True, totals=QueueTotals(9, 1, 0)), second)
    assert list(reading.rows) == [4, 5] and reading.more and reading.totals.matching == 9


def test_the_next_page_is_asked_for_once_and_starts_after_the_last_row():
    reading = QueueReading(page_size=2)
    number, _filters, limit = reading.again()
    assert limit == 2
    reading.take(page(1, 2, more=True), number)
    last = reading.rows[2]
    assert reading.next_page() == QueueKey(last.due, last.id)
    assert reading.next_page() is None  # already being read
    assert reading.add(page(2, 3), number) == [reading.rows[3]]  # 2 is shown already
    assert list(reading.rows) == [1, 2, 3] and reading.depth == 3


def test_a_next_page_for_a_reading_replaced_since_is_not_added():
    reading = QueueReading(page_size=2)
    number, _filters, _limit = reading.again()
    reading.take(page(1, 2, more=True), number)
    assert reading.next_page() is not None
    reading.refilter(overdue_only=True)
    newer, filters, limit = reading.again(from_top=True)
    assert filters == QueueFilter(overdue_only=True) and limit == 2
    assert reading.add(page(3, 4), number) is None
    assert list(reading.rows) == [1, 2]
    assert reading.take(page(7), newer) and list(reading.rows) == [7]


def test_no_next_page_when_none_follows():
    reading = QueueReading()
    number, _filters, _limit = reading.again()
    reading.take(page(1), number)
    assert reading.next_page() is None
