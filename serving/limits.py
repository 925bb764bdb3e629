"""Rate limits (token buckets, in-process or on Redis), turn admission, and request size limits."""

from __future__ import annotations

import asyncio
import json
import logging
import math
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any, Protocol

from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger(__name__)

# KEYS[1]: bucket; ARGV: rate per second, burst. Server time keeps replicas on one clock.
_BUCKET_LUA = """
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local data = redis.call('HMGET', KEYS[1], 'tokens', 'ts')
local tokens = tonumber(data[1])
local ts = tonumber(data[2])
if tokens == nil then tokens = burst; ts = now end
tokens = math.min(burst, tokens + math.max(0, now - ts) * rate)
local retry = 0
if tokens >= 1 then tokens = tokens - 1 else retry = (1 - tokens) / rate end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'ts', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil(burst / rate * 1000) + 1000)
return tostring(retry)
"""


@dataclass(frozen=True)
class Limit:
    """A token bucket: `burst` requests at once, refilled at `per_min` a minute."""

    per_min: float
    burst: int

    @property
    def rate(self) -> float:
        """Tokens per second."""
        return self.per_min / 60.0


class RateLimiter(Protocol):
    """Takes one token from a bucket; returns 0 when allowed, else the seconds until one is free."""

    async def hit(self, bucket: str, limit: Limit) -> float:
        """Take a token or say how long to wait."""
        ...

    async def close(self) -> None:
        """Release connections."""
        ...


class MemoryRateLimiter:
    """In-process token buckets: the embedded default (one process, one event loop)."""

    def __init__(self, max_buckets: int = 100_000) -> None:
        self._buckets: dict[str, tuple[float, float]] = {}
        self._max = max_buckets

    async def hit(self, bucket: str, limit: Limit) -> float:
        """Take a token from `bucket`."""
        now = time.monotonic()
        tokens, ts = self._buckets.get(bucket, (float(limit.burst), now))
        tokens = min(float(limit.burst), tokens + (now - ts) * limit.rate)
        retry = 0.0
        if tokens >= 1:
            tokens -= 1
        else:
            retry = (1 - tokens) / limit.rate
        if len(self._buckets) >= self._max and bucket not in self._buckets:
            self._buckets.clear()  # a flood of distinct clients: forget everyone rather than grow
        self._buckets[bucket] = (tokens, now)
        return retry

    async def close(self) -> None:
        """Nothing to release."""


class RedisRateLimiter:
    """Token buckets in Redis, shared by every replica; one atomic Lua script per request."""

    def __init__(self, url: str, prefix: str = "hubei:rl:") -> None:
        import redis.asyncio as aioredis

        self._client: Any = aioredis.from_url(url, socket_timeout=1.0, socket_connect_timeout=1.0)
        self._script = self._client.register_script(_BUCKET_LUA)
        self._prefix = prefix
        self._warned = 0.0

    async def hit(self, bucket: str, limit: Limit) -> float:
        """Take a token; when Redis cannot answer the request is let through (and a warning logged)."""
        try:
            raw = await self._script(keys=[self._prefix + bucket], args=[limit.rate, limit.burst])
        except Exception as exc:  # noqa: BLE001 - a limiter outage must not take the API down
            if time.monotonic() - self._warned > 60:
                self._warned = time.monotonic()
                log.warning("rate limiter unavailable, letting requests through",
                            extra={"ctx": {"error": type(exc).__name__}})
            return 0.0
        return float(raw.decode() if isinstance(raw, bytes) else raw)

    async def ping(self) -> bool:
        """True when Redis answers."""
        return bool(await self._client.ping())

    async def close(self) -> None:
        """Close the connection pool."""
        await self._client.aclose()


def build_limiter(redis_url: str | None) -> RateLimiter:
    """Redis when `REDIS_URL` is set, else in-process."""
    return RedisRateLimiter(redis_url) if redis_url else MemoryRateLimiter()


def retry_after(seconds: float) -> str:
    """The Retry-After header value: whole seconds, at least 1."""
    return str(max(1, math.ceil(seconds)))


class Overloaded(Exception):
    """More turns than the process admits at once."""


class Admission:
    """At most `max_inflight` turns run and `max_queue` wait; the next one is refused at once."""

    def __init__(self, max_inflight: int, max_queue: int) -> None:
        self.max_inflight = max_inflight
        self.capacity = max_inflight + max_queue
        self._sem = asyncio.Semaphore(max_inflight)
        self.admitted = 0

    @asynccontextmanager
    async def slot(self) -> AsyncIterator[None]:
        """Hold one turn slot; raises `Overloaded` without waiting when the queue is full."""
        if self.admitted >= self.capacity:
            raise Overloaded
        self.admitted += 1
        try:
            async with self._sem:
                yield
        finally:
            self.admitted -= 1


def error_body(code: str, message: str) -> bytes:
    """The JSON error body every failure uses."""
    return json.dumps({"error": {"code": code, "message": message, "type": "invalid_request_error"}},
                      ensure_ascii=False).encode()


async def send_json(send: Send, status: int, body: bytes, headers: list[tuple[bytes, bytes]] | None = None) -> None:
    """Send a complete JSON response from ASGI middleware."""
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                            *(headers or [])]})
    await send({"type": "http.response.body", "body": body})


def _mib(n: int) -> str:
    return f"{n / 1024 / 1024:g} MiB" if n >= 1024 * 1024 else f"{n // 1024} KiB"


class BodyLimitMiddleware:
    """Reads the request body up to a limit (JSON or upload) and answers 413 past it."""

    def __init__(self, app: ASGIApp, *, json_bytes: int, upload_bytes: int, upload_paths: tuple[str, ...]) -> None:
        self.app = app
        self.json_bytes = json_bytes
        self.upload_bytes = upload_bytes
        self.upload_paths = upload_paths

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Buffer the body, then replay it to the app."""
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        upload = scope["path"].endswith(self.upload_paths)
        limit = self.upload_bytes + 64 * 1024 if upload else self.json_bytes
        shown = self.upload_bytes if upload else self.json_bytes
        too_big = error_body("payload_too_large", f"提交的内容过大（上限 {_mib(shown)}），请精简或拆分后再提交。")
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > limit):
            await send_json(send, 413, too_big)
            return
        chunks: list[bytes] = []
        size = 0
        more = True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > limit:
                await send_json(send, 413, too_big)
                return
            chunks.append(chunk)
            more = message.get("more_body", False)
        await self.app(scope, replay(b"".join(chunks), receive), send)


def replay(body: bytes, receive: Receive) -> Receive:
    """A `receive` that first returns the buffered body, then waits on the real one (disconnects)."""
    sent = False

    async def _receive() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return _receive
