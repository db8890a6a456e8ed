"""Backing up the counter's database and putting a backup back, on either backend.

A backup is checked before it is reported done; a restore checks the backup (readable, from this
program or an older one) before it touches the target, refuses to replace data without
``force``, keeps what it replaces, and brings an older backup to the newest schema.
SQLite files are handled in :mod:`frontdesk.store.backup.sqlite`, PostgreSQL databases with its
own tools in :mod:`frontdesk.store.backup.postgres`.
"""

from pathlib import Path

from sqlalchemy.engine import make_url

from frontdesk.i18n import _
from frontdesk.store.backup import postgres, sqlite
from frontdesk.store.backup.files import Backup, BackupError, Restored
from frontdesk.store.engine import database_url


def backup_database(target: str, path: Path, *, force: bool = False) -> Backup:
    """Copy the database at ``target`` into the file ``path`` while counters keep working."""
    path = Path(path).expanduser()
    if path.is_dir():
        raise BackupError(_("{path} is a folder: give the backup file's name").format(path=path))
    if path.exists() and not force:
        raise BackupError(_("{path} already exists: use --force to replace it").format(path=path))
    if _is_sqlite(target):
        revision = sqlite.backup(_sqlite_path(target), path)
    else:
        revision = postgres.backup(database_url(target), path)
    return Backup(path, revision, path.stat().st_size)


def restore_database(path: Path, target: str, *, force: bool = False) -> Restored:
    """Put the backup ``path`` into the database at ``target``."""
    path = Path(path).expanduser()
    if not path.is_file():
        raise BackupError(_("no backup file at {path}").format(path=path))
    if _is_sqlite(target):
        return sqlite.restore(path, _sqlite_path(target), force=force)
    return postgres.restore(path, database_url(target), force=force)


def _is_sqlite(target: str) -> bool:
    return make_url(database_url(target)).get_backend_name() == "sqlite"


def _sqlite_path(target: str) -> Path:
    database = make_url(database_url(target)).database
    if not database or database == ":memory:":
        raise BackupError(_("an in-memory database has nothing to back up or restore into"))
    return Path(database)
