"""One counter's way into the use cases, for the screens and the command line alike: each call
opens its own session, so any worker thread may call it, and the signed-in operator is filled in
for every use case. Each method says what it takes; the use cases keep their rules."""

from collections.abc import Callable
from contextlib import suppress
from dataclasses import replace
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import Engine

from frontdesk.domain.clock.months import Month
from frontdesk.domain.deadlines.rules import Deadline
from frontdesk.domain.report.figures import MonthlyReport
from frontdesk.domain.vocabulary.kinds import (
    AttemptOutcome,
    ComplaintClass,
    ResidentRole,
    Role,
    Temperament,
    Verdict,
)
from frontdesk.i18n import _
from frontdesk.services.followups import callbacks as followups
from frontdesk.services.followups import missed
from frontdesk.services.intake import drafts as call_drafts
from frontdesk.services.intake import filing as intake
from frontdesk.services.intake import incoming
from frontdesk.services.intake.call import CallDraft, FiledCall
from frontdesk.services.kernel.concurrency import Conflict, Seen
from frontdesk.services.kernel.context import Desk
from frontdesk.services.kernel.errors import NotAllowed
from frontdesk.services.kernel.permissions import Action, allows
from frontdesk.services.matters import complaints, handling, queue
from frontdesk.services.matters.detail import MatterDetail, matter_detail
from frontdesk.services.report import records as report
from frontdesk.services.residents import card as cards
from frontdesk.services.residents import reveal
from frontdesk.services.residents import search as residents
from frontdesk.services.residents.edit import edit_resident
from frontdesk.services.staff import audit, operators, presence, setup
from frontdesk.store.engine import new_session
from frontdesk.store.tables.people import Resident
from frontdesk.store.tables.register import FollowUp, FollowUpAttempt, Matter, MatterEvent
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

    def missed_call(self, phone: str | None, rang_at: datetime) -> FollowUp | None:
        """A call that rang and was not picked up: on the follow-up list, to return."""
        return self.run(missed.record_missed_call, phone=phone, rang_at=rang_at)

    def picked_up(self, phone: str | None) -> list[int]:
        """The number picked up now returns its missed calls; the ids taken off the list."""
        return self.act(missed.caller_rang_again, phone=phone)

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
        """A page of the queue, with who else is on each row; the first page (``after`` None)
        comes with the totals."""
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

    def sweep_month_end(self) -> list[int]:
        """Make the month-end upgrades now due (a valid complaint open a month becomes major);
        the ids upgraded. Asked for by the change check every few seconds, so it first looks,
        without writing, whether any is due."""
        if not self.run(complaints.upgrades_due):
            return []
        # Another counter may make the same upgrade at the same moment: theirs stands.
        with suppress(Conflict):
            return self.run(complaints.upgrade_overdue)
        return []

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

    def escalate(
        self,
        *,
        matter_id: int,
        to_role: Role,
        to_whom: str,
        text: str = "",
        seen: Seen | None = None,
    ) -> Matter:
        return self.act(
            handling.escalate,
            matter_id=matter_id,
            to_role=to_role,
            to_whom=to_whom,
            text=text,
            seen=seen,
        )

    def reply(self, *, matter_id: int, text: str, seen: Seen | None = None) -> Matter:
        return self.act(handling.record_reply, matter_id=matter_id, text=text, seen=seen)

    def note(self, *, matter_id: int, text: str, seen: Seen | None = None) -> Matter:
        return self.act(handling.add_note, matter_id=matter_id, text=text, seen=seen)

    def resolve(
        self, *, matter_id: int, text: str, seen: Seen | None = None
    ) -> tuple[Matter, FollowUp | None]:
        return self.act(handling.resolve, matter_id=matter_id, text=text, seen=seen)

    def repair_done(
        self,
        *,
        matter_id: int,
        done_at: datetime,
        leak_test_at: datetime | None = None,
        text: str = "",
        seen: Seen | None = None,
    ) -> tuple[Matter, FollowUp]:
        return self.act(
            handling.record_repair_done,
            matter_id=matter_id,
            done_at=done_at,
            leak_test_at=leak_test_at,
            text=text,
            seen=seen,
        )

    def reopen(self, *, matter_id: int, text: str, seen: Seen | None = None) -> Matter:
        return self.act(handling.reopen, matter_id=matter_id, text=text, seen=seen)

    def request_extension(
        self, *, matter_id: int, until: datetime, reason: str, seen: Seen | None = None
    ) -> MatterEvent:
        return self.act(
            complaints.request_extension,
            matter_id=matter_id,
            until=until,
            reason=reason,
            seen=seen,
        )

    def approve_extension(
        self, *, matter_id: int, until: datetime | None = None, seen: Seen | None = None
    ) -> Deadline:
        return self.act(complaints.approve_extension, matter_id=matter_id, until=until, seen=seen)

    def reclassify(
        self,
        *,
        matter_id: int,
        new_class: ComplaintClass,
        reason: str,
        seen: Seen | None = None,
    ) -> Matter:
        return self.act(
            complaints.reclassify,
            matter_id=matter_id,
            new_class=new_class,
            reason=reason,
            seen=seen,
        )

    def keep_class(self, *, matter_id: int, reason: str, seen: Seen | None = None) -> Matter:
        """A supervisor keeps the class a repeat suggested raising to major."""
        return self.act(complaints.keep_class, matter_id=matter_id, reason=reason, seen=seen)

    def record_attempt(
        self,
        *,
        follow_up_id: int,
        outcome: AttemptOutcome,
        verdict: Verdict = Verdict.NONE,
        notes: str = "",
        reopen_matter: bool = False,
        new_visit_at: datetime | None = None,
        urgent: bool = False,
        seen: Seen | None = None,
    ) -> FollowUpAttempt:
        return self.act(
            followups.record_attempt,
            follow_up_id=follow_up_id,
            outcome=outcome,
            verdict=verdict,
            notes=notes,
            reopen_matter=reopen_matter,
            new_visit_at=new_visit_at,
            urgent=urgent,
            seen=seen,
        )

    def edit_resident(
        self,
        *,
        resident_id: int,
        phones: list[str],
        role: ResidentRole | None,
        temperament: Temperament | None,
        notes: str,
        evening_calls_ok: bool,
        title: str | None = None,
        seen: Seen | None = None,
    ) -> Resident:
        return self.act(
            edit_resident,
            resident_id=resident_id,
            phones=phones,
            role=role,
            temperament=temperament,
            notes=notes,
            evening_calls_ok=evening_calls_ok,
            title=title,
            seen=seen,
        )

    # Privacy and the log
    def reveal_phone(
        self, *, resident_id: int | None = None, follow_up_id: int | None = None, why: str = ""
    ) -> reveal.Revealed:
        """A full number, recorded in the log: a resident's, or the one a follow-up calls."""
        return self.act(
            reveal.reveal_phone, resident_id=resident_id, follow_up_id=follow_up_id, why=why
        )

    def audit_page(
        self, *, filters: audit.AuditFilter | None = None, before_id: int | None = None
    ) -> audit.AuditPage:
        return self.act(audit.list_audit, filters=filters, before_id=before_id)

    def audit_entry(self, entry_id: int) -> audit.AuditLine:
        return self.act(audit.audit_entry, entry_id=entry_id)
