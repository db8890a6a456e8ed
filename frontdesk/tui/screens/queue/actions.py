"""What the queue view does to the highlighted matter (DOMAIN.md §3): each action asks its
questions in a dialog worker (it waits for each prompt), then writes in a thread worker."""

import asyncio
from collections.abc import Callable, Coroutine
from functools import partial
from typing import Any, Protocol

from textual.screen import Screen

from frontdesk.domain.clock.moments import Tense
from frontdesk.domain.clock.written_dates import short_text
from frontdesk.domain.vocabulary.kinds import (
    ComplaintClass,
    DeadlineState,
    EventKind,
    MatterKind,
    Milestone,
    RepairCategory,
    Role,
)
from frontdesk.domain.vocabulary.labels import chinese_name, named, named_of
from frontdesk.i18n import _
from frontdesk.services.counter import Counter
from frontdesk.services.kernel.concurrency import Conflict, Seen
from frontdesk.services.kernel.errors import ServiceError
from frontdesk.services.matters.detail import EventLine, MatterDetail
from frontdesk.services.matters.queue import QueueRow
from frontdesk.tui.dialogs.prompts import ChoicePrompt, MomentPrompt, TextPrompt
from frontdesk.tui.views import ShowsResidents
from frontdesk.wording import say

# The words an action was given as typed (a reply, a reason, a name): a conflict gives them back.
TYPED = ("text", "reason", "to_whom")

CLASS_KEYS = {
    ComplaintClass.MAJOR: "m",
    ComplaintClass.IMPORTANT: "i",
    ComplaintClass.MINOR: "n",
    ComplaintClass.INVALID: "v",
}


class QueueView(Protocol):
    """What the actions need of the view they work in."""

    @property
    def counter(self) -> Counter: ...

    #: The highlighted matter, which the keys act on.
    current: QueueRow | None

    def load(self, *, from_top: bool = False) -> None: ...

    def from_thread(self, callback: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """Run ``callback`` on the app's thread, from a worker thread, and wait for it."""
        ...

    def notify(self, message: str, *, severity: Any = ..., timeout: float | None = ...) -> None: ...


class MatterActions:
    """The queue view's actions on its highlighted matter. The view keeps the keys; each key
    calls the action of the same name here, which runs in the view's own workers."""

    def __init__(self, view: QueueView, workers: Screen) -> None:
        self.view = view
        self.workers = workers

    @property
    def counter(self) -> Counter:
        return self.view.counter

    def asking(self, questions: Callable[[QueueRow], Coroutine[Any, Any, None]]) -> None:
        """Ask ``questions`` about the highlighted matter: one dialog at a time, a key pressed
        while another is open replaces it."""
        row = self.view.current
        if row is not None:
            # The questions start when the worker does: one replaced before it started is
            # never begun, rather than begun and dropped.
            self.workers.run_worker(
                partial(questions, row), group="queue-ask", exclusive=True, exit_on_error=False
            )

    async def ask(self, prompt: Any) -> Any:
        return await self.workers.app.push_screen_wait(prompt)

    @staticmethod
    def target(row: QueueRow) -> dict[str, Any]:
        """The matter acted on, and the version of it the operator saw: if someone else saved
        it since, the service refuses and says what they changed."""
        return {"matter_id": row.id, "seen": Seen("matter", row.id, row.version)}

    def act(self, done: str, use_case: Callable[..., Any], **kwargs: Any) -> None:
        """Run ``use_case`` in a thread; ``done`` is the message, formatted with its arguments
        and result."""
        self.workers.run_worker(
            partial(self._run, done, use_case, kwargs),
            thread=True,
            group="queue-act",
            exclusive=True,
            exit_on_error=False,
        )

    def _run(self, done: str, use_case: Callable[..., Any], kwargs: dict[str, Any]) -> None:
        view, from_thread = self.view, self.view.from_thread
        try:
            result = use_case(**kwargs)
        except Conflict as error:
            # The matter as it is now behind the dialog that says what the other counter did.
            from_thread(view.load)
            from_thread(self.offer_again, error, done, use_case, kwargs)
            return
        except ServiceError as error:
            from_thread(view.notify, str(error), severity="error")
            return
        from_thread(view.notify, done.format(result=result, **kwargs))
        from_thread(view.load)

    def offer_again(
        self, error: Conflict, done: str, use_case: Callable[..., Any], kwargs: dict[str, Any]
    ) -> None:
        """Someone else saved the matter first. What they did is shown, with what this operator
        typed kept in the field: Enter saves it on top of their change, Escape drops it."""
        if error.current is None:
            self.view.notify(str(error), severity="error", timeout=20)
            return
        self.workers.run_worker(
            partial(self._again, error, done, use_case, kwargs),
            group="queue-ask",
            exclusive=True,
            exit_on_error=False,
        )

    async def _again(
        self, error: Conflict, done: str, use_case: Callable[..., Any], kwargs: dict[str, Any]
    ) -> None:
        title = _("#{id} was changed while you had it open").format(id=kwargs["matter_id"])
        again = {**kwargs, "seen": error.current}
        typed = next((key for key in TYPED if isinstance(kwargs.get(key), str)), None)
        if typed is not None:
            label = "\n".join(
                [
                    *error.changes,
                    _("Yours is kept below: Enter saves it on top of theirs, Escape drops it."),
                ]
            )
            prompt = TextPrompt(title, label, kwargs[typed], guard=typed == "text")
            text = await self.ask(prompt)
            if text is None:
                return
            again[typed] = text
        else:
            options = [
                ("y", "yes", _("save mine on top of theirs"), ("是", "保存")),
                ("n", "no", _("leave it as they saved it"), ("否", "不保存")),
            ]
            detail = "\n".join(error.changes)
            if await self.ask(ChoicePrompt(title, options, detail=detail)) != "yes":
                return
        self.act(done, use_case, **again)

    def escalate(self) -> None:
        self.asking(self._escalate)

    async def _escalate(self, row: QueueRow) -> None:
        roles = [
            ("s", "supervisor", _("supervisor"), (chinese_name(Role.SUPERVISOR),)),
            ("m", "manager", _("office manager"), (chinese_name(Role.MANAGER),)),
        ]
        role = await self.ask(ChoicePrompt(_("Escalate #{id} to").format(id=row.id), roles))
        if role is None:
            return
        label = _("Name of the {role}").format(role=role)
        who = await self.ask(TextPrompt(_("Escalate #{id}").format(id=row.id), label))
        if who is not None:
            done = _("#{matter_id} escalated to {to_whom}")
            escalate = self.counter.escalate
            self.act(done, escalate, **self.target(row), to_role=Role(role), to_whom=who)

    # What is said to the resident, or noted about the matter, goes through the phrase guard.
    def reply(self) -> None:
        self.write(self.counter.reply, _("Reply to #{id}"), _("The answer given"))

    def note(self) -> None:
        # A note adds to the history and changes nothing: it never conflicts with another save.
        title, label = _("Note on #{id}"), _("What happened")
        self.write(self.counter.note, title, label, versioned=False)

    def resolve(self) -> None:
        row = self.view.current
        if row is not None and row.kind == MatterKind.REPAIR:
            self.asking(self._repair_done)
        else:
            self.write(self.counter.resolve, _("Resolve #{id}"), _("How it was resolved"))

    def write(
        self, use_case: Callable[..., Any], title: str, label: str, versioned: bool = True
    ) -> None:
        async def questions(row: QueueRow) -> None:
            text = await self.ask(TextPrompt(title.format(id=row.id), label, guard=True))
            if text is not None:
                target = self.target(row) if versioned else {"matter_id": row.id}
                self.act(_("#{matter_id}: recorded"), use_case, **target, text=text)

        self.asking(questions)

    async def _repair_done(self, row: QueueRow) -> None:
        desk = self.counter.desk
        title = _("Repair #{id} done").format(id=row.id)
        now = f"{desk.now().astimezone(desk.policy.timezone):%H:%M}"
        label = _("When maintenance finished")
        done_at = await self.ask(MomentPrompt(title, label, desk, now, tense=Tense.PAST))
        if done_at is None:
            return
        leak_test_at = None
        if row.repair_category == RepairCategory.LEAK:
            # A leak's follow-up is counted from its leak test (DOMAIN.md §4).
            label = _("When the leak test was")
            leak_test_at = await self.ask(MomentPrompt(title, label, desk, tense=Tense.PAST))
            if leak_test_at is None:
                return
        done = _("#{matter_id} done: its follow-up call is on the list")
        self.act(
            done,
            self.counter.repair_done,
            **self.target(row),
            done_at=done_at,
            leak_test_at=leak_test_at,
        )

    def extend(self) -> None:
        self.asking(self._extend)

    async def _extend(self, row: QueueRow) -> None:
        title = _("More time for #{id}").format(id=row.id)
        label = _("New resolution deadline")
        until = await self.ask(MomentPrompt(title, label, self.counter.desk, tense=Tense.FUTURE))
        if until is None:
            return
        reason = await self.ask(TextPrompt(title, _("Why more time is needed")))
        if reason is not None:
            done = _("#{matter_id}: more time asked for; the office manager approves")
            extend = self.counter.request_extension
            self.act(done, extend, **self.target(row), until=until, reason=reason)

    def approve(self) -> None:
        self.asking(self._approve)

    async def _approve(self, row: QueueRow) -> None:
        """The manager sees the deadline asked for, and the one it replaces, before approving;
        with nothing asked for, they give the new deadline themselves."""
        title = _("Approve more time for #{id}").format(id=row.id)
        detail = await asyncio.to_thread(self.counter.detail, row.id)
        asked = requested(detail)
        if asked is None:
            label = _("Nothing was asked for: the new resolution deadline")
            until = await self.ask(
                MomentPrompt(title, label, self.counter.desk, tense=Tense.FUTURE)
            )
        else:
            asked_until = asked.until
            assert asked_until is not None  # requested() keeps only asks that name a deadline
            options = [
                (
                    "y",
                    "yes",
                    _("approve: resolve by {at}").format(at=short_text(asked_until)),
                    ("是", "批准"),
                ),
                ("n", "no", _("not now"), ("否", "暂不")),
            ]
            answer = await self.ask(ChoicePrompt(title, options, detail=_asked(asked, detail)))
            until = asked.until if answer == "yes" else None
        if until is not None:
            done = _("#{matter_id} now due {result.due:%m-%d %H:%M}")
            approve = self.counter.approve_extension
            self.act(done, approve, **self.target(row), until=until)

    def reclassify(self) -> None:
        self.asking(self._reclassify)

    async def _reclassify(self, row: QueueRow) -> None:
        title = _("Reclassify #{id} ({cls})").format(
            id=row.id, cls=named_of(ComplaintClass, row.complaint_class)
        )
        others = [c for c in ComplaintClass if c != row.complaint_class]
        options: list[tuple[str, str, str, tuple[str, ...]]] = [
            (CLASS_KEYS[c], c.value, named(c), (chinese_name(c),)) for c in others
        ]
        if row.major_suggested_at is not None:
            # A repeat suggested major: the supervisor's other answer is to keep the class.
            keep = _("keep it {cls}: the repeat does not make it major").format(
                cls=named_of(ComplaintClass, row.complaint_class)
            )
            options.append(("s", "keep", keep, ("保持", "不升级")))
        new = await self.ask(ChoicePrompt(title, options))
        if new is None:
            return
        if new == "keep":
            reason = await self.ask(TextPrompt(title, _("Why the class stays")))
            if reason is not None:
                done = _("#{matter_id} stays as it is: not major")
                self.act(done, self.counter.keep_class, **self.target(row), reason=reason)
            return
        reason = await self.ask(TextPrompt(title, _("Why the class changes")))
        if reason is not None:
            done, cls = _("#{matter_id} is now {new_class}"), ComplaintClass(new)
            change = self.counter.reclassify
            self.act(done, change, **self.target(row), new_class=cls, reason=reason)

    def reopen(self) -> None:
        # Reopened matters are never in the queue (it lists open ones): ask for the number,
        # whatever is highlighted, or nothing.
        self.workers.run_worker(
            self._reopen, group="queue-ask", exclusive=True, exit_on_error=False
        )

    async def _reopen(self) -> None:
        title, label = _("Reopen a matter"), _("Number of the resolved or closed matter")
        number = await self.ask(TextPrompt(title, label, check=_not_a_number))
        if number is None:
            return
        reason = await self.ask(TextPrompt(title, _("Why it reopens"), guard=True))
        if reason is not None:
            done, matter_id = _("#{matter_id} is open again"), int(number.lstrip("#"))
            self.act(done, self.counter.reopen, matter_id=matter_id, text=reason)

    # The resident's card, in the residents view (greyed for callers with no card)
    async def card(self) -> None:
        row = self.view.current
        if row is None or row.resident_id is None:
            return
        app = self.workers.app
        await app.switch_mode("residents")
        # The view itself: a dialog left open over it (the help, a card being edited) stays.
        view = app.screen_stack[0]
        if isinstance(view, ShowsResidents):
            view.show_resident(row.resident_id)


def requested(detail: MatterDetail) -> EventLine | None:
    """The latest request for more time: the deadline an approval gives unless told another."""
    asks = [
        e for e in detail.events if e.kind == EventKind.EXTENSION_REQUESTED and e.until is not None
    ]
    return asks[-1] if asks else None


def _asked(asked: EventLine, detail: MatterDetail) -> str:
    running = [
        d.due
        for d in detail.deadlines
        if d.milestone == Milestone.RESOLVE and d.state is DeadlineState.RUNNING
    ]
    said = _("{who} asked at {at}: {why}").format(
        who=asked.who or _("system"), at=f"{asked.at:%m-%d %H:%M}", why=say(asked.text)
    )
    if running:
        said += "\n" + _("Due now: {at}").format(at=short_text(running[0]))
    return said


def _not_a_number(text: str) -> str | None:
    return None if text.lstrip("#").isdigit() else _("Give the matter's number, e.g. 338")
