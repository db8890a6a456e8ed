"""The follow-up list (回访, DOMAIN.md §4): the calls owed, and the record of each try."""

from collections.abc import Callable
from datetime import datetime
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.coordinate import Coordinate
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static
from textual.worker import get_current_worker

from frontdesk.domain.clock.moments import Tense
from frontdesk.domain.vocabulary.kinds import AttemptOutcome, FollowUpReason, Verdict
from frontdesk.domain.vocabulary.labels import chinese_name, named_of
from frontdesk.i18n import _
from frontdesk.services.counter import Counter
from frontdesk.services.followups.callbacks import Callback
from frontdesk.services.kernel.concurrency import Seen
from frontdesk.services.kernel.errors import ServiceError
from frontdesk.services.kernel.permissions import Action
from frontdesk.tui.dialogs.prompts import ChoicePrompt, MomentPrompt, TextPrompt
from frontdesk.tui.failures import ReportsWorkerFailures
from frontdesk.tui.messages import DatabaseChanged
from frontdesk.tui.open_counter import counter_of
from frontdesk.tui.revealing import RevealsNumbers, reveal_binding
from frontdesk.tui.screens.followups.refusals import refused_bindings, why_not
from frontdesk.tui.widgets.footer import CounterFooter
from frontdesk.tui.widgets.refusal import RefusalLine
from frontdesk.wording import said_steps, say

# Groups in the order they are worked: what is late, what can be called now, the rest of today.
GROUPS = ("overdue", "due now", "today", "later")
COLUMNS = ("when", "due", "window", "callable", "reason", "matter", "resident", "unit", "phone")


def group_of(callback: Callback, now: datetime) -> str:
    """Overdue; due today and callable now; due today but outside its window now; later."""
    if callback.overdue:
        return "overdue"
    if callback.due.date() != now.astimezone(callback.due.tzinfo).date():
        return "later"
    return "due now" if callback.callable_now else "today"


def group_name(group: str) -> str:
    """One of GROUPS as shown."""
    names = {
        "overdue": _("overdue"),
        "due now": _("due now"),
        "today": _("today"),
        "later": _("later"),
    }
    return names[group]


def column_titles() -> tuple[str, ...]:
    """The titles of COLUMNS, in order."""
    return (
        _("when"),
        _("due"),
        _("window"),
        _("callable"),
        _("reason"),
        _("matter"),
        _("resident"),
        _("unit"),
        _("phone"),
    )


def _binding(key: str, action: str, description: str, tooltip: str) -> Binding:
    return Binding(key, action, description, id=f"followups.{action}", tooltip=tooltip)


def matter_number(c: Callback) -> str:
    """The matter a follow-up is for; a missed call has none yet."""
    return f"#{c.matter_id}" if c.matter_id is not None else "—"


class FollowUpsScreen(ReportsWorkerFailures, RevealsNumbers, Screen):
    """The receptionist works down the calls owed, late ones first. Calls outside their callable
    window are marked "not now" (evening calls only for residents who agreed, or urgent ones).
    One key records each try: reached (with the resident's verdict and what was said; an unhappy
    resident's matter can reopen, a failed repair goes back to maintenance), no answer, busy or
    wrong number. Tries that reach nobody keep the call on the list. F6 shows the full number
    to dial for half a minute, recorded: to a receptionist while the call may be made now, to a
    supervisor or the manager at any time."""

    BINDINGS = [
        _binding("1", "reached", _("Reached"), _("Talked to the resident: verdict and notes")),
        _binding("2", "no_answer", _("No answer"), _("Nobody picked up; the call stays owed")),
        _binding("3", "busy", _("Busy"), _("The line was busy; the call stays owed")),
        _binding("4", "wrong_number", _("Wrong no."), _("Wrong number; the call stays owed")),
        _binding("ctrl+r", "reload", _("Reload"), _("Read the list again")),
        reveal_binding("followups", _("Show the number to dial for 30 s (recorded)")),
        *refused_bindings(),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.rows: dict[int, Callback] = {}
        #: The highlighted follow-up, which the outcome keys record a try of.
        self.current: Callback | None = None

    @property
    def counter(self) -> Counter:
        return counter_of(self)

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="followups-summary", classes="hint")
        table: DataTable = DataTable(id="followups-table", cursor_type="row", zebra_stripes=True)
        for key, title in zip(COLUMNS, column_titles(), strict=True):
            table.add_column(title, key=key)
        table.add_column(_("tries"), key="attempts")
        yield table
        yield RefusalLine(id="followups-refusal")
        yield Static(_("No call owed."), id="followups-detail", classes="pane")
        yield CounterFooter()

    def on_screen_resume(self) -> None:
        self.load()

    def on_database_changed(self, _message: DatabaseChanged) -> None:
        """Another counter recorded a call or owed a new one: read the list again."""
        self.load()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Greyed when the service would refuse; it refuses on its own anyway.
        return None if self.why_not(action) else True

    def why_not(self, action: str) -> str:
        may_reveal_any = self.counter.may(Action.REVEAL_ANY_PHONE)
        return why_not(action, self.current, may_reveal_any=may_reveal_any)

    def action_refused(self, action: str) -> None:
        self.query_one(RefusalLine).say(self.why_not(action))

    @work(thread=True, exclusive=True, exit_on_error=False, group="followups-load")
    def load(self) -> None:
        callbacks = self.counter.callbacks()
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self.show, callbacks)

    def show(self, callbacks: list[Callback]) -> None:
        table = self.query_one(DataTable)
        keep = self.current.id if self.current else None
        now = self.counter.desk.now()
        groups = {c.id: group_of(c, now) for c in callbacks}
        ordered = sorted(callbacks, key=lambda c: (GROUPS.index(groups[c.id]), c.due, c.id))
        table.clear()
        self.rows = {c.id: c for c in ordered}
        for c in ordered:
            style = "bold red" if c.overdue else ""
            day = "" if c.window_start.date() == now.astimezone(c.due.tzinfo).date() else "%m-%d "
            window = f"{c.window_start.strftime(day + '%H:%M')}–{c.window_end:%H:%M}"
            callable_now = Text(_("yes")) if c.callable_now else Text(_("not now"), "bold yellow")
            cells = [
                group_name(groups[c.id]),
                f"{c.due:%m-%d %H:%M}",
                window,
                callable_now,
                named_of(FollowUpReason, c.reason),
                matter_number(c),
                c.resident,
                c.unit,
                c.phone,
                str(c.attempts),
            ]
            table.add_row(
                *(Text(cell, style) if isinstance(cell, str) else cell for cell in cells),
                key=str(c.id),
            )
        if keep in self.rows:
            table.move_cursor(row=table.get_row_index(str(keep)))
        counts = " · ".join(f"{group_name(g)} {list(groups.values()).count(g)}" for g in GROUPS)
        self.query_one("#followups-summary", Static).update(
            _("{n} calls owed: {counts}").format(n=len(ordered), counts=counts)
        )
        self.highlight(table.cursor_row if ordered else None)

    @on(DataTable.RowHighlighted)
    def highlighted(self, event: DataTable.RowHighlighted) -> None:
        # Where the cursor is now: a highlight posted before the table was refilled names a
        # row that may be gone (or -1, for the emptied table).
        self.highlight(self.query_one(DataTable).cursor_row)

    def highlight(self, index: int | None) -> None:
        table = self.query_one(DataTable)
        key = None
        if index is not None and table.is_valid_row_index(index):
            key = table.coordinate_to_cell_key(Coordinate(index, 0)).row_key.value
        before, self.current = self.current, self.rows.get(int(key)) if key else None
        c = self.current
        if (before and before.id) != (c and c.id):
            self.query_one(RefusalLine).clear()  # it was about another call
        if self.revealed is not None and self.revealed_for(c.id if c else None) is None:
            self.hide_number()  # the selection moved: back to masked
        self.refresh_bindings()
        pane = self.query_one("#followups-detail", Static)
        if c is None:
            pane.update(_("No call owed."))
            return
        text = Text()
        text.append(
            f"{named_of(FollowUpReason, c.reason)} · {matter_number(c)} {c.resident} {c.unit} ",
            "bold",
        )
        if shown := self.revealed_for(c.id):
            text.append(shown.numbers[0], "bold reverse")
            text.append(" " + _("(shown on purpose, recorded)") + "\n", "dim")
        else:
            text.append(f"{c.phone}\n", "bold")
        if c.rang_at is not None:
            text.append(_("Rang unanswered at {at:%m-%d %H:%M}.").format(at=c.rang_at) + "\n")
        text.append(_("Rule: {rule}").format(rule=say(c.rule)) + "\n")
        text.append(_("Worked out: {explanation}").format(explanation=said_steps(c.steps)) + "\n")
        if c.urgent or c.evening_ok:
            why = _("urgent") if c.urgent else _("the resident agreed to evening calls")
            text.append(_("May be called in the evening window: {why}.").format(why=why) + "\n")
        if not c.callable_now:
            opens = _("Not to be called now: the next callable window opens {at:%m-%d %H:%M}.")
            text.append(opens.format(at=c.window_start) + "\n", "bold yellow")
        text.append(_("Tries so far: {n}").format(n=c.attempts))
        pane.update(text)

    def action_reload(self) -> None:
        self.load()

    def action_reveal(self) -> None:
        if self.current is not None:
            self.reveal_for(self.current.id, follow_up_id=self.current.id)

    def show_revealed(self) -> None:
        table = self.query_one(DataTable)
        self.highlight(table.cursor_row if self.rows else None)

    # Recording a try
    @work(thread=True, exclusive=True, exit_on_error=False, group="followups-act")
    def act(self, done: str, use_case: Callable[..., Any], **kwargs: Any) -> None:
        """Run ``use_case``; ``done`` is the message, formatted with its arguments."""
        try:
            use_case(**kwargs)
        except ServiceError as error:
            self.app.call_from_thread(self.notify, str(error), severity="error")
            return
        self.app.call_from_thread(self.notify, done.format(**kwargs))
        self.app.call_from_thread(self.load)

    async def why_now(self, c: Callback) -> str | None:
        """Outside its callable window, what makes a try right now: "called-in" (the resident
        rang the counter) or "urgent"; "" inside it; None when it is left for the window."""
        if c.callable_now:
            return ""
        now = self.counter.desk.now().astimezone(c.window_start.tzinfo)
        detail = _("It is {now}; this call may be made {start} to {end}.").format(
            now=f"{now:%H:%M}", start=f"{c.window_start:%m-%d %H:%M}", end=f"{c.window_end:%H:%M}"
        )
        options = [
            ("1", "called-in", _("the resident called in: record the call they made"), ("来电",)),
            ("2", "urgent", _("it is urgent: record this try as made now"), ("紧急",)),
        ]
        prompt = ChoicePrompt(_("Not a time to call"), options, detail=detail)
        return await self.app.push_screen_wait(prompt)

    @work(exclusive=True, exit_on_error=False, group="followups-ask")
    async def missed(self, outcome: AttemptOutcome) -> None:
        c = self.current
        if c is None:
            return  # the row may have gone since the key was pressed
        why = await self.why_now(c)
        if why is None:
            return
        if why == "called-in":  # they are on the line: reached, not missed
            await self.reached(c, AttemptOutcome.CALLED_IN)
            return
        done = _("Follow-up {id}: {outcome}; the call stays on the list").format(
            id=c.id, outcome=named_of(AttemptOutcome, outcome)
        )
        self.act(
            done,
            self.counter.record_attempt,
            follow_up_id=c.id,
            outcome=outcome,
            urgent=why == "urgent",
        )

    def action_no_answer(self) -> None:
        self.missed(AttemptOutcome.NO_ANSWER)

    def action_busy(self) -> None:
        self.missed(AttemptOutcome.BUSY)

    def action_wrong_number(self) -> None:
        self.missed(AttemptOutcome.WRONG_NUMBER)

    async def returned(self, c: Callback, outcome: AttemptOutcome, urgent: bool) -> None:
        """A missed call returned: what the caller wanted is noted; a matter among it is filed
        from the Call view like any call."""
        who = c.resident or c.phone
        title = _("Missed call from {who}, returned").format(who=who)
        label = _("What the caller wanted (a matter among it: file it as a call, F1)")
        notes = await self.app.push_screen_wait(TextPrompt(title, label))
        if notes is None:
            return
        self.act(
            _("Follow-up {follow_up_id}: missed call returned"),
            self.counter.record_attempt,
            follow_up_id=c.id,
            seen=Seen("follow_up", c.id, c.version),
            outcome=outcome,
            notes=notes,
            urgent=urgent,
        )

    @work(exclusive=True, exit_on_error=False, group="followups-ask")
    async def action_reached(self) -> None:
        c = self.current
        if c is None:
            return  # the row went before the question could be asked
        why = await self.why_now(c)
        if why is None:
            return
        outcome = AttemptOutcome.CALLED_IN if why == "called-in" else AttemptOutcome.REACHED
        await self.reached(c, outcome, urgent=why == "urgent")

    async def reached(self, c: Callback, outcome: AttemptOutcome, urgent: bool = False) -> None:
        """The resident reached (called, or calling in): their verdict and what was said."""
        if c.matter_id is None:
            await self.returned(c, outcome, urgent)
            return
        title = _("Follow-up of #{id} with {name}").format(id=c.matter_id, name=c.resident)
        verdicts = [
            ("s", Verdict.SATISFIED.value, _("satisfied"), (chinese_name(Verdict.SATISFIED),)),
            (
                "u",
                Verdict.UNSATISFIED.value,
                _("not satisfied"),
                (chinese_name(Verdict.UNSATISFIED),),
            ),
            ("n", Verdict.NONE.value, _("no opinion given"), (chinese_name(Verdict.NONE),)),
        ]
        verdict = await self.app.push_screen_wait(ChoicePrompt(title, verdicts))
        if verdict is None:
            return
        label = _("What was said, and the resident's opinion")
        # What was said to the resident goes through the phrase guard (DOMAIN.md §2).
        notes = await self.app.push_screen_wait(TextPrompt(title, label, guard=True))
        if notes is None:
            return
        reopen, visit = False, None
        if verdict == Verdict.UNSATISFIED and c.reason.startswith("repair-"):
            # A repair that did not hold goes back to maintenance at a time agreed on this call.
            label = _("When maintenance comes back (agreed with the resident)")
            prompt = MomentPrompt(title, label, self.counter.desk, tense=Tense.FUTURE)
            visit = await self.app.push_screen_wait(prompt)
            if visit is None:
                return
        elif verdict == Verdict.UNSATISFIED:
            options = [
                ("y", "yes", _("reopen the matter"), ("是", "重开")),
                ("n", "no", _("close it as it is"), ("否", "关闭")),
            ]
            answer = await self.app.push_screen_wait(ChoicePrompt(_("Reopen the matter?"), options))
            if answer is None:
                return
            reopen = answer == "yes"
        done = _("Follow-up {id}: resident reached ({verdict})").format(
            id=c.id, verdict=named_of(Verdict, verdict)
        )
        self.act(
            done,
            self.counter.record_attempt,
            follow_up_id=c.id,
            # Reaching the resident closes the follow-up: refused if another counter did it.
            seen=Seen("follow_up", c.id, c.version),
            outcome=outcome,
            verdict=Verdict(verdict),
            urgent=urgent,
            notes=notes,
            reopen_matter=reopen,
            new_visit_at=visit,
        )
