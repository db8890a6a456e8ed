"""The databases the suite runs on: real SQLite files, or a real PostgreSQL server that the suite
starts itself (initdb in a temporary directory, loopback only, stopped at the end).

``pytest --database postgresql`` (or ``FRONTDESK_TEST_DATABASE=postgresql``) runs every test that
touches a database against PostgreSQL instead of SQLite.
"""

import glob
import itertools
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

SQLITE, POSTGRESQL = "sqlite", "postgresql"


def _bindir() -> Path:
    """Where the PostgreSQL server programs are: Debian keeps them off PATH."""
    found = shutil.which("pg_ctl")
    if found:
        return Path(found).parent
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
    if not candidates:
        raise RuntimeError(
            "no PostgreSQL server here: install the postgresql package (.ci/run does)"
        )
    return Path(candidates[-1]).parent


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class PostgresServer:
    """A throwaway cluster on 127.0.0.1, owned by the postgres user when run as root (initdb
    refuses root)."""

    def __init__(self) -> None:
        self.bindir = _bindir()
        self.root = Path(tempfile.mkdtemp(prefix="frontdesk-pg-"))
        self.data = self.root / "data"
        self.port = _free_port()
        self._as_postgres = os.geteuid() == 0
        self._names = itertools.count(1)
        if self._as_postgres:
            shutil.chown(self.root, "postgres", "postgres")
        self._run(
            "initdb",
            "-D",
            str(self.data),
            "-U",
            "postgres",
            "--auth=trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
            "--no-sync",
        )
        options = (
            f"-c listen_addresses=127.0.0.1 -p {self.port} -c unix_socket_directories='' "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
        )
        self._run(
            "pg_ctl",
            "-D",
            str(self.data),
            "-o",
            options,
            "-l",
            str(self.root / "log"),
            "-w",
            "start",
        )

    def _run(self, program: str, *args: str) -> None:
        command = [str(self.bindir / program), *args]
        if self._as_postgres:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, capture_output=True, cwd=self.root)

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def execute(self, statement: str) -> None:
        import psycopg

        with psycopg.connect(
            host="127.0.0.1", port=self.port, user="postgres", dbname="postgres", autocommit=True
        ) as connection:
            connection.execute(statement)

    def create(self, *, template: str | None = None) -> str:
        """A new database (a copy of ``template`` if given); its URL."""
        name = f"t{os.getpid()}_{next(self._names)}"
        self.execute(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
        return self.url(name)

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            # A run leaves gigabytes of test databases: removed behind the suite's back, so
            # that its end waits for none of it.
            subprocess.Popen(  # noqa: S603 - a fixed command on the suite's own folder
                ["rm", "-rf", str(self.root)],
                start_new_session=True,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )


def database_name(url: str) -> str:
    return url.rsplit("/", 1)[1]


class Databases:
    """Fresh databases at the newest schema, and copies of a prepared one, on either backend."""

    def __init__(self, backend: str, scratch: Path):
        self.backend = backend
        self.scratch = scratch
        self.server = PostgresServer() if backend == POSTGRESQL else None
        self._files = itertools.count(1)
        self._empty: str | None = None

    def new_target(self) -> str:
        """An empty database with no schema yet."""
        if self.server:
            return self.server.create()
        return str(self.scratch / f"db{next(self._files)}.db")

    def empty(self) -> str:
        """A database at the newest schema, with no rows."""
        if self._empty is None:
            from frontdesk.store.database import open_database

            self._empty = self.new_target()
            open_database(self._empty).dispose()
        return self.copy(self._empty)

    def copy(self, target: str) -> str:
        """A copy of the database at ``target``, whose engines must all be disposed."""
        if self.server:
            return self.server.create(template=database_name(target))
        copy = self.scratch / f"db{next(self._files)}.db"
        copy.write_bytes(Path(target).read_bytes())
        copy.chmod(0o600)
        return str(copy)

    def close(self) -> None:
        if self.server:
            self.server.stop()
