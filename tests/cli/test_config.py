"""Settings: a flag, else the FRONTDESK_* variable, else the settings file, else the default;
`frontdesk config show` says which, and a settings file with a mistake is named in one line."""

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from frontdesk import config
from frontdesk.cli.main import app

VARIABLES = [s.env for s in config.SETTINGS.values()] + ["FRONTDESK_CONFIG", "LANGUAGE"]


@pytest.fixture
def settings(tmp_path, monkeypatch) -> Path:
    """A settings file of this test's own, and no FRONTDESK_* variable from the machine."""
    for name in VARIABLES:
        monkeypatch.delenv(name, raising=False)
    path = tmp_path / "etc" / "frontdesk.toml"
    path.parent.mkdir()
    monkeypatch.setenv("FRONTDESK_CONFIG", str(path))
    config._file_values.cache_clear()
    yield path
    config._file_values.cache_clear()


def write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
    config._file_values.cache_clear()


def test_each_source_in_its_order(settings, monkeypatch):
    write(settings, '[frontdesk]\ncounter = "night desk"\ndatabase = "desk.db"\n')
    assert config.resolve("counter") == config.Value("counter", "night desk", "file")
    monkeypatch.setenv("FRONTDESK_COUNTER", "lobby")
    assert config.resolve("counter") == config.Value("counter", "lobby", "env")
    assert config.resolve("counter", "gate") == config.Value("counter", "gate", "flag")
    # A path in the file is relative to the file, not to where the command runs.
    assert config.database_target() == str(settings.parent / "desk.db")


def test_database_url_in_the_file_is_kept_as_written(settings):
    url = "postgresql+psycopg://desk@db.example/frontdesk"
    write(settings, f'[frontdesk]\ndatabase = "{url}"\n')
    assert config.database_target() == url


def test_without_a_file_the_defaults_apply(settings):
    assert not settings.exists()
    assert config.resolve("caller_language") == config.Value(
        "caller_language", "zh-Hans", "default"
    )
    assert config.policy_path() == config.REPO_DATA / "policy.toml"


@pytest.mark.parametrize(
    ("locale", "expected"),
    [("zh_CN.UTF-8", "zh-Hans"), ("en_GB.UTF-8", "en"), ("C.UTF-8", "en"), ("", "en")],
)
def test_interface_language_follows_the_system_locale(settings, monkeypatch, locale, expected):
    for name in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", locale)
    assert config.interface_language() == expected
    assert config.interface_language("en") == "en"


def test_a_language_frontdesk_does_not_speak_is_refused(settings):
    write(settings, '[frontdesk]\ncaller_language = "fr"\n')
    with pytest.raises(config.ConfigError, match='"fr" is not a language'):
        config.caller_language()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[frontdesk\n", "cannot read the settings file"),
        ('[frontdesk]\nlangauge = "en"\n', "langauge is not a setting"),
        ("[frontdesk]\ncounter = 3\n", "counter must be a non-empty string"),
        ('frontdesk = "x"\n', "must be a table"),
    ],
)
def test_a_mistake_in_the_file_is_named(settings, text, message):
    write(settings, text)
    result = CliRunner().invoke(app, ["config", "show"])
    assert result.exit_code == 1
    assert message in result.output
    assert "Traceback" not in result.output


def test_a_settings_file_not_in_utf8_is_named(settings):
    settings.write_bytes('[frontdesk]\ncounter = "大堂"\n'.encode("gbk"))
    config._file_values.cache_clear()
    result = CliRunner().invoke(app, ["config", "show"])
    assert result.exit_code == 1
    assert "cannot read the settings file" in result.output
    assert "Traceback" not in result.output


def test_config_show_says_where_each_value_came_from(settings, monkeypatch):
    write(settings, '[frontdesk]\npolicy = "estate.toml"\n')
    monkeypatch.setenv("FRONTDESK_CALLER_LANG", "en")
    result = CliRunner().invoke(app, ["--counter", "lobby", "config", "show", "--json"])
    assert result.exit_code == 0, result.output
    shown = json.loads(result.output)
    assert shown["file"] == str(settings)
    got = {key: (v["value"], v["source"]) for key, v in shown["settings"].items()}
    assert got["counter"] == ("lobby", "flag")
    assert got["caller_language"] == ("en", "env")
    assert got["policy"] == (str(settings.parent / "estate.toml"), "file")
    assert got["database"][1] == "default"
    assert set(got) == set(config.SETTINGS)

    text = CliRunner().invoke(app, ["--lang", "zh-Hans", "config", "show", "--json"]).output
    assert json.loads(text)["settings"]["language"] == {
        "value": "zh-Hans",
        "source": "flag",
        "env": "FRONTDESK_LANG",
    }


def test_the_ring_socket_is_per_counter(settings, monkeypatch, tmp_path):
    monkeypatch.setattr(config, "RUNTIME_ROOT", tmp_path)
    (tmp_path / str(os.getuid())).mkdir()
    monkeypatch.setenv("FRONTDESK_COUNTER", "night desk/2")
    socket = config.ring_socket()
    assert socket.parent == tmp_path / str(os.getuid()) / f"frontdesk-{os.getuid()}"
    assert socket.name == "ring-night_desk_2.sock"


def test_the_ring_socket_is_where_it_is_whatever_the_environment(settings, monkeypatch, tmp_path):
    """The PBX runs `frontdesk ring` through `sudo -u`, which resets the environment: the
    command must look where the app, started with $XDG_RUNTIME_DIR and $TMPDIR, listens."""
    monkeypatch.setattr(config, "RUNTIME_ROOT", tmp_path / "run-user")
    monkeypatch.setattr(config, "FALLBACK_ROOT", tmp_path / "tmp")
    (tmp_path / "run-user" / str(os.getuid())).mkdir(parents=True)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path / "elsewhere"))
    monkeypatch.setenv("TMPDIR", str(tmp_path / "elsewhere"))
    in_session = config.ring_socket(counter="lobby")
    monkeypatch.delenv("XDG_RUNTIME_DIR")
    monkeypatch.delenv("TMPDIR")
    assert config.ring_socket(counter="lobby") == in_session
    assert in_session.parent.parent == tmp_path / "run-user" / str(os.getuid())


def test_without_a_runtime_folder_of_one_s_own_the_ring_socket_is_in_tmp(
    settings, monkeypatch, tmp_path
):
    monkeypatch.setattr(config, "RUNTIME_ROOT", tmp_path / "run-user")
    monkeypatch.setattr(config, "FALLBACK_ROOT", tmp_path / "tmp")
    monkeypatch.setenv("TMPDIR", str(tmp_path / "elsewhere"))
    fallback = tmp_path / "tmp" / f"frontdesk-{os.getuid()}" / "ring-lobby.sock"
    assert config.ring_socket(counter="lobby") == fallback  # no /run/user/<uid>
    (tmp_path / "run-user").mkdir()
    (tmp_path / "run-user" / str(os.getuid())).write_text("")
    assert config.ring_socket(counter="lobby") == fallback  # not a folder
