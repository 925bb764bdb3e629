"""Signed webhooks (HMAC-SHA256 of the body in `X-Hubei-Signature`), delivered in the background with retries."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import hmac
import json
import logging
import time
import uuid
from typing import Any

import httpx

from serving.observability import Metrics

log = logging.getLogger(__name__)

SIGNATURE_HEADER = "X-Hubei-Signature"
EVENTS = ("handoff.requested", "handoff.answered", "work_order.created")


def sign(secret: str, body: bytes) -> str:
    """The signature header value: `sha256=` and the hex HMAC-SHA256 of the raw body."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def verify(secret: str, body: bytes, header: str) -> bool:
    """What a receiver does: recompute and compare in constant time."""
    return hmac.compare_digest(sign(secret, body), header)


class WebhookSender:
    """A bounded queue of events and one worker that posts each to every configured URL."""

    def __init__(self, urls: list[str], secret: str, metrics: Metrics, *, attempts: int = 4,
                 timeout_s: float = 5.0, backoff_s: float = 0.5, queue_size: int = 1000) -> None:
        if urls and not secret:
            raise ValueError("设置了 WEBHOOK_URLS 就必须设置 WEBHOOK_SECRET（用于签名）")
        self.urls = urls
        self.secret = secret
        self.metrics = metrics
        self.attempts = attempts
        self.timeout_s = timeout_s
        self.backoff_s = backoff_s
        self._queue: asyncio.Queue[bytes] | None = None
        self._queue_size = queue_size
        self._worker: asyncio.Task[None] | None = None
        self._client: httpx.AsyncClient | None = None

    @property
    def enabled(self) -> bool:
        """True when at least one URL is configured."""
        return bool(self.urls)

    def start(self) -> None:
        """Start the worker (inside the running event loop)."""
        if not self.enabled:
            return
        self._queue = asyncio.Queue(self._queue_size)
        self._client = httpx.AsyncClient(timeout=self.timeout_s, follow_redirects=False)
        self._worker = asyncio.create_task(self._run())

    def emit(self, event: str, data: dict[str, Any]) -> None:
        """Queue an event; never blocks a request (a full queue drops the event and counts it)."""
        if self._queue is None:
            return
        body = json.dumps({"id": uuid.uuid4().hex, "type": event, "created_at": int(time.time()), "data": data},
                          ensure_ascii=False, separators=(",", ":")).encode()
        try:
            self._queue.put_nowait(body)
        except asyncio.QueueFull:
            self.metrics.webhooks.labels("dropped").inc()
            log.warning("webhook queue full, event dropped", extra={"ctx": {"event": event}})

    async def _run(self) -> None:
        assert self._queue is not None
        while True:
            body = await self._queue.get()
            try:
                await asyncio.gather(*(self._deliver(i, url, body) for i, url in enumerate(self.urls)))
            finally:
                self._queue.task_done()

    async def _deliver(self, index: int, url: str, body: bytes) -> None:
        assert self._client is not None
        event = json.loads(body)["type"]
        headers = {"Content-Type": "application/json", SIGNATURE_HEADER: sign(self.secret, body),
                   "X-Hubei-Event": event, "User-Agent": "hubei-agent-webhooks"}
        for attempt in range(1, self.attempts + 1):
            outcome = "error"
            try:
                response = await self._client.post(url, content=body, headers=headers)
                if response.is_success:
                    self.metrics.webhooks.labels("delivered").inc()
                    return
                outcome = f"http_{response.status_code}"
                if 400 <= response.status_code < 500 and response.status_code not in (408, 429):
                    break  # the receiver rejects this event: retrying will not help
            except httpx.HTTPError as exc:
                outcome = type(exc).__name__
            log.warning("webhook delivery failed", extra={"ctx": {
                "event": event, "url_index": index, "attempt": attempt, "outcome": outcome}})
            if attempt < self.attempts:
                await asyncio.sleep(self.backoff_s * 2 ** (attempt - 1))
        self.metrics.webhooks.labels("failed").inc()

    async def drain(self, timeout_s: float = 5.0) -> None:
        """Wait (bounded) for queued events to be delivered."""
        if self._queue is not None:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._queue.join(), timeout_s)

    async def stop(self, timeout_s: float = 5.0) -> None:
        """Deliver what is queued (bounded), then stop the worker."""
        await self.drain(timeout_s)
        if self._worker is not None:
            self._worker.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._worker
        if self._client is not None:
            await self._client.aclose()
