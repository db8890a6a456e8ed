"""Queue rows as the services read them, for the tests of the queue view's parts."""

from datetime import timedelta

from frontdesk.domain.vocabulary.sentences import as_it_is
from frontdesk.services.matters.queue import QueueRow
from tests.conftest import at


def row(matter_id: int, **changes) -> QueueRow:
    """Open complaint ``matter_id``, due ``matter_id`` hours after 2 Dec 2026 15:00."""
    fields = {
        "id": matter_id,
        "kind": "complaint",
        "complaint_class": "important",
        "status": "open",
        "resident": "张伟",
        "resident_id": 1,
        "unit": "3-2-1201",
        "summary": "电梯停运",
        "department": "",
        "repair_category": None,
        "next_milestone": "resolve",
        "due": at(2026, 12, 2, 15) + timedelta(hours=matter_id),
        "overdue": False,
        "due_soon": False,
        "rule": as_it_is("important complaint: resolve within 3 days"),
        "steps": (),
    }
    fields.update(changes)
    return QueueRow(**fields)
