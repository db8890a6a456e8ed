"""What the queue view has read, and which reading a page that arrives belongs to.

The list is read in pages, in a worker, while the receptionist keeps typing: a filter changed
or another counter's save starts a new reading from the top, and a page asked for by an
earlier one must not overwrite it. Kept apart from the screen so the rules can be tested
without one.
"""

from dataclasses import dataclass, field, replace
from typing import Any

from frontdesk.services.matters.queue import PAGE, QueueFilter, QueueKey, QueuePage, QueueRow
from frontdesk.services.matters.queue import QueueTotals as Totals


@dataclass
class QueueReading:
    filters: QueueFilter = field(default_factory=QueueFilter)
    #: The rows read so far, most urgent first: a page, and the next as the cursor nears the
    #: end of it.
    rows: dict[int, QueueRow] = field(default_factory=dict)
    totals: Totals = field(default_factory=lambda: Totals(0, 0, 0))
    #: Whether rows follow the last one read.
    more: bool = False
    #: How many rows a reading asks for: a page, and more as more are read. Not the rows
    #: shown: a reading asked for before a new filter's rows arrive would count the old.
    depth: int = 0
    #: Counts the readings from the top: a page read for an earlier one is dropped.
    number: int = 0
    #: Whether the page after the last row is being read.
    reading_more: bool = False
    page_size: int = PAGE

    def __post_init__(self) -> None:
        self.depth = self.depth or self.page_size

    def again(self, *, from_top: bool = False) -> tuple[int, QueueFilter, int]:
        """A new reading: as many rows as are shown (the cursor stays on its matter), or
        ``from_top``, one page. Its number, its filters and how many rows to ask for."""
        if from_top:
            self.depth = self.page_size
        self.number += 1
        self.reading_more = False
        return self.number, self.filters, self.depth

    def refilter(self, **changes: Any) -> None:
        self.filters = replace(self.filters, **changes)

    def take(self, page: QueuePage, number: int) -> bool:
        """The rows of reading ``number`` in place of those read; False (nothing changes) when
        a newer reading was asked for since."""
        if number != self.number:
            return False
        self.rows = {row.id: row for row in page.rows}
        self.more = page.more
        if page.totals is not None:
            self.totals = page.totals
        return True

    def next_page(self) -> QueueKey | None:
        """Where the next page starts, when there is one and it is not being read already."""
        if not self.more or self.reading_more or not self.rows:
            return None
        self.reading_more = True
        last = next(reversed(self.rows.values()))
        return QueueKey(last.due, last.id)

    def add(self, page: QueuePage, number: int) -> list[QueueRow] | None:
        """The rows of the next page added after those read (a row saved again since the page
        before was read is shown already); None when the list was read again from the top
        since it was asked for."""
        if number != self.number or not self.reading_more:
            return None
        self.reading_more = False
        fresh = [row for row in page.rows if row.id not in self.rows]
        self.rows.update((row.id, row) for row in fresh)
        self.more = page.more
        if page.totals is not None:
            self.totals = page.totals
        self.depth = max(self.depth, len(self.rows))
        return fresh
