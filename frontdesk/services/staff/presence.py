"""Who is on what: the advisory "being handled by X at counter Y" on matters and resident cards,
and the cheap check that tells a counter the database has changed.

A mark is advice, never a lock: nothing is refused because of it, and it does not expire under
someone who is still on the phone. An operator holds one mark per kind of subject, moved when
they turn to another matter or card and dropped when they sign out. Conflicting saves are
caught by the row versions instead (``concurrency``).
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func
from sqlmodel import Session, col, delete, select

from frontdesk.i18n import _
from frontdesk.services.kernel.context import Desk
from frontdesk.services.kernel.transaction import use_case
from frontdesk.store.listeners.journal import AuditEntry
from frontdesk.store.tables.staff import HandlingMark, Operator

MATTER, RESIDENT = "matter", "resident"
# A mark left by an app that was killed or lost its power would otherwise stay for good: one
# older than a shift is not shown. (Signing in again also clears the operator's old marks.)
SHIFT = timedelta(hours=8)


@dataclass(frozen=True)
class Presence:
    operator: str
    counter: str
    since: datetime

    def __str__(self) -> str:
        where = _(" at {counter}").format(counter=self.counter) if self.counter else ""
        return _("{who}{where} since {since}").format(
            who=self.operator, where=where, since=f"{self.since:%H:%M}"
        )


@use_case
def look_at(
    *, session: Session, desk: Desk, operator_id: int, subject: str, subject_id: int
) -> list[Presence]:
    """Mark ``subject_id`` as being handled by the operator (moving their earlier mark of that
    kind), and say who else is on it."""
    session.exec(
        delete(HandlingMark)
        .where(col(HandlingMark.operator_id) == operator_id)
        .where(col(HandlingMark.subject) == subject)
        .where(col(HandlingMark.subject_id) != subject_id)
    )
    held = session.exec(
        select(HandlingMark)
        .where(HandlingMark.operator_id == operator_id)
        .where(HandlingMark.subject == subject)
    ).first()
    if held is None:
        session.add(
            HandlingMark(
                subject=subject,
                subject_id=subject_id,
                operator_id=operator_id,
                counter=desk.counter,
                since=desk.now(),
            )
        )
    return others_on(
        session=session, desk=desk, operator_id=operator_id, subject=subject, ids=[subject_id]
    ).get(subject_id, [])


@use_case
def leave_all(*, session: Session, desk: Desk, operator_id: int) -> None:
    """The operator signs out or closes the app: their marks go."""
    session.exec(delete(HandlingMark).where(col(HandlingMark.operator_id) == operator_id))


def others_on(
    *, session: Session, desk: Desk, operator_id: int | None, subject: str, ids: list[int]
) -> dict[int, list[Presence]]:
    """Who other than the operator is handling each of ``ids``. There is at most one mark of a
    kind per operator, so all of them are read and the ids picked here (a queue of thousands
    would otherwise make a query of thousands of parameters)."""
    wanted = set(ids)
    if not wanted:
        return {}
    rows = session.exec(
        select(HandlingMark, Operator.name)
        .join(Operator, col(Operator.id) == HandlingMark.operator_id)
        .where(HandlingMark.subject == subject)
        .where(HandlingMark.operator_id != (operator_id or 0))
        .where(col(HandlingMark.since) > desk.now() - SHIFT)
        .order_by(col(HandlingMark.since))
    ).all()
    found: dict[int, list[Presence]] = {}
    for mark, name in rows:
        if mark.subject_id not in wanted:
            continue
        since = mark.since.astimezone(desk.policy.timezone)
        found.setdefault(mark.subject_id, []).append(Presence(name, mark.counter, since))
    return found


# On PostgreSQL two saves may commit in the other order than their log ids: counting the
# newest entries as well as taking the newest id notices the one that committed late.
RECENT = 500


def change_token(*, session: Session, desk: Desk) -> tuple[int, ...]:
    """Changes whenever anything is saved or a mark moves. A few index lookups, cheap enough
    to ask every two seconds on SQLite and PostgreSQL alike."""
    last_change = session.exec(select(func.max(AuditEntry.id))).one() or 0
    recent = session.exec(
        select(func.count()).where(col(AuditEntry.id) > last_change - RECENT)
    ).one()
    last_mark, marks = session.exec(select(func.max(HandlingMark.id), func.count())).one()
    return (last_change, recent, last_mark or 0, marks)
