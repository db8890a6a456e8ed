"""A program run in a pseudo-terminal of its own, as it runs at a counter: the terminal's output
is read as it arrives, so a test can tell when a text first reached the screen, and a
benchmark how long that took. Textual draws for real here (a headless app draws nothing)."""

import fcntl
import os
import pty
import select
import struct
import subprocess
import termios
import time
from dataclasses import dataclass

# The counter terminal the app is laid out for (README).
SIZE = (160, 45)


@dataclass(frozen=True)
class Ran:
    code: int
    #: Everything written to the terminal, escape sequences and all.
    output: str
    #: Seconds from the start until ``watch`` was first on the terminal (None: never).
    seen: float | None
    #: Seconds from the start until the program ended.
    ended: float


def run_in_terminal(
    command: list[str],
    *,
    env: dict[str, str],
    watch: str | None = None,
    size: tuple[int, int] = SIZE,
    timeout: float = 60,
) -> Ran:
    """Run ``command`` in a new pseudo-terminal of ``size`` (columns, rows) until it ends."""
    control, terminal = pty.openpty()
    columns, rows = size
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    marker = watch.encode() if watch else b""
    output = bytearray()
    seen = None
    start = time.perf_counter()
    process = subprocess.Popen(
        command, stdin=terminal, stdout=terminal, stderr=terminal, env=env, start_new_session=True
    )
    os.close(terminal)
    try:
        while time.perf_counter() - start < timeout:
            ready, _, _ = select.select([control], [], [], 0.5)
            if not ready:
                if process.poll() is not None:
                    break
                continue
            try:
                chunk = os.read(control, 65536)
            except OSError:  # EIO: every copy of the terminal's other end is closed
                break
            if not chunk:
                break
            output += chunk
            if marker and seen is None and marker in output[-len(chunk) - len(marker) :]:
                seen = time.perf_counter() - start
        code = process.wait(timeout=max(1.0, timeout - (time.perf_counter() - start)))
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        os.close(control)
    ended = time.perf_counter() - start
    return Ran(code, output.decode("utf-8", errors="replace"), seen, ended)


def terminal_env(**extra: str) -> dict[str, str]:
    """This environment, with a terminal such as a counter's and UTF-8 text."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TEXTUAL", "COLUMNS", "LINES"))}
    return {**env, "TERM": "xterm-256color", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", **extra}
