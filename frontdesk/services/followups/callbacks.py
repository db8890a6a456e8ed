"""The follow-up list (回访, DOMAIN.md §4): what is owed, when it may be called, and the record
of each attempt with the resident's verdict."""

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, func, select

from frontdesk.domain.call.matters import FieldError, MatterInvalid, validate_matter
from frontdesk.domain.clock.hours import WorkingCalendar
from frontdesk.domain.people.phones import mask_phone
from frontdesk.domain.vocabulary.kinds import (
    AttemptOutcome,
    EventKind,
    FollowUpReason,
    FollowUpStatus,
    MatterKind,
    MatterStatus,
    Verdict,
)
from frontdesk.domain.vocabulary.labels import named_of
from frontdesk.domain.vocabulary.sentences import Sentence, sentence, stored_steps
from frontdesk.i18n import _
from frontdesk.services.kernel.context import Desk
from frontdesk.services.kernel.errors import FieldsInvalid, NotFound, ServiceError, WrongState
from frontdesk.services.kernel.transaction import aware, inside, use_case
from frontdesk.services.matters import tracking
from frontdesk.services.matters.handling import free_text, operator, reopen
from frontdesk.services.matters.opening import Origin, open_matter
from frontdesk.services.residents.by_number import names_under
from frontdesk.services.residents.reveal import callable_now
from frontdesk.store.queries import id_of, select_columns
from frontdesk.store.tables.people import Resident
from frontdesk.store.tables.register import FollowUp, FollowUpAttempt, Matter


@dataclass(frozen=True)
class Callback:
    """One row of the follow-up list."""

    id: int
    #: None for a missed call: no matter yet.
    matter_id: int | None
    reason: str
    resident: str
    unit: str
    phone: str
    due: datetime
    window_start: datetime
    window_end: datetime
    callable_now: bool
    attempts: int
    overdue: bool
    rule: Sentence
    steps: tuple[Sentence, ...]
    # Either lets the call be made in the longer evening window (DOMAIN.md §4).
    evening_ok: bool
    urgent: bool
    #: The version shown: an outcome is refused if someone recorded one since.
    version: int = 1
    #: When a missed call rang; None for the follow-ups of a matter.
    rang_at: datetime | None = None


def list_callbacks(*, session: Session, desk: Desk) -> list[Callback]:
    """Every follow-up owed, soonest due first. The window is the callable window the call is to
    be made in: the one open now, or the next one (the evening window for residents who agreed
    to evening calls, and for urgent calls)."""
    now = desk.now()
    calendar = WorkingCalendar(desk.policy)
    # The same two windows for every row: worked out once, not once a row.
    windows = {
        evening: calendar.current_or_next_window(now, evening=evening) for evening in (False, True)
    }
    local_now = now.astimezone(desk.policy.timezone)
    # Each row's tries, counted by its own index lookup rather than by counting every try ever
    # made; and only the columns a row shows: thousands may be owed on a large estate.
    attempts = (
        select(func.count())
        .where(FollowUpAttempt.follow_up_id == FollowUp.id)
        .correlate(FollowUp)
        .scalar_subquery()
    )
    rows = session.exec(
        select_columns(
            FollowUp.id,
            FollowUp.matter_id,
            FollowUp.reason,
            Resident.name,
            Matter.contact_name,
            Matter.unit_label,
            FollowUp.phone,
            FollowUp.due,
            FollowUp.worked_out,
            FollowUp.rule,
            FollowUp.explanation,
            FollowUp.evening_ok,
            FollowUp.urgent,
            FollowUp.version,
            FollowUp.created_at,
            attempts,
        )
        .outerjoin(Matter, col(Matter.id) == FollowUp.matter_id)
        .outerjoin(Resident, col(Resident.id) == Matter.resident_id)
        .where(FollowUp.status == FollowUpStatus.OWED)
        .order_by(col(FollowUp.due), col(FollowUp.id))
    ).all()
    out = []
    for (
        follow_up_id,
        matter_id,
        reason,
        name,
        contact,
        unit,
        phone,
        due,
        worked_out,
        rule,
        explanation,
        evening_ok,
        urgent,
        version,
        created_at,
        tries,
    ) in rows:
        window = windows[bool(evening_ok or urgent)]
        missed = matter_id is None
        if missed:
            name = names_under(session, desk, phone)
        said_rule, steps = stored_steps(worked_out, rule, explanation)
        out.append(
            Callback(
                id=follow_up_id,
                matter_id=matter_id,
                reason=reason,
                resident=name if name is not None else contact,
                unit=unit or "",
                phone=mask_phone(phone) if phone else "",
                due=due.astimezone(desk.policy.timezone),
                window_start=window.start,
                window_end=window.end,
                callable_now=window.contains(local_now),
                attempts=tries or 0,
                overdue=due < now,
                rule=said_rule,
                steps=tuple(steps),
                evening_ok=evening_ok,
                urgent=urgent,
                version=version,
                rang_at=created_at.astimezone(desk.policy.timezone) if missed else None,
            )
        )
    return out


@use_case
def record_attempt(
    *,
    session: Session,
    desk: Desk,
    operator_id: int,
    follow_up_id: int,
    outcome: AttemptOutcome,
    verdict: Verdict = Verdict.NONE,
    notes: str = "",
    reopen_matter: bool = False,
    new_visit_at: datetime | None = None,
    urgent: bool = False,
) -> FollowUpAttempt:
    """Record one try at a follow-up call.

    Reaching nobody keeps the follow-up on the list. Reaching the resident completes it: the
    matter is closed when they are satisfied; when they are not, the matter reopens if asked
    (``reopen_matter``), and a repair goes back to maintenance as a new work order visited at
    ``new_visit_at`` (agreed with the resident on the call). The resident calling in
    (``called-in``) reaches them as well.

    Calls are made in the callable window only: a try outside it is refused unless the
    resident called in or the call is ``urgent``, which is recorded with it.
    """
    operator(session, operator_id)
    outcome = AttemptOutcome(outcome)
    reached = outcome in (AttemptOutcome.REACHED, AttemptOutcome.CALLED_IN)
    follow_up = session.get(FollowUp, follow_up_id)
    if follow_up is None:
        raise NotFound(_("there is no follow-up {id}").format(id=follow_up_id))
    if follow_up.status != FollowUpStatus.OWED:
        raise WrongState(
            _("follow-up {id} is already {status}").format(
                id=follow_up_id, status=named_of(FollowUpStatus, follow_up.status)
            )
        )
    verdict = Verdict(verdict)
    if not reached and verdict is not Verdict.NONE:
        raise ServiceError(_("a verdict needs the resident reached"))
    notes = free_text(notes, _("the notes"))
    if reached and not notes:
        raise ServiceError(_("record what was said and the resident's opinion"))
    if outcome is not AttemptOutcome.CALLED_IN and not urgent and not callable_now(desk, follow_up):
        raise OutsideWindow(_outside(desk, follow_up))
    now = desk.now()
    attempt = FollowUpAttempt(
        follow_up_id=id_of(follow_up),
        at=now,
        operator_id=operator_id,
        outcome=outcome,
        verdict=verdict,
        notes=notes,
        urgent=urgent and outcome is not AttemptOutcome.CALLED_IN,
    )
    session.add(attempt)
    if reached:
        follow_up.status = FollowUpStatus.DONE
        follow_up.done_at = now
        session.add(follow_up)
        if follow_up.matter_id is None:
            return attempt  # a missed call returned: what it was about is filed as a call
        matter = tracking.get_matter(session, follow_up.matter_id)
        if verdict is Verdict.UNSATISFIED and matter.kind == MatterKind.REPAIR:
            new_work_order(session, desk, matter, notes, operator_id, new_visit_at)
        _after_reached(session, desk, follow_up, matter, verdict, notes, operator_id, reopen_matter)
    return attempt


class OutsideWindow(ServiceError):
    """A try recorded outside the callable window, with no word of why."""


def _outside(desk: Desk, follow_up: FollowUp) -> str:
    evening = follow_up.evening_ok or follow_up.urgent
    window = desk.policy.callable_evening if evening else desk.policy.callable_normal
    return _(
        "follow-up {id} may be called {window} only: record it as the resident calling in, "
        "or say the call is urgent"
    ).format(id=follow_up.id, window=window)


def _after_reached(
    session: Session,
    desk: Desk,
    follow_up: FollowUp,
    matter: Matter,
    verdict: Verdict,
    notes: str,
    operator_id: int,
    reopen_matter: bool,
) -> None:
    now = desk.now()
    reason = FollowUpReason(follow_up.reason)
    if reason is FollowUpReason.PROGRESS:
        tracking.record_event(
            session,
            matter,
            EventKind.NOTE,
            at=now,
            operator_id=operator_id,
            said=sentence("progress call: {notes}", notes=notes),
        )
        return
    if reason is FollowUpReason.PROMISED:
        tracking.meet(session, matter, None, now)
        tracking.record_event(
            session, matter, EventKind.REPLIED, at=now, operator_id=operator_id, text=notes
        )
    if verdict is Verdict.UNSATISFIED and reopen_matter and matter.kind != MatterKind.REPAIR:
        if matter.status == MatterStatus.OPEN:
            tracking.record_event(
                session, matter, EventKind.NOTE, at=now, operator_id=operator_id, text=notes
            )
            # The promised reply stopped its clock above: the next deadline is another one.
            tracking.refresh_next(session, matter)
        else:
            inside(reopen)(
                session=session,
                desk=desk,
                operator_id=operator_id,
                matter_id=id_of(matter),
                text=notes,
            )
        return
    if matter.status != MatterStatus.CLOSED:
        matter.status = MatterStatus.CLOSED
        tracking.record_event(
            session,
            matter,
            EventKind.CLOSED,
            at=now,
            operator_id=operator_id,
            said=sentence("{verdict}", verdict=verdict),
        )
    tracking.refresh_next(session, matter)


def new_work_order(
    session: Session,
    desk: Desk,
    done: Matter,
    problem: str,
    operator_id: int,
    visit_at: datetime | None,
) -> Matter:
    """A problem found on a repair's follow-up goes back to maintenance as a new work order,
    with the required fields of any repair (the visit time agreed on the call among them)."""
    if visit_at is None:
        raise FieldsInvalid(
            [
                FieldError(
                    "new_visit_at", _("agree a time for maintenance to come back with the resident")
                )
            ]
        )
    raw = {
        "contact_name": done.contact_name,
        "unit": done.unit_label or "无",
        "content": problem,
        "repair_category": done.repair_category,
        "visit_at": visit_at,
        "department": done.department,
    }
    try:
        clean = validate_matter(MatterKind.REPAIR, raw, policy=desk.policy, now=desk.now())
    except MatterInvalid as exc:
        raise FieldsInvalid(exc.errors) from None
    origin = Origin(
        resident_id=done.resident_id,
        name=done.contact_name,
        phone=done.contact_phone,
        unit_label=done.unit_label,
        parent_id=done.id,
    )
    opened = open_matter(
        session,
        desk,
        clean,
        origin=origin,
        operator_id=operator_id,
        received=desk.now(),
        note=sentence("problem found on the follow-up of #{id}", id=id_of(done)),
    )
    return opened.matter


@use_case
def plan_progress_call(
    *, session: Session, desk: Desk, operator_id: int, matter_id: int, at: datetime
) -> FollowUp:
    """Tell the resident how far a long matter has got (DOMAIN.md §3): a call by ``at``."""
    operator(session, operator_id)
    matter = tracking.get_matter(session, matter_id)
    if matter.status != MatterStatus.OPEN:
        raise WrongState(_("matter {id} is not open").format(id=matter_id))
    if aware(at, _("the progress call")) <= desk.now():
        raise ServiceError(_("the progress call must be planned for later"))
    follow_up, _deadline = tracking.open_follow_up(
        session, desk, matter, FollowUpReason.PROGRESS, desk.now(), promised=at
    )
    return follow_up
