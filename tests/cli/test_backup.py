"""`frontdesk backup`, `restore` and `check`, run as the installed command on real databases
(SQLite files, or PostgreSQL with --database postgresql): a backup taken while a counter files
calls is whole, a restore gives back every row and replaces data only when told to, keeping it,
and `check` tells a sound database from a damaged one."""

import os
import re
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from sqlalchemy import select, text
from sqlmodel import SQLModel

from frontdesk.services.intake.filing import file_call
from frontdesk.store import migrate
from frontdesk.store.database import open_database
from frontdesk.store.engine import make_engine, new_session
from frontdesk.store.tables.register import Matter
from frontdesk.store.tables.staff import Operator
from tests.conftest import ROOT, at
from tests.services.drafts import call, complaint

NOW = "2026-12-02T15:10:00+08:00"


def frontdesk(*args: str, db: str, env: dict | None = None) -> subprocess.CompletedProcess:
    environment = {**os.environ, "FRONTDESK_NOW": NOW, **(env or {})}
    environment.pop("FRONTDESK_DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "-m", "frontdesk", "--db", db, *args],
        capture_output=True,
        text=True,
        env=environment,
        cwd=ROOT,
        timeout=180,
    )


def every_row(target: str) -> dict[str, list[tuple]]:
    """Every row of every table, in key order, and the schema revision."""
    engine = make_engine(target)
    with engine.connect() as connection:
        rows = {
            table.name: [
                tuple(row)
                for row in connection.execute(select(table).order_by(*table.primary_key.columns))
            ]
            for table in SQLModel.metadata.sorted_tables
        }
        rows["alembic_version"] = [(migrate.current_revision(engine),)]
    engine.dispose()
    return rows


def matter_count(target: str) -> int:
    engine = make_engine(target)
    with engine.connect() as connection:
        count = connection.execute(text("SELECT count(*) FROM matter")).scalar()
    engine.dispose()
    return count


def private(path: Path) -> bool:
    return stat.S_IMODE(path.stat().st_mode) == 0o600


@pytest.fixture(scope="module")
def estate(databases) -> str:
    """A small demo estate: rows in every table the register has."""
    db = databases.new_target()
    result = frontdesk("demo", "--residents", "60", "--seed", "5", db=db)
    assert result.returncode == 0, result.stderr
    return db


@pytest.fixture(scope="module")
def estate_backup(estate, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("backups") / "estate.backup"
    result = frontdesk("backup", str(path), db=estate)
    assert result.returncode == 0, result.stderr
    return path


def test_a_backup_is_checked_and_readable_by_its_owner_only(estate, estate_backup):
    result = frontdesk("backup", str(estate_backup), db=estate)
    assert result.returncode == 1 and "--force" in result.stderr
    assert private(estate_backup)
    again = frontdesk("backup", "--force", str(estate_backup), db=estate)
    assert again.returncode == 0, again.stderr
    assert f"schema {migrate.head_revision()}, checked" in again.stdout
    assert private(estate_backup)


def test_a_restore_gives_back_every_row(estate, estate_backup, databases):
    target = databases.new_target()
    result = frontdesk("restore", str(estate_backup), db=target)
    assert result.returncode == 0, result.stderr
    assert every_row(target) == every_row(estate)
    assert frontdesk("check", db=target).returncode == 0


def test_a_restore_replaces_data_only_with_force_and_keeps_what_it_replaced(
    estate, estate_backup, databases, tmp_path
):
    target = databases.copy(estate)
    engine = open_database(target)
    with new_session(engine) as session:
        session.add(Operator(name="新来的", role="receptionist", created_at=at(2026, 12, 3)))
        session.commit()
    engine.dispose()
    before = every_row(target)

    refused = frontdesk("restore", str(estate_backup), db=target)
    assert refused.returncode == 1
    assert "already holds data: use --force" in refused.stderr
    assert every_row(target) == before

    done = frontdesk("restore", "--force", str(estate_backup), db=target)
    assert done.returncode == 0, done.stderr
    assert every_row(target) == every_row(estate)
    kept = Path(done.stdout.split("is kept in ")[1].strip())
    assert private(kept)
    # What was replaced comes back whole from what was kept.
    back = databases.new_target()
    assert frontdesk("restore", str(kept), db=back).returncode == 0
    assert every_row(back) == before
    # The audit log refused DELETE and TRUNCATE, and still does after the restore.
    checked = frontdesk("check", db=target)
    assert checked.returncode == 0, checked.stdout
    assert "append-only" in checked.stdout


def test_a_damaged_backup_is_refused_and_the_target_left_as_it_was(
    estate, estate_backup, databases, tmp_path
):
    damaged = tmp_path / "damaged.backup"
    damaged.write_bytes(estate_backup.read_bytes()[: estate_backup.stat().st_size * 2 // 3])
    target = databases.copy(estate)
    before = every_row(target)
    result = frontdesk("restore", "--force", str(damaged), db=target)
    assert result.returncode == 1
    assert result.stderr.startswith(f"frontdesk: cannot restore {damaged}")
    assert "damaged" in result.stderr or "target is unchanged" in result.stderr
    assert every_row(target) == before


def test_an_older_backup_is_brought_to_the_newest_schema(databases, tmp_path):
    old = databases.new_target()
    migrate.upgrade(make_engine(old), "0001")
    backup = tmp_path / "old.backup"
    assert frontdesk("backup", str(backup), db=old).returncode == 0
    target = databases.new_target()
    result = frontdesk("restore", str(backup), db=target)
    assert result.returncode == 0, result.stderr
    assert f"schema 0001, upgraded to {migrate.head_revision()}" in result.stdout
    assert migrate.is_current(make_engine(target))


def test_a_backup_from_a_newer_program_is_refused(databases, tmp_path):
    newer = databases.empty()
    engine = make_engine(newer)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    engine.dispose()
    backup = tmp_path / "newer.backup"
    assert frontdesk("backup", str(backup), db=newer).returncode == 0
    target = databases.new_target()
    result = frontdesk("restore", str(backup), db=target)
    assert result.returncode == 1
    assert "newer frontdesk (schema 9999" in result.stderr


def test_a_backup_taken_while_a_counter_files_calls_is_whole(databases, desk, tmp_path):
    """The copy is one moment of the database: every call filed before it, whole, and none
    after it, while the counter never waits for it."""
    database = databases.empty()
    engine = open_database(database)
    with new_session(engine) as session:
        operator = Operator(name="小李", role="receptionist", created_at=at(2026, 12, 1))
        session.add(operator)
        session.commit()
    filed: list[int] = []
    errors: list[Exception] = []
    stop = threading.Event()

    def counter() -> None:
        while not stop.is_set():
            try:
                with new_session(engine) as session:
                    draft = call(complaint(content=f"电梯停运,第{len(filed) + 1}次来电"))
                    done = file_call(
                        session=session, desk=desk, operator_id=operator.id, draft=draft
                    )
                filed.extend(done.matter_ids)
            except Exception as exc:  # noqa: BLE001 - reported by the assertion below
                errors.append(exc)
                return

    writer = threading.Thread(target=counter)
    writer.start()
    try:
        while len(filed) < 10 and writer.is_alive():
            stop.wait(0.05)
        before = len(filed)
        backup = tmp_path / "live.backup"
        result = frontdesk("backup", str(backup), db=database)
        after = len(filed)
    finally:
        stop.set()
        writer.join()
        engine.dispose()
    assert not errors
    assert result.returncode == 0, result.stderr
    assert after > before, "the counter kept filing while the backup ran"
    target = databases.new_target()
    assert frontdesk("restore", str(backup), db=target).returncode == 0
    copied = [row[0] for row in every_row(target)["matter"]]
    assert before <= len(copied) <= len(filed)
    assert copied == filed[: len(copied)]
    checked = frontdesk("check", db=target)
    assert checked.returncode == 0, checked.stdout


def test_check_passes_on_a_sound_database(estate):
    result = frontdesk("check", db=estate)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()[1:-1]
    assert lines and all(line.startswith("ok ") for line in lines)
    assert {"connection", "schema", "next deadlines", "follow-ups", "audit log"} <= {
        re.split(r"\s{2,}", line)[1] for line in lines
    }


def test_check_finds_an_open_matter_the_queue_would_misplace(estate, databases):
    target = databases.copy(estate)
    engine = make_engine(target)
    with engine.begin() as connection:
        wrong = connection.execute(
            text("SELECT min(id) FROM matter WHERE status = 'open' AND next_due IS NOT NULL")
        ).scalar()
        connection.execute(
            text("UPDATE matter SET next_due = NULL, next_milestone = NULL WHERE id = :id"),
            {"id": wrong},
        )
    engine.dispose()
    result = frontdesk("check", db=target)
    assert result.returncode == 1
    wrong_line = f"the queue shows the wrong next deadline for matter {wrong}"
    assert f"PROBLEM  next deadlines  {wrong_line}" in result.stdout
    assert "1 problem found" in result.stderr


def damage(path: Path) -> None:
    """Scribble over a table page near the end of the file, as a failing disk would."""
    pages = path.stat().st_size // 4096
    with path.open("r+b") as file:
        file.seek(4096 * (pages - 20) + 100)
        file.write(b"\xde\xad\xbe\xef" * 500)


@pytest.mark.sqlite_only
def test_check_fails_on_a_damaged_sqlite_file_and_restore_puts_it_right(
    estate, estate_backup, databases
):
    target = Path(databases.copy(estate))
    damage(target)
    result = frontdesk("check", db=str(target))
    assert result.returncode == 1
    assert "PROBLEM  integrity   SQLite finds the file damaged: " in result.stdout
    assert "Traceback" not in result.stderr

    done = frontdesk("restore", "--force", str(estate_backup), db=str(target))
    assert done.returncode == 0, done.stderr
    assert frontdesk("check", db=str(target)).returncode == 0
    assert (target.parent / f"{target.name}.before-restore").stat().st_size > 0


@pytest.mark.sqlite_only
def test_a_counter_running_on_the_file_sees_the_restored_data(estate, estate_backup, databases):
    """The restore writes into the live file rather than swapping it away under the counter."""
    target = databases.copy(estate)
    engine = open_database(target)
    with new_session(engine) as session:
        first = session.exec(select(Matter).order_by(Matter.id)).first()[0]
        first.summary = "改过的摘要"
        session.add(first)
        session.commit()
        result = frontdesk("restore", "--force", str(estate_backup), db=target)
        assert result.returncode == 0, result.stderr
        session.expire_all()
        assert session.get(Matter, first.id).summary != "改过的摘要"
    engine.dispose()


def test_a_missing_database_or_backup_is_one_clear_line(databases, tmp_path):
    missing = str(tmp_path / "nothing.db")
    for args in (("backup", str(tmp_path / "b")), ("restore", str(tmp_path / "none"))):
        result = frontdesk(*args, db=missing)
        assert result.returncode == 1 and result.stderr.startswith("frontdesk: ")
        assert "Traceback" not in result.stderr
    assert not Path(missing).exists()


def test_the_password_reaches_pg_dump_through_its_environment_only(tmp_path):
    """A command line is visible to every user of the machine (ps); the environment is not."""
    spy = tmp_path / "pg_dump"
    spy.write_text(
        "#!/bin/sh\n"
        f'echo "$@" > {tmp_path}/args\n'
        f'echo "$PGPASSWORD $PGUSER $PGHOST $PGPORT $PGDATABASE" > {tmp_path}/env\n'
        "exit 1\n"
    )
    spy.chmod(0o700)
    url = "postgresql+psycopg://clerk:s3cret%21@db.example:5433/counter"
    result = frontdesk(
        "backup",
        str(tmp_path / "x.backup"),
        db=url,
        env={"PATH": f"{tmp_path}:{os.environ['PATH']}"},
    )
    assert result.returncode == 1
    assert "s3cret" not in (tmp_path / "args").read_text() + result.stderr
    assert (tmp_path / "env").read_text().split() == [
        "s3cret!",
        "clerk",
        "db.example",
        "5433",
        "counter",
    ]
