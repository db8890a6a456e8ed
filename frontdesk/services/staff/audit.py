"""Reading the audit log: the office manager's (``services/kernel/permissions.py``).

Newest first, narrowed by who acted, what was touched, the kind of entry and a first moment,
and read a page at a time by entry id. Read only: nothing here or anywhere else in the app
changes or removes an entry, and the database refuses to (``store/listeners/journal.py``).

Phone numbers inside the entries stay masked: reading the log is not a way round a reveal.
"""

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlmodel import Session, col, select

from frontdesk.domain.people.phones import mask_stored
from frontdesk.domain.vocabulary.sentences import stored_sentence, stored_steps
from frontdesk.i18n import _
from frontdesk.record_words import column_words, value_word
from frontdesk.services.kernel.context import Desk
from frontdesk.services.kernel.errors import NotFound
from frontdesk.services.kernel.permissions import Action, require
from frontdesk.store.listeners.journal import INSERT, REVEAL, UPDATE, AuditEntry
from frontdesk.store.queries import id_of
from frontdesk.store.tables.staff import Operator
from frontdesk.wording import said_steps, say

# Entries a page holds by default.
PAGE = 50
# Columns holding phone numbers, masked wherever the log is shown.
PHONE_COLUMNS = frozenset({"national", "caller_phone", "contact_phone", "callback_phone", "phone"})
# Kept by every change; shown in the one-line summary only when nothing else changed.
BOOKKEEPING = frozenset({"version", "updated_at"})
# Who acted when no one was signed in: the first run, the demo builder, the monthly upgrade.
SYSTEM = "system"


@dataclass(frozen=True)
class AuditFilter:
    """Narrow the log; fields left None let everything through."""

    #: The name of the operator who acted, or "system".
    operator: str | None = None
    table_name: str | None = None
    row_key: str | None = None
    #: insert, update, delete or reveal.
    action: str | None = None
    since: datetime | None = None


@dataclass(frozen=True)
class Change:
    #: The column as stored, and its word in the interface language.
    field: str
    before: str
    after: str
    label: str = ""

    @property
    def word(self) -> str:
        return self.label or self.field


@dataclass(frozen=True)
class AuditLine:
    id: int
    at: datetime
    operator: str
    counter: str
    action: str
    table_name: str
    row_key: str
    #: Field by field: before and after for a change, the values of a new or removed row.
    changes: list[Change]
    #: The changes in one readable line.
    summary: str


@dataclass
class AuditPage:
    entries: list[AuditLine] = field(default_factory=list)
    #: Pass as ``before_id`` for the next (older) page; None when this is the last.
    older: int | None = None


def list_audit(
    *,
    session: Session,
    desk: Desk,
    operator_id: int,
    filters: AuditFilter | None = None,
    before_id: int | None = None,
    limit: int = PAGE,
) -> AuditPage:
    """A page of the log, newest first."""
    require(session, operator_id, Action.READ_AUDIT)
    filters = filters or AuditFilter()
    query = select(AuditEntry, Operator.name).outerjoin(
        Operator,
        col(Operator.id) == AuditEntry.operator_id,
    )
    if filters.operator == SYSTEM:
        query = query.where(col(AuditEntry.operator_id).is_(None))
    elif filters.operator:
        actor = session.exec(select(Operator.id).where(Operator.name == filters.operator)).first()
        if actor is None:
            raise NotFound(_("there is no operator called {name}").format(name=filters.operator))
        query = query.where(AuditEntry.operator_id == actor)
    if filters.table_name:
        query = query.where(AuditEntry.table_name == filters.table_name)
    if filters.row_key:
        query = query.where(AuditEntry.row_key == filters.row_key)
    if filters.action:
        query = query.where(AuditEntry.action == filters.action)
    if filters.since:
        query = query.where(AuditEntry.at >= filters.since)
    if before_id is not None:
        query = query.where(col(AuditEntry.id) < before_id)
    limit = max(1, limit)
    rows = session.exec(query.order_by(col(AuditEntry.id).desc()).limit(limit + 1)).all()
    lines = [_line(entry, name, desk) for entry, name in rows[:limit]]
    return AuditPage(lines, lines[-1].id if len(rows) > limit else None)


def audit_entry(*, session: Session, desk: Desk, operator_id: int, entry_id: int) -> AuditLine:
    """One entry in full."""
    require(session, operator_id, Action.READ_AUDIT)
    row = session.exec(
        select(AuditEntry, Operator.name)
        .outerjoin(Operator, col(Operator.id) == AuditEntry.operator_id)
        .where(AuditEntry.id == entry_id)
    ).first()
    if row is None:
        raise NotFound(_("there is no audit entry {id}").format(id=entry_id))
    return _line(row[0], row[1], desk)


def _line(entry: AuditEntry, name: str | None, desk: Desk) -> AuditLine:
    before, after = _load(entry.before), _load(entry.after)
    tz, words, table = desk.policy.timezone, column_words(), entry.table_name
    changes = [
        Change(
            key,
            _text(table, key, before.get(key), tz),
            _text(table, key, after.get(key), tz),
            words.get(key, key),
        )
        for key in sorted(before.keys() | after.keys())
    ]
    return AuditLine(
        id=id_of(entry),
        at=entry.at.astimezone(tz),
        operator=name or (SYSTEM if entry.operator_id is None else f"#{entry.operator_id}"),
        counter=entry.counter,
        action=entry.action,
        table_name=entry.table_name,
        row_key=entry.row_key,
        changes=changes,
        summary=summary(entry.action, changes),
    )


def summary(action: str, changes: list[Change]) -> str:
    """One line: ``status: open → resolved · next_due: … → …`` for a change, the values of a
    new or removed row, who and why for a reveal."""
    if action == UPDATE:
        shown = [c for c in changes if c.field not in BOOKKEEPING] or changes
        return " · ".join(f"{c.word}: {c.before} → {c.after}" for c in shown)
    if action == REVEAL:
        return " · ".join(f"{c.word}: {c.after}" for c in changes)
    # A new or removed row: its values, the empty ones left out (its id is the entry's subject).
    values = [(c, c.after if action == INSERT else c.before) for c in changes]
    return " · ".join(
        f"{c.word}={value}"
        for c, value in values
        if c.field not in BOOKKEEPING and c.field != "id" and value not in ("", "—")
    )


def _load(text: str) -> dict[str, Any]:
    return json.loads(text) if text else {}


def _text(table: str, key: str, value: Any, tz) -> str:
    if value is None:
        return "—"
    if key == "said" and isinstance(value, dict):
        return say(stored_sentence(value, ""))
    if key == "worked_out" and isinstance(value, dict):
        rule, steps = stored_steps(value, "", "")
        return f"{say(rule)}: {said_steps(steps)}"
    if key in PHONE_COLUMNS and isinstance(value, str) and value:
        return mask_stored(value)
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, str) and len(value) >= 19 and value[4] == "-" and value[10] == "T":
        try:
            return datetime.fromisoformat(value).astimezone(tz).strftime("%Y-%m-%d %H:%M")
        except ValueError:
            pass
    if isinstance(value, str):
        return value_word(table, key, value)
    return str(value)
