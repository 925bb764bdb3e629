"""One turn of the assistant: intake (masking) before the graph, the graph run, and the public result."""

from __future__ import annotations

import time
import uuid
from typing import Any

from langgraph.checkpoint.base import BaseCheckpointSaver
from langgraph.graph import StateGraph
from langgraph.types import Command
from pydantic import BaseModel, Field

from agents import responses
from agents.intake import BadInput, intake
from agents.pii import mask
from agents.statuses import AnswerStatus

AI_LABEL = {"zh": responses.message("ai_label", "zh"), "en": responses.message("ai_label", "en")}


class CitationOut(BaseModel):
    """A citation as the API and the CLI show it."""

    id: int
    doc_id: str
    doc_version: str = ""
    title: str
    section: str
    snippet: str
    source: str
    region: str = ""
    valid_from: str | None = None
    valid_to: str | None = None
    chunk_id: str = ""


class TurnResult(BaseModel):
    """The public shape of one answered turn (`ask --json`, `/api/v1/chat`)."""

    thread_id: str
    status: str
    domains: list[str]
    answer: str
    citations: list[CitationOut]
    grounded: bool
    emergency: bool
    handoff: bool
    ai_label: str
    timings: dict[str, float]
    language: str = "zh"
    route: list[str] = Field(default_factory=list)
    complaint: bool = False
    offer: str = ""
    handoff_summary: str = ""
    tools: list[dict[str, Any]] = Field(default_factory=list)
    masked: list[str] = Field(default_factory=list)
    downgraded: bool = False
    model_id: str = ""


def _summary(value: Any) -> str:
    """The handoff summary carried by a graph interrupt."""
    return str(value.get("summary", "")) if isinstance(value, dict) else str(value)


class Assistant:
    """The compiled graph with its checkpointer; every entry point masks personal data first."""

    def __init__(
        self, builder: StateGraph, checkpointer: BaseCheckpointSaver[Any], model_id: str = "extractive"
    ) -> None:
        self.graph = builder.compile(checkpointer=checkpointer)
        self.model_id = model_id

    @staticmethod
    def _config(thread_id: str) -> dict[str, Any]:
        return {"configurable": {"thread_id": thread_id}}

    async def waiting_for_staff(self, thread_id: str) -> str | None:
        """The handoff summary when the thread is waiting for a person, else None."""
        snap = await self.graph.aget_state(self._config(thread_id))  # type: ignore[arg-type]
        for task in snap.tasks:
            for intr in task.interrupts:
                return _summary(intr.value)
        return None

    async def ask(self, text: str, *, thread_id: str | None = None, region: str | None = None) -> TurnResult:
        """Answer one message; raises `BadInput` (a citizen-readable message) for unusable text."""
        started = time.perf_counter()
        item = intake(text)
        tid = thread_id or uuid.uuid4().hex
        config = self._config(tid)
        waiting = await self.waiting_for_staff(tid)
        if waiting is not None:
            # The thread is with a person: the graph stays paused (the API queues the message for staff).
            return self._result(
                tid,
                {
                    "status": AnswerStatus.HANDOFF.value,
                    "handoff": True,
                    "language": item.language,
                    "answer": responses.message("handoff", item.language),
                    "handoff_summary": waiting,
                },
                started,
            )
        inp: dict[str, Any] = {
            "question": item.text,
            "language": item.language,
            "masked_kinds": list(item.masked_kinds),
            "model_id": self.model_id,
        }
        if region:
            inp["region"] = region
        state = await self.graph.ainvoke(inp, config)  # type: ignore[arg-type,call-overload]
        # A run that paused for staff returns its interrupt; no second checkpoint read is needed.
        paused = state.get("__interrupt__") or []
        waiting = _summary(paused[0].value) if paused else None
        if waiting is not None:
            state = {
                **state,
                "status": AnswerStatus.HANDOFF.value,
                "handoff": True,
                "handoff_summary": waiting,
                "answer": responses.message("handoff", item.language),
            }
        return self._result(tid, state, started)

    async def staff_reply(self, thread_id: str, reply: str, staff_id: str = "") -> TurnResult:
        """A person answers a thread that is waiting for staff; the thread then continues as before."""
        started = time.perf_counter()
        if not reply.strip():
            raise BadInput("bad_input_empty")
        masked, _ = mask(reply.strip())  # staff text keeps its punctuation; personal data is still masked
        if await self.waiting_for_staff(thread_id) is None:
            raise LookupError("该会话没有等待人工回复的转接")
        config = self._config(thread_id)
        state = await self.graph.ainvoke(Command(resume={"reply": masked, "staff": staff_id}), config)  # type: ignore[arg-type,call-overload]
        return self._result(thread_id, state, started)

    async def history(self, thread_id: str) -> list[dict[str, Any]]:
        """The thread's messages (masked), oldest first; empty for an unknown thread."""
        snap = await self.graph.aget_state(self._config(thread_id))  # type: ignore[arg-type]
        return list(snap.values.get("messages", [])) if snap and snap.values else []

    def _result(self, thread_id: str, state: dict[str, Any], started: float) -> TurnResult:
        lang = "en" if state.get("language") == "en" else "zh"
        timings = dict(state.get("timings") or {})
        timings["total"] = round((time.perf_counter() - started) * 1000, 1)
        route = state.get("route") or {}
        return TurnResult(
            thread_id=thread_id,
            status=state.get("status") or AnswerStatus.NO_BASIS.value,
            domains=list(state.get("domains") or []),
            answer=state.get("answer", ""),
            citations=[
                CitationOut(**c)
                for c in state.get("citations") or []
            ],
            grounded=bool(state.get("grounded")),
            emergency=bool(state.get("emergency")),
            handoff=bool(state.get("handoff")),
            ai_label=AI_LABEL[lang],
            timings=timings,
            language=lang,
            route=list(route.get("routes", [])),
            complaint=bool(state.get("complaint")),
            offer=state.get("offer", ""),
            handoff_summary=state.get("handoff_summary", ""),
            tools=[
                {"name": t["name"], "ok": t["ok"], "source": t["source"], "summary": t["summary"]}
                for t in state.get("tools") or []
            ],
            masked=list(state.get("masked_kinds") or []),
            downgraded=bool(state.get("downgraded")),
            model_id=self.model_id,
        )
