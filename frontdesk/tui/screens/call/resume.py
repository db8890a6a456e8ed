"""A call as it is on screen, kept as a draft, and put back into the view as it was typed."""

from textual.widgets import Input

from frontdesk.domain.call.script import Step, identify
from frontdesk.domain.vocabulary.kinds import MatterKind
from frontdesk.services.intake.call import MatterDraft
from frontdesk.services.intake.drafts import SavedCall
from frontdesk.tui.screens.call.view import CallView
from frontdesk.tui.widgets.fields import GoesOnTyping, TextField


def snapshot(view: CallView) -> SavedCall:
    """What the receptionist typed and chose, as it is on screen now."""
    call = view.draft()
    call.answered_at = view.call.started  # None: not a key pressed yet
    call.matters = list(view.call.recorded)
    focused = view.in_focus()
    current = view.current()
    if view.call.opening is not None:
        # The form is on its way: resumed, it is built again and the cursor put in it.
        current, focused = MatterDraft(view.call.opening), None
    return SavedCall(
        call=call,
        current=current,
        search=view.panel.search_text,
        long_ring=view.call.apologise,
        masked=view.masked(),
        focus=focused.id if focused is not None else None,
        step=view.call.step.value,
        saved_at=view.counter.desk.now(),
    )


async def restore(view: CallView, saved: SavedCall) -> None:
    """Put a saved call back into the view, as it was typed."""
    call, current = saved.call, saved.current
    await view.reset()
    state = view.call
    state.channel, state.apologise, state.started = call.channel, saved.long_ring, call.answered_at
    if call.rang_at is not None:  # announced by the phone system: its count stands
        state.rings, state.rang_at = call.rings, call.rang_at
    view.greet()
    if current is not None:
        # The form first, while the caller is still empty: nothing is filled from it.
        view.kind_field.set_value(current.kind.value)
        await view.open_form(MatterKind(current.kind))
    panel, form = view.panel, view.form
    # Set as typed, without the messages typing sends: nothing here is a new edit.
    with view.prevent(Input.Changed):
        panel.query_one("#identify", Input).value = saved.search
        panel.fill(name=call.caller_name, unit=call.caller_unit, phone=call.caller_phone)
        if "caller_phone" in saved.masked:
            panel.query_one("#field-caller_phone", TextField).show_masked(call.caller_phone)
        if form is not None and current is not None:
            for name, value in current.fields.items():
                field = form.rows[name].field if name in form.rows else None
                if isinstance(field, TextField) and name in saved.masked:
                    field.show_masked(str(value))
                elif field is not None:
                    field.set_value(value)
    if current is not None and not current.fields:
        view.prefill_form()  # saved as its form was being built: filled as it would have been
    if saved.search.strip():
        panel.find(saved.search)  # the matches as they were listed
    state.recorded = list(call.matters)
    view.show_recorded()
    if call.resident_id is not None:
        state.resident_id = call.resident_id
        view.load_card(call.resident_id, refill=False)
    elif current is None and any((call.caller_name, call.caller_phone, call.caller_unit)):
        view.say(Step.IDENTIFY, identify(caller=view.caller))
    if current is not None and current.same_as is not None:
        state.offer = current.same_as
        await view.action_same_matter()
    elif current is not None and saved.step in (Step.REPEAT_BACK, Step.COMMIT):
        view.action_read_back()  # the caller confirms again: the call was interrupted
    focus_saved(view, saved.focus)
    view.refresh_bindings()


def focus_saved(view: CallView, widget_id: str | None) -> None:
    """The cursor back where it was, after what was typed there."""
    target = view.widget(widget_id) if widget_id else None
    if isinstance(target, GoesOnTyping):
        target.focus_at_end()
    elif target is not None and target.focusable:
        target.focus()
    elif view.form is not None:
        (view.form.next_to_fill() or view.form.fields[0]).focus()
