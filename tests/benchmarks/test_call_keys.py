"""Keys a receptionist presses to file a standard call, beyond the characters of the caller's
words: a known resident found from four digits of their phone, an important complaint with
its required fields. Target: at most 12.

Run with: pytest tests/benchmarks -s  (prints the figure)
"""

from sqlmodel import select

from frontdesk.store.engine import new_session
from frontdesk.store.tables.register import Matter
from tests.tui.conftest import SIZE
from tests.tui.driving import calls, settle, unique_phone

TARGET = 12


class Keyboard:
    """Presses keys, counting those that are not the caller's words."""

    def __init__(self, pilot):
        self.pilot = pilot
        self.extra: list[str] = []

    async def words(self, text: str) -> None:
        await self.pilot.press(*text)

    async def key(self, name: str) -> None:
        self.extra.append(name)
        await self.pilot.press(name)


async def test_keys_to_file_a_standard_complaint_call(make_app, counter):
    resident_id, digits = unique_phone(counter)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        keyboard = Keyboard(pilot)
        await settle(app, pilot)
        await keyboard.words(digits)  # the caller gives their number
        await settle(app, pilot)
        await keyboard.key("enter")  # pick the resident
        await settle(app, pilot)
        await keyboard.key("c")  # a complaint
        await settle(app, pilot)
        for said in ("今天9:00", "3栋电梯", "安护部", "电梯停了两天没人处理"):
            await keyboard.words(said)
            await keyboard.key("enter")
        for choice in ("i", "a", "s"):  # important, angry, wants a solution
            await keyboard.key(choice)
        await settle(app, pilot)
        await keyboard.key("f9")  # the caller confirmed the read-back
        await keyboard.key("f10")  # file
        await settle(app, pilot)
    call = calls(counter)[-1]
    with new_session(counter.engine) as session:
        matter = session.exec(select(Matter).where(Matter.call_id == call.id)).one()
    assert (call.resident_id, matter.complaint_class) == (resident_id, "important")
    print(
        f"\nkeys beyond the caller's words to file a standard complaint call: "
        f"{len(keyboard.extra)} (target ≤ {TARGET}): {' '.join(keyboard.extra)}"
    )
    assert len(keyboard.extra) <= TARGET


async def test_keys_to_file_it_through_an_input_method_in_chinese_mode(make_app, counter):
    """The same call with the input method in Chinese mode, where a letter never reaches the
    app: the kind and the choices by their numbers, the time as the caller said it."""
    resident_id, digits = unique_phone(counter)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        keyboard = Keyboard(pilot)
        await settle(app, pilot)
        await keyboard.words(digits)
        await settle(app, pilot)
        await keyboard.key("enter")
        await settle(app, pilot)
        await keyboard.key("3")  # 投诉, the third kind
        await settle(app, pilot)
        for said in ("昨天下午3点", "3栋电梯", "安护部", "电梯停了两天没人处理"):
            await keyboard.words(said)
            await keyboard.key("enter")
        for choice in ("2", "2", "3"):  # 重要, 焦急, 求解决问题
            await keyboard.key(choice)
        await settle(app, pilot)
        await keyboard.key("f9")
        await keyboard.key("f10")
        await settle(app, pilot)
    call = calls(counter)[-1]
    with new_session(counter.engine) as session:
        matter = session.exec(select(Matter).where(Matter.call_id == call.id)).one()
    assert (call.resident_id, matter.complaint_class, matter.need) == (
        resident_id,
        "important",
        "solution",
    )
    print(
        f"\nthe same through an input method in Chinese mode (a digit or F-key is one key): "
        f"{len(keyboard.extra)} (target ≤ {TARGET}): {' '.join(keyboard.extra)}"
    )
    assert len(keyboard.extra) <= TARGET
