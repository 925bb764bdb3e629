"""The HTTP client the web pages use to reach the API (`/api/v1`); the pages never import the service."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx

PREFIX = "/api/v1"
FALLBACK = "系统暂时繁忙，请稍后再试，或拨打12345政务服务便民热线咨询。"


class ApiError(Exception):
    """A failed API call, carrying the citizen-readable message the API (or this client) gives."""

    def __init__(self, message: str, code: str = "unavailable", status: int = 0) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.status = status


def _error(resp: httpx.Response) -> ApiError:
    try:
        body = resp.json()
        err = body.get("error") or {}
        if isinstance(err, dict) and err.get("message"):
            return ApiError(str(err["message"]), str(err.get("code") or "error"), resp.status_code)
        detail = body.get("detail")
        if isinstance(detail, str) and detail:
            return ApiError(detail, "error", resp.status_code)
    except (ValueError, AttributeError):
        pass
    if resp.status_code in (401, 403):
        return ApiError("请先登录，或登录已过期。", "unauthorized", resp.status_code)
    if resp.status_code == 429:
        return ApiError("提问太频繁了，请稍等一会儿再试。", "rate_limited", 429)
    return ApiError(FALLBACK, "unavailable", resp.status_code)


def parse_sse(lines: list[str]) -> tuple[str, Any] | None:
    """One server-sent event from its lines: (event name, decoded `data`); None for a comment or keep-alive."""
    event, data = "message", []
    for line in lines:
        if line.startswith(":"):
            continue
        field, _, value = line.partition(":")
        value = value.removeprefix(" ")
        if field == "event":
            event = value
        elif field == "data":
            data.append(value)
    if not data:
        return None
    raw = "\n".join(data)
    try:
        return event, json.loads(raw)
    except ValueError:
        return event, raw


class ApiClient:
    """Calls to one API base URL, with the staff session's cookies when logged in."""

    def __init__(self, base: str, cookies: dict[str, str] | None = None, token: str | None = None,
                 timeout: float = 180.0) -> None:
        self.base = base.rstrip("/")
        self.cookies = dict(cookies or {})
        self.headers = {"Authorization": f"Bearer {token}"} if token else {}
        self.timeout = timeout

    def _client(self) -> httpx.AsyncClient:
        return httpx.AsyncClient(base_url=self.base + PREFIX, cookies=self.cookies, headers=self.headers,
                                 timeout=self.timeout, follow_redirects=False, trust_env=False)

    async def _call(self, method: str, path: str, **kwargs: Any) -> Any:
        try:
            async with self._client() as client:
                resp = await client.request(method, path, **kwargs)
        except httpx.HTTPError as exc:
            raise ApiError(FALLBACK) from exc
        if resp.status_code >= 400:
            raise _error(resp)
        self.cookies.update(dict(resp.cookies))
        if not resp.content:
            return None
        try:
            return resp.json()
        except ValueError as exc:
            raise ApiError(FALLBACK) from exc

    # citizens
    async def chat(self, message: str, thread_id: str | None = None, region: str | None = None) -> dict[str, Any]:
        """One turn, answered whole."""
        return dict(await self._call("POST", "/chat", json=_chat_body(message, thread_id, region)))

    async def stream_chat(
        self, message: str, thread_id: str | None = None, region: str | None = None
    ) -> AsyncIterator[tuple[str, Any]]:
        """One turn as server-sent events: (event, data) pairs, ending with ("done", TurnResult)."""
        body = {**_chat_body(message, thread_id, region), "stream": True}
        try:
            async with self._client() as client, client.stream("POST", "/chat", json=body) as resp:
                if resp.status_code >= 400:
                    await resp.aread()
                    raise _error(resp)
                if "text/event-stream" not in resp.headers.get("content-type", ""):
                    await resp.aread()
                    yield "done", resp.json()
                    return
                pending: list[str] = []
                async for line in resp.aiter_lines():
                    if line:
                        pending.append(line)
                        continue
                    event = parse_sse(pending)
                    pending = []
                    if event is not None:
                        yield event
                if pending and (event := parse_sse(pending)) is not None:
                    yield event
        except httpx.HTTPError as exc:
            raise ApiError(FALLBACK) from exc

    async def feedback(self, thread_id: str, rating: str, reason: str = "") -> None:
        """Thumbs up or down on the thread's last answer."""
        body: dict[str, Any] = {"thread_id": thread_id, "rating": rating}
        if reason.strip():
            body["reason"] = reason.strip()
        await self._call("POST", "/feedback", json=body)

    async def handoff(self, thread_id: str | None, region: str | None = None) -> dict[str, Any]:
        """Ask for a person (on a new thread when `thread_id` is None); the thread then waits for staff."""
        body = {k: v for k, v in (("thread_id", thread_id), ("region", region)) if v}
        return dict(await self._call("POST", "/handoff", json=body))

    async def thread(self, thread_id: str) -> dict[str, Any]:
        """The whole conversation and whether it waits for staff."""
        return dict(await self._call("GET", f"/threads/{thread_id}"))

    # staff
    async def login(self, username: str, password: str) -> dict[str, str]:
        """Log in; returns the session cookies (also kept on this client)."""
        await self._call("POST", "/staff/login", json={"username": username, "password": password})
        return dict(self.cookies)

    async def logout(self) -> None:
        """End the staff session."""
        await self._call("POST", "/staff/logout")
        self.cookies.clear()

    async def handoffs(self) -> list[dict[str, Any]]:
        """Threads waiting for a person, oldest first."""
        return _items(await self._call("GET", "/staff/handoffs"))

    async def reply(self, thread_id: str, reply: str) -> dict[str, Any]:
        """Answer a waiting thread as staff; the assistant then carries on."""
        return dict(await self._call("POST", f"/staff/threads/{thread_id}/reply", json={"reply": reply}) or {})

    async def documents(self) -> list[dict[str, Any]]:
        """Documents in the knowledge base with versions and validity."""
        return _items(await self._call("GET", "/knowledge/documents"))

    async def upload(self, path: Path, domain: str | None = None, region: str | None = None) -> dict[str, Any]:
        """Upload one document and ingest it; returns the ingest report."""
        form = {k: v for k, v in (("domain", domain), ("region", region)) if v}
        with path.open("rb") as fh:
            files = {"file": (path.name, fh.read())}
        return dict(await self._call("POST", "/knowledge/documents", data=form, files=files) or {})

    async def disabled_domains(self) -> list[str]:
        """Domains switched off now."""
        return list((await self._call("GET", "/admin/domains") or {}).get("disabled_domains", []))

    async def set_domain(self, domain: str, enabled: bool) -> dict[str, Any]:
        """Switch one domain on or off."""
        return dict(await self._call("POST", f"/admin/domains/{domain}", json={"enabled": enabled}) or {})

    async def keys(self) -> list[dict[str, Any]]:
        """API keys (never the secret itself after creation)."""
        return _items(await self._call("GET", "/admin/keys"))

    async def create_key(self, name: str, scopes: list[str]) -> dict[str, Any]:
        """A new API key; the secret is shown once in the answer."""
        return dict(await self._call("POST", "/admin/keys", json={"name": name, "scopes": scopes}) or {})


def _items(data: Any) -> list[dict[str, Any]]:
    """A list answer, whether bare or wrapped as {"items": [...]}."""
    if isinstance(data, dict):
        data = data.get("items", [])
    return list(data or [])


def _chat_body(message: str, thread_id: str | None, region: str | None) -> dict[str, Any]:
    body: dict[str, Any] = {"message": message}
    if thread_id:
        body["thread_id"] = thread_id
    if region:
        body["region"] = region
    return body
