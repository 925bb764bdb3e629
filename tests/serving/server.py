"""A real uvicorn server on loopback, in a thread, over a temporary data directory."""

from __future__ import annotations

import socket
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import uvicorn
from fastapi import FastAPI

from knowledge.base import KnowledgeBase
from serving.api.deps import Services
from serving.api.settings import ApiSettings
from serving.app import create_app
from serving.settings import LLMSettings, PathSettings, ServiceSettings, Settings


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def settings_for(home: Path, **service: Any) -> Settings:
    settings = Settings()
    settings.paths = PathSettings(home=home)
    settings.service = ServiceSettings(database_url=None, redis_url=None, read_only=False, disabled_domains=[],
                                       **service)
    settings.llm = LLMSettings(base_url=None)
    return settings


@dataclass
class Server:
    app: FastAPI
    server: uvicorn.Server
    thread: threading.Thread
    url: str
    settings: Settings

    @property
    def services(self) -> Services:
        svc: Services = self.app.state.services
        return svc

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=60)


def start_server(home: Path, kb: KnowledgeBase, shared_cache: Path, api: ApiSettings | None = None,
                 **service: Any) -> Server:
    home.mkdir(parents=True, exist_ok=True)
    cache = home / "cache"
    if not cache.exists():
        cache.symlink_to(shared_cache, target_is_directory=True)
    settings = settings_for(home, **service)
    app = create_app(settings, kb=kb, api=api or ApiSettings())
    port = free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_config=None, access_log=False,
                            proxy_headers=False, lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 600
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("server did not start")
        time.sleep(0.05)
    return Server(app, server, thread, f"http://127.0.0.1:{port}", settings)
