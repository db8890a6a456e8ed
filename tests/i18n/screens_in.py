"""The app's screens as text, in whatever language the environment chooses: run in a process
of its own (``python -m tests.i18n.screens_in FOLDER``), since the screens translate their keys
and titles as they are imported. Prints one JSON object: view name → the screen's text.

FRONTDESK_LANG sets the interface, FRONTDESK_CALLER_LANG the language spoken to callers.
"""

import asyncio
import html
import json
import os
import re
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

from frontdesk import config, i18n

# As the command line does: the interface language first, before any screen is imported.
i18n.use(config.interface_language())

from frontdesk.domain.vocabulary.policy import load_policy  # noqa: E402
from frontdesk.services.counter import Counter  # noqa: E402
from frontdesk.services.demo.estate import build_demo  # noqa: E402
from frontdesk.services.kernel.context import Desk  # noqa: E402
from frontdesk.store.database import open_database  # noqa: E402
from frontdesk.store.engine import new_session  # noqa: E402
from frontdesk.tui.app import FrontdeskApp  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
NOW = __import__("datetime").datetime(2026, 12, 2, 15, 10, tzinfo=ZoneInfo("Asia/Shanghai"))


def text_of(app: FrontdeskApp) -> str:
    """The screen's characters, as the terminal shows them (the SVG screenshot's text)."""
    svg = app.export_screenshot()
    lines = re.findall(r"<text[^>]*>(.*?)</text>", svg, flags=re.S)
    return html.unescape("".join(lines)).replace("\xa0", " ")


#: What shows that a view has painted what it read: a list's rows carry a matter's number.
PAINTED = {"queue": re.compile(r"#\d+"), "followups": re.compile(r"#\d+")}


async def settled_text(app: FrontdeskApp, pilot, view: str, tries: int = 100) -> str:
    """The screen once it has painted what it read and stops changing. On a busy machine a
    list's rows reach the screen some frames after the workers that read them are done: the
    table measures its new rows when it is next idle, and paints none before."""
    before, painted = None, PAINTED.get(view)
    for _ in range(tries):
        await app.workers.wait_for_complete()
        await pilot.pause(0.1)
        now = text_of(app)
        ready = painted is None or painted.search(now) is not None
        if ready and now == before and all(w.is_finished for w in app.workers):
            return now
        before = now
    return before or ""


async def main(folder: Path) -> None:
    policy = load_policy(ROOT / "data" / "policy.toml")
    desk = Desk(policy, lambda: NOW, caller_language=config.caller_language())
    engine = open_database(str(folder / "screens.db"))
    with new_session(engine) as session:
        build_demo(session=session, policy=policy, now=NOW, seed=5, resident_count=40)
    counter = Counter(engine, desk)
    shown: dict[str, str] = {}
    async with FrontdeskApp(counter, blink=False).run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        shown["sign-in"] = text_of(pilot.app)
    assert counter.sign_in("小李", "1234") is not None
    app = FrontdeskApp(counter, blink=False)
    async with app.run_test(size=(160, 45)) as pilot:
        for name, key in (("call", "f2"), ("queue", "f4"), ("followups", "f5")):
            await pilot.press(key)
            shown[name] = await settled_text(app, pilot, name)
    engine.dispose()
    print(json.dumps(shown, ensure_ascii=False))


if __name__ == "__main__":
    os.environ.setdefault("FRONTDESK_NOW", NOW.isoformat())
    asyncio.run(main(Path(sys.argv[1])))
