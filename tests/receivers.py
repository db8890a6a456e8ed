"""Real receivers on loopback, for what leaves the counter: an HTTP server that records what a
group robot or a webhook is posted, answers as the robot does, and can be taken down and
brought back on the same port."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Receiver:
    def __init__(self) -> None:
        self.posts: list[dict] = []
        self.answer: dict = {"errcode": 0, "errmsg": "ok"}
        self._server: ThreadingHTTPServer | None = None
        self.port = 0
        self.up()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/cgi-bin/webhook/send?key=test"

    def up(self) -> None:
        received = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - the standard library's name
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                received.posts.append(json.loads(body))
                answer = json.dumps(received.answer).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

            def log_message(self, *args) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self.port = self._server.server_address[1]
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def down(self) -> None:
        """Nobody listens on the port: a sender is refused the connection."""
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def texts(self) -> list[str]:
        """What the robot was posted, message by message."""
        return [p["text"]["content"] for p in self.posts if p.get("msgtype") == "text"]

    def keys(self) -> list[str]:
        """The notices a webhook was posted, by key, in the order they came."""
        return [n["key"] for p in self.posts for n in p.get("notices", [])]
