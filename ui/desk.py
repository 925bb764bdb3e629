"""The staff co-pilot's logic, apart from the page: queue, thread view, drafts, checklists, knowledge gaps."""

from __future__ import annotations

import datetime as dt
import html
import threading
from typing import Any

from ui import render
from ui.client import ApiClient, ApiError
from ui.qr import qr_svg

QUEUE_HEADERS = ["会话编号", "转人工原因摘要", "提交时间", "处理人"]
GAP_HEADERS = ["时间", "会话编号", "问题", "工作人员", "说明"]
HANDOFF_WORDS = ("人工", "person", "staff")


class Desk:
    """What staff sessions of one console share: who has taken which thread, and the knowledge-gap list."""

    def __init__(self, api_base: str) -> None:
        self.api_base = api_base
        self.claims: dict[str, str] = {}
        self.gaps: list[dict[str, str]] = []
        self._lock = threading.Lock()

    def client(self, staff: dict[str, Any], admin_key: str = "") -> ApiClient:
        """An API client with this staff member's session, or with the admin key they entered (admin pages)."""
        return ApiClient(self.api_base, cookies=staff.get("cookies") or {}, token=admin_key.strip() or None)

    async def queue(self, staff: dict[str, Any]) -> tuple[list[list[str]], list[tuple[str, str]]]:
        """The handoff queue as table rows, and (label, thread id) choices for opening one."""
        items = await self.client(staff).handoffs()
        rows, choices = [], []
        for h in items:
            tid = str(h.get("thread_id", ""))
            summary = str(h.get("summary") or "")
            since = str(h.get("since") or h.get("created_at") or "")
            rows.append([tid, summary, since, self.claims.get(tid, "")])
            choices.append((f"{summary[:30]}（{tid[:8]}）", tid))
        return rows, choices

    def take(self, thread_id: str, user: str) -> str:
        """Take a thread over; returns who holds it (someone else may already have it)."""
        with self._lock:
            return self.claims.setdefault(thread_id, user)

    def release(self, thread_id: str, user: str) -> None:
        """Hand a thread back without answering (only its holder can)."""
        with self._lock:
            if self.claims.get(thread_id) == user:
                del self.claims[thread_id]

    def add_gap(self, thread_id: str, question: str, user: str, note: str) -> None:
        """Record an answer marked wrong, for the knowledge team."""
        with self._lock:
            self.gaps.append({"time": dt.datetime.now().strftime("%Y-%m-%d %H:%M"), "thread_id": thread_id,
                              "question": question, "staff": user, "note": note})

    def gap_rows(self) -> list[list[str]]:
        """The knowledge-gap list, newest first."""
        return [[g["time"], g["thread_id"], g["question"], g["staff"], g["note"]] for g in reversed(self.gaps)]


def thread_html(data: dict[str, Any]) -> str:
    """The whole conversation for staff: every message, with sources and tool calls where the API gives them."""
    entries: list[dict[str, Any]] = []
    for m in data.get("messages", []):
        role = str(m.get("role", "assistant"))
        if role == "assistant" and ("status" in m or "citations" in m):
            grounded = m.get("grounded", m.get("status") == "answered")
            entries.append({"role": "assistant", "result": {**m, "answer": m.get("content", ""), "grounded": grounded}})
        else:
            entries.append({"role": role, "text": str(m.get("content", ""))})
    waiting = data.get("waiting_for_staff")
    summary = data.get("handoff_summary") or (waiting if isinstance(waiting, str) else "")
    note = f'<p class="chip chip-info">等待人工：{html.escape(str(summary))}</p>' if waiting else ""
    return note + render.transcript(entries, "zh")


def citizen_question(data: dict[str, Any]) -> str:
    """The citizen's last real question in a thread (not the request for a person)."""
    asked = [str(m.get("content", "")) for m in data.get("messages", []) if m.get("role") == "user"]
    real = [q for q in asked if not (len(q) <= 12 and any(w in q for w in HANDOFF_WORDS))]
    return (real or asked or [""])[-1]


async def draft(client: ApiClient, question: str, region: str | None) -> tuple[str, str, str]:
    """An answer drafted by the assistant in a separate thread: (draft text, sources HTML, checklist)."""
    if not question.strip():
        return "", "<p>这个会话里没有可以起草回答的问题。</p>", ""
    try:
        result = await client.chat(question, None, region)
    except ApiError as exc:
        return "", f"<p>{html.escape(exc.message)}</p>", ""
    text = str(result.get("answer", ""))
    info = render.chip(result, "zh") + render.tools(list(result.get("tools") or []), "zh")
    info += render.sources(list(result.get("citations") or []), "draft", "zh")
    return text, info, "\n".join(f"{i}. {item}" for i, item in enumerate(render.checklist(text), 1))


def print_card(checklist: str, title: str = "办事清单") -> str:
    """The printable checklist with its QR code (plain text, read offline by any phone camera)."""
    lines = [ln.strip() for ln in checklist.splitlines() if ln.strip()]
    if not lines:
        return "<p>清单为空：请先生成草稿，或在“办事清单”里逐行填写。</p>"
    plain = [render.NUMBERED.sub(r"\2", ln) for ln in lines]
    items = "".join(f"<li>☐ {html.escape(ln)}</li>" for ln in plain)
    body = "\n".join(lines)
    return (f'<div class="print-card"><h3>{html.escape(title)}</h3><ul class="checklist">{items}</ul>'
            f"{qr_svg(title + chr(10) + body)}<p>用手机扫码，把清单带走。</p></div>")
