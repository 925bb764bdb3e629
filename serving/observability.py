"""Prometheus metrics, structured JSON logs without personal data, and the per-request access line."""

from __future__ import annotations

import json
import logging
import sys
import time
import traceback
import uuid
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from agents.pii import mask

log = logging.getLogger("serving.access")

_LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60)
# Only these context fields reach the log line: ids, codes and numbers, never text a citizen typed.
_CTX_FIELDS = frozenset({
    "request_id", "method", "route", "status", "ms", "key_id", "thread_id", "event", "code", "error",
    "channel", "turn_status", "domains", "url_index", "attempt", "outcome", "count", "source", "scope",
})


class Metrics:
    """The process's Prometheus metrics, in a registry of their own (one per app)."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.requests = Counter("hubei_http_requests_total", "HTTP requests", ["method", "route", "status"],
                                registry=self.registry)
        self.latency = Histogram("hubei_http_request_duration_seconds", "HTTP request latency",
                                 ["method", "route"], buckets=_LATENCY_BUCKETS, registry=self.registry)
        self.turns = Counter("hubei_turns_total", "Answered turns by status", ["status", "channel"],
                             registry=self.registry)
        self.nodes = Histogram("hubei_graph_node_duration_seconds", "Time spent per graph node", ["node"],
                               buckets=_LATENCY_BUCKETS, registry=self.registry)
        self.llm_errors = Counter("hubei_llm_errors_total", "Turns that ended because the LLM failed",
                                  registry=self.registry)
        self.rejected = Counter("hubei_rejected_total", "Requests refused by a limit", ["reason"],
                                registry=self.registry)
        self.webhooks = Counter("hubei_webhook_deliveries_total", "Webhook deliveries", ["outcome"],
                                registry=self.registry)

    def turn(self, status: str, channel: str, timings: dict[str, float]) -> None:
        """Count one turn and its per-node timings (milliseconds in `timings`)."""
        self.turns.labels(status, channel).inc()
        if status == "error_llm":
            self.llm_errors.inc()
        for node, ms in timings.items():
            self.nodes.labels(node.split(":")[0] if node.startswith("domain:") else node).observe(ms / 1000.0)

    def render(self) -> bytes:
        """The text exposition format."""
        return generate_latest(self.registry)


class JsonFormatter(logging.Formatter):
    """One JSON object per line; the message and any traceback pass through the personal-data mask."""

    def format(self, record: logging.LogRecord) -> str:
        """Serialise a record."""
        entry: dict[str, Any] = {
            "ts": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created)) + f".{int(record.msecs):03d}Z",
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": mask(record.getMessage())[0],
        }
        ctx = getattr(record, "ctx", None)
        if isinstance(ctx, dict):
            entry.update({k: v for k, v in ctx.items() if k in _CTX_FIELDS})
        if record.exc_info and record.exc_info[1] is not None:
            entry["exc_type"] = type(record.exc_info[1]).__name__
            entry["exc"] = mask("".join(traceback.format_exception(*record.exc_info)))[0][-4000:]
        return json.dumps(entry, ensure_ascii=False, default=str)


def configure_logging(level: str = "INFO", stream: Any = None) -> logging.Handler:
    """Route every logger (uvicorn's too) through one JSON handler on stderr."""
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
        logging.getLogger(name).handlers.clear()
        logging.getLogger(name).propagate = True
    logging.getLogger("httpx").setLevel(logging.WARNING)
    return handler


def route_of(scope: Scope) -> str:
    """The route template (`/api/v1/threads/{thread_id}`), never the raw path with its values."""
    route = scope.get("route")
    path = getattr(route, "path", None)
    if isinstance(path, str):
        return path
    return "static" if scope.get("path", "/").startswith("/assets") else "unmatched"


class AccessMiddleware:
    """Counts and times every request and logs one line (route template, status, ms, key id)."""

    def __init__(self, app: ASGIApp, metrics: Metrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Wrap one request."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        request_id = uuid.uuid4().hex[:16]
        scope.setdefault("state", {})["request_id"] = request_id
        status = 500

        async def _send(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message.setdefault("headers", []).append((b"x-request-id", request_id.encode()))
            await send(message)

        try:
            await self.app(scope, receive, _send)
        finally:
            route = route_of(scope)
            elapsed = time.perf_counter() - started
            self.metrics.requests.labels(scope["method"], route, str(status)).inc()
            self.metrics.latency.labels(scope["method"], route).observe(elapsed)
            if route != "/metrics":
                log.info("request", extra={"ctx": {
                    "request_id": request_id, "method": scope["method"], "route": route, "status": status,
                    "ms": round(elapsed * 1000, 1), "key_id": scope["state"].get("key_id"),
                }})
