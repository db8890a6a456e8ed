"""Every view and dialog of the app as text, in the language the environment chooses: run in a
process of its own (``python -m tests.i18n.every_screen FOLDER``), since the screens translate
their keys and titles as they are imported. Prints one JSON object: ``shown``, what each view
or dialog put on the terminal, and ``data``, every text stored in the database (residents'
names, units, what callers said) with the policy's names, which are shown as they are in either
language.

FRONTDESK_LANG sets the interface, FRONTDESK_CALLER_LANG the language spoken to callers.
"""

import asyncio
import json
import os
import sys
from pathlib import Path

from frontdesk import config, i18n

# As the command line does: the interface language first, before any screen is imported.
i18n.use(config.interface_language())

from sqlalchemy import inspect, text  # noqa: E402

from frontdesk.domain.vocabulary.policy import load_policy  # noqa: E402
from frontdesk.services.counter import Counter  # noqa: E402
from frontdesk.services.demo.estate import build_demo  # noqa: E402
from frontdesk.services.kernel.context import Desk  # noqa: E402
from frontdesk.store.database import open_database  # noqa: E402
from frontdesk.store.engine import new_session  # noqa: E402
from frontdesk.tui.app import FrontdeskApp  # noqa: E402
from tests.i18n.screens_in import NOW, PAINTED, ROOT, settled_text, text_of  # noqa: E402
from tests.tui.driving import unique_phone  # noqa: E402

SIZE = (160, 45)
#: What the tour types as a receptionist would: data, in whichever interface.
TYPED = ("三点", "明天三点", "投诉", "陈经理")


def stored_texts(engine) -> list[str]:
    """Every text value in every table: what was typed, said or named at the estate."""
    found: set[str] = set()
    with engine.connect() as connection:
        for table in inspect(connection).get_table_names():
            for row in connection.execute(text(f'SELECT * FROM "{table}"')):
                found.update(v for v in row if isinstance(v, str) and v.strip())
    return sorted(found)


class Tour:
    """Walks the app by its keys, noting what each stop shows."""

    def __init__(self, app: FrontdeskApp, pilot, shown: dict[str, str]) -> None:
        self.app, self.pilot, self.shown = app, pilot, shown

    async def keys(self, *keys: str) -> None:
        for key in keys:
            await self.pilot.press(key)
            await self.pilot.pause()

    async def note(self, name: str, *, view: str = "") -> None:
        """What the terminal shows once it stops changing. A dialog's question waits in a
        worker of the view under it, so the workers are not waited for here."""
        painted = PAINTED.get(view or name)
        before = None
        for _ in range(40):
            await self.pilot.pause(0.1)
            now = text_of(self.app)
            if now == before and (painted is None or painted.search(now)):
                break
            before = now
        self.shown[name] = now

    async def close(self) -> None:
        """Escape out of whatever dialog is open, back to the view under it."""
        from textual.screen import ModalScreen

        for _ in range(4):
            if not isinstance(self.app.screen, ModalScreen):
                return
            await self.keys("escape")
        raise AssertionError(f"{self.app.screen} does not close with Escape")

    async def to_row(self, key: int | None) -> None:
        """The list's cursor on the row of ``key``, or on its first row, and the list focused."""
        from textual.widgets import DataTable

        table = self.app.screen.query_one(DataTable)
        table.focus()
        table.move_cursor(row=0 if key is None else table.get_row_index(str(key)))
        await self.pilot.pause()


async def call_view(tour: Tour, digits: str) -> None:
    await tour.keys("f2")
    await tour.note("call")
    await tour.keys(*digits, "enter")
    await tour.note("call, caller found")
    await tour.keys("3")  # a complaint: its form opens
    await tour.keys(*"三点")  # read back beside the field, with the other reading
    await tour.note("call, complaint form")
    await tour.keys("f8")  # what is missing is said beside each field
    await tour.note("call, fields missing")
    await tour.keys("f10")  # not read back: refused beside the script
    await tour.note("call, filing refused")
    await tour.keys("f1")
    await tour.note("help")
    await tour.close()


async def residents_view(tour: Tour, digits: str) -> None:
    await tour.keys("f3", *digits)
    await tour.note("residents, card")
    await tour.keys("ctrl+e")
    await tour.note("residents, edit card")
    await tour.close()
    await tour.keys("f6")
    await tour.note("residents, number refused")


async def queue_view(tour: Tour, counter: Counter) -> None:
    rows = counter.queue()
    complaint = next(r for r in rows if r.kind == "complaint")
    repair = next(r for r in rows if r.kind == "repair")
    await tour.keys("f4")
    await tour.note("queue")
    await tour.to_row(complaint.id)
    for name, key in (
        ("queue, filter", "9"),
        ("queue, escalate", "1"),
        ("queue, reclassify", "6"),
        ("queue, note", "7"),
        ("queue, extend", "4"),
    ):
        await tour.keys(key)
        await tour.note(name)
        await tour.close()
    await tour.keys("4", *"明天三点")  # read back as typed
    await tour.note("queue, extend to a time")
    await tour.close()
    await tour.to_row(repair.id)
    await tour.keys("6")  # only a complaint is reclassified: said under the list
    await tour.note("queue, refused")


async def followups_view(tour: Tour) -> None:
    await tour.keys("f5")
    await tour.note("followups")
    await tour.keys("1")
    await tour.note("followups, verdict")
    await tour.close()
    await tour.keys("2")  # no answer: a toast names the outcome
    await tour.note("followups, try recorded", view="followups")


async def main(folder: Path) -> None:
    policy = load_policy(ROOT / "data" / "policy.toml")
    desk = Desk(policy, lambda: NOW, caller_language=config.caller_language())
    shown: dict[str, str] = {}
    empty = open_database(str(folder / "empty.db"))
    async with FrontdeskApp(Counter(empty, desk), blink=False).run_test(size=SIZE) as pilot:
        await pilot.pause()
        shown["first run"] = await settled_text(pilot.app, pilot, "first run", tries=30)
    empty.dispose()
    engine = open_database(str(folder / "screens.db"))
    with new_session(engine) as session:
        build_demo(session=session, policy=policy, now=NOW, seed=5, resident_count=40)
    counter = Counter(engine, desk)
    async with FrontdeskApp(counter, blink=False).run_test(size=SIZE) as pilot:
        await pilot.pause()
        shown["sign-in"] = text_of(pilot.app)
        await pilot.press(*"陈经理", "enter", *"12345", "enter")  # a wrong PIN: said why
        shown["sign-in, refused"] = await settled_text(pilot.app, pilot, "sign-in", tries=30)
    # The office manager sees every key: the report, the audit log, approving more time.
    assert counter.sign_in("陈经理", "1234") is not None
    _resident, digits = unique_phone(counter)
    app = FrontdeskApp(counter, blink=False)
    async with app.run_test(size=SIZE) as pilot:
        tour = Tour(app, pilot, shown)
        try:
            await call_view(tour, digits)
            await residents_view(tour, digits)
            await queue_view(tour, counter)
            await followups_view(tour)
            await tour.keys("f11")
            await tour.note("report")
            await tour.keys("f12")
            await tour.note("audit")
            await tour.to_row(None)
            await tour.keys("enter")
            await tour.note("audit, entry")
            await tour.close()
            await tour.keys("ctrl+p", *"投诉")
            await tour.note("palette")
        except Exception:
            # Where the tour stopped, and what it had seen: the screen it could not go on from.
            shown["where it stopped"] = text_of(app)
            print(json.dumps(shown, ensure_ascii=False, indent=1), file=sys.stderr)
            raise
    data = stored_texts(engine)
    engine.dispose()
    data += [policy.centre_name, *policy.departments, *TYPED]
    print(json.dumps({"shown": shown, "data": data}, ensure_ascii=False))


if __name__ == "__main__":
    os.environ.setdefault("FRONTDESK_NOW", NOW.isoformat())
    asyncio.run(main(Path(sys.argv[1])))
