"""The draft files: whole or not at all, readable by their owner only, beside the database, and
a file that cannot be read is kept aside rather than crashing the app or being deleted."""

import os
import stat

import pytest

from frontdesk.store import drafts as drafts_module
from frontdesk.store.drafts import DRAFTS_ENV, DraftStore, DraftUnreadable, drafts_directory

DOCUMENT = {"caller": {"name": "张伟", "phone": "13800138000"}, "fields": {"place": "3栋电梯"}}


@pytest.fixture
def store(tmp_path) -> DraftStore:
    return DraftStore(tmp_path / "counter.drafts")


def test_a_saved_draft_loads_back_as_it_was(store):
    store.save("operator-3", DOCUMENT)
    assert store.load("operator-3") == DOCUMENT
    assert store.keys() == ["operator-3"]


def test_draft_files_are_readable_by_their_owner_only(store):
    store.save("operator-3", DOCUMENT)
    assert stat.S_IMODE(store.path("operator-3").stat().st_mode) == 0o600
    assert stat.S_IMODE(store.directory.stat().st_mode) & 0o077 == 0


def test_a_save_syncs_the_file_and_then_the_directory_holding_its_rename(store, monkeypatch):
    synced = []
    fsync = os.fsync

    def recording(fd):
        synced.append(os.readlink(f"/proc/self/fd/{fd}"))  # Linux: the path the fd is open on
        fsync(fd)

    monkeypatch.setattr(drafts_module.os, "fsync", recording)
    store.save("operator-3", DOCUMENT)
    assert synced[0].endswith(".tmp") and synced[-1] == str(store.directory)


def test_a_write_cut_short_leaves_the_previous_draft_whole(store, monkeypatch):
    store.save("operator-3", DOCUMENT)

    def power_cut(src, dst):
        raise OSError("power cut before the rename")

    monkeypatch.setattr(drafts_module.os, "replace", power_cut)
    with pytest.raises(OSError, match="power cut"):
        store.save("operator-3", {"caller": {"name": "李娜"}})
    assert store.load("operator-3") == DOCUMENT
    assert list(store.directory.glob(".*.tmp")) == []


def test_a_temporary_file_left_by_a_crash_is_not_a_draft(store):
    store.save("operator-3", DOCUMENT)
    left = store.directory / ".operator-3.abc123.tmp"
    left.write_text('{"caller": ')
    assert store.keys() == ["operator-3"]
    assert store.load("operator-3") == DOCUMENT
    os.utime(left, (0, 0))  # long past: no writer can still hold it
    store.load("operator-3")
    assert not left.exists()


@pytest.mark.parametrize(
    "content",
    [b'{"caller": {"name": "\xe5', b"", b"[1, 2]", b"\x00\x00\x00\x00"],
    ids=["cut-off", "empty", "not-an-object", "zeros-after-a-power-cut"],
)
def test_an_unreadable_draft_is_kept_aside_and_reported(store, content):
    store.directory.mkdir()
    store.path("operator-3").write_bytes(content)
    with pytest.raises(DraftUnreadable) as raised:
        store.load("operator-3")
    assert raised.value.kept_at.read_bytes() == content
    assert ".unreadable-" in raised.value.kept_at.name
    assert store.load("operator-3") is None
    assert store.keys() == []


def test_clearing_removes_the_draft_and_clearing_nothing_is_fine(store):
    store.clear("operator-3")
    store.save("operator-3", DOCUMENT)
    store.clear("operator-3")
    assert store.load("operator-3") is None and store.keys() == []


def test_a_draft_set_aside_is_kept_under_another_name(store):
    store.save("operator-3", DOCUMENT)
    kept = store.set_aside("operator-3", "declined")
    assert kept.parent == store.directory and ".declined-" in kept.name
    assert store.keys() == [] and kept.exists()


def test_drafts_set_aside_are_listed_oldest_first_taken_back_or_thrown_away(store):
    store.save("operator-3", {"n": 1})
    first = store.set_aside("operator-3", "held").name
    store.save("operator-3", {"n": 2})
    second = store.set_aside("operator-3", "declined").name
    store.save("operator-3", {"n": 3})
    store.set_aside("operator-3", "unreadable")
    store.save("operator-4", {"n": 4})
    store.set_aside("operator-4", "held")  # another operator's
    assert store.aside("operator-3", ("held", "declined")) == [first, second]
    assert store.load_aside("operator-3", second) == {"n": 2}
    store.take_back("operator-3", first)
    assert store.load("operator-3") == {"n": 1}
    store.throw_away("operator-3", second)
    assert store.aside("operator-3", ("held", "declined")) == []


@pytest.mark.parametrize("name", ["../operator-3.json.held-1", "operator-4.json.held-1", "x"])
def test_only_the_operator_s_own_drafts_set_aside_can_be_taken(store, name):
    with pytest.raises(ValueError):
        store.take_back("operator-3", name)
    with pytest.raises(ValueError):
        store.throw_away("operator-3", name)


def test_keys_are_plain_names_so_a_key_cannot_leave_the_directory(store):
    with pytest.raises(ValueError):
        store.path("../operator-3")


def test_drafts_sit_beside_a_sqlite_file(tmp_path, monkeypatch):
    monkeypatch.delenv(DRAFTS_ENV, raising=False)
    assert drafts_directory(str(tmp_path / "demo.db")) == tmp_path / "demo.drafts"
    assert drafts_directory("sqlite://") is None  # in memory: nothing survives a crash anyway


def test_a_server_database_keeps_its_drafts_in_the_user_state_directory(monkeypatch):
    monkeypatch.delenv(DRAFTS_ENV, raising=False)
    place = drafts_directory("postgresql+psycopg://counter:secret@db.estate:5432/frontdesk")
    assert place.parent.name == "drafts" and "frontdesk" in str(place.parent.parent)
    assert place.name == "postgresql-db.estate-5432-frontdesk"
    assert "secret" not in str(place)


def test_the_drafts_directory_can_be_chosen(tmp_path, monkeypatch):
    monkeypatch.setenv(DRAFTS_ENV, str(tmp_path / "elsewhere"))
    assert drafts_directory(str(tmp_path / "demo.db")) == tmp_path / "elsewhere"
    assert drafts_directory("sqlite://", tmp_path / "given") == tmp_path / "given"
