"""`Idempotency-Key` on every write: the first response is stored and replayed for a retry of the same request."""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import re
from dataclasses import dataclass

from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from serving.appdb import AppDB, IdempotencyRow, utcnow
from serving.limits import error_body, replay, send_json

HEADER = b"idempotency-key"
KEY_PATTERN = re.compile(r"[A-Za-z0-9_\-]{8,64}")
_WRITES = frozenset({"POST", "PUT", "PATCH", "DELETE"})
# Answers that depend on the moment, not on the request: never replayed.
_NOT_STORED = frozenset({401, 403, 408, 409, 413, 429})


@dataclass(frozen=True)
class Claim:
    """What the store says about a key: new, still running, a different request, or a stored response."""

    state: str
    status: int = 0
    content_type: str = "application/json"
    body: bytes = b""


def _claim(db: AppDB, scope: str, key: str, request_hash: str, hours: float) -> Claim:
    for _ in range(2):
        try:
            with db.write() as session:
                row = session.get(IdempotencyRow, (scope, key))
                if row is not None and row.created_at < utcnow() - dt.timedelta(hours=hours):
                    session.delete(row)
                    session.flush()
                    row = None
                if row is None:
                    session.add(IdempotencyRow(scope=scope, key=key, request_hash=request_hash, state="pending",
                                               created_at=utcnow()))
                    return Claim("new")
                if row.request_hash != request_hash:
                    return Claim("mismatch")
                if row.state != "done":
                    return Claim("pending")
                return Claim("replay", row.status_code or 200, row.content_type or "application/json",
                             row.body or b"")
        except IntegrityError:
            continue  # a parallel request inserted the key first: read what it stored
    return Claim("pending")


def _store(db: AppDB, scope: str, key: str, status: int, content_type: str, body: bytes) -> None:
    with db.write() as session:
        row = session.get(IdempotencyRow, (scope, key))
        if row is not None:
            row.state, row.status_code, row.content_type, row.body = "done", status, content_type, body


def _forget(db: AppDB, scope: str, key: str) -> None:
    with db.write() as session:
        session.execute(delete(IdempotencyRow).where(IdempotencyRow.scope == scope, IdempotencyRow.key == key))


def _caller_scope(scope: Scope) -> str:
    headers = dict(scope["headers"])
    who = headers.get(b"authorization") or headers.get(b"cookie") or b""
    if not who:
        client = scope.get("client") or ("unknown", 0)
        who = f"ip:{client[0]}".encode()
    return hashlib.sha256(who).hexdigest()[:32]


class IdempotencyMiddleware:
    """Stores the response of a write that carries `Idempotency-Key` and replays it on a retry."""

    def __init__(self, app: ASGIApp, db: AppDB, *, hours: float, exclude: tuple[str, ...] = ()) -> None:
        self.app = app
        self.db = db
        self.hours = hours
        self.exclude = exclude

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Replay, refuse, or run and store."""
        key_raw = dict(scope.get("headers", [])).get(HEADER) if scope["type"] == "http" else None
        if key_raw is None or scope["method"] not in _WRITES or scope["path"].endswith(self.exclude):
            await self.app(scope, receive, send)
            return
        key = key_raw.decode("latin-1")
        if not KEY_PATTERN.fullmatch(key):
            await send_json(send, 400, error_body("invalid_idempotency_key",
                                                  "Idempotency-Key 应为8到64位字母、数字、下划线或连字符。"))
            return
        body, more = b"", True
        while more:
            message = await receive()
            if message["type"] != "http.request":
                return
            body += message.get("body", b"")
            more = message.get("more_body", False)
        digest = hashlib.sha256(b"\n".join([scope["method"].encode(), scope["path"].encode(),
                                            scope.get("query_string", b""), body])).hexdigest()
        who = _caller_scope(scope)
        key = hashlib.sha256(key.encode()).hexdigest()  # the key itself is never stored
        claim = await asyncio.to_thread(_claim, self.db, who, key, digest, self.hours)
        if claim.state == "mismatch":
            await send_json(send, 422, error_body("idempotency_key_reused", "该 Idempotency-Key 已用于另一个不同的请求，请换一个新的。"))
            return
        if claim.state == "pending":
            await send_json(send, 409, error_body("idempotency_in_progress", "相同 Idempotency-Key 的请求正在处理中，请稍后再试。"),
                            [(b"retry-after", b"1")])
            return
        if claim.state == "replay":
            await send({"type": "http.response.start", "status": claim.status, "headers": [
                (b"content-type", claim.content_type.encode()), (b"content-length", str(len(claim.body)).encode()),
                (b"idempotent-replayed", b"true")]})
            await send({"type": "http.response.body", "body": claim.body})
            return
        await self._run(scope, replay(body, receive), send, who, key)

    async def _run(self, scope: Scope, receive: Receive, send: Send, who: str, key: str) -> None:
        status, content_type, chunks, streaming = 500, "application/json", [], False

        async def _send(message: Message) -> None:
            nonlocal status, content_type, streaming
            if message["type"] == "http.response.start":
                status = message["status"]
                content_type = dict(message.get("headers", [])).get(b"content-type", b"").decode("latin-1")
                streaming = content_type.startswith("text/event-stream")
            elif message["type"] == "http.response.body" and not streaming:
                chunks.append(message.get("body", b""))
            await send(message)

        stored = False
        try:
            await self.app(scope, receive, _send)
            if not streaming and status < 500 and status not in _NOT_STORED:
                await asyncio.to_thread(_store, self.db, who, key, status, content_type, b"".join(chunks))
                stored = True
        finally:
            if not stored:
                await asyncio.to_thread(_forget, self.db, who, key)
