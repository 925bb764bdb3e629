"""Server-sent events for a finished, verified turn: the answer goes out in small chunks after the graph ends."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any

from fastapi.responses import StreamingResponse

from agents.assistant import TurnResult

CHUNK_CHARS = 8
SSE_HEADERS = {"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}


def chunks(text: str, size: int = CHUNK_CHARS) -> list[str]:
    """The answer cut into token-sized pieces (whole citation markers are never split)."""
    out: list[str] = []
    i = 0
    while i < len(text):
        end = min(len(text), i + size)
        open_at = text.rfind("[", i, end)
        if open_at != -1 and "]" not in text[open_at:end]:
            close = text.find("]", end)
            if close != -1 and close - open_at <= 6:
                end = close + 1
        out.append(text[i:end])
        i = end
    return out


def sse(event: str | None, data: Any) -> bytes:
    """One SSE frame."""
    payload = data if isinstance(data, str) else json.dumps(data, ensure_ascii=False)
    head = f"event: {event}\n" if event else ""
    return f"{head}data: {payload}\n\n".encode()


async def native_events(result: TurnResult) -> AsyncIterator[bytes]:
    """Route → token… → citation… → status → handoff (when handed over) → done (the full TurnResult)."""
    yield sse("route", {"thread_id": result.thread_id, "route": result.route, "domains": result.domains})
    for piece in chunks(result.answer):
        yield sse("token", {"text": piece})
    for citation in result.citations:
        yield sse("citation", citation.model_dump())
    yield sse("status", {"status": result.status, "grounded": result.grounded, "emergency": result.emergency,
                         "handoff": result.handoff, "ai_label": result.ai_label})
    if result.handoff:
        yield sse("handoff", {"thread_id": result.thread_id, "summary": result.handoff_summary})
    yield sse("done", result.model_dump())


def sse_response(events: AsyncIterator[bytes]) -> StreamingResponse:
    """A streaming response with the headers proxies need to pass events through at once."""
    return StreamingResponse(events, media_type="text/event-stream", headers=SSE_HEADERS)
