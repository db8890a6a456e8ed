"""The audit log (F12): the office manager's view of who did what, where and when; for anyone
else the key is not there, and the service's refusal is what the screen says if reached."""

import pytest
from textual.widgets import DataTable

from frontdesk.tui.screens.audit import AuditEntryScreen, AuditScreen, parse_filter
from tests.conftest import SHANGHAI, at
from tests.tui.conftest import NOW, SIZE
from tests.tui.driving import settle, type_in


def rows(app) -> list[list[str]]:
    table = app.screen.query_one(DataTable)
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


def status(app) -> str:
    return str(app.screen.query_one("#audit-status").render())


async def test_the_manager_reads_the_log_newest_first_and_opens_an_entry(make_app):
    app = make_app("陈经理")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f12")
        await settle(app, pilot)
        assert isinstance(app.screen, AuditScreen)
        ids = list(app.screen.lines)
        assert len(ids) == 50 and ids == sorted(ids, reverse=True)
        assert "Ctrl+O for older" in status(app)
        await pilot.press("ctrl+o")
        await settle(app, pilot)
        assert len(app.screen.lines) == 100
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, AuditEntryScreen)
        assert f"#{ids[0]} " in str(app.screen.query_one("Static").render())
        await pilot.press("escape")
        assert isinstance(app.screen, AuditScreen)


async def test_the_log_is_narrowed_by_the_filter_line(make_app, counter):
    counter.sign_in("王主管", "1234")
    counter.reveal_phone(resident_id=1)
    app = make_app("陈经理")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f12")
        await settle(app, pilot)
        await pilot.press("ctrl+l")
        await type_in(pilot, "who:王主管 reveal")
        await settle(app, pilot)
        shown = rows(app)
        assert shown and {(r[1], r[3]) for r in shown} == {("王主管", "number shown")}
        assert all("whose:" in r[5] for r in shown)
        await pilot.press("ctrl+l", *["backspace"] * 20)
        await type_in(pilot, "since:yesterday-ish")
        await settle(app, pilot)
        assert "not" in status(app)  # a word the filter cannot read is said, not guessed


async def test_no_one_else_has_the_key_and_the_service_refuses_them(make_app):
    app = make_app("王主管")
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert app.check_action("view", ("audit",)) is False
        await pilot.press("f12")
        await settle(app, pilot)
        assert app.current_mode == "call"
        # Reached anyway, past the app's own check: the service says no, and it is shown.
        app.action_view("audit")
        await settle(app, pilot)
        assert isinstance(app.screen, AuditScreen)
        assert "only the office manager may read the audit log" in status(app)
        assert rows(app) == []


def test_the_filter_line_reads_who_what_and_since_when():
    found = parse_filter(
        "who:小李 table:matter row:12 update since:2026-12-01", now=NOW, tz=SHANGHAI
    )
    assert (found.operator, found.table_name, found.row_key, found.action) == (
        "小李",
        "matter",
        "12",
        "update",
    )
    assert found.since == at(2026, 12, 1)
    assert parse_filter("system", now=NOW, tz=SHANGHAI).operator == "system"


def test_audit_view_snapshot(snap_compare, make_app):
    async def run_before(pilot):
        await pilot.press("f12")
        await settle(pilot.app, pilot)
        # One call a flush: entries written by one flush have no fixed order among themselves.
        await pilot.press("ctrl+l")
        await type_in(pilot, "table:call")
        await settle(pilot.app, pilot)

    assert snap_compare(make_app("陈经理"), terminal_size=SIZE, run_before=run_before)


def test_the_filter_reads_the_words_of_the_interface_language_too():
    from frontdesk import i18n
    from frontdesk.services.staff.audit import SYSTEM, AuditFilter

    i18n.use("zh-Hans")
    try:
        asked = parse_filter("人员:小李 表:事项 操作:修改", now=NOW, tz=SHANGHAI)
        bare = parse_filter("查看号码 系统", now=NOW, tz=SHANGHAI)
        with pytest.raises(ValueError, match="新增"):
            parse_filter("操作:改", now=NOW, tz=SHANGHAI)  # the actions are named as shown
    finally:
        i18n.use("en")
    assert asked == AuditFilter(operator="小李", table_name="matter", action="update")
    assert bare == AuditFilter(operator=SYSTEM, action="reveal")
    # The stored names still work, in either language.
    assert parse_filter("table:matter update", now=NOW, tz=SHANGHAI) == AuditFilter(
        table_name="matter", action="update"
    )
