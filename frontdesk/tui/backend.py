"""The services as the screens use them: each call opens its own session, so any worker thread
may call it, and the signed-in operator is filled in for every use case."""

from collections.abc import Callable
from contextlib import suppress
from dataclasses import replace
from typing import Any, TypeVar

from sqlalchemy import Engine

from frontdesk.domain.clock.months import Month
from frontdesk.domain.report.figures import MonthlyReport
from frontdesk.domain.vocabulary.kinds import Role
from frontdesk.i18n import _
from frontdesk.services.followups import callbacks as followups
from frontdesk.services.intake import drafts as call_drafts
from frontdesk.services.intake import filing as intake
from frontdesk.services.intake import incoming
from frontdesk.services.intake.call import CallDraft, FiledCall
from frontdesk.services.kernel.concurrency import Conflict
from frontdesk.services.kernel.context import Desk
from frontdesk.services.kernel.errors import NotAllowed
from frontdesk.services.kernel.permissions import Action, allows
from frontdesk.services.matters import complaints, handling, queue
from frontdesk.services.matters.detail import MatterDetail, matter_detail
from frontdesk.services.report import records as report
from frontdesk.services.residents import card as cards
from frontdesk.services.residents import reveal
from frontdesk.services.residents import search as residents
from frontdesk.services.staff import audit, operators, presence, setup
from frontdesk.store.engine import new_session
from frontdesk.store.tables.staff import Operator

T = TypeVar("T")


class Counter:
    """One counter's view of the database: its policy, clock and signed-in operator."""

    def __init__(self, engine: Engine, desk: Desk):
        self.engine = engine
        self.desk = desk
        self.operator: Operator | None = None
        #: Each operator's call being typed, kept beside the database through a crash.
        self.drafts = call_drafts.drafts_for(engine.url)

    def run(self, use_case: Callable[..., T], **kwargs: Any) -> T:
        """Run a use case in a session of its own."""
        with new_session(self.engine) as session:
            return use_case(session=session, desk=self.desk, **kwargs)

    def act(self, use_case: Callable[..., T], **kwargs: Any) -> T:
        """Run a use case as the signed-in operator."""
        if self.operator is None:
            raise NotAllowed(_("sign in first"))
        return self.run(use_case, operator_id=self.operator.id, **kwargs)

    @property
    def role(self) -> Role | None:
        return Role(self.operator.role) if self.operator else None

    # Signing in
    def needs_first_run(self) -> bool:
        with new_session(self.engine) as session:
            return setup.needs_first_run(session=session)

    def first_run(self, *, centre: str, manager: str, pin: str) -> Operator:
        self.operator = self.run(setup.first_run, centre=centre, manager=manager, pin=pin)
        self.load_centre()
        return self.operator

    def load_centre(self) -> None:
        """Greet callers with the centre's name as the database knows it."""
        self.desk = self.run(setup.desk_for_database)

    def sign_in(self, name: str, pin: str) -> Operator:
        """Sign in; SignInRefused says why not (wrong name or PIN, or locked out until when)."""
        self.operator = None
        self.operator = self.run(operators.sign_in, name=name, pin=pin)
        self.leave()  # marks left by a session of theirs that ended without signing out
        return self.operator

    def may(self, action: Action) -> bool:
        """Whether the signed-in operator's role allows ``action`` (to grey keys out; the
        services refuse on their own)."""
        return allows(self.role, action)

    # Lists and cards
    def search(self, text: str) -> list[residents.ResidentHit]:
        return residents.search_residents_in(engine=self.engine, text=text)

    def card(self, resident_id: int) -> cards.ResidentCard:
        """The card; the operator is marked as handling the resident, and sees who else is."""
        card = self.run(cards.resident_card, resident_id=resident_id)
        return replace(card, others=self._look_at(presence.RESIDENT, resident_id))

    def who_is_calling(self, phone: str | None) -> incoming.Caller:
        """The residents on file under a ringing number, before anyone picks up."""
        return self.act(incoming.who_is_calling, phone=phone)

    def detail(self, matter_id: int) -> MatterDetail:
        """The matter; the operator is marked as handling it, and sees who else is."""
        detail = self.run(matter_detail, matter_id=matter_id)
        return replace(detail, others=self._look_at(presence.MATTER, matter_id))

    def _look_at(self, subject: str, subject_id: int) -> tuple[str, ...]:
        if self.operator is None:
            return ()
        found = self.act(presence.look_at, subject=subject, subject_id=subject_id)
        return tuple(str(p) for p in found)

    def queue_page(
        self,
        filters: queue.QueueFilter | None = None,
        *,
        after: queue.QueueKey | None = None,
        limit: int = queue.PAGE,
    ) -> queue.QueuePage:
        """A page of the queue, with who else is on each row. The first page (``after`` None)
        comes with the totals, after the month-end sweep has made its upgrades."""
        if after is None:
            # Another counter may make the same upgrade at the same moment: theirs stands.
            with suppress(Conflict):
                self.run(complaints.upgrade_overdue)
        page = self.run(queue.queue_page, filters=filters, after=after, limit=limit)
        me = self.operator.id if self.operator else None
        with new_session(self.engine) as session:
            found = presence.others_on(
                session=session,
                desk=self.desk,
                operator_id=me,
                subject=presence.MATTER,
                ids=[row.id for row in page.rows],
            )
        rows = [
            replace(r, others=tuple(map(str, found[r.id]))) if r.id in found else r
            for r in page.rows
        ]
        return replace(page, rows=rows)

    def queue(self, filters: queue.QueueFilter | None = None) -> list[queue.QueueRow]:
        """The most urgent page of the queue."""
        return self.queue_page(filters).rows

    def change_token(self) -> tuple[int, ...]:
        return self.run(presence.change_token)

    def leave(self) -> None:
        """Drop this operator's marks (signing out, closing the app)."""
        if self.operator is not None:
            self.act(presence.leave_all)

    def callbacks(self) -> list[followups.Callback]:
        return self.run(followups.list_callbacks)

    def report(self, month: Month) -> MonthlyReport:
        """The monthly report of ``month``, against the month before."""
        return self.run(report.report_for, month=month)

    # Use cases
    def file_call(self, draft: CallDraft) -> FiledCall:
        return self.act(intake.file_call, draft=draft)

    def create_resident(self, draft: residents.ResidentDraft):
        return self.act(residents.create_resident, draft=draft)

    def escalate(self, **kwargs: Any):
        return self.act(handling.escalate, **kwargs)

    def reply(self, **kwargs: Any):
        return self.act(handling.record_reply, **kwargs)

    def note(self, **kwargs: Any):
        return self.act(handling.add_note, **kwargs)

    def resolve(self, **kwargs: Any):
        return self.act(handling.resolve, **kwargs)

    def repair_done(self, **kwargs: Any):
        return self.act(handling.record_repair_done, **kwargs)

    def reopen(self, **kwargs: Any):
        return self.act(handling.reopen, **kwargs)

    def request_extension(self, **kwargs: Any):
        return self.act(complaints.request_extension, **kwargs)

    def approve_extension(self, **kwargs: Any):
        return self.act(complaints.approve_extension, **kwargs)

    def reclassify(self, **kwargs: Any):
        return self.act(complaints.reclassify, **kwargs)

    def record_attempt(self, **kwargs: Any):
        return self.act(followups.record_attempt, **kwargs)

    def edit_resident(self, **kwargs: Any):
        from frontdesk.services.residents.edit import edit_resident

        return self.act(edit_resident, **kwargs)

    # Privacy and the log
    def reveal_phone(self, **kwargs: Any) -> reveal.Revealed:
        """A full number, recorded in the log (``resident_id=`` or ``follow_up_id=``)."""
        return self.act(reveal.reveal_phone, **kwargs)

    def audit_page(self, **kwargs: Any) -> audit.AuditPage:
        return self.act(audit.list_audit, **kwargs)

    def audit_entry(self, entry_id: int) -> audit.AuditLine:
        return self.act(audit.audit_entry, entry_id=entry_id)
