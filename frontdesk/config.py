"""Where the policy file and the database are: flags, then FRONTDESK_* variables, then defaults.

From a source checkout the defaults are the repository's ``data/`` folder; from an installed
wheel, the policy shipped inside the package and a database in the user's data directory.
"""

import os
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
REPO_DATA = PACKAGE.parent / "data"
SHIPPED_POLICY = PACKAGE / "shipped" / "policy.toml"


def policy_path(flag: str | None = None) -> Path:
    """The policy file to read."""
    chosen = flag or os.environ.get("FRONTDESK_POLICY")
    if chosen:
        return Path(chosen).expanduser()
    in_repo = REPO_DATA / "policy.toml"
    return in_repo if in_repo.exists() else SHIPPED_POLICY


def database_target(flag: str | None = None) -> str:
    """A SQLite path or a database URL."""
    chosen = flag or os.environ.get("FRONTDESK_DATABASE_URL")
    if chosen:
        return chosen
    if (REPO_DATA / "policy.toml").exists():
        return str(REPO_DATA / "frontdesk.db")
    from platformdirs import user_data_dir

    return str(Path(user_data_dir("frontdesk")) / "frontdesk.db")


def counter_name(flag: str | None = None) -> str:
    """Which counter this is ("lobby", "night desk"): shown to the other counters and kept in
    the audit log. The machine's name unless told."""
    chosen = flag or os.environ.get("FRONTDESK_COUNTER")
    if chosen and chosen.strip():
        return chosen.strip()
    import socket

    return socket.gethostname()
