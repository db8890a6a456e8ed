"""`frontdesk` alone, as a counter starts it: the plain launch skips typer, the sign-in paints
before SQLAlchemy is loaded, and a database that cannot be opened is said in one line.

The real program runs in a pseudo-terminal of its own (Textual draws for real there)."""

import sys

import pytest

from frontdesk.cli.context import Options
from frontdesk.cli.launch import open_counter
from frontdesk.cli.main import plain_launch
from frontdesk.tui.app import FrontdeskApp
from tests.pseudo_terminal import run_in_terminal, terminal_env
from tests.tui.conftest import SIZE
from tests.tui.driving import settle

# What the first screen must paint without: the database, the rules' heavy data, typer.
HEAVY = (
    "sqlalchemy",
    "sqlmodel",
    "alembic",
    "psycopg",
    "pypinyin",
    "phonenumbers",
    "typer",
    "frontdesk.store",
    "frontdesk.services",
)
# The real launch, with the app told to leave as its first frame is on the terminal, and to say
# which modules were loaded by then.
PROBE = """
import sys
from frontdesk.tui.app import FrontdeskApp

def on_ready(self):
    loaded = sorted(name for name in {heavy!r} if name in sys.modules)
    self.exit(message=f"loaded at the first frame: {{loaded}} on {{type(self.screen).__name__}}")

FrontdeskApp.on_ready = on_ready
from frontdesk.cli.main import run

sys.argv = ["frontdesk", "--db", {db!r}]
run()
"""


@pytest.fixture
def garbage_db(tmp_path) -> str:
    """A file that is not a database at all."""
    path = tmp_path / "counter.db"
    path.write_text("a shopping list, not a database\n" * 200)
    return str(path)


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ([], Options()),
        (["--db", "x.db"], Options(db="x.db")),
        (["--db=x.db", "--counter", "lobby"], Options(db="x.db", counter="lobby")),
        (
            ["--policy", "p.toml", "--counter", "night desk"],
            Options(policy="p.toml", counter="night desk"),
        ),
    ],
)
def test_a_plain_launch_is_read_without_typer(args, expected):
    assert plain_launch(args) == expected


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["queue"],
        ["--db", "x.db", "queue", "--json"],
        ["--db"],  # no value: typer says so
        ["--db", ""],  # empty: typer's callback says so
        ["--db", " "],
        ["--db", "--counter"],
        ["--db", "a.db", "--db", "b.db"],
        ["--dbx", "a.db"],
        ["-h"],
    ],
)
def test_anything_else_goes_to_typer_as_before(args):
    assert plain_launch(args) is None


def test_the_help_is_typers_and_lists_every_command():
    ran = run_in_terminal([sys.executable, "-m", "frontdesk", "--help"], env=terminal_env())
    assert ran.code == 0
    for command in ("demo", "queue", "callbacks", "audit", "backup", "restore", "check", "db"):
        assert command in ran.output


def test_the_sign_in_paints_before_the_database_and_typer_are_loaded(tmp_path):
    probe = PROBE.format(heavy=HEAVY, db=str(tmp_path / "never-opened.db"))
    ran = run_in_terminal([sys.executable, "-c", probe], env=terminal_env(), watch="sign in")
    assert ran.code == 0, ran.output[-2000:]
    assert ran.seen is not None
    assert "loaded at the first frame: [] on SignInScreen" in ran.output
    assert not (tmp_path / "never-opened.db").exists()


def test_a_database_that_cannot_be_opened_is_said_in_one_line(garbage_db):
    ran = run_in_terminal(
        [sys.executable, "-m", "frontdesk", "--db", garbage_db], env=terminal_env(), watch="sign in"
    )
    assert ran.code == 1
    assert ran.seen is not None  # the sign-in was up while the database was tried
    assert f"frontdesk: cannot open the database {garbage_db}: " in ran.output
    assert "file is not a database" in ran.output
    assert "Traceback" not in ran.output


async def test_the_apps_opener_says_what_cannot_be_used(garbage_db, tmp_path):
    for opts, said in (
        (Options(db=garbage_db), f"cannot open the database {garbage_db}"),
        (Options(db=garbage_db, policy=str(tmp_path / "none.toml")), "cannot read the policy"),
    ):
        app = FrontdeskApp(lambda opts=opts: open_counter(opts), blink=False)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
        assert app.return_code == 1
        assert said in app.failure


def test_a_bad_benchmark_hook_is_refused(tmp_path):
    ran = run_in_terminal(
        [sys.executable, "-m", "frontdesk", "--db", str(tmp_path / "x.db")],
        env=terminal_env(FRONTDESK_EXIT_WHEN_READY="soon"),
    )
    assert ran.code == 1 and "FRONTDESK_EXIT_WHEN_READY" in ran.output
