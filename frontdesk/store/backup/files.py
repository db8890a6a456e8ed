"""What backups on either backend share: their errors and results, the schema check, and files
written beside their destination and moved into place whole."""

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import make_url

from frontdesk.i18n import _
from frontdesk.store import migrate


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
