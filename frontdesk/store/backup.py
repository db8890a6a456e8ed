"""Backing up the counter's database and putting a backup back, on either backend.

A backup is checked before it is reported done; a restore checks the backup (readable, from this
program or an older one) before it touches the target, refuses to replace data without
``force``, keeps what it replaces, and brings an older backup to the newest schema.
SQLite files are handled in :mod:`frontdesk.store.sqlite_copies`, PostgreSQL databases with its
own tools in :mod:`frontdesk.store.pg_archive`.
"""

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import make_url

from frontdesk.i18n import _
from frontdesk.store import migrate
from frontdesk.store.engine import database_url


class BackupError(RuntimeError):
    """A backup or restore refused or failed; ``str(error)`` is one line for the user."""


@dataclass(frozen=True)
class Backup:
    """A checked backup file."""

    path: Path
    revision: str | None
    size: int


@dataclass(frozen=True)
class Restored:
    """A restore done: the backup's schema revision, the one the target is at now, and where
    the data it replaced was kept (None when the target held nothing)."""

    revision: str | None
    now_at: str
    kept: Path | None


def shown(target: str) -> str:
    """``target`` as it may be printed: a URL without its password."""
    if "://" not in target:
        return target
    return make_url(target).render_as_string(hide_password=True)


def backup_database(target: str, path: Path, *, force: bool = False) -> Backup:
    """Copy the database at ``target`` into the file ``path`` while counters keep working."""
    path = Path(path).expanduser()
    if path.is_dir():
        raise BackupError(_("{path} is a folder: give the backup file's name").format(path=path))
    if path.exists() and not force:
        raise BackupError(_("{path} already exists: use --force to replace it").format(path=path))
    if _is_sqlite(target):
        from frontdesk.store import sqlite_copies

        revision = sqlite_copies.backup(_sqlite_path(target), path)
    else:
        from frontdesk.store import pg_archive

        revision = pg_archive.backup(database_url(target), path)
    return Backup(path, revision, path.stat().st_size)


def restore_database(path: Path, target: str, *, force: bool = False) -> Restored:
    """Put the backup ``path`` into the database at ``target``."""
    path = Path(path).expanduser()
    if not path.is_file():
        raise BackupError(_("no backup file at {path}").format(path=path))
    if _is_sqlite(target):
        from frontdesk.store import sqlite_copies

        return sqlite_copies.restore(path, _sqlite_path(target), force=force)
    from frontdesk.store import pg_archive

    return pg_archive.restore(path, database_url(target), force=force)


def check_revision(revision: str | None, source: Path) -> None:
    """Refuse a backup this program cannot read: not a counter database, or a newer one."""
    if revision is None:
        raise BackupError(
            _("{source} holds no counter database (it has no schema revision)").format(
                source=source
            )
        )
    if not migrate.knows(revision):
        raise BackupError(
            _(
                "{source} was made by a newer frontdesk (schema {revision}, this program knows "
                "up to {head}): restore it with that program"
            ).format(source=source, revision=revision, head=migrate.head_revision())
        )


def refuse_without_force(target: str, force: bool) -> None:
    if not force:
        raise BackupError(
            _("{target} already holds data: use --force to replace it").format(target=target)
        )


def aside_name(base: Path, suffix: str = "") -> Path:
    """A free name beside ``base`` for the data a restore replaces: never one already used."""
    candidate = base.with_name(f"{base.name}.before-restore{suffix}")
    number = 2
    while candidate.exists():
        candidate = base.with_name(f"{base.name}.before-restore-{number}{suffix}")
        number += 1
    return candidate


def private_temp(beside: Path) -> Path:
    """An empty file next to ``beside`` (same file system, so a rename puts it in place
    atomically), readable by its owner only (mkstemp's 0600, which SQLite and pg_dump keep when
    they write into it): it will hold residents' phone numbers."""
    beside.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=f".{beside.name}.", suffix=".tmp", dir=beside.parent)
    os.close(handle)
    return Path(name)


def move_into_place(temp: Path, destination: Path) -> None:
    os.replace(temp, destination)
    folder = os.open(destination.parent, os.O_RDONLY)
    try:
        os.fsync(folder)  # the rename itself survives a power cut
    finally:
        os.close(folder)


def _is_sqlite(target: str) -> bool:
    return make_url(database_url(target)).get_backend_name() == "sqlite"


def _sqlite_path(target: str) -> Path:
    database = make_url(database_url(target)).database
    if not database or database == ":memory:":
        raise BackupError(_("an in-memory database has nothing to back up or restore into"))
    return Path(database)
