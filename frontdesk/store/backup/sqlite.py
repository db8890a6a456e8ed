"""Backups of a SQLite file with SQLite's own backup API, and restores into a live file.

The backup API copies a consistent snapshot page by page while other connections keep writing
(in WAL mode a reader holds no one up). A restore goes through the same API into the target: it
is one write transaction there, so it is atomic, and a counter still running on the file sees the
restored data at its next read, instead of writing on into a file that was renamed away under it
(which is what swapping the file would do). Only a target whose very header is unreadable is
replaced as a file.
"""

import os
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path
from urllib.parse import quote

from frontdesk.i18n import _
from frontdesk.store import migrate
from frontdesk.store.backup.files import (
    BackupError,
    Restored,
    aside_name,
    check_revision,
    move_into_place,
    private_temp,
    refuse_without_force,
)
from frontdesk.store.engine import BUSY_TIMEOUT_MS, make_engine

# The target cannot be written through SQLite at all: nothing but replacing the file helps.
_UNREADABLE = {"SQLITE_NOTADB", "SQLITE_CORRUPT"}


def backup(source: Path, destination: Path) -> str | None:
    """Copy ``source`` into ``destination`` (0600), check the copy; its schema revision."""
    if not source.is_file():
        raise BackupError(_("no database at {path}").format(path=source))
    temp = private_temp(destination)
    try:
        with closing(_open(source, "rw")) as live:
            _copy(live, temp)
        revision = verified_revision(temp)
        move_into_place(temp, destination)
    finally:
        temp.unlink(missing_ok=True)
    return revision


def restore(source: Path, target: Path, *, force: bool) -> Restored:
    """Put the backup ``source`` into ``target``, keeping what was there beside it."""
    temp = private_temp(target)
    try:
        try:
            with closing(_open(source, "ro")) as backup_file:
                _copy(backup_file, temp)
        except sqlite3.DatabaseError as exc:
            raise BackupError(
                _("{path} is damaged or no SQLite backup: {error}").format(path=source, error=exc)
            ) from None
        revision = verified_revision(temp)
        check_revision(revision, source)
        if revision != migrate.head_revision():
            _upgrade(temp)
        kept = None
        if target.exists():
            if _holds_data(target):
                refuse_without_force(str(target), force)
                kept = aside_name(target)
                _keep(target, kept)
            _write_into(temp, target)
        else:
            _replace(temp, target)
    finally:
        temp.unlink(missing_ok=True)
    return Restored(revision, migrate.head_revision(), kept)


def verified_revision(path: Path) -> str | None:
    """The schema revision in the file at ``path``, once SQLite finds the file intact."""
    with closing(_open(path, "ro")) as connection:
        try:
            rows = [row[0] for row in connection.execute("PRAGMA integrity_check")]
        except sqlite3.DatabaseError as exc:
            rows = [str(exc)]
        if rows != ["ok"]:
            raise BackupError(_("{path} is damaged: {problem}").format(path=path, problem=rows[0]))
        try:
            row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        except sqlite3.OperationalError:  # no such table: not a counter database
            return None
    return row[0] if row else None


def _open(path: Path, mode: str) -> sqlite3.Connection:
    """A connection to an existing file ("ro" or "rw"; never creates one), in autocommit so
    the backup API may use it, waiting for a busy file as long as the counters do."""
    return sqlite3.connect(
        f"file:{quote(str(path.resolve()))}?mode={mode}",
        uri=True,
        isolation_level=None,
        timeout=BUSY_TIMEOUT_MS / 1000,
    )


def _copy(source: sqlite3.Connection, destination: Path) -> None:
    with closing(_open(destination, "rw")) as copy:
        # Every page in one step: one consistent snapshot; commits made meanwhile by the
        # counters neither wait for the copy nor restart it.
        source.backup(copy)
        # A backup is one self-contained file, readable without -wal or -shm beside it.
        copy.execute("PRAGMA journal_mode=DELETE")


def _upgrade(path: Path) -> None:
    """Bring an older backup to the newest schema before it reaches the target, so a counter
    running on the target never sees the old schema."""
    engine = make_engine(str(path))
    try:
        migrate.upgrade(engine)
    finally:
        engine.dispose()
    verified_revision(path)


def _holds_data(target: Path) -> bool:
    """Whether ``target`` has any row worth keeping; a file SQLite cannot read counts as data."""
    try:
        with closing(_open(target, "rw")) as live:
            tables = [
                row[0]
                for row in live.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table' "
                    "AND name NOT LIKE 'sqlite_%' AND name != 'alembic_version'"
                )
            ]
            return any(
                live.execute(
                    f'SELECT 1 FROM "{name.replace(chr(34), chr(34) * 2)}" LIMIT 1'
                ).fetchone()
                for name in tables
            )
    except sqlite3.DatabaseError:
        return True


def _keep(target: Path, kept: Path) -> None:
    """Copy what ``target`` holds to ``kept`` before it is replaced."""
    temp = private_temp(kept)
    try:
        try:
            with closing(_open(target, "rw")) as live:
                _copy(live, temp)
        except sqlite3.DatabaseError:
            # Too damaged for SQLite to copy: keep the bytes as they are, with the WAL.
            shutil.copyfile(target, temp)
            wal = Path(f"{target}-wal")
            if wal.exists():
                shutil.copyfile(wal, f"{kept}-wal")
                os.chmod(f"{kept}-wal", 0o600)
        move_into_place(temp, kept)
    finally:
        temp.unlink(missing_ok=True)


def _write_into(temp: Path, target: Path) -> None:
    try:
        with closing(_open(temp, "rw")) as restored, closing(_open(target, "rw")) as live:
            _fit_page_size(restored, live)
            restored.backup(live)
    except sqlite3.DatabaseError as exc:
        if getattr(exc, "sqlite_errorname", "") not in _UNREADABLE:
            raise
        _replace(temp, target)


def _fit_page_size(restored: sqlite3.Connection, live: sqlite3.Connection) -> None:
    """A WAL file cannot change its page size, so the copy takes the target's."""
    size = int(live.execute("PRAGMA page_size").fetchone()[0])
    if int(restored.execute("PRAGMA page_size").fetchone()[0]) != size:
        restored.execute("PRAGMA journal_mode=DELETE")
        restored.execute(f"PRAGMA page_size={size}")
        restored.execute("VACUUM")


def _replace(temp: Path, target: Path) -> None:
    # A -wal or -shm left without its file (or beside one already copied aside) would be read
    # as belonging to the new file.
    for suffix in ("-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    move_into_place(temp, target)
