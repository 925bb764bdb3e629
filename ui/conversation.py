"""One citizen's conversation in the browser: sending, streaming, handoff, staff replies, feedback."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from html import escape
from typing import Any

from ui import render
from ui.client import ApiClient, ApiError
from ui.inputs import problem
from ui.text import Lang, t

Session = dict[str, Any]
STREAM_REFRESH_S = 0.12
HANDOFF_ASK = {"zh": "我要转人工", "en": "I want to talk to a person"}


def new_session() -> Session:
    """A conversation with nothing said yet."""
    return {"thread_id": None, "entries": [], "last": None, "waiting": False, "seen": 0, "sample": False}


def _assistant_text(session: Session, text: str) -> None:
    session["entries"].append({"role": "assistant", "text": text})


def _finish(session: Session, result: dict[str, Any]) -> None:
    """Record a finished turn in the session."""
    session["entries"][-1] = {"role": "assistant", "result": result}
    session["last"] = result
    session["thread_id"] = result.get("thread_id") or session["thread_id"]
    session["waiting"] = result.get("status") == "handoff"
    session["sample"] = session["sample"] or render.is_sample(list(result.get("citations") or []))


def _assemble(parts: dict[str, Any]) -> dict[str, Any]:
    """A TurnResult from streamed pieces, for a stream that ends without one whole result."""
    return {
        "thread_id": parts.get("thread_id"), "status": parts.get("status") or "answered",
        "answer": parts.get("answer", ""), "citations": parts.get("citations", []),
        "grounded": bool(parts.get("grounded")), "emergency": parts.get("status") == "emergency",
        "handoff": parts.get("status") == "handoff", "ai_label": parts.get("ai_label", ""), "tools": [],
    }


def _absorb(parts: dict[str, Any], event: str, data: Any) -> dict[str, Any] | None:
    """Fold one streamed event into `parts`; the whole result when the event carries one."""
    if isinstance(data, dict) and "answer" in data and "status" in data and event in ("done", "result"):
        return data
    if event == "token":
        parts["answer"] = parts.get("answer", "") + (
            str(data.get("text") or data.get("token") or data.get("delta") or "") if isinstance(data, dict) else str(data)
        )
    elif event == "citation" and isinstance(data, dict):
        parts.setdefault("citations", []).append(data)
    elif event in ("status", "route", "handoff", "done") and isinstance(data, dict):
        parts.update({k: v for k, v in data.items() if k in ("status", "thread_id", "grounded", "ai_label", "answer")})
    return None


async def send(client: ApiClient, session: Session, message: str, region: str | None,
               lang: Lang) -> AsyncIterator[Session]:
    """Send one message and yield the session as the answer streams in."""
    key = problem(message)
    text = (message or "").strip()
    if key is not None:
        if key != "empty":
            session["entries"].append({"role": "user", "text": text[:80] + ("…" if len(text) > 80 else "")})
        _assistant_text(session, t(key, lang))
        yield session
        return
    session["entries"].append({"role": "user", "text": text})
    _assistant_text(session, t("thinking", lang))
    yield session
    parts: dict[str, Any] = {}
    result: dict[str, Any] | None = None
    shown = time.monotonic()
    try:
        async for event, data in client.stream_chat(text, session["thread_id"], region):
            result = _absorb(parts, event, data) or result
            if event == "token" and time.monotonic() - shown > STREAM_REFRESH_S:
                session["entries"][-1] = {"role": "assistant", "text": parts.get("answer", "")}
                shown = time.monotonic()
                yield session
    except ApiError as exc:
        session["entries"][-1] = {"role": "assistant", "text": exc.message}
        yield session
        return
    _finish(session, result or _assemble(parts))
    yield session


async def handoff(client: ApiClient, session: Session, region: str | None, lang: Lang) -> Session:
    """Ask for a person, on the open thread or a new one."""
    session["entries"].append({"role": "user", "text": HANDOFF_ASK[lang]})
    _assistant_text(session, "")
    try:
        result = await client.handoff(session["thread_id"], region)
    except ApiError as exc:
        session["entries"][-1] = {"role": "assistant", "text": exc.message}
        return session
    _finish(session, result)
    session["waiting"] = True
    return session


async def poll(client: ApiClient, session: Session) -> tuple[Session, bool]:
    """Fetch the thread; append staff replies not shown yet. Returns (session, changed)."""
    if not session["thread_id"] or not session["waiting"]:
        return session, False
    try:
        data = await client.thread(session["thread_id"])
    except ApiError:
        return session, False
    staff = [m for m in data.get("messages", []) if m.get("role") == "staff"]
    new = staff[session["seen"]:]
    for m in new:
        session["entries"].append({"role": "staff", "text": str(m.get("content", ""))})
    session["seen"] = len(staff)
    if new and not data.get("waiting_for_staff"):
        session["waiting"] = False
    return session, bool(new)


async def rate(client: ApiClient, session: Session, rating: str, reason: str, lang: Lang) -> str:
    """Send thumbs up or down for the last answer; returns the line to show."""
    if not session["thread_id"]:
        return t("feedback_none", lang)
    try:
        await client.feedback(session["thread_id"], rating, reason if rating == "down" else "")
    except ApiError as exc:
        return exc.message
    return t("feedback_thanks", lang)


def html(session: Session, lang: Lang, elderly: bool) -> str:
    """The conversation as HTML; a welcome line when nothing has been said."""
    entries = session["entries"] or [{"role": "assistant", "text": t("welcome", lang)}]
    out = render.transcript(entries, lang, elderly)
    if session["waiting"]:
        tid = str(session["thread_id"] or "")
        out += (f'<p class="waiting" role="status" data-thread="{escape(tid)}">{escape(t("waiting_staff", lang))}'
                f'{escape(t("thread_no", lang).format(tid[:8]))}</p>')
    return out
