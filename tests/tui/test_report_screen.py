"""The monthly report view (F11): the month's tables and charts, a key to the month before,
after and in progress; the figures are the services' own."""

from textual.widgets import DataTable, Sparkline, Static

from frontdesk.domain.clock.months import Month
from tests.tui.conftest import SIZE
from tests.tui.driving import settle


def cells(app, key: str) -> dict[str, list[str]]:
    """A table of the view by its first column: what each row shows."""
    table = app.screen.query_one(f"#report-{key}", DataTable)
    rows = {}
    for row_key in table.rows:
        row = [cell.plain for cell in table.get_row(row_key)]
        rows[row[0]] = row[1:]
    return rows


def status(app) -> str:
    return str(app.screen.query_one("#report-status", Static).render())


async def open_report(app, pilot) -> None:
    await pilot.press("f11")
    await settle(app, pilot)


async def test_f11_opens_the_last_complete_month_beside_the_one_before(make_app, counter):
    expected = counter.report(Month(2026, 11))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_report(app, pilot)
        assert app.current_mode == "report"
        assert status(app).startswith("Monthly report 2026-11, against 2026-10")
        summary = cells(app, "summary")
        assert summary["complaints received"][:2] == [
            str(expected.this.complaints),
            str(expected.previous.complaints),
        ]
        kinds = cells(app, "by_kind")
        assert kinds["repair"][0] == str(expected.this.by_kind["repair"])
        milestones = cells(app, "milestones")
        assert milestones["resolve"][0] == str(expected.this.milestones["resolve"].counted)
        spark = app.screen.query_one("#report-spark-this", Sparkline)
        assert list(spark.data) == expected.this.complaints_by_day and len(spark.data) == 30


async def test_p_n_and_t_go_to_the_month_before_after_and_in_progress(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_report(app, pilot)
        await pilot.press("p")
        await settle(app, pilot)
        assert status(app).startswith("Monthly report 2026-10, against 2026-09")
        await pilot.press("n", "n")
        await settle(app, pilot)
        assert status(app).startswith("Monthly report 2026-12 (in progress")
        await pilot.press("p", "t")
        await settle(app, pilot)
        assert app.screen.report.month == Month(2026, 12)


async def test_a_report_that_cannot_be_read_is_said_not_swallowed(make_app, counter):
    def broken(month):
        raise RuntimeError("database gone away")

    counter.report = broken
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_report(app, pilot)
        assert any("database gone away" in n.message for n in app._notifications)


def test_report_view_snapshot(snap_compare, make_app):
    async def opened(pilot) -> None:
        await open_report(pilot.app, pilot)

    # F11 again once the figures are in is a no-op that names the view shown.
    assert snap_compare(make_app(), press=["f11"], terminal_size=SIZE, run_before=opened)
