"""Native chat: one turn (JSON or SSE), a thread's history, feedback, and a citizen's request for a person."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import APIRouter, Path, Request
from fastapi.responses import StreamingResponse

from agents.assistant import TurnResult
from serving.api.deps import CurrentPrincipal, CurrentServices, Principal, Services, admitted
from serving.api.errors import ApiError
from serving.api.schemas import (
    THREAD_ID_PATTERN,
    Ack,
    ChatRequest,
    FeedbackRequest,
    HandoffRequest,
    ThreadMessage,
    ThreadView,
)
from serving.api.streaming import native_events, sse_response
from serving.audit import add_feedback, get_thread, queue_handoff, record_turn, touch_thread

log = logging.getLogger("serving.turns")
router = APIRouter(prefix="/api/v1", tags=["chat"])
HANDOFF_TEXT = "转人工"
_SSE: dict[int | str, dict[str, Any]] = {200: {"content": {"application/json": {}, "text/event-stream": {}},
              "description": "TurnResult（JSON），或 stream=true 时的 SSE 事件流"}}
_ERRORS: dict[int | str, dict[str, Any]] = {
    404: {"description": "会话不存在或无权访问"}, 422: {"description": "输入无法处理（空、过长、乱码）"},
    429: {"description": "请求过多或排队已满（带 Retry-After）"},
}
_NO_THREAD = "会话不存在，或您无权访问该会话。"


async def check_thread(svc: Services, who: Principal, thread_id: str, *, write: bool) -> bool:
    """Raise 404 unless `who` may use the thread; True when the API has seen the thread before."""
    row = await svc.run_db(get_thread, svc.db, thread_id)
    if row is None:
        return False
    if who.is_staff and not write:
        return True
    anonymous_thread = row.key_id is None and row.user_hash is None
    if anonymous_thread or (row.key_id, row.user_hash) == (who.owner.key_id, who.owner.user_hash):
        return True
    raise ApiError(404, "thread_not_found", _NO_THREAD)


async def after_turn(svc: Services, who: Principal, result: TurnResult, text: str, channel: str, *,
                     queue: bool = True) -> None:
    """Ownership, audit, metrics, the staff queue and its webhook."""
    await svc.run_db(touch_thread, svc.db, result.thread_id, who.owner, channel)
    await svc.run_db(record_turn, svc.db, result, text, who.owner, channel)
    svc.metrics.turn(result.status, channel, result.timings)
    if queue and result.status == "handoff" and await svc.run_db(queue_handoff, svc.db, result.thread_id,
                                                          result.handoff_summary):
        svc.webhooks.emit("handoff.requested", {"thread_id": result.thread_id, "summary": result.handoff_summary,
                                                "channel": channel})
    log.info("turn", extra={"ctx": {"thread_id": result.thread_id, "turn_status": result.status,
                                    "domains": result.domains, "key_id": who.key_id, "channel": channel,
                                    "ms": result.timings.get("total")}})


async def run_turn(svc: Services, who: Principal, text: str, thread_id: str | None, region: str | None,
                   channel: str) -> TurnResult:
    """Check the thread, wait for a slot, answer, then record."""
    if thread_id is not None:
        await check_thread(svc, who, thread_id, write=True)
    async with admitted(svc):
        result = await svc.assistant.ask(text, thread_id=thread_id, region=region)
    await after_turn(svc, who, result, text, channel)
    return result


def wants_sse(request: Request) -> bool:
    """True when the client asked for events with its Accept header."""
    return "text/event-stream" in request.headers.get("accept", "")


@router.post("/chat", response_model=TurnResult, responses={**_SSE, **_ERRORS}, summary="提问（一轮对话）")
async def chat(body: ChatRequest, request: Request, who: CurrentPrincipal,
               svc: CurrentServices) -> TurnResult | StreamingResponse:
    """Answer one message; anonymous citizens are welcome (rate-limited per IP)."""
    result = await run_turn(svc, who, body.message, body.thread_id, body.region, "chat")
    if body.stream or wants_sse(request):
        return sse_response(native_events(result))
    return result


@router.get("/threads/{thread_id}", response_model=ThreadView, responses=_ERRORS, summary="会话记录")
async def thread(who: CurrentPrincipal, svc: CurrentServices,
                 thread_id: str = Path(pattern=THREAD_ID_PATTERN)) -> ThreadView:
    """The thread's messages (masked) and whether it is waiting for a person."""
    known = await check_thread(svc, who, thread_id, write=False)
    if not known and not who.is_staff:
        raise ApiError(404, "thread_not_found", _NO_THREAD)
    messages = await svc.assistant.history(thread_id)
    if not messages:
        raise ApiError(404, "thread_not_found", _NO_THREAD)
    waiting = await svc.assistant.waiting_for_staff(thread_id)
    return ThreadView(
        thread_id=thread_id,
        messages=[ThreadMessage(role=str(m.get("role", "")), content=str(m.get("content", "")),
                                status=m.get("status")) for m in messages],
        waiting_for_staff=waiting is not None,
        handoff_summary=waiting,
    )


@router.post("/feedback", response_model=Ack, status_code=201, responses=_ERRORS, summary="评价回答")
async def feedback(body: FeedbackRequest, who: CurrentPrincipal, svc: CurrentServices) -> Ack:
    """Thumbs up or down; the reason is masked before it is stored."""
    if not await check_thread(svc, who, body.thread_id, write=True):
        raise ApiError(404, "thread_not_found", _NO_THREAD)
    row_id = await svc.run_db(add_feedback, svc.db, body.thread_id, body.rating, body.reason or "", who.key_id)
    return Ack(id=row_id)


@router.post("/handoff", response_model=TurnResult, responses=_ERRORS, summary="转人工")
async def handoff(body: HandoffRequest, who: CurrentPrincipal, svc: CurrentServices) -> TurnResult:
    """The citizen asks for a person: the thread waits for staff (status `handoff`)."""
    return await run_turn(svc, who, HANDOFF_TEXT, body.thread_id, body.region, "handoff")
