"""The deliveries of the notices: each route given what it takes, claimed by one sender at a
time, and tried until sent.

A sender claims a delivery by setting its lease in one conditional UPDATE: of two senders at
once, one changes the row and the other changes nothing, so one sends. A sender that dies with
a claim leaves it to the next once the lease runs out: at least once, never twice at once.
A receiver that is down keeps the delivery pending, tried again later and later (30 s, 1 min,
2 min … at most an hour apart), with the last error kept to be shown.
"""

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import and_, exists, func, or_, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from frontdesk.domain.vocabulary.kinds import DeliveryStatus
from frontdesk.services.kernel.context import Desk
from frontdesk.services.kernel.transaction import use_case
from frontdesk.services.notices.messages import notice_text
from frontdesk.store.tables.notices import Delivery, Notice

#: How long a claim holds a delivery from other senders: more than a send can take.
LEASE = timedelta(minutes=2)
FIRST_RETRY = timedelta(seconds=30)
LAST_RETRY = timedelta(hours=1)


@dataclass(frozen=True)
class Takes:
    """What a route takes: its name, the events, and (if any) only these departments' matters."""

    route: str
    events: frozenset[str]
    departments: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Outgoing:
    delivery_id: int
    route: str
    event: str
    matter_id: int | None
    key: str
    #: The message, in the caller language, every phone number masked.
    text: str
    attempts: int


@dataclass(frozen=True)
class RouteStatus:
    route: str
    pending: int
    sent: int
    #: Pending after a failed try: the receiver was down or refused it.
    failing: int
    last_error: str


def retry_after(attempts: int) -> timedelta:
    """How long after its ``attempts``-th failed try a delivery is tried again."""
    return min(FIRST_RETRY * 2 ** max(attempts - 1, 0), LAST_RETRY)


@use_case
def claim(
    *, session: Session, desk: Desk, routes: list[Takes], dry_run: bool = False
) -> list[Outgoing]:
    """Give each route the notices it takes and has not been given, then claim for this sender
    every delivery due now that no other sender holds. ``dry_run`` lists what would be sent,
    and gives and claims nothing."""
    now = desk.now()
    if not dry_run:
        for takes in routes:
            _give(session, takes, now)
    pending = (
        select(Delivery, Notice)
        .join(Notice, col(Notice.id) == Delivery.notice_id)
        .where(Delivery.status == DeliveryStatus.PENDING)
        .where(col(Delivery.next_try_at) <= now)
        .where(or_(col(Delivery.leased_until).is_(None), col(Delivery.leased_until) < now))
        .where(col(Delivery.route).in_([t.route for t in routes]))
        .order_by(col(Delivery.id))
    )
    found = list(session.exec(pending).all())
    if dry_run:
        found += [
            (Delivery(notice_id=n.id or 0, route=t.route, next_try_at=now), n)
            for t, n in _untold(session, routes)
        ]
    claimed: list[Outgoing] = []
    for delivery, notice in found:
        if not dry_run and not _take(session, delivery, now):
            continue  # another sender has it
        claimed.append(
            Outgoing(
                delivery_id=delivery.id or 0,
                route=delivery.route,
                event=notice.event,
                matter_id=notice.matter_id,
                key=notice.key,
                text=notice_text(session, desk, notice),
                attempts=delivery.attempts,
            )
        )
    return claimed


def _untold(session: Session, routes: list[Takes]) -> list[tuple[Takes, Notice]]:
    return [(t, n) for t in routes for n in session.exec(_not_given(t)).all()]


def _not_given(takes: Takes):
    query = (
        select(Notice)
        .where(col(Notice.event).in_(takes.events))
        .where(
            ~exists().where(
                and_(col(Delivery.notice_id) == Notice.id, col(Delivery.route) == takes.route)
            )
        )
        .order_by(col(Notice.id))
    )
    if takes.departments:
        query = query.where(col(Notice.department).in_(takes.departments))
    return query


def _give(session: Session, takes: Takes, now) -> None:
    for notice in session.exec(_not_given(takes)).all():
        try:
            with session.begin_nested():
                session.add(Delivery(notice_id=notice.id or 0, route=takes.route, next_try_at=now))
        except IntegrityError:
            continue  # another sender gave it to this route a moment ago


def _take(session: Session, delivery: Delivery, now) -> bool:
    taken = session.connection().execute(
        update(Delivery)
        .where(col(Delivery.id) == delivery.id)
        .where(col(Delivery.status) == DeliveryStatus.PENDING)
        .where(or_(col(Delivery.leased_until).is_(None), col(Delivery.leased_until) < now))
        .values(leased_until=now + LEASE)
    )
    return taken.rowcount == 1


@use_case
def delivered(*, session: Session, desk: Desk, delivery_ids: list[int]) -> None:
    now = desk.now()
    for delivery in _deliveries(session, delivery_ids):
        delivery.status = DeliveryStatus.SENT
        delivery.attempts += 1
        delivery.sent_at, delivery.leased_until, delivery.last_error = now, None, ""
        session.add(delivery)


@use_case
def not_delivered(*, session: Session, desk: Desk, delivery_ids: list[int], error: str) -> None:
    """The receiver did not take them: tried again later, the error kept to be shown."""
    now = desk.now()
    for delivery in _deliveries(session, delivery_ids):
        delivery.attempts += 1
        delivery.next_try_at = now + retry_after(delivery.attempts)
        delivery.leased_until, delivery.last_error = None, error[:500]
        session.add(delivery)


@use_case
def released(*, session: Session, desk: Desk, delivery_ids: list[int]) -> None:
    """Claimed and not tried (the route's rate was reached): free for the next round."""
    for delivery in _deliveries(session, delivery_ids):
        delivery.leased_until = None
        session.add(delivery)


def _deliveries(session: Session, ids: list[int]) -> list[Delivery]:
    if not ids:
        return []
    return list(session.exec(select(Delivery).where(col(Delivery.id).in_(ids))).all())


def outbox_status(*, session: Session, desk: Desk, routes: list[str]) -> list[RouteStatus]:
    """Per route: deliveries pending, sent, failing (pending after a failed try), and the last
    error a receiver gave."""
    counts: dict[tuple[str, str, bool], int] = {}
    for route, status, attempts, n in session.exec(
        select(Delivery.route, Delivery.status, Delivery.attempts, func.count()).group_by(
            col(Delivery.route), col(Delivery.status), col(Delivery.attempts)
        )
    ).all():
        key = (route, status, attempts > 0)
        counts[key] = counts.get(key, 0) + n
    shown = []
    for route in dict.fromkeys([*routes, *(r for r, _s, _f in counts)]):
        last = session.exec(
            select(Delivery.last_error)
            .where(Delivery.route == route)
            .where(Delivery.last_error != "")
            .order_by(col(Delivery.id).desc())
            .limit(1)
        ).first()
        pending = sum(n for (r, s, _f), n in counts.items() if r == route and s == "pending")
        sent = sum(n for (r, s, _f), n in counts.items() if r == route and s == "sent")
        failing = counts.get((route, "pending", True), 0)
        shown.append(RouteStatus(route, pending, sent, failing, last or ""))
    return shown
