"""The queue a page at a time: pages follow one another in queue order, however deadlines tie,
and the totals count every matter the filters let through, not only the rows read."""

import pytest

from frontdesk.services.intake.filing import file_call
from frontdesk.services.matters.handling import reopen
from frontdesk.services.matters.queue import QueueFilter, QueueTotals, list_queue, queue_page
from tests.conftest import at
from tests.services.drafts import call, complaint, enquiry, repair


def _file(session, desk, staff, *matters):
    return file_call(
        session=session, desk=desk, operator_id=staff.receptionist.id, draft=call(*matters)
    )


def _all_pages(session, desk, limit, filters=None):
    rows, after = [], None
    while True:
        page = queue_page(session=session, desk=desk, filters=filters, after=after, limit=limit)
        rows += page.rows
        if not page.more:
            return rows
        after = page.last


@pytest.fixture
def queue(session, desk, staff, clock):
    """Complaints whose deadlines tie (filed on one call), repairs, a promised reply, and an
    enquiry reopened: open again, with no deadline."""
    _file(
        session,
        desk,
        staff,
        complaint("important"),
        complaint("important", content="楼道灯坏了一周", place="5栋楼道"),
        complaint("minor", content="垃圾两天没人清运", place="垃圾房"),
        repair(),
        enquiry(),
    )
    clock.moment = at(2026, 12, 2, 14, 50)
    answered = _file(session, desk, staff, enquiry(answered=True), repair("leak"))
    reopen(
        session=session,
        desk=desk,
        operator_id=staff.receptionist.id,
        matter_id=answered.matter_ids[0],
        text="业主说还没收到答复",
    )
    clock.moment = at(2026, 12, 2, 15, 45)  # the first escalations are late now


@pytest.mark.parametrize("limit", [1, 2, 3])
def test_pages_read_one_after_another_give_the_whole_queue_in_order(session, desk, queue, limit):
    whole = list_queue(session=session, desk=desk)
    assert [r.id for r in _all_pages(session, desk, limit)] == [r.id for r in whole]
    # Two escalations due at the same moment, and the matter with no deadline last.
    assert whole[0].due == whole[1].due and whole[0].id < whole[1].id
    assert whole[-1].due is None and whole[-1].kind == "enquiry"


def test_a_page_says_whether_more_rows_follow(session, desk, queue):
    whole = list_queue(session=session, desk=desk)
    first = queue_page(session=session, desk=desk, limit=len(whole) - 1)
    assert first.more and len(first.rows) == len(whole) - 1
    assert not queue_page(session=session, desk=desk, limit=len(whole)).more


def test_filters_apply_to_every_page(session, desk, queue):
    repairs = QueueFilter(kind="repair")
    paged = _all_pages(session, desk, 1, repairs)
    assert [r.kind for r in paged] == ["repair", "repair"]
    assert paged == list_queue(session=session, desk=desk, filters=repairs)


def test_totals_count_every_match_however_few_rows_are_read(session, desk, queue):
    whole = list_queue(session=session, desk=desk)
    page = queue_page(session=session, desk=desk, limit=1)
    assert page.totals == QueueTotals(
        matching=len(whole),
        overdue=sum(r.overdue for r in whole),
        due_soon=sum(r.due_soon for r in whole),
    )
    assert page.totals.overdue == 2 and page.totals.due_soon > 0
    # Later pages leave the totals as the first one counted them.
    assert queue_page(session=session, desk=desk, after=page.last, limit=1).totals is None


def test_totals_follow_the_filters(session, desk, queue):
    def totals(**kw):
        return queue_page(session=session, desk=desk, filters=QueueFilter(**kw), limit=1).totals

    assert totals(kind="repair") == QueueTotals(matching=2, overdue=0, due_soon=0)
    assert totals(overdue_only=True) == QueueTotals(matching=2, overdue=2, due_soon=0)
    assert totals(complaint_class="minor").matching == 1
    assert totals(status="resolved") == QueueTotals(matching=0, overdue=0, due_soon=0)
