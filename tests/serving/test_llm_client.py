"""OpenAIChatModel over a scripted transport: retries, deadlines, parsing, streaming, the circuit breaker."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Callable

import httpx
import pytest

from agents.chat import ChatError, ChatModel, ChatReply, ToolCall
from serving.llm_client import CircuitBreaker, OpenAIChatModel, parse_chunk, parse_reply
from serving.settings import LLMSettings

MSG = [{"role": "user", "content": "你好"}]


def ok_body(content: str = "好的 [1]", **message: object) -> dict[str, object]:
    return {"model": "served", "choices": [{"index": 0, "message": {"role": "assistant", "content": content,
                                                                       **message}}]}


def sse(*events: object, done: bool = True) -> bytes:
    lines = [f"data: {json.dumps(e) if not isinstance(e, str) else e}\n\n" for e in events]
    return ("".join(lines) + ("data: [DONE]\n\n" if done else "")).encode()


def delta(text: str, finish: str | None = None) -> dict[str, object]:
    return {"choices": [{"index": 0, "delta": {"content": text}, "finish_reason": finish}]}


class Script:
    """Answers each request with the next handler; records the requests."""

    def __init__(self, *handlers: Callable[[httpx.Request], httpx.Response]) -> None:
        self.handlers = list(handlers)
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        handler = self.handlers.pop(0) if len(self.handlers) > 1 else self.handlers[0]
        return handler(request)


def model(script: Script, *, api_key: str = "", breaker: CircuitBreaker | None = None,
          retries: int = 2) -> OpenAIChatModel:
    cfg = LLMSettings(base_url="http://llm.test/v1", model="hubei-llm", api_key=api_key, timeout_s=5)
    return OpenAIChatModel(cfg, transport=httpx.MockTransport(script), backoff_s=0.001, breaker=breaker,
                           max_retries=retries)


def refuse(request: httpx.Request) -> httpx.Response:
    raise httpx.ConnectError("connection refused", request=request)


def status(code: int, body: str = "oops") -> Callable[[httpx.Request], httpx.Response]:
    return lambda request: httpx.Response(code, text=body)


def good(request: httpx.Request) -> httpx.Response:
    return httpx.Response(200, json=ok_body())


def test_is_a_chat_model_and_sends_the_openai_request() -> None:
    script = Script(good)
    m = model(script, api_key="k-1")
    reply = asyncio.run(m.complete(MSG, max_tokens=7))
    assert isinstance(m, ChatModel)
    assert reply == ChatReply(content="好的 [1]", tool_calls=(), model="served")
    req = script.requests[0]
    assert str(req.url) == "http://llm.test/v1/chat/completions"
    assert req.headers["authorization"] == "Bearer k-1"
    assert json.loads(req.content) == {"model": "hubei-llm", "messages": MSG, "max_tokens": 7, "temperature": 0.0}
    assert m.counters["requests"] == 1 and m.counters["errors"] == 0
    assert m.breaker_state == "closed"


def test_no_api_key_sends_no_authorization() -> None:
    script = Script(good)
    asyncio.run(model(script).complete(MSG))
    assert "authorization" not in script.requests[0].headers


def test_tools_and_json_schema_are_sent_in_openai_form() -> None:
    script = Script(lambda r: httpx.Response(200, json=ok_body('{"routes": ["education"]}')))
    tool = {"type": "function", "function": {"name": "find_hall", "parameters": {"type": "object"}}}
    schema = {"type": "object", "properties": {"routes": {"type": "array"}}}
    m = model(script)
    asyncio.run(m.complete(MSG, tools=[tool]))
    asyncio.run(m.complete(MSG, json_schema=schema))
    assert json.loads(script.requests[0].content)["tools"] == [tool]
    fmt = json.loads(script.requests[1].content)["response_format"]
    assert fmt == {"type": "json_schema", "json_schema": {"name": "reply", "schema": schema, "strict": True}}


def test_tool_calls_are_parsed() -> None:
    call = {"id": "c1", "type": "function", "function": {"name": "find_hall", "arguments": '{"region": "武汉市"}'}}
    reply = parse_reply(ok_body("", tool_calls=[call]), "m")
    assert reply.tool_calls == (ToolCall(id="c1", name="find_hall", arguments={"region": "武汉市"}),)


@pytest.mark.parametrize("arguments", ['{"region": ', '["a"]', "not json"])
def test_invalid_tool_call_json_is_a_chat_error_that_keeps_the_breaker_closed(arguments: str) -> None:
    call = {"id": "c1", "function": {"name": "find_hall", "arguments": arguments}}
    script = Script(lambda r: httpx.Response(200, json=ok_body("", tool_calls=[call])))
    m = model(script, breaker=CircuitBreaker(threshold=1))
    with pytest.raises(ChatError, match="unusable model output"):
        asyncio.run(m.complete(MSG))
    assert m.counters["bad_output"] == 1
    assert m.breaker_state == "closed"
    assert len(script.requests) == 1


def test_structured_output_that_is_not_json_is_a_chat_error() -> None:
    script = Script(lambda r: httpx.Response(200, json=ok_body('{"routes": [')))
    with pytest.raises(ChatError, match="structured output is not JSON"):
        asyncio.run(model(script).complete(MSG, json_schema={"type": "object"}))


@pytest.mark.parametrize(
    ("response", "reason"),
    [
        (httpx.Response(200, text="<html>bad gateway</html>"), "body is not JSON"),
        (httpx.Response(200, json=[1, 2]), "not a JSON object"),
        (httpx.Response(200, json={"object": "chat.completion"}), "no choices"),
        (httpx.Response(200, json={"choices": []}), "no choices"),
        (httpx.Response(200, json={"choices": [{"index": 0}]}), "no message"),
        (httpx.Response(200, json={"choices": [{"message": {"content": 42}}]}), "not text"),
    ],
)
def test_garbage_bodies_are_chat_errors_and_count_against_the_breaker(response: httpx.Response,
                                                                      reason: str) -> None:
    script = Script(lambda r: response)
    m = model(script, breaker=CircuitBreaker(threshold=1))
    with pytest.raises(ChatError, match=reason):
        asyncio.run(m.complete(MSG))
    assert len(script.requests) == 1  # garbage is not retried
    assert m.counters["bad_output"] == 1
    assert m.breaker_state == "open"


def test_connect_errors_and_5xx_are_retried_then_succeed() -> None:
    script = Script(refuse, status(503), good)
    m = model(script)
    assert asyncio.run(m.complete(MSG)).content == "好的 [1]"
    assert len(script.requests) == 3
    assert m.counters["retries"] == 2 and m.counters["errors"] == 0


def test_retries_are_bounded() -> None:
    script = Script(status(502))
    m = model(script, retries=2)
    with pytest.raises(ChatError, match="server error: HTTP 502"):
        asyncio.run(m.complete(MSG))
    assert len(script.requests) == 3
    assert m.counters["http_5xx"] == 1


@pytest.mark.parametrize("code", [400, 401, 404, 422, 429])
def test_4xx_is_not_retried(code: int) -> None:
    script = Script(status(code, "context too long"))
    m = model(script, breaker=CircuitBreaker(threshold=1))
    with pytest.raises(ChatError, match=f"request rejected: HTTP {code}: context too long"):
        asyncio.run(m.complete(MSG))
    assert len(script.requests) == 1
    assert m.counters["http_4xx"] == 1
    assert m.breaker_state == "closed"


def test_the_deadline_covers_retries() -> None:
    async def slow(request: httpx.Request) -> httpx.Response:
        await asyncio.sleep(10)
        return httpx.Response(200, json=ok_body())

    cfg = LLMSettings(base_url="http://llm.test/v1", model="m", timeout_s=5)
    m = OpenAIChatModel(cfg, transport=httpx.MockTransport(slow))
    t0 = time.monotonic()
    with pytest.raises(ChatError, match="no answer within 0.3s"):
        asyncio.run(m.complete(MSG, timeout_s=0.3))
    assert time.monotonic() - t0 < 1.0
    assert m.counters["timeouts"] == 1


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_breaker_opens_fails_fast_half_opens_and_closes() -> None:
    clock = Clock()
    b = CircuitBreaker(threshold=3, cooldown_s=10, clock=clock)
    for _ in range(2):
        b.admit()
        b.failure()
    assert b.state == "closed"
    b.admit()
    b.failure()
    assert b.state == "open" and b.opened == 1
    with pytest.raises(ChatError, match="circuit open"):
        b.admit()
    clock.now = 10.0
    assert b.state == "half_open"
    b.admit()  # the one trial call
    with pytest.raises(ChatError):
        b.admit()  # others still fail fast while the trial runs
    b.failure()
    assert b.state == "open" and b.opened == 2  # a failed trial opens it again, for a new cool-down
    clock.now = 20.0
    b.admit()
    b.success()
    assert b.state == "closed"
    b.admit()


def test_a_cancelled_trial_frees_the_slot() -> None:
    clock = Clock()
    b = CircuitBreaker(threshold=1, cooldown_s=1, clock=clock)
    b.failure()
    clock.now = 1.0
    b.admit()
    b.release()
    b.admit()
    assert b.state == "half_open"


def test_open_breaker_fails_fast_without_a_request() -> None:
    clock = Clock()
    script = Script(refuse)
    m = model(script, breaker=CircuitBreaker(threshold=2, cooldown_s=5, clock=clock), retries=0)
    for _ in range(2):
        with pytest.raises(ChatError, match="connection failed"):
            asyncio.run(m.complete(MSG))
    assert m.breaker_state == "open"
    with pytest.raises(ChatError, match="circuit open"):
        asyncio.run(m.complete(MSG))
    assert len(script.requests) == 2
    assert m.counters == {"requests": 3, "retries": 0, "errors": 3, "timeouts": 0, "connect_errors": 2,
                          "http_4xx": 0, "http_5xx": 0, "bad_output": 0, "fast_fail": 1, "breaker_opened": 1}
    script.handlers = [good]
    clock.now = 5.0
    assert m.breaker_state == "half_open"
    assert asyncio.run(m.complete(MSG)).content == "好的 [1]"
    assert m.breaker_state == "closed"


async def collect(m: OpenAIChatModel, **kw: object) -> list[str]:
    return [piece async for piece in m.stream(MSG, **kw)]  # type: ignore[arg-type]


def test_stream_yields_deltas_and_skips_pings_and_usage_chunks() -> None:
    body = b": ping\n\n" + sse({"choices": [{"index": 0, "delta": {"role": "assistant"}}]}, delta("湖北"),
                               delta("政务"), delta("", "stop"), {"choices": [], "usage": {"total_tokens": 9}})
    script = Script(lambda r: httpx.Response(200, content=body, headers={"content-type": "text/event-stream"}))
    m = model(script)
    assert asyncio.run(collect(m, max_tokens=5)) == ["湖北", "政务"]
    assert json.loads(script.requests[0].content)["stream"] is True
    assert m.breaker_state == "closed"


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (sse(delta("湖北"), done=False), "stream ended before the model finished"),
        (sse(delta("湖北"), "{not json"), "stream chunk is not JSON"),
        (sse(delta("湖北"), {"error": {"message": "engine died"}}), "stream error"),
        (sse({"object": "chunk"}), "stream chunk without choices"),
    ],
)
def test_broken_streams_are_chat_errors(body: bytes, reason: str) -> None:
    m = model(Script(lambda r: httpx.Response(200, content=body)), breaker=CircuitBreaker(threshold=1))
    with pytest.raises(ChatError, match=reason):
        asyncio.run(collect(m))
    assert m.breaker_state == "open"


def test_stream_retries_before_the_first_piece_only() -> None:
    script = Script(refuse, lambda r: httpx.Response(200, content=sse(delta("好", "stop"))))
    m = model(script)
    assert asyncio.run(collect(m)) == ["好"]
    assert m.counters["retries"] == 1


def test_stream_4xx_is_a_chat_error_without_retry() -> None:
    script = Script(status(400, "bad request"))
    m = model(script)
    with pytest.raises(ChatError, match="request rejected: HTTP 400"):
        asyncio.run(collect(m))
    assert len(script.requests) == 1


def test_stream_stopped_early_by_the_reader_is_not_a_failure() -> None:
    clock = Clock()
    breaker = CircuitBreaker(threshold=1, cooldown_s=1, clock=clock)
    breaker.failure()
    clock.now = 1.0
    m = model(Script(lambda r: httpx.Response(200, content=sse(delta("一"), delta("二"), delta("", "stop")))),
              breaker=breaker)

    async def first_only() -> str:
        agen = m.stream(MSG)
        piece = await anext(agen)  # type: ignore[call-overload]
        await agen.aclose()  # type: ignore[attr-defined]
        return str(piece)

    assert asyncio.run(first_only()) == "一"
    assert m.breaker_state == "half_open"  # no verdict: the next call is the trial
    assert m.counters["errors"] == 0


def test_parse_chunk() -> None:
    assert parse_chunk(json.dumps(delta("好"))) == ("好", False)
    assert parse_chunk(json.dumps(delta("", "length"))) == ("", True)


def test_missing_base_url_is_refused() -> None:
    with pytest.raises(ValueError, match="LLM_BASE_URL"):
        OpenAIChatModel(LLMSettings(base_url=None))
