"""Fixtures for the web pages: a served site (the real API, or the in-memory stand-in) and a headless browser."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest

from tests.ui.fake_api import ADMIN_KEY, create_fake_api
from tests.ui.servers import free_port, serving

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
LOOPBACK = {"127.0.0.1", "localhost", "[::1]", "::1"}


class Site:
    """A running site: base URL, staff credentials, an admin key, and what kind of API serves it."""

    def __init__(self, base: str, username: str, password: str, admin_key: str, kind: str) -> None:
        self.base = base
        self.username = username
        self.password = password
        self.admin_key = admin_key
        self.kind = kind


@pytest.fixture(scope="session")
def fake_site() -> Iterator[Site]:
    """The pages over the in-memory stand-in API."""
    from ui.app import mount_ui

    port = free_port()
    app = create_fake_api()
    mount_ui(app, f"http://127.0.0.1:{port}")
    with serving(app, port) as base:
        yield Site(base, "staff", "staff-pass", ADMIN_KEY, "fake")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Headless Debian Chromium driven by Playwright; skipped where either is missing.

    Module scope: Playwright's sync API keeps an event loop running until it stops, which would break
    `asyncio.run` in tests collected after the browser tests.
    """
    if not CHROMIUM.exists():
        pytest.skip("浏览器测试需要 /usr/bin/chromium（apt-get install -y chromium fonts-noto-cjk）")
    sync_api = pytest.importorskip("playwright.sync_api", reason="浏览器测试需要 Python 包 playwright")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def new_page(browser: Any) -> Iterator[Any]:
    """Opens pages in fresh browser contexts; fails the test if any page asked for a non-loopback address."""
    contexts: list[Any] = []
    outside: list[str] = []

    def make(width: int = 1280, height: int = 900) -> Any:
        ctx = browser.new_context(viewport={"width": width, "height": height}, locale="zh-CN")
        contexts.append(ctx)
        page = ctx.new_page()
        page.set_default_timeout(60_000)

        def check(request: Any) -> None:
            url = urlparse(request.url)
            if url.scheme in ("http", "https", "ws", "wss") and url.hostname not in LOOPBACK:
                outside.append(request.url)

        page.on("request", check)
        return page

    yield make
    for ctx in contexts:
        ctx.close()
    assert not outside, f"页面向外部地址发出了请求：{outside}"


def shot(page: Any, name: str) -> None:
    """Save a full-page screenshot of a main screen under docs/screenshots/."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def want_fake() -> bool:
    """`UI_TEST_API=fake` runs the browser tests against the stand-in API (quick, for work on the pages)."""
    return os.environ.get("UI_TEST_API", "") == "fake"


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The real API app (`serving.app.create_app`, sample corpus, extractive answers) with the pages mounted."""
    try:
        from serving.app import create_app
    except ImportError as exc:
        pytest.skip(f"serving.app.create_app 不可用：{exc}")
    from serving.appdb import AppDB
    from serving.auth import create_key, create_staff
    from serving.settings import Settings

    home = tmp_path_factory.mktemp("site")
    saved = {k: os.environ.get(k) for k in ("HUBEI_AGENT_HOME", "DATABASE_URL", "REDIS_URL", "LLM_BASE_URL",
                                            "QDRANT_URL", "DISABLED_DOMAINS")}
    os.environ["HUBEI_AGENT_HOME"] = str(home)
    for k in saved:
        if k != "HUBEI_AGENT_HOME":
            os.environ.pop(k, None)
    try:
        settings = Settings()
        db = AppDB(settings.database_url).create()
        create_staff(db, "hall.staff", "staff-pass-2026", 1, "大厅值班员")
        _, admin_key = create_key(db, "ui-admin", ("admin",))
        db.close()
        port = free_port()
        app = create_app(settings, ui=True, api_base=f"http://127.0.0.1:{port}")
        with serving(app, port, ready_path="/healthz") as base:
            yield Site(base, "hall.staff", "staff-pass-2026", admin_key, "real")
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


@pytest.fixture(scope="session")
def site(request: pytest.FixtureRequest) -> Site:
    """The site the browser tests drive: the real API unless UI_TEST_API=fake."""
    return request.getfixturevalue("fake_site" if want_fake() else "real_site")


@pytest.fixture(scope="session")
def answerable(site: Site) -> str:
    """A question the site answers from its documents, with a checklist of materials."""
    return "新生儿落户需要什么材料？"
