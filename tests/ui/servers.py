"""Run an ASGI app on a free loopback port in a background thread, for browser and HTTP tests."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
import uvicorn


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serving(app: Any, port: int | None = None, ready_path: str = "/") -> Iterator[str]:
    """Serve `app` on 127.0.0.1; yields its base URL; stops the server on exit."""
    port = port or free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline:
        if server.started:
            try:
                httpx.get(base + ready_path, timeout=5, trust_env=False)
                break
            except httpx.HTTPError:
                pass
        if not thread.is_alive():
            raise RuntimeError("server did not start")
        time.sleep(0.1)
    else:
        raise RuntimeError("server did not start in time")
    try:
        yield base
    finally:
        server.should_exit = True
        thread.join(timeout=15)
