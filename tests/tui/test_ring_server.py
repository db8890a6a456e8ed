"""The app's ring socket on its own: its rights, a crashed app's socket replaced, a second app at
the same counter told it will not get the rings, and the socket gone when the app ends."""

import asyncio
import os
import socket

from frontdesk.domain.call.ring import Event, Reply, RingEvent, decode_reply, encode
from frontdesk.tui.phone.ring_server import RingListener


def heard_into(events: list) -> object:
    def heard(event: RingEvent) -> Reply:
        events.append(event)
        return Reply(True, counter="lobby")

    return heard


async def say(path, line: bytes) -> Reply:
    reader, writer = await asyncio.open_unix_connection(str(path))
    writer.write(line)
    await writer.drain()
    reply = decode_reply(await reader.readline())
    writer.close()
    return reply


async def test_the_socket_is_the_users_only_in_a_folder_of_theirs_and_goes_with_the_app(tmp_path):
    path = tmp_path / "run" / "ring-lobby.sock"
    events: list = []
    listener = RingListener(path, heard_into(events))
    assert await listener.start() is None
    assert (path.stat().st_mode & 0o777, path.parent.stat().st_mode & 0o777) == (0o600, 0o700)
    assert (await say(path, encode(RingEvent(Event.RING, "13812345678")))).ok
    assert events == [RingEvent(Event.RING, "13812345678")]
    await listener.stop()
    assert not path.exists() and os.listdir(path.parent) == []


async def test_a_crashed_apps_socket_is_replaced(tmp_path):
    path = tmp_path / "ring-lobby.sock"
    left = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    left.bind(str(path))
    left.close()  # bound, never listening again: what kill -9 leaves
    listener = RingListener(path, heard_into([]))
    assert await listener.start() is None
    assert (await say(path, encode(RingEvent(Event.HANGUP, None)))).ok
    await listener.stop()


async def test_a_second_app_at_the_counter_is_told_and_the_first_keeps_the_rings(tmp_path):
    path = tmp_path / "ring-lobby.sock"
    first_heard: list = []
    first = RingListener(path, heard_into(first_heard))
    assert await first.start() is None
    second = RingListener(path, heard_into([]))
    problem = await second.start()
    assert problem is not None and "Another frontdesk app" in problem and str(path) in problem
    await second.stop()  # never listened: leaves the first one's socket alone
    assert (await say(path, encode(RingEvent(Event.RING, "13812345678")))).ok
    assert len(first_heard) == 1
    await first.stop()


async def test_a_file_that_is_not_a_socket_is_left_alone(tmp_path):
    path = tmp_path / "ring-lobby.sock"
    path.write_text("notes")
    problem = await RingListener(path, heard_into([])).start()
    assert problem is not None and "not a socket" in problem
    assert path.read_text() == "notes"


async def test_several_lines_on_one_connection_are_each_answered(tmp_path):
    path = tmp_path / "ring-lobby.sock"
    events: list = []
    listener = RingListener(path, heard_into(events))
    await listener.start()
    reader, writer = await asyncio.open_unix_connection(str(path))
    writer.write(
        encode(RingEvent(Event.RING, "13812345678", rings=2)) + b"\n" + b'{"event": "nope"}\n'
    )
    await writer.drain()
    assert decode_reply(await reader.readline()).ok
    refused = decode_reply(await reader.readline())
    assert not refused.ok and "event" in refused.message
    writer.close()
    await listener.stop()
    assert [e.rings for e in events] == [2]


async def test_a_failure_in_the_app_is_said_to_the_sender_and_the_socket_goes_on(tmp_path):
    path = tmp_path / "ring-lobby.sock"

    def broken(event: RingEvent) -> Reply:
        raise RuntimeError("no screen yet")

    listener = RingListener(path, broken)
    await listener.start()
    refused = await say(path, encode(RingEvent(Event.RING, "13812345678")))
    assert not refused.ok and "no screen yet" in refused.message
    assert not (await say(path, encode(RingEvent(Event.RING, "13812345678")))).ok
    await listener.stop()


async def test_a_folder_others_may_open_is_refused_and_left_as_it_is(tmp_path):
    """Made by hand, or by someone else before the app: others could reach the socket there."""
    folder = tmp_path / "shared"
    folder.mkdir()
    folder.chmod(0o750)
    path = folder / "ring-lobby.sock"
    problem = await RingListener(path, heard_into([])).start()
    assert problem is not None and "open to other users" in problem and str(folder) in problem
    assert not path.exists() and folder.stat().st_mode & 0o777 == 0o750


async def test_the_socket_is_never_there_with_the_umask_s_rights(tmp_path, monkeypatch):
    """Bound with the umask at 077: not open to all between the bind and the chmod."""
    path = tmp_path / "ring-lobby.sock"
    seen: list[int] = []
    chmod = os.chmod

    def noting_chmod(target, mode, *args, **kwargs):
        seen.append(os.stat(target).st_mode & 0o777)  # the rights the bind gave it
        return chmod(target, mode, *args, **kwargs)

    monkeypatch.setattr(os, "chmod", noting_chmod)
    before = os.umask(0o002)  # a shared machine's usual umask: a socket born 0775
    try:
        listener = RingListener(path, heard_into([]))
        assert await listener.start() is None
        assert os.umask(0o002) == 0o002  # given back as it was
    finally:
        os.umask(before)
    assert seen == [0o700]  # 0777 less the umask 077; then 0600
    await listener.stop()
