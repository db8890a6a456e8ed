"""The call being typed survives a crash: it is kept as a draft as it is typed, offered back at
the next sign-in with every field, and gone once filed or thrown away."""

import json

from frontdesk.domain.vocabulary.kinds import MatterKind
from frontdesk.services.intake.call import CallDraft, MatterDraft
from frontdesk.services.intake.drafts import SavedCall
from frontdesk.tui.dialogs.resume_prompt import ResumeCallPrompt
from frontdesk.tui.screens.call.resume import snapshot
from frontdesk.tui.screens.call.screen import CallScreen
from tests.tui.conftest import NOW, SIZE
from tests.tui.driving import calls, matters_of_call, settle, type_in, unique_phone

# The autosave is at most 0.2 s behind; a crash may cost at most this much typing.
BEHIND = 0.3


def draft_file(counter):
    return counter.drafts.store.path(counter.drafts.key(counter.operator.id))


def saved_draft(counter) -> dict:
    return json.loads(draft_file(counter).read_text())


async def wait_for_save(app, pilot) -> None:
    await pilot.pause(BEHIND)
    await settle(app, pilot)


async def start_complaint(app, pilot, counter) -> tuple[int, str]:
    """A known resident found by four digits; a complaint with its time and half a place."""
    resident_id, digits = unique_phone(counter)
    await type_in(pilot, digits)
    await settle(app, pilot)
    await pilot.press("c")
    await settle(app, pilot)
    await type_in(pilot, "今天9:00")
    await type_in(pilot, "3栋电", enter=False)
    return resident_id, digits


async def test_what_is_typed_is_in_the_draft_within_300_ms(make_app, counter):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_save(app, pilot)
        assert not draft_file(counter).exists(), "an empty form writes no draft"
        resident_id, digits = await start_complaint(app, pilot, counter)
        await wait_for_save(app, pilot)
        saved = saved_draft(counter)
    assert (saved["search"], saved["resident_id"]) == (digits, resident_id)
    fields = saved["current"]["fields"]
    assert saved["current"]["kind"] == "complaint"
    assert (fields["happened_at"], fields["place"]) == ("今天9:00", "3栋电")
    # The number on file is kept as the form holds it, masked: filing finds it on file.
    assert fields["contact_phone"] == counter.card(resident_id).phones_masked[0]
    assert "contact_phone" in saved["masked"]
    assert saved["focus"] == "field-place"
    assert saved["answered_at"] == NOW.isoformat()
    assert draft_file(counter).stat().st_mode & 0o777 == 0o600


async def test_continuous_typing_is_saved_while_it_goes_on(make_app, counter):
    """A throttle, not a debounce: a caller who never pauses is still saved as they talk."""
    app = make_app()
    typed = "路人甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳"
    seen = set()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        for count, key in enumerate(typed, start=1):
            await pilot.press(key)
            await pilot.pause(0.05)
            if draft_file(counter).exists():
                search = saved_draft(counter)["search"]
                assert typed.startswith(search) and len(search) <= count
                seen.add(search)
    assert len(seen) >= 3, seen


async def test_a_new_app_offers_the_draft_and_restores_every_field(make_app, counter):
    resident_id, _digits = unique_phone(counter)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await start_complaint(app, pilot, counter)
        screen = app.screen
        before = screen.form.values()
        await pilot.press("f6")
        await wait_for_save(app, pilot)
        caller = dict(screen.query_one("#caller").caller)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, ResumeCallPrompt)
        summary = str(app.screen.query_one("#resume-summary").render())
        assert "complaint" in summary and "fields filled" in summary
        await pilot.press("enter")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, CallScreen)
        assert screen.form.kind is MatterKind.COMPLAINT
        assert screen.form.values() == before
        assert screen.query_one("#caller").caller == caller
        assert screen.call.resident_id == resident_id and screen.call.apologise
        assert screen.call.started == NOW
        assert screen.query_one("#field-contact_phone").value.count("*") == 4
        assert app.focused.id == "field-place"
        await type_in(pilot, "梯")
        for text in ("安护部", "电梯停了两天没人管"):
            await type_in(pilot, text)
        await pilot.press("i", "a", "s")
        await settle(app, pilot)
        await pilot.press("f9", "f10")
        await settle(app, pilot)
        await wait_for_save(app, pilot)
        assert not draft_file(counter).exists(), "a filed call leaves no draft"
    call = calls(counter)[-1]
    assert (call.resident_id, call.rings, call.answered_at) == (resident_id, 5, NOW)
    (matter,) = matters_of_call(counter, call.id)
    assert (matter.place, matter.complaint_class) == ("3栋电梯", "important")


async def test_matters_recorded_with_f7_come_back_too(make_app, counter):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await type_in(pilot, unique_phone(counter)[1])
        await settle(app, pilot)
        await pilot.press("s")
        await settle(app, pilot)
        await type_in(pilot, "建议南门加雨棚", enter=False)
        await pilot.press("f7", "p")
        await settle(app, pilot)
        await type_in(pilot, "保安小王", enter=False)
        await wait_for_save(app, pilot)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        assert "suggestion" in str(app.screen.query_one("#recorded").render())
        await type_in(pilot, "很负责", enter=False)
        await pilot.press("f8", "f9", "f10")
        await settle(app, pilot)
    filed = matters_of_call(counter, calls(counter)[-1].id)
    assert [(m.kind, m.content) for m in filed] == [
        ("suggestion", "建议南门加雨棚"),
        ("praise", "保安小王很负责"),
    ]


async def test_declining_keeps_the_draft_aside_and_starts_clean(make_app, counter):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await start_complaint(app, pilot, counter)
        await wait_for_save(app, pilot)
    kept = draft_file(counter).read_bytes()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("escape")
        await wait_for_save(app, pilot)
        assert isinstance(app.screen, CallScreen) and app.screen.form is None
    assert not draft_file(counter).exists()
    (aside,) = draft_file(counter).parent.glob("*.declined-*")
    assert aside.read_bytes() == kept


async def test_a_discarded_call_leaves_no_draft(make_app, counter):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await start_complaint(app, pilot, counter)
        await wait_for_save(app, pilot)
        assert draft_file(counter).exists()
        await pilot.press("ctrl+n")
        await wait_for_save(app, pilot)
        assert draft_file(counter).exists(), "one Ctrl+N only warns"
        await pilot.press("ctrl+n")
        await wait_for_save(app, pilot)
        assert not draft_file(counter).exists()


async def test_an_unreadable_draft_is_reported_and_kept(make_app, counter):
    counter.sign_in("小李", "1234")
    path = draft_file(counter)
    path.parent.mkdir(parents=True)
    path.write_bytes(b'{"version": 1, "caller": {"name": "\xe5')  # cut off mid-character
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, CallScreen)
        assert any("could not be read" in n.message for n in app._notifications)
        await type_in(pilot, "路人甲", enter=False)
        await wait_for_save(app, pilot)
        assert saved_draft(counter)["search"] == "路人甲"
    (aside,) = path.parent.glob("*.unreadable-*")
    assert aside.read_bytes().endswith(b"\xe5")


def test_resume_offer_snapshot(snap_compare, make_app, counter):
    operator = counter.sign_in("小李", "1234")
    matter = MatterDraft(MatterKind.COMPLAINT, {"place": "3栋电梯", "content": "电梯停了"})
    call = CallDraft(caller_name="张伟", caller_phone="13800138000", caller_unit="3-2-1201")
    counter.drafts.keep(operator.id, SavedCall(call=call, current=matter, saved_at=NOW))

    async def run_before(pilot):
        await settle(pilot.app, pilot)

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run_before)


async def test_a_draft_saved_while_its_form_was_built_resumes_to_the_built_form(make_app, counter):
    """The kind is kept the moment it is chosen, before its form is there: resumed, the form
    is built and filled from the caller as it would have been."""
    resident_id, digits = unique_phone(counter)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await type_in(pilot, digits)
        await settle(app, pilot)
        app.screen.call.opening = MatterKind.COMPLAINT  # as if the draft were taken mid-build
        saved = snapshot(app.screen)
        counter.drafts.keep(counter.operator.id, saved)
    assert (saved.current.kind, saved.current.fields, saved.focus) == (
        MatterKind.COMPLAINT,
        {},
        None,
    )
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        form = app.screen.form
        assert form.kind is MatterKind.COMPLAINT
        assert form.values()["contact_name"] == counter.card(resident_id).name
        assert app.focused.id == "field-happened_at"


async def test_a_draft_that_cannot_be_opened_is_never_overwritten(make_app, counter):
    counter.sign_in("小李", "1234")
    path = draft_file(counter)
    path.mkdir(parents=True)  # there, but not a file the app can read
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert any("not kept as drafts" in n.message for n in app._notifications)
        await type_in(pilot, "路人甲", enter=False)
        await wait_for_save(app, pilot)
    assert path.is_dir()
