"""OpenAI-compatible chat completions: the official client works unchanged, and nothing of the turn is lost."""

from __future__ import annotations

import hashlib
import json
import re
import time
import uuid
from collections.abc import AsyncIterator
from typing import Any, Literal

from fastapi import APIRouter
from fastapi.responses import JSONResponse, StreamingResponse
from pydantic import BaseModel, ConfigDict, Field

from agents.assistant import TurnResult
from agents.pii import mask
from knowledge.regions import normalise_region
from serving.api.chat import run_turn
from serving.api.deps import CurrentPrincipal, CurrentServices
from serving.api.errors import ApiError
from serving.api.streaming import chunks, sse, sse_response
from serving.audit import claim_history, remember_history

router = APIRouter(prefix="/v1", tags=["openai"])
MODEL_ID = "hubei-agent"
CREATED = 1767225600  # the model's fixed "created" time
HUBEI_FIELDS = ("status", "domains", "citations", "grounded", "emergency", "handoff", "ai_label", "thread_id",
                "route", "language", "model_id")
_DIGITS_TO_LETTERS = str.maketrans("0123456789", "ghijklmnop")
_THREAD = re.compile(r"[A-Za-z0-9_\-:.]{1,128}")


class ContentPart(BaseModel):
    """One part of a multi-part message; only text parts are read."""

    model_config = ConfigDict(extra="allow")
    type: str = Field(max_length=64)
    text: str | None = Field(default=None, max_length=20000)


class Message(BaseModel):
    """A chat message as OpenAI clients send it."""

    model_config = ConfigDict(extra="allow")
    role: Literal["system", "developer", "user", "assistant", "tool", "function"]
    content: str | list[ContentPart] | None = Field(default=None)
    name: str | None = Field(default=None, max_length=64)


class ChatCompletionRequest(BaseModel):
    """The subset of the chat-completions request this endpoint reads; other fields are accepted and ignored."""

    model_config = ConfigDict(extra="allow")
    model: str = Field(max_length=128)
    messages: list[Message] = Field(min_length=1, max_length=500)
    stream: bool | None = False
    user: str | None = Field(default=None, max_length=256, description="会话按用户延续（服务端只保存其哈希）")
    metadata: dict[str, str] | None = Field(default=None, description="thread_id：延续指定会话；region：地区")


def text_of(message: Message) -> str:
    """The text of a message (text parts joined)."""
    if isinstance(message.content, str):
        return message.content
    if message.content is None:
        return ""
    return "".join(p.text or "" for p in message.content if p.type in ("text", "input_text"))


def history_digest(namespace: str, turns: list[tuple[str, str]]) -> str:
    """The key a resent history is recognised by (per owner, whitespace-insensitive at the ends)."""
    data = json.dumps([namespace, [[r, t.strip()] for r, t in turns]], ensure_ascii=False)
    return hashlib.sha256(data.encode()).hexdigest()


def render_content(result: TurnResult) -> str:
    """The message text: the answer, its sources, and the AI-generated label (for clients that show only text)."""
    parts = [result.answer.rstrip()]
    if result.citations:
        head = "参考依据：" if result.language == "zh" else "Sources:"
        parts.append(head + "\n" + "\n".join(f"[{c.id}] 《{c.title}》{c.section}" for c in result.citations))
    parts.append(result.ai_label)
    return "\n\n".join(p for p in parts if p)


def hubei_fields(result: TurnResult) -> dict[str, Any]:
    """What the turn adds to an OpenAI message: status, domains, citations, flags, thread."""
    data = result.model_dump()
    return {k: data[k] for k in HUBEI_FIELDS}


def _thread_for(body: ChatCompletionRequest, namespace: str) -> tuple[str | None, str | None]:
    meta = body.metadata or {}
    if len(meta) > 16:
        raise ApiError(422, "invalid_request", "metadata 最多16项。")
    region = meta.get("region")
    if region:
        try:
            region = normalise_region(region)
        except ValueError as exc:
            raise ApiError(422, "invalid_region", str(exc)) from None
    tid = meta.get("thread_id")
    if tid is not None:
        if not _THREAD.fullmatch(tid) or mask(tid)[1]:
            raise ApiError(422, "invalid_thread_id", "会话编号格式不正确：应为1到128位字母、数字或 _ - : .，且不含个人信息。")
        return tid, region
    if body.user:
        # Letters only: a hex digest can hold a run of digits that the PII check reads as a phone or card
        # number, and the id would then be refused when the client sends it back as metadata.thread_id.
        digest = hashlib.sha256(f"{namespace}|{body.user}".encode()).hexdigest()[:32]
        return "u-" + digest.translate(_DIGITS_TO_LETTERS), region
    return None, region


@router.post("/chat/completions", summary="OpenAI 兼容的对话接口", response_model=None,
             responses={200: {"content": {"application/json": {}, "text/event-stream": {}}}})
async def chat_completions(body: ChatCompletionRequest, who: CurrentPrincipal,
                           svc: CurrentServices) -> JSONResponse | StreamingResponse:
    """Answer the last user message; the thread continues by `metadata.thread_id`, `user`, or the history."""
    if body.model != MODEL_ID:
        raise ApiError(404, "model_not_found", f"模型不存在：本服务只提供 {MODEL_ID}。")
    convo: list[tuple[str, str]] = [(m.role, text_of(m)) for m in body.messages if m.role in ("user", "assistant")]
    if not convo or convo[-1][0] != "user":
        raise ApiError(400, "invalid_request", "最后一条消息应为用户（user）消息。")
    namespace = who.owner.namespace
    thread_id, region = _thread_for(body, namespace)
    if thread_id is None and len(convo) > 1:
        thread_id = await svc.run_db(claim_history, svc.db, history_digest(namespace, convo[:-1]))
    result = await run_turn(svc, who, convo[-1][1], thread_id, region, "openai")
    content = render_content(result)
    await svc.run_db(remember_history, svc.db, history_digest(namespace, [*convo, ("assistant", content)]),
                     result.thread_id)
    completion_id = "chatcmpl-" + uuid.uuid4().hex
    hubei = hubei_fields(result)
    if body.stream:
        return sse_response(_stream(completion_id, content, hubei))
    usage = {"prompt_tokens": len(convo[-1][1]), "completion_tokens": len(content),
             "total_tokens": len(convo[-1][1]) + len(content)}
    return JSONResponse({
        "id": completion_id, "object": "chat.completion", "created": int(time.time()), "model": MODEL_ID,
        "choices": [{"index": 0, "finish_reason": "stop", "logprobs": None,
                     "message": {"role": "assistant", "content": content, "refusal": None, "hubei": hubei}}],
        "usage": usage, "hubei": hubei,
    })


async def _stream(completion_id: str, content: str, hubei: dict[str, Any]) -> AsyncIterator[bytes]:
    created = int(time.time())

    def chunk(delta: dict[str, Any], finish: str | None = None, **extra: Any) -> bytes:
        return sse(None, {"id": completion_id, "object": "chat.completion.chunk", "created": created,
                          "model": MODEL_ID, "choices": [{"index": 0, "delta": delta, "finish_reason": finish,
                                                          "logprobs": None}], **extra})

    yield chunk({"role": "assistant", "content": ""})
    for piece in chunks(content):
        yield chunk({"content": piece})
    yield chunk({"hubei": hubei}, "stop", hubei=hubei)
    yield sse(None, "[DONE]")


def _model() -> dict[str, Any]:
    return {"id": MODEL_ID, "object": "model", "created": CREATED, "owned_by": "hubei"}


@router.get("/models", summary="可用模型")
async def models(who: CurrentPrincipal) -> dict[str, Any]:
    """The one model id this service answers as."""
    return {"object": "list", "data": [_model()]}


@router.get("/models/{model}", summary="模型信息")
async def model(model: str, who: CurrentPrincipal) -> dict[str, Any]:
    """The model, or 404 for any other id."""
    if model != MODEL_ID:
        raise ApiError(404, "model_not_found", f"模型不存在：本服务只提供 {MODEL_ID}。")
    return _model()
