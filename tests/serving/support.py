"""Test helpers: canary personal data, key creation, SSE parsing, a loopback webhook receiver."""

from __future__ import annotations

import json
import secrets
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from agents.pii import id_check_digit
from serving.appdb import AppDB
from serving.auth import Scope, create_key


def canary_id(birth: str = "19870615", seq: str = "731") -> str:
    """A resident ID that passes GB 11643 but can belong to no one: region code 99."""
    first17 = "990101" + birth + seq
    return first17 + id_check_digit(first17)


def canary_phone() -> str:
    """A random mobile-format number, made at run time (none is written down anywhere)."""
    return "1" + str(secrets.choice("3456789")) + "".join(secrets.choice("0123456789") for _ in range(9))


def key(db: AppDB, *scopes: Scope, name: str = "test", subject: str | None = None, hall_id: int | None = None) -> str:
    return create_key(db, name, tuple(scopes), subject=subject, hall_id=hall_id)[1]


def bearer(token: str, **extra: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}", **extra}


def parse_sse(text: str) -> list[tuple[str | None, Any]]:
    """(event, data) pairs of an SSE body; data is JSON-decoded when it can be."""
    events: list[tuple[str | None, Any]] = []
    for block in text.strip().split("\n\n"):
        event, data = None, []
        for line in block.splitlines():
            if line.startswith("event: "):
                event = line[7:]
            elif line.startswith("data: "):
                data.append(line[6:])
        raw = "\n".join(data)
        try:
            events.append((event, json.loads(raw)))
        except json.JSONDecodeError:
            events.append((event, raw))
    return events


class Receiver:
    """A real HTTP server on loopback that records webhook deliveries (and can fail the first N)."""

    def __init__(self, fail_first: int = 0) -> None:
        self.received: list[tuple[dict[str, str], bytes]] = []
        self.fail_left = fail_first
        self.event = threading.Event()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server's naming
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                if outer.fail_left > 0:
                    outer.fail_left -= 1
                    self.send_response(503)
                    self.end_headers()
                    return
                outer.received.append(({k: v for k, v in self.headers.items()}, body))
                outer.event.set()
                self.send_response(204)
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def events(self, kind: str) -> list[dict[str, Any]]:
        return [json.loads(body) for _, body in self.received if json.loads(body)["type"] == kind]

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
