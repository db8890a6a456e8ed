"""Every setting of frontdesk: a flag, else its FRONTDESK_* variable, else the settings file,
else a default.

The settings file is ``FRONTDESK_CONFIG`` if set, else ``data/frontdesk.toml`` in a source
checkout, else ``frontdesk.toml`` in the user's configuration directory. Paths written in it are
relative to the file. From a source checkout the defaults are the repository's ``data/`` folder;
from an installed wheel, the policy shipped inside the package and a database in the user's data
directory.

Only the standard library is loaded here: the plain launch reads its settings before the first
screen paints.
"""

import os
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from frontdesk.i18n import _

PACKAGE = Path(__file__).resolve().parent
REPO_DATA = PACKAGE.parent / "data"
SHIPPED_POLICY = PACKAGE / "shipped" / "policy.toml"
SECTION = "frontdesk"


class ConfigError(Exception):
    """The settings file cannot be read, or a value in it is of the wrong type; the message
    names the file and the key."""


@dataclass(frozen=True)
class Setting:
    key: str
    env: str
    #: What the setting is, in the interface language: asked for when shown, since the
    #: language itself is one of the settings.
    describe: Callable[[], str]
    default: Callable[..., str]
    is_path: bool = False
    #: The default differs from counter to counter: it is given the counter's name.
    per_counter: bool = False

    @property
    def about(self) -> str:
        return self.describe()


@dataclass(frozen=True)
class Value:
    """A setting's value and where it came from: "flag", "env", "file" or "default"."""

    key: str
    value: str
    source: str


def _in_checkout() -> bool:
    return (REPO_DATA / "policy.toml").exists()


def _default_policy() -> str:
    return str(REPO_DATA / "policy.toml" if _in_checkout() else SHIPPED_POLICY)


def _default_database() -> str:
    if _in_checkout():
        return str(REPO_DATA / "frontdesk.db")
    from platformdirs import user_data_dir

    return str(Path(user_data_dir("frontdesk")) / "frontdesk.db")


def _default_counter() -> str:
    import socket

    return socket.gethostname()


def _default_language() -> str:
    """The system locale's language, as gettext reads it: Chinese if it is Chinese."""
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "")
        if value:
            return "zh-Hans" if value.lower().startswith("zh") else "en"
    return "en"


#: Where systemd-logind gives each logged-in user a private folder: ``<root>/<uid>``.
RUNTIME_ROOT = Path("/run/user")
#: Else: named outright, not ``tempfile.gettempdir()``, which follows ``$TMPDIR``.
FALLBACK_ROOT = Path("/tmp")


def _runtime_base() -> Path:
    """``/run/user/<uid>`` when it is a folder of this user's, else ``/tmp``.

    Never read from the environment (``$XDG_RUNTIME_DIR``, ``$TMPDIR``): the phone system
    runs ``frontdesk ring`` through ``sudo -u``, which resets it, and must find the socket
    where the app, started from a desktop session, listens."""
    import stat

    uid = os.getuid()
    runtime = RUNTIME_ROOT / str(uid)
    try:
        info = runtime.lstat()
    except OSError:
        return FALLBACK_ROOT
    if stat.S_ISDIR(info.st_mode) and info.st_uid == uid:
        return runtime
    return FALLBACK_ROOT


def _default_ring_socket(counter: str | None = None) -> str:
    """One socket per counter (``counter``, else this counter's name), in the user's runtime
    folder, found the same way whatever the environment."""
    counter = "".join(c if c.isalnum() or c in "-_." else "_" for c in counter_name(counter))
    return str(_runtime_base() / f"frontdesk-{os.getuid()}" / f"ring-{counter}.sock")


SETTINGS: dict[str, Setting] = {
    s.key: s
    for s in (
        Setting(
            "database",
            "FRONTDESK_DATABASE_URL",
            lambda: _("SQLite path or database URL"),
            _default_database,
            is_path=True,
        ),
        Setting(
            "policy",
            "FRONTDESK_POLICY",
            lambda: _("the estate's policy file"),
            _default_policy,
            True,
        ),
        Setting(
            "counter",
            "FRONTDESK_COUNTER",
            lambda: _("this counter's name, shown to the other counters"),
            _default_counter,
        ),
        Setting(
            "language",
            "FRONTDESK_LANG",
            lambda: _("the interface's language: zh-Hans or en"),
            _default_language,
        ),
        Setting(
            "caller_language",
            "FRONTDESK_CALLER_LANG",
            lambda: _("the language spoken to callers, the script's lines: zh-Hans or en"),
            lambda: "zh-Hans",
        ),
        Setting(
            "ring_socket",
            "FRONTDESK_RING_SOCKET",
            lambda: _(
                "the socket where `frontdesk ring` tells this counter a call is ringing "
                "(default: in /run/user/<uid>, else /tmp, whatever the environment says)"
            ),
            _default_ring_socket,
            is_path=True,
            per_counter=True,
        ),
    )
}


def source_name(source: str) -> str:
    """Where a value came from ("flag", "env", "file", "default"), as shown."""
    names = {
        "flag": _("flag"),
        "env": _("env"),
        "file": _("file"),
        "default": _("default"),
    }
    return names.get(source, source)


def settings_file() -> Path:
    chosen = os.environ.get("FRONTDESK_CONFIG")
    if chosen:
        return Path(chosen).expanduser()
    if _in_checkout():
        return REPO_DATA / "frontdesk.toml"
    from platformdirs import user_config_dir

    return Path(user_config_dir("frontdesk")) / "frontdesk.toml"


@cache
def _file_values(path: Path) -> dict[str, str]:
    if not path.exists():
        return {}
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(
            _("cannot read the settings file {path}: {error}").format(path=path, error=exc)
        ) from exc
    section = data.get(SECTION, {})
    if not isinstance(section, dict):
        raise ConfigError(
            _("{path}: [{section}] must be a table").format(path=path, section=SECTION)
        )
    values: dict[str, str] = {}
    for key, value in section.items():
        if key not in SETTINGS:
            known = ", ".join(sorted(SETTINGS))
            raise ConfigError(
                _("{path}: [{section}] {key} is not a setting (known: {known})").format(
                    path=path, section=SECTION, key=key, known=known
                )
            )
        if not isinstance(value, str) or not value.strip():
            raise ConfigError(
                _("{path}: [{section}] {key} must be a non-empty string").format(
                    path=path, section=SECTION, key=key
                )
            )
        if SETTINGS[key].is_path and "://" not in value:
            value = str((path.parent / Path(value).expanduser()).resolve())
        values[key] = value.strip()
    return values


def resolve(key: str, flag: str | None = None, *, counter: str | None = None) -> Value:
    """The value of setting ``key`` and where it came from; ``counter`` names the counter whose
    default it is, for a setting whose default differs from counter to counter."""
    setting = SETTINGS[key]
    if flag is not None and flag.strip():
        return Value(key, flag.strip(), "flag")
    chosen = os.environ.get(setting.env, "")
    if chosen.strip():
        return Value(key, chosen.strip(), "env")
    from_file = _file_values(settings_file()).get(key)
    if from_file is not None:
        return Value(key, from_file, "file")
    default = setting.default(counter) if setting.per_counter else setting.default()
    return Value(key, default, "default")


def policy_path(flag: str | None = None) -> Path:
    """The policy file to read."""
    return Path(resolve("policy", flag).value).expanduser()


def database_target(flag: str | None = None) -> str:
    """A SQLite path or a database URL."""
    return resolve("database", flag).value


def counter_name(flag: str | None = None) -> str:
    """Which counter this is ("lobby", "night desk"): shown to the other counters and kept in
    the audit log. The machine's name unless told."""
    return resolve("counter", flag).value


LANGUAGES = ("zh-Hans", "en")
_ALIASES = {
    "zh": "zh-Hans",
    "zh-cn": "zh-Hans",
    "zh_cn": "zh-Hans",
    "zh-hans": "zh-Hans",
    "en": "en",
    "en-us": "en",
    "en_us": "en",
    "en-gb": "en",
    "en_gb": "en",
}


def language_code(text: str, what: str) -> str:
    """``text`` as one of LANGUAGES ("zh_CN.UTF-8" and "zh" are zh-Hans)."""
    code = _ALIASES.get(text.split(".")[0].strip().lower())
    if code is None:
        raise ConfigError(
            _('{what}: "{text}" is not a language frontdesk speaks (zh-Hans, en)').format(
                what=what, text=text
            )
        )
    return code


def interface_language(flag: str | None = None) -> str:
    """The language of the screens, messages and reports."""
    return language_code(resolve("language", flag).value, "language")


def caller_language(flag: str | None = None) -> str:
    """The language the receptionist speaks to callers: the lines of the call script."""
    return language_code(resolve("caller_language", flag).value, "caller_language")


def ring_socket(flag: str | None = None, *, counter: str | None = None) -> Path:
    """Where the app of counter ``counter`` (this one's, unless named) listens for ringing
    calls."""
    return Path(resolve("ring_socket", flag, counter=counter).value).expanduser()
