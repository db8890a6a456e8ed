"""The counter app's ear for the phone system: a Unix socket in the app's own event loop, where
``frontdesk ring`` (or anything that can write a line to a socket) says a call is ringing.

The socket is its user's only (0600, in a folder of theirs that no one else may open); it is
bound under a passing name with a umask that gives it no wider rights and renamed into place,
and it replaces the socket a crashed app left behind. While another app answers on it, it is
left alone and that is said."""

import asyncio
import os
import socket
import stat
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path

from frontdesk.domain.call.ring import (
    MAX_LINE,
    ProtocolError,
    Reply,
    RingEvent,
    decode,
    encode_reply,
)
from frontdesk.i18n import _


async def _answers(path: Path) -> bool:
    """Whether an app listens on ``path`` (a socket nobody listens on was left by a crash)."""
    try:
        _reader, writer = await asyncio.wait_for(asyncio.open_unix_connection(str(path)), 1.0)
    except (OSError, TimeoutError):
        return False
    writer.close()
    with suppress(OSError):
        await writer.wait_closed()
    return True


class RingListener:
    """Listens on ``path``; each line read is decoded and given to ``heard``, whose reply is
    written back as one line."""

    def __init__(self, path: Path, heard: Callable[[RingEvent], Reply]) -> None:
        self.path = path
        self.heard = heard
        self.server: asyncio.AbstractServer | None = None
        self._inode: int | None = None

    async def start(self) -> str | None:
        """Listen; what stops it, in one line, or None."""
        path = self.path
        try:
            path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            folder = path.parent.stat()
            if folder.st_uid != os.getuid():
                return _("The ring socket's folder {folder} is not yours: not listening.").format(
                    folder=path.parent
                )
            # One made by hand, or before: others who may enter it may reach the socket.
            if folder.st_mode & 0o077:
                return _(
                    "The ring socket's folder {folder} is open to other users: not listening "
                    "(chmod 700 {folder} makes it yours only)."
                ).format(folder=path.parent)
            if path.exists() or path.is_symlink():
                if not stat.S_ISSOCK(path.lstat().st_mode):
                    return _(
                        "{path} is there and is not a socket: not listening for rings."
                    ).format(path=path)
                if await _answers(path):
                    return _(
                        "Another frontdesk app already takes this counter's rings at {path}: "
                        "this one will not show them."
                    ).format(path=path)
            listening = self._bind(path)
            self.server = await asyncio.start_unix_server(
                self._serve, sock=listening, limit=MAX_LINE
            )
        except OSError as error:
            return _("Not listening for rings at {path}: {error}").format(path=path, error=error)
        self._inode = path.stat().st_ino
        return None

    @staticmethod
    def _bind(path: Path) -> socket.socket:
        passing = path.with_name(f".{path.name}.{os.getpid()}")
        with suppress(FileNotFoundError):
            passing.unlink()
        listening = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            # Made 0600 from the start: under the usual umask a socket is born open to all.
            umask = os.umask(0o077)
            try:
                listening.bind(str(passing))
            finally:
                os.umask(umask)
            os.chmod(passing, 0o600)
            os.replace(passing, path)  # over a crashed app's socket, in one step
        except OSError:
            listening.close()
            with suppress(OSError):
                passing.unlink()
            raise
        listening.setblocking(False)
        return listening

    async def stop(self) -> None:
        """Stop listening and take the socket away, unless another app's has replaced it."""
        if self.server is None:
            return
        self.server.close()
        with suppress(OSError):
            if self.path.stat().st_ino == self._inode:
                self.path.unlink()
        self.server = None

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                try:
                    line = await reader.readline()
                except ValueError:  # longer than any event: answered, and the connection ends
                    writer.write(encode_reply(Reply(False, _("the line is too long"))))
                    break
                if not line.strip():
                    if not line:
                        break
                    continue
                try:
                    reply = self.heard(decode(line))
                except ProtocolError as error:
                    reply = Reply(False, str(error))
                except Exception as error:  # noqa: BLE001 - the sender hears it; the app goes on
                    reply = Reply(
                        False, _("the app could not take it: {error}").format(error=error)
                    )
                writer.write(encode_reply(reply))
                await writer.drain()
        except (ConnectionError, asyncio.IncompleteReadError):
            pass  # the sender went away; nothing to answer
        finally:
            writer.close()
            with suppress(OSError):
                await writer.wait_closed()
