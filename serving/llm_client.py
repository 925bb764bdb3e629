"""The OpenAI-protocol chat client: one deadline per call, bounded retries, a circuit breaker, SSE streaming."""

from __future__ import annotations

import asyncio
import json
import logging
import random
import time
from collections import Counter
from collections.abc import AsyncGenerator, AsyncIterator, Callable, Sequence
from contextlib import aclosing
from typing import Any, Literal

import httpx

from agents.chat import ChatError, ChatReply, ToolCall
from serving.settings import LLMSettings

log = logging.getLogger(__name__)
BreakerState = Literal["closed", "open", "half_open"]


class CircuitBreaker:
    """Opens after `threshold` consecutive failures, lets one trial call through after `cooldown_s`, closes on success."""

    def __init__(self, threshold: int = 5, cooldown_s: float = 30.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.threshold = threshold
        self.cooldown_s = cooldown_s
        self._clock = clock
        self._failures = 0
        self._opened_at: float | None = None
        self._trial = False
        self.opened = 0

    @property
    def state(self) -> BreakerState:
        """`closed` (calls go through), `open` (calls fail fast), `half_open` (one trial call may go)."""
        if self._opened_at is None:
            return "closed"
        return "half_open" if self._clock() - self._opened_at >= self.cooldown_s else "open"

    def admit(self) -> None:
        """Let a call through, or raise ChatError at once while the server is considered down."""
        state = self.state
        if state == "closed":
            return
        if state == "open" or self._trial:
            raise ChatError(f"circuit open after {self._failures} consecutive failures; failing fast")
        self._trial = True

    def success(self) -> None:
        """The server answered: close."""
        self._failures, self._opened_at, self._trial = 0, None, False

    def failure(self) -> None:
        """The server failed: open at the threshold, or again when the half-open trial failed."""
        self._failures += 1
        was = self.state
        if self._opened_at is not None or self._failures >= self.threshold:
            self._opened_at = self._clock()
            if was != "open":
                self.opened += 1
        self._trial = False

    def release(self) -> None:
        """The call ended without a verdict on the server (cancelled): free the trial slot."""
        self._trial = False


class _BadResponse(Exception):
    """The server answered with something that is not an OpenAI chat response."""


class _ModelOutput(Exception):
    """The server is fine but the model's output cannot be used (invalid tool-call or JSON output)."""


class _Status(Exception):
    def __init__(self, code: int, body: str) -> None:
        super().__init__(f"HTTP {code}: {body[:200]}")
        self.code = code


class OpenAIChatModel:
    """A ChatModel over any OpenAI-compatible server (vLLM, llama.cpp); every failure becomes ChatError."""

    def __init__(self, cfg: LLMSettings, *, max_retries: int = 2, backoff_s: float = 0.25,
                 breaker: CircuitBreaker | None = None, temperature: float = 0.0,
                 transport: httpx.AsyncBaseTransport | None = None) -> None:
        if not cfg.base_url:
            raise ValueError("LLM_BASE_URL is not set")
        self.cfg = cfg
        self.model_id = cfg.model
        self.max_retries = max_retries
        self.backoff_s = backoff_s
        self.breaker = breaker or CircuitBreaker()
        self.temperature = temperature
        self._transport = transport
        self._url = cfg.base_url.rstrip("/") + "/chat/completions"
        self._headers = {"Authorization": f"Bearer {cfg.api_key}"} if cfg.api_key else {}
        self._counts: Counter[str] = Counter()
        self._client: httpx.AsyncClient | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    @property
    def breaker_state(self) -> BreakerState:
        """For /readyz and metrics."""
        return self.breaker.state

    @property
    def counters(self) -> dict[str, int]:
        """Requests, retries and errors by kind since start, plus how often the breaker opened."""
        keys = ("requests", "retries", "errors", "timeouts", "connect_errors", "http_4xx", "http_5xx",
                "bad_output", "fast_fail")
        return {**{k: self._counts[k] for k in keys}, "breaker_opened": self.breaker.opened}

    def _http(self) -> httpx.AsyncClient:
        # One pool per event loop: a pool cannot outlive the loop it was made in (tests, CLI runs).
        loop = asyncio.get_running_loop()
        if self._client is None or self._loop is not loop:
            self._client = httpx.AsyncClient(transport=self._transport, trust_env=False,
                                             limits=httpx.Limits(max_connections=64))
            self._loop = loop
        return self._client

    async def aclose(self) -> None:
        """Close the connection pool."""
        if self._client is not None:
            await self._client.aclose()
            self._client = None

    def _payload(self, messages: Sequence[dict[str, Any]], max_tokens: int, **extra: Any) -> dict[str, Any]:
        return {"model": self.cfg.model, "messages": list(messages), "max_tokens": max_tokens,
                "temperature": self.temperature, **{k: v for k, v in extra.items() if v is not None}}

    def _admit(self) -> None:
        self._counts["requests"] += 1
        try:
            self.breaker.admit()
        except ChatError:
            self._counts["fast_fail"] += 1
            self._counts["errors"] += 1
            raise

    def _failed(self, exc: BaseException, budget: float) -> ChatError:
        """Count a failed call, tell the breaker, and say what happened."""
        self._counts["errors"] += 1
        if isinstance(exc, _ModelOutput):
            self._counts["bad_output"] += 1
            self.breaker.success()  # the server answered; the model's text is what failed
            return ChatError(f"unusable model output: {exc}")
        if isinstance(exc, _Status) and exc.code < 500:
            self._counts["http_4xx"] += 1
            self.breaker.success()
            return ChatError(f"request rejected: {exc}")
        if isinstance(exc, TimeoutError | httpx.TimeoutException):
            kind, msg = "timeouts", f"no answer within {budget:g}s"
        elif isinstance(exc, _Status):
            kind, msg = "http_5xx", f"server error: {exc}"
        elif isinstance(exc, _BadResponse):
            kind, msg = "bad_output", f"not an OpenAI chat response: {exc}"
        else:
            kind, msg = "connect_errors", f"connection failed: {type(exc).__name__}: {exc}"
        self._counts[kind] += 1
        self.breaker.failure()
        log.warning("LLM call failed (%s); breaker %s", msg, self.breaker.state)
        return ChatError(msg)

    async def _pause(self, attempt: int, deadline: float) -> bool:
        """Sleep before a retry; False when no retry is left or it would pass the deadline."""
        delay = self.backoff_s * 2**attempt * (0.5 + random.random())
        if attempt >= self.max_retries or time.monotonic() + delay >= deadline:
            return False
        self._counts["retries"] += 1
        await asyncio.sleep(delay)
        return True

    async def _post(self, payload: dict[str, Any], budget: float) -> dict[str, Any]:
        deadline = time.monotonic() + budget
        attempt = 0
        while True:
            try:
                resp = await self._http().post(self._url, json=payload, headers=self._headers,
                                               timeout=max(deadline - time.monotonic(), 0.01))
                if resp.status_code >= 400:
                    raise _Status(resp.status_code, resp.text)
                try:
                    data = resp.json()
                except ValueError as exc:
                    raise _BadResponse(f"body is not JSON: {resp.text[:80]!r}") from exc
                if not isinstance(data, dict):
                    raise _BadResponse("body is not a JSON object")
                return data
            except (httpx.TransportError, _Status) as exc:
                retryable = not isinstance(exc, httpx.TimeoutException) and not (
                    isinstance(exc, _Status) and exc.code < 500)
                if not retryable or not await self._pause(attempt, deadline):
                    raise
                attempt += 1

    async def complete(
        self,
        messages: Sequence[dict[str, Any]],
        *,
        tools: Sequence[dict[str, Any]] | None = None,
        json_schema: dict[str, Any] | None = None,
        max_tokens: int = 512,
        timeout_s: float | None = None,
    ) -> ChatReply:
        """One completion within `timeout_s` (retries included); raises ChatError on any failure."""
        budget = timeout_s or self.cfg.timeout_s
        fmt = {"type": "json_schema", "json_schema": {"name": "reply", "schema": json_schema, "strict": True}}
        payload = self._payload(messages, max_tokens, tools=list(tools) if tools else None,
                                response_format=fmt if json_schema else None)
        self._admit()
        try:
            async with asyncio.timeout(budget):
                data = await self._post(payload, budget)
            reply = parse_reply(data, self.model_id, want_json=json_schema is not None)
        except asyncio.CancelledError:
            self.breaker.release()
            raise
        except (TimeoutError, httpx.TransportError, _Status, _BadResponse, _ModelOutput) as exc:
            raise self._failed(exc, budget) from exc
        self.breaker.success()
        return reply

    async def stream(
        self, messages: Sequence[dict[str, Any]], *, max_tokens: int = 512, timeout_s: float | None = None
    ) -> AsyncIterator[str]:
        """Text deltas over SSE; `timeout_s` bounds the wait for the first and for each next piece."""
        budget = timeout_s or self.cfg.timeout_s
        payload = self._payload(messages, max_tokens, stream=True)
        self._admit()
        deadline = time.monotonic() + budget
        attempt, started = 0, False
        try:
            while True:
                try:
                    async with aclosing(self._events(payload, budget)) as events:
                        while True:
                            async with asyncio.timeout(budget):
                                piece = await anext(events, None)
                            if piece is None:
                                break
                            if piece:
                                started = True
                                yield piece
                    break
                except (httpx.TransportError, _Status) as exc:
                    # Only before the first piece: text already shown cannot be taken back.
                    if started or isinstance(exc, httpx.TimeoutException) or (
                            isinstance(exc, _Status) and exc.code < 500) or not await self._pause(attempt, deadline):
                        raise
                    attempt += 1
        except (GeneratorExit, asyncio.CancelledError):
            self.breaker.release()
            raise
        except (TimeoutError, httpx.TransportError, _Status, _BadResponse) as exc:
            raise self._failed(exc, budget) from exc
        self.breaker.success()

    async def _events(self, payload: dict[str, Any], budget: float) -> AsyncGenerator[str, None]:
        """The content deltas of one SSE response; raises when the stream breaks off or is malformed."""
        async with self._http().stream("POST", self._url, json=payload, headers=self._headers,
                                       timeout=budget) as resp:
            if resp.status_code >= 400:
                raise _Status(resp.status_code, (await resp.aread()).decode("utf-8", "replace"))
            finished = False
            async for line in resp.aiter_lines():
                if not line.startswith("data:"):
                    continue  # blank separators, ": ping" comments, event names
                data = line[5:].strip()
                if data == "[DONE]":
                    return
                delta, done = parse_chunk(data)
                finished = finished or done
                yield delta
            if not finished:
                raise _BadResponse("stream ended before the model finished")


def parse_chunk(data: str) -> tuple[str, bool]:
    """One SSE `data:` payload: (text delta, whether the model finished)."""
    try:
        event = json.loads(data)
    except ValueError as exc:
        raise _BadResponse(f"stream chunk is not JSON: {data[:80]!r}") from exc
    if not isinstance(event, dict) or "error" in event:
        raise _BadResponse(f"stream error: {str(event)[:200]}")
    choices = event.get("choices")
    if not isinstance(choices, list):
        raise _BadResponse("stream chunk without choices")
    if not choices:
        return "", False  # a usage-only chunk
    choice = choices[0] if isinstance(choices[0], dict) else {}
    delta = choice.get("delta") or {}
    content = delta.get("content") if isinstance(delta, dict) else None
    return (content if isinstance(content, str) else ""), bool(choice.get("finish_reason"))


def parse_reply(data: dict[str, Any], model_id: str, *, want_json: bool = False) -> ChatReply:
    """A ChatReply from an OpenAI chat response body; malformed bodies raise."""
    choices = data.get("choices")
    if not isinstance(choices, list) or not choices or not isinstance(choices[0], dict):
        raise _BadResponse("no choices in the response")
    message = choices[0].get("message")
    if not isinstance(message, dict):
        raise _BadResponse("no message in the first choice")
    content = message.get("content") or ""
    if not isinstance(content, str):
        raise _BadResponse("message content is not text")
    calls: list[ToolCall] = []
    for i, raw in enumerate(message.get("tool_calls") or []):
        fn = raw.get("function") if isinstance(raw, dict) else None
        if not isinstance(fn, dict) or not isinstance(fn.get("name"), str):
            raise _ModelOutput(f"tool call {i} has no function name")
        args = fn.get("arguments") or "{}"
        try:
            parsed = json.loads(args) if isinstance(args, str) else args
        except ValueError as exc:
            raise _ModelOutput(f"tool call {fn['name']} has invalid JSON arguments: {str(args)[:80]!r}") from exc
        if not isinstance(parsed, dict):
            raise _ModelOutput(f"tool call {fn['name']} arguments are not an object")
        calls.append(ToolCall(id=str(raw.get("id") or f"call_{i}"), name=fn["name"], arguments=parsed))
    if want_json and not calls:
        try:
            json.loads(content)
        except ValueError as exc:
            raise _ModelOutput(f"structured output is not JSON: {content[:80]!r}") from exc
    return ChatReply(content=content, tool_calls=tuple(calls), model=str(data.get("model") or model_id))
