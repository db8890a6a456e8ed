"""Drafts kept on disk: one small JSON document per key (an operator's call being typed), written
so that a crash, a power cut or a closed terminal leaves either the previous draft or the new
one, never half of either.

A draft holds residents' phone numbers: its files are readable by their owner only. A draft that
cannot be read is moved aside under a new name and reported, never deleted.
"""

import contextlib
import json
import os
import re
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy.engine import URL, make_url

from frontdesk.store.engine import database_url

#: Where drafts go instead of beside the database (tests, a kiosk with a read-only data dir).
DRAFTS_ENV = "FRONTDESK_DRAFTS"

_KEY = re.compile(r"[A-Za-z0-9_-]+")
_SUFFIX = ".json"
# A temporary file this old belongs to a write that will never finish.
_STALE_SECONDS = 60


class DraftUnreadable(Exception):
    """A draft file was not a JSON document; it now lies at ``kept_at``."""

    def __init__(self, key: str, kept_at: Path, reason: str) -> None:
        super().__init__(f"draft {key} could not be read ({reason}); kept at {kept_at}")
        self.key = key
        self.kept_at = kept_at
        self.reason = reason


def drafts_directory(target: str | URL, override: str | Path | None = None) -> Path | None:
    """Where the drafts of a database's counter live: beside a SQLite file
    (``<dir>/<stem>.drafts``), in the user's state directory for a server database, nowhere for
    an in-memory one (it does not survive a crash either)."""
    chosen = override or os.environ.get(DRAFTS_ENV)
    if chosen:
        return Path(chosen).expanduser()
    url = target if isinstance(target, URL) else make_url(database_url(str(target)))
    if url.get_backend_name() == "sqlite":
        if not url.database or url.database == ":memory:":
            return None
        path = Path(url.database)
        return path.parent / f"{path.stem}.drafts"
    from platformdirs import user_state_dir

    # Operator ids are per database: each database its own folder, named without the password.
    parts = (url.get_backend_name(), url.host, url.port, url.database)
    place = "-".join(str(part) for part in parts if part)
    return Path(user_state_dir("frontdesk")) / "drafts" / re.sub(r"[^A-Za-z0-9_.-]", "_", place)


class DraftStore:
    """Save, load, clear and list drafts in one directory, atomically and durably."""

    def __init__(self, directory: Path) -> None:
        self.directory = Path(directory)

    def path(self, key: str) -> Path:
        if not _KEY.fullmatch(key):
            raise ValueError(f"a draft key is letters, digits, - and _: {key!r}")
        return self.directory / f"{key}{_SUFFIX}"

    def save(self, key: str, document: dict[str, Any]) -> None:
        """Replace the draft: written to a temporary file beside it, synced, renamed over it,
        and the rename synced, so the draft on disk is always a whole document."""
        target = self.path(key)
        data = json.dumps(document, ensure_ascii=False, indent=1).encode()
        self.directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        # mkstemp creates the file 0600, before a byte of it is written.
        handle, temporary = tempfile.mkstemp(dir=self.directory, prefix=f".{key}.", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as file:
                file.write(data)
                file.flush()
                os.fsync(file.fileno())
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        self._sync_directory()

    def load(self, key: str) -> dict[str, Any] | None:
        """The draft, or None when there is none. A file that is not a whole JSON document is
        moved aside and reported with ``DraftUnreadable``."""
        target = self.path(key)
        self._remove_stale_temporaries(key)
        try:
            raw = target.read_bytes()
        except FileNotFoundError:
            return None
        try:
            document = json.loads(raw.decode())
            if not isinstance(document, dict):
                raise ValueError("not a JSON object")
        except ValueError as error:  # JSONDecodeError and UnicodeDecodeError are ValueErrors
            raise DraftUnreadable(key, self.set_aside(key, "unreadable"), str(error)) from error
        return document

    def clear(self, key: str) -> None:
        """No draft any more (the call was filed or thrown away)."""
        try:
            self.path(key).unlink()
        except FileNotFoundError:
            return
        self._sync_directory()

    def set_aside(self, key: str, reason: str) -> Path:
        """Keep the draft under a name no one loads (``<key>.json.<reason>-<when>``)."""
        target = self.path(key)
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
        kept = target.with_name(f"{target.name}.{reason}-{stamp}")
        os.replace(target, kept)
        self._sync_directory()
        return kept

    def aside(self, key: str, reasons: tuple[str, ...]) -> list[str]:
        """The names of ``key``'s drafts set aside for one of ``reasons``, oldest first."""
        if not self.directory.is_dir():
            return []
        base = self.path(key).name
        stamped = [
            (path.name.rsplit("-", 1)[-1], path.name)
            for reason in reasons
            for path in self.directory.glob(f"{base}.{reason}-*")
        ]
        return [name for _stamp, name in sorted(stamped)]

    def load_aside(self, key: str, name: str) -> dict[str, Any]:
        """A draft set aside, by the name ``aside`` gave; ValueError when it cannot be read."""
        document = json.loads(self._aside_path(key, name).read_bytes().decode())
        if not isinstance(document, dict):
            raise ValueError("not a JSON object")
        return document

    def take_back(self, key: str, name: str) -> None:
        """The draft set aside is ``key``'s draft again, in one step (the one there, if any, is
        replaced: set it aside first)."""
        os.replace(self._aside_path(key, name), self.path(key))
        self._sync_directory()

    def throw_away(self, key: str, name: str) -> None:
        """The draft set aside is not wanted: it goes."""
        self._aside_path(key, name).unlink(missing_ok=True)
        self._sync_directory()

    def _aside_path(self, key: str, name: str) -> Path:
        # Only a name of this key's, in this directory: never a path from elsewhere.
        if "/" in name or not name.startswith(f"{self.path(key).name}."):
            raise ValueError(f"not a draft set aside for {key}: {name!r}")
        return self.directory / name

    def keys(self) -> list[str]:
        """The keys that have a draft (the ones set aside are not drafts any more)."""
        if not self.directory.is_dir():
            return []
        return sorted(p.name.removesuffix(_SUFFIX) for p in self.directory.glob(f"*{_SUFFIX}"))

    def _remove_stale_temporaries(self, key: str) -> None:
        """A write cut short by a crash leaves its temporary file; the draft it was to replace
        is still whole, so the half-written copy goes (once surely no writer holds it)."""
        for stale in self.directory.glob(f".{key}.*.tmp"):
            with contextlib.suppress(FileNotFoundError):
                if time.time() - stale.stat().st_mtime > _STALE_SECONDS:
                    stale.unlink()

    def _sync_directory(self) -> None:
        """A rename is durable once the directory holding it is synced."""
        descriptor = os.open(self.directory, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
