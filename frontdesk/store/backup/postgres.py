"""Backups of a PostgreSQL database with its own tools: ``pg_dump --format=custom`` out,
``pg_restore`` back in through ``psql``, in one transaction.

The connection comes from the SQLAlchemy URL through libpq's environment variables, so the
password never appears on a command line (where ``ps`` would show it to anyone on the machine).

The restore first drops every object of the ``public`` schema, in the same transaction as the
restore itself: ``pg_restore --clean`` would only drop what the archive holds (an older backup
would leave newer tables behind), and emptying tables is not an option since the audit log's
triggers refuse DELETE and TRUNCATE. DROP TABLE does not fire them. If anything fails, the
transaction rolls back and the target is as it was.
"""

import contextlib
import glob
import os
import shutil
import subprocess
from pathlib import Path

from sqlalchemy import inspect, text
from sqlalchemy.engine import make_url

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
    shown,
)
from frontdesk.store.engine import make_engine

# URL query parameters libpq also reads from the environment.
_QUERY_VARIABLES = {
    "host": "PGHOST",
    "port": "PGPORT",
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
    "connect_timeout": "PGCONNECT_TIMEOUT",
    "application_name": "PGAPPNAME",
    "options": "PGOPTIONS",
    "passfile": "PGPASSFILE",
    "service": "PGSERVICE",
}

# Every object the counter's schema may hold, dropped so the archive lands on a clean schema
# (the schema itself stays, with its owner and grants). Objects of extensions are the
# extension's business.
_EMPTY_PUBLIC = r"""
SET client_min_messages = warning;
DO $frontdesk$
DECLARE item record;
BEGIN
  FOR item IN SELECT c.oid::regclass AS name, c.relkind FROM pg_class c
      WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
      AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e')
  LOOP
    EXECUTE format('DROP %s IF EXISTS %s CASCADE',
      CASE item.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW'
        WHEN 'S' THEN 'SEQUENCE' WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END,
      item.name);
  END LOOP;
  FOR item IN SELECT p.oid::regprocedure AS name FROM pg_proc p
      WHERE p.pronamespace = 'public'::regnamespace
      AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')
  LOOP
    EXECUTE format('DROP ROUTINE IF EXISTS %s CASCADE', item.name);
  END LOOP;
  FOR item IN SELECT t.oid::regtype AS name FROM pg_type t
      WHERE t.typnamespace = 'public'::regnamespace AND t.typtype IN ('e', 'd', 'r')
      AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = t.oid AND d.deptype = 'e')
  LOOP
    EXECUTE format('DROP TYPE IF EXISTS %s CASCADE', item.name);
  END LOOP;
END $frontdesk$;
"""


def backup(url: str, destination: Path) -> str | None:
    """Dump the database at ``url`` into ``destination`` (0600), check the archive; its schema
    revision."""
    temp = private_temp(destination)
    try:
        _run("pg_dump", "--format=custom", f"--file={temp}", url=url)
        revision = archived_revision(temp)
        move_into_place(temp, destination)
    finally:
        temp.unlink(missing_ok=True)
    return revision


def restore(source: Path, url: str, *, force: bool) -> Restored:
    """Put the archive ``source`` into the database at ``url``, keeping a dump of what it held."""
    revision = archived_revision(source)
    check_revision(revision, source)
    engine = make_engine(url)
    try:
        kept = None
        if _holds_data(engine):
            refuse_without_force(shown(url), force)
            kept = aside_name(source.with_name(make_url(url).database or "database"), ".dump")
            backup(url, kept)
        _load(source, url)
        if revision != migrate.head_revision():
            migrate.upgrade(engine)
    finally:
        engine.dispose()
    return Restored(revision, migrate.head_revision(), kept)


def archived_revision(archive: Path) -> str | None:
    """The schema revision an archive holds, read back from the archive itself (which checks
    that pg_restore can read it)."""
    _run("pg_restore", "--list", str(archive))
    script = _run("pg_restore", "--data-only", "--table=alembic_version", "--file=-", str(archive))
    lines = script.splitlines()
    for number, line in enumerate(lines):
        if line.startswith("COPY ") and "alembic_version" in line:
            data = lines[number + 1] if number + 1 < len(lines) else "\\."
            return None if data == "\\." else data.strip()
    return None


def libpq_environment(url: str) -> dict[str, str]:
    """The environment that makes libpq tools connect where ``url`` points."""
    parsed = make_url(url)
    env = dict(os.environ)
    for value, name in (
        (parsed.host, "PGHOST"),
        (parsed.port, "PGPORT"),
        (parsed.username, "PGUSER"),
        (parsed.password, "PGPASSWORD"),
        (parsed.database, "PGDATABASE"),
    ):
        if value is not None:
            env[name] = str(value)
    for key, value in parsed.query.items():
        if key in _QUERY_VARIABLES:
            env[_QUERY_VARIABLES[key]] = value if isinstance(value, str) else ",".join(value)
    return env


def tool(name: str) -> str:
    """The PostgreSQL client program ``name``: on PATH, else the newest Debian keeps off it."""
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(
        glob.glob(f"/usr/lib/postgresql/*/bin/{name}"),
        key=lambda path: [int(p) if p.isdigit() else 0 for p in path.split("/")[4].split(".")],
    )
    if not candidates:
        raise BackupError(
            _("{program} not found: install the PostgreSQL client programs").format(program=name)
        )
    return candidates[-1]


def _run(program: str, *args: str, url: str | None = None) -> str:
    # --no-password: fail at once rather than wait at a prompt no one sees.
    command = [tool(program), "--no-password", *args]
    result = subprocess.run(
        command,
        capture_output=True,
        text=True,
        env=libpq_environment(url) if url else None,
    )
    if result.returncode != 0:
        raise BackupError(
            _("{program} failed: {error}").format(program=program, error=_last_line(result.stderr))
        )
    return result.stdout


def _load(archive: Path, url: str) -> None:
    """Replace everything in the target's public schema with the archive, in one transaction
    that commits only once pg_restore has turned the whole archive into SQL: a damaged archive
    (or any error) leaves the target as it was."""
    psql = subprocess.Popen(
        [tool("psql"), "--no-password", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-f", "-"],
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=libpq_environment(url),
    )
    assert psql.stdin is not None and psql.stderr is not None
    unreadable = "psql stopped first"
    try:
        psql.stdin.write(b"BEGIN;\n" + _EMPTY_PUBLIC.encode())
        psql.stdin.flush()
        # The archive turned back into SQL and streamed straight in: the residents' data never
        # lands in a plain file on the way.
        dumped = subprocess.run(
            # Owners and grants as dumped name roles a new server may not have: the objects
            # belong to whoever restores (the app's role), as they did to whoever created them.
            [tool("pg_restore"), "--no-owner", "--no-privileges", "--file=-", str(archive)],
            stdout=psql.stdin,
            stderr=subprocess.PIPE,
        )
        unreadable = _last_line(dumped.stderr.decode(errors="replace"))
        if dumped.returncode == 0:
            psql.stdin.write(b"COMMIT;\n")
            unreadable = ""
    except BrokenPipeError:
        pass  # psql stopped at an error: its message is read below
    finally:
        # Without COMMIT, the end of psql's input ends its session and the server rolls back.
        with contextlib.suppress(BrokenPipeError):
            psql.stdin.close()
    errors = psql.stderr.read().decode(errors="replace")
    if psql.wait() != 0:
        raise BackupError(
            _("psql failed, the target is unchanged: {error}").format(error=_last_line(errors))
        )
    if unreadable:
        raise BackupError(
            _("pg_restore failed, the target is unchanged: {error}").format(error=unreadable)
        )


def _holds_data(engine) -> bool:
    with engine.connect() as connection:
        for name in inspect(connection).get_table_names():
            if name == "alembic_version":
                continue
            quoted = connection.dialect.identifier_preparer.quote(name)
            if connection.execute(text(f"SELECT 1 FROM {quoted} LIMIT 1")).first():
                return True
    return False


def _last_line(stderr: str) -> str:
    lines = [line.strip() for line in stderr.strip().splitlines() if line.strip()]
    return lines[-1] if lines else "no message"
