"""The audit log: every change to the register, written by the store itself at each flush, so no
use case can forget it. Append-only: the database refuses to update or delete its rows (the
triggers are in the migrations) and the app has no way to edit it.

Who and where come from ``session.info``, which the services fill in with :func:`stamp`; a
change made with no one stamped (the demo builder, a migration) is the system's.
"""

import json
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any, ClassVar

from sqlalchemy import Column, Index, Text, event, insert, inspect
from sqlalchemy.orm import Session as OrmSession
from sqlmodel import Field, SQLModel

from frontdesk.store.types import AwareDateTime

INSERT, UPDATE, DELETE, REVEAL = "insert", "update", "delete", "reveal"
# Tables whose rows are not part of the register: the log itself and the advisory marks.
# The outbox is the app's own post, not the register: what it says is in the log already.
UNLOGGED = frozenset({"audit_entry", "handling_mark", "notice", "notice_delivery"})
# Never copied into the log: a PIN hash has no business in a readable history.
SECRET_COLUMNS = frozenset({"pin_hash"})


class AuditEntry(SQLModel, table=True):
    """One change (or one reveal of a full phone number): who, when, where, before and after."""

    __tablename__: ClassVar[str] = "audit_entry"
    __table_args__ = (Index("ix_audit_entry_subject", "table_name", "row_key"),)
    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(sa_column=Column(AwareDateTime(), nullable=False, index=True))
    # None when the system acted. No foreign key: the log outlives anything it mentions.
    operator_id: int | None = Field(default=None, index=True)
    counter: str = ""
    action: str
    table_name: str
    row_key: str
    before: str = Field(default="", sa_column=Column(Text, nullable=False, server_default=""))
    after: str = Field(default="", sa_column=Column(Text, nullable=False, server_default=""))


def stamp(
    session: OrmSession,
    *,
    operator_id: int | None,
    counter: str,
    now: Callable[[], datetime],
) -> None:
    """Say who is changing things through ``session``, at which counter, by which clock."""
    session.info["journal"] = (operator_id, counter, now)


def _who(session: OrmSession) -> tuple[int | None, str, datetime]:
    operator_id, counter, now = session.info.get("journal", (None, "", lambda: datetime.now(UTC)))
    return operator_id, counter, now()


def record(
    session: OrmSession, *, action: str, table_name: str, row_key: str, after: dict[str, Any]
) -> None:
    """Log something that is not a row change (a full number revealed)."""
    operator_id, counter, at = _who(session)
    session.execute(
        insert(AuditEntry),
        [
            {
                "at": at,
                "operator_id": operator_id,
                "counter": counter,
                "action": action,
                "table_name": table_name,
                "row_key": row_key,
                "before": "",
                "after": _dump(after),
            }
        ],
    )


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def _dump(values: dict[str, Any] | None) -> str:
    if values is None:
        return ""
    return json.dumps({k: _plain(v) for k, v in values.items()}, ensure_ascii=False, sort_keys=True)


def _row_key(state) -> str:
    return "/".join(str(part) for part in state.mapper.primary_key_from_instance(state.obj()))


def _columns(state) -> dict[str, Any]:
    return {
        attr.key: attr.value
        for attr in state.attrs
        if attr.key in state.mapper.column_attrs and attr.key not in SECRET_COLUMNS
    }


def _changes(state) -> tuple[dict[str, Any], dict[str, Any]]:
    before: dict[str, Any] = {}
    after: dict[str, Any] = {}
    for attr in state.attrs:
        if attr.key not in state.mapper.column_attrs or attr.key in SECRET_COLUMNS:
            continue
        history = attr.history
        if not history.has_changes():
            continue
        before[attr.key] = history.deleted[0] if history.deleted else None
        after[attr.key] = history.added[0] if history.added else None
    version_column = state.mapper.version_id_col
    if after and version_column is not None:
        # The mapper counts versions itself, one per update, without an attribute event.
        key = state.mapper.get_property_by_column(version_column).key
        after[key] = state.dict[key]
        before[key] = after[key] - 1
    return before, after


def _order(state) -> tuple[str, str]:
    return state.mapper.local_table.name, _row_key(state).zfill(12)


@event.listens_for(OrmSession, "after_flush")
def _log_flush(session: OrmSession, _flush_context) -> None:
    rows = []
    operator_id, counter, at = _who(session)

    def add(action: str, state, before: dict | None, after: dict | None) -> None:
        table = state.mapper.local_table.name
        if table in UNLOGGED:
            return
        rows.append(
            {
                "at": at,
                "operator_id": operator_id,
                "counter": counter,
                "action": action,
                "table_name": table,
                "row_key": _row_key(state),
                "before": _dump(before),
                "after": _dump(after),
            }
        )

    # The session keeps its changes in sets: log them in a fixed order (new rows as they were
    # added, the rest by table and key) so the log reads the same on every run.
    for state in sorted(map(inspect, session.new), key=lambda s: s.insert_order or 0):
        add(INSERT, state, None, _columns(state))
    for state in sorted(map(inspect, session.dirty), key=_order):
        before, after = _changes(state)
        if after:
            add(UPDATE, state, before, after)
    for state in sorted(map(inspect, session.deleted), key=_order):
        add(DELETE, state, _columns(state), None)
    if rows:
        session.connection().execute(insert(AuditEntry), rows)
