"""``frontdesk check``: is the database sound? Each check is cheap (one query or pragma) and
says ok, or what is wrong.

Beyond what the database engine checks itself, the consistency checks hold on both backends:
the queue's sort key agrees with the deadlines it summarises, no follow-up has lost its matter,
the audit log is still append-only, and the search index holds the terms the residents' rows
give (this one reads every resident: seconds for a hundred thousand).
"""

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DatabaseError, SQLAlchemyError

from frontdesk.i18n import _
from frontdesk.store import migrate
from frontdesk.store.engine import BUSY_TIMEOUT_MS, database_url, make_engine

# Problems listed by name before the rest are only counted: a line stays readable.
SHOWN = 3


# A check's verdict and what it found.
Result = tuple[bool, str]


@dataclass(frozen=True)
class Finding:
    check: str
    ok: bool
    detail: str


# Open matters whose next milestone and due time (the queue's sort key) are not those of their
# earliest running deadline: the queue would show them in the wrong place, or not as due.
_STRAY_NEXT_DEADLINE = """
SELECT m.id FROM matter m
WHERE m.status = 'open' AND (
  (m.next_due IS NULL AND EXISTS (SELECT 1 FROM matter_deadline d WHERE d.matter_id = m.id
     AND d.met_at IS NULL AND d.superseded_at IS NULL))
  OR (m.next_due IS NOT NULL AND NOT EXISTS (SELECT 1 FROM matter_deadline d
     WHERE d.matter_id = m.id AND d.met_at IS NULL AND d.superseded_at IS NULL
     AND d.due = m.next_due AND d.milestone = m.next_milestone))
  OR EXISTS (SELECT 1 FROM matter_deadline d WHERE d.matter_id = m.id
     AND d.met_at IS NULL AND d.superseded_at IS NULL AND d.due < m.next_due))
ORDER BY m.id
"""
_ORPHAN_FOLLOW_UPS = """
SELECT f.id FROM follow_up f LEFT JOIN matter m ON m.id = f.matter_id
WHERE f.matter_id IS NOT NULL AND m.id IS NULL ORDER BY f.id
"""
_AUDIT_TRIGGERS = {
    "sqlite": (
        "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_entry' "
        "AND name IN ('audit_entry_no_update', 'audit_entry_no_delete')",
        2,
    ),
    "postgresql": (
        "SELECT count(*) FROM pg_trigger WHERE tgrelid = 'audit_entry'::regclass "
        "AND tgname = 'audit_entry_append_only' AND tgenabled <> 'D'",
        1,
    ),
}


def check_database(target: str) -> list[Finding]:
    """Every check on the database at ``target``; stops early when it cannot be opened."""
    url = make_url(database_url(target))
    sqlite = url.get_backend_name() == "sqlite"
    if sqlite and not Path(url.database or "").is_file():
        return [
            Finding("connection", False, _("no database file at {path}").format(path=url.database))
        ]
    # A SQLite file is opened as it is: no journal mode switched, nothing created or changed.
    engine = (
        create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
        if sqlite
        else make_engine(target)
    )
    try:
        with engine.connect() as connection:
            findings = [Finding("connection", True, _server(connection))]
            findings.append(_checked("schema", connection, _schema))
            if sqlite:
                findings.append(_checked("integrity", connection, _integrity))
                if findings[-1].ok:  # a damaged file's references mean nothing
                    findings.append(_checked("foreign keys", connection, _foreign_keys))
            if all(f.ok for f in findings):
                checks = _CONSISTENCY + ([("audit gaps", _audit_gaps)] if sqlite else [])
                findings += [_checked(name, connection, check) for name, check in checks]
            return findings
    except SQLAlchemyError as exc:
        return [Finding("connection", False, _first_line(exc))]
    finally:
        engine.dispose()


def _server(connection: Connection) -> str:
    if connection.dialect.name == "sqlite":
        # Reading the schema reads the file: a file that is no database fails here.
        connection.execute(text("SELECT count(*) FROM sqlite_master")).scalar()
        version = connection.execute(text("SELECT sqlite_version()")).scalar()
        return f"SQLite {version}"
    version = connection.execute(text("SHOW server_version")).scalar()
    return f"PostgreSQL {version}"


def _checked(name: str, connection: Connection, check: Callable[[Connection], Result]) -> Finding:
    try:
        ok, detail = check(connection)
    except SQLAlchemyError as exc:
        connection.rollback()  # PostgreSQL refuses anything more in a failed transaction
        ok, detail = False, _("cannot be checked: {error}").format(error=_first_line(exc))
    return Finding(name, ok, detail)


def _schema(connection: Connection) -> Result:
    from alembic.runtime.migration import MigrationContext

    current = MigrationContext.configure(connection).get_current_revision()
    head = migrate.head_revision()
    if current == head:
        return True, _("at the newest revision {head}").format(head=head)
    if current is None:
        return False, _("no counter schema: run `frontdesk db upgrade`")
    if migrate.knows(current):
        return False, _("revision {current}, older than {head}: run `frontdesk db upgrade`").format(
            current=current, head=head
        )
    return False, _("revision {current} is newer than this program ({head})").format(
        current=current, head=head
    )


def _integrity(connection: Connection) -> Result:
    try:
        rows = _rows(connection, "PRAGMA integrity_check")
    except DatabaseError as exc:
        # Damage SQLite meets while reading the pages it checks stops the check itself.
        if "malformed" not in str(exc.orig):
            raise
        rows = [str(exc.orig)]
    if rows == ["ok"]:
        return True, _("SQLite finds every page and index intact")
    # One problem a line, under a "*** in database main ***" heading: kept to one line here.
    found = [line for row in rows for line in row.splitlines() if not line.startswith("***")]
    return False, _("SQLite finds the file damaged: {found}").format(found=_listed(found))


def _foreign_keys(connection: Connection) -> Result:
    rows = _rows(
        connection,
        "PRAGMA foreign_key_check",
        row=lambda r: _("{table} row {id}").format(table=r[0], id=r[1]),
    )
    if not rows:
        return True, _("every reference points to an existing row")
    return False, _("rows pointing to missing rows: {rows}").format(rows=_listed(rows))


def _next_deadlines(connection: Connection) -> Result:
    stray = _rows(connection, _STRAY_NEXT_DEADLINE, row=lambda r: _("matter {id}").format(id=r[0]))
    if not stray:
        return True, _("every open matter shows its earliest running deadline")
    return False, _("the queue shows the wrong next deadline for {matters}").format(
        matters=_listed(stray)
    )


def _follow_ups(connection: Connection) -> Result:
    orphans = _rows(
        connection, _ORPHAN_FOLLOW_UPS, row=lambda r: _("follow-up {id}").format(id=r[0])
    )
    if not orphans:
        return True, _("every follow-up belongs to a matter")
    return False, _("no matter for {follow_ups}").format(follow_ups=_listed(orphans))


def _audit_log(connection: Connection) -> Result:
    query, expected = _AUDIT_TRIGGERS[connection.dialect.name]
    if connection.execute(text(query)).scalar() == expected:
        return True, _("append-only: changing or removing entries is refused")
    return False, _("its append-only triggers are missing or disabled")


def _audit_gaps(connection: Connection) -> Result:
    """SQLite numbers a new row one past the highest, and a rolled-back insert frees its number
    again, so a gap means entries were removed. (PostgreSQL's sequences skip numbers at every
    rollback: there a gap means nothing, and this check is not made.)"""
    count, highest = connection.execute(
        text("SELECT count(*), coalesce(max(id), 0) FROM audit_entry")
    ).one()
    if count == highest:
        return True, _("entries 1 to {highest}, none missing").format(highest=highest)
    return False, _("{missing} of {highest} entries missing").format(
        missing=highest - count, highest=highest
    )


def _search_index(connection: Connection) -> Result:
    from frontdesk.store.listeners.search_index import stale

    behind = stale(connection)
    if not behind:
        return True, _("every resident is found by their name, numbers and units")
    listed = _listed([_("resident {id}").format(id=rid) for rid in behind])
    return False, _("search terms out of date for {residents}: run `frontdesk db reindex`").format(
        residents=listed
    )


_CONSISTENCY: list[tuple[str, Callable[[Connection], Result]]] = [
    ("next deadlines", _next_deadlines),
    ("follow-ups", _follow_ups),
    ("audit log", _audit_log),
    ("search index", _search_index),
]


def check_title(name: str) -> str:
    """A check's name as ``frontdesk check`` shows it (``Finding.check`` keeps the English)."""
    titles = {
        "connection": _("connection"),
        "schema": _("schema"),
        "integrity": _("integrity"),
        "foreign keys": _("foreign keys"),
        "next deadlines": _("next deadlines"),
        "follow-ups": _("follow-ups"),
        "audit log": _("audit log"),
        "search index": _("search index"),
        "audit gaps": _("audit gaps"),
    }
    return titles.get(name, name)


def _rows(connection: Connection, query: str, row=lambda r: str(r[0])) -> list[str]:
    return [row(r) for r in connection.execute(text(query))]


def _listed(items: list[str]) -> str:
    more = len(items) - SHOWN
    return ", ".join(items[:SHOWN]) + (_(" and {more} more").format(more=more) if more > 0 else "")


def _first_line(exc: Exception) -> str:
    message = str(getattr(exc, "orig", None) or exc).strip()
    return message.splitlines()[0] if message else type(exc).__name__
