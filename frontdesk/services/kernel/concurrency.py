"""Two counters saving the same matter or card: the second save is refused, with what the other
changed, and nothing is overwritten (optimistic versioning).

A screen passes ``seen=Seen(...)``, the version of the row it showed, to a use case; the
``use_case`` decorator checks it before anything is written. The row's version column also
guards the moment between that check and the commit: SQLAlchemy refuses an update whose row
changed since it was read, and that refusal becomes the same :class:`Conflict`.
"""

import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import String, func
from sqlmodel import Session, col, select

from frontdesk.domain.vocabulary.kinds import EventKind
from frontdesk.domain.vocabulary.labels import named_of
from frontdesk.domain.vocabulary.sentences import history_line
from frontdesk.i18n import _
from frontdesk.services.kernel.context import Desk
from frontdesk.services.kernel.errors import NotFound, ServiceError
from frontdesk.store.listeners.journal import AuditEntry
from frontdesk.store.queries import id_of
from frontdesk.store.tables.people import Resident
from frontdesk.store.tables.register import FollowUp, Matter, MatterEvent
from frontdesk.store.tables.staff import Operator
from frontdesk.wording import say

MODELS = {"matter": Matter, "resident": Resident, "follow_up": FollowUp}
# Bookkeeping that changes with every save: not worth telling the operator about.
QUIET = frozenset({"version", "updated_at", "next_due", "name_pinyin", "name_initials"})


def _what(table: str) -> str:
    names = {"matter": _("matter"), "resident": _("resident card"), "follow_up": _("follow-up")}
    return names.get(table, _("record"))


@dataclass(frozen=True)
class Seen:
    """The version of a row the operator was looking at when they acted."""

    table: str
    row_id: int
    version: int

    @classmethod
    def of(cls, row: Matter | Resident | FollowUp) -> "Seen":
        table = next(name for name, model in MODELS.items() if isinstance(row, model))
        return cls(table, id_of(row), row.version)


class Conflict(ServiceError):
    """Someone else saved the same row since the operator last saw it; ``changes`` says what.
    ``current`` is the version it has now (None where it could not be read): the same change,
    given it as ``seen``, is made on top of theirs, after the operator has seen what they did."""

    def __init__(self, message: str, changes: list[str], current: Seen | None = None):
        super().__init__("\n".join([message, *changes]))
        self.refusal = message
        self.changes = changes
        self.current = current


def check(session: Session, desk: Desk, seen: Seen) -> None:
    """Refuse with :class:`Conflict` if the row moved on from the version ``seen``."""
    # Read afresh: a row this session read earlier may be the very stale copy being checked.
    row = session.get(MODELS[seen.table], seen.row_id, populate_existing=True)
    if row is None:
        raise NotFound(_("{what} {id} is gone").format(what=_what(seen.table), id=seen.row_id))
    if row.version == seen.version:
        return
    current = Seen(seen.table, seen.row_id, row.version)
    raise Conflict(_refusal(seen), changes_since(session, desk, seen), current)


def stale(session: Session, desk: Desk | None, table: str, row_id: int | None) -> Conflict:
    """The conflict for an update the database found stale at the last moment."""
    seen = Seen(table, row_id or 0, 0)
    changes = changes_since(session, desk, seen, events=False) if row_id and desk else []
    row = session.get(MODELS[table], row_id) if row_id and table in MODELS else None
    current = Seen(table, row_id, row.version) if row is not None and row_id else None
    session.rollback()  # the lookups leave no transaction open
    # The latest saves: the one that won is last.
    return Conflict(_refusal(seen), changes[-3:], current)


def _refusal(seen: Seen) -> str:
    return _(
        "Not saved: someone else changed this {what} while you had it open. "
        "Look at it again and redo your change if it still applies."
    ).format(what=_what(seen.table))


def changes_since(session: Session, desk: Desk, seen: Seen, *, events: bool = True) -> list[str]:
    """One line per later save of the row: when, who, where, and each field before → after;
    for a matter, then what was done to it (escalated, replied …)."""
    entries = session.exec(
        select(AuditEntry)
        .where(AuditEntry.table_name == seen.table)
        .where(AuditEntry.row_key == str(seen.row_id))
        .order_by(col(AuditEntry.id))
    ).all()
    saves: list[tuple[tuple, dict, dict]] = []  # (when, who, where), before, after
    base_id = 0  # the log entry that made the version the operator saw
    for entry in entries:
        after = json.loads(entry.after or "{}")
        if after.get("version", 0) <= seen.version:
            base_id = entry.id or 0
            continue
        before = json.loads(entry.before or "{}")
        who = (entry.at, entry.operator_id, entry.counter)
        if saves and saves[-1][0] == who:  # several flushes of one save read as one
            saves[-1][1].update({k: v for k, v in before.items() if k not in saves[-1][1]})
            saves[-1][2].update(after)
        else:
            saves.append((who, before, after))
    lines = []
    for (at, operator_id, counter), before, after in saves:
        fields = [
            f"{key} {_shown(before.get(key), desk)} → {_shown(value, desk)}"
            for key, value in after.items()
            if key not in QUIET and before.get(key) != value
        ]
        lines.append(f"{_by(session, desk, at, operator_id, counter)}: " + "; ".join(fields))
    if events and seen.table == "matter" and saves:
        lines += _events_since(session, desk, seen.row_id, base_id)
    return lines


def _events_since(session: Session, desk: Desk, matter_id: int, base_id: int) -> list[str]:
    """The matter's history written after the log entry ``base_id``."""
    logged_later = select(AuditEntry.row_key).where(
        AuditEntry.table_name == "matter_event", col(AuditEntry.id) > base_id
    )
    events = session.exec(
        select(MatterEvent)
        .where(MatterEvent.matter_id == matter_id)
        .where(func.cast(col(MatterEvent.id), String).in_(logged_later))
        .order_by(col(MatterEvent.id))
    ).all()
    return [
        f"{_by(session, desk, event.at, event.operator_id, '')}: "
        + named_of(EventKind, event.kind)
        + (f" “{_said(event)}”" if event.to_whom or event.text or event.said else "")
        for event in events
    ]


def _said(event: MatterEvent) -> str:
    return say(history_line(event.to_whom, event.text, event.said))


def _by(session: Session, desk: Desk, at: datetime, operator_id: int | None, counter: str) -> str:
    operator = session.get(Operator, operator_id) if operator_id else None
    who = operator.name if operator else _("the system")
    where = _(" at {counter}").format(counter=counter) if counter else ""
    return f"{at.astimezone(desk.policy.timezone):%m-%d %H:%M} {who}{where}"


def _shown(value: object, desk: Desk) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, str) and len(value) >= 25 and value[10:11] == "T":
        try:  # an aware ISO moment, as the log keeps them
            moment = datetime.fromisoformat(value)
        except ValueError:
            return value
        if moment.tzinfo is not None:
            return f"{moment.astimezone(desk.policy.timezone):%m-%d %H:%M}"
    return str(value)
