"""The chat-model port the agents speak to (OpenAI chat protocol), and a queued fake for tests and demos."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable


class ChatError(RuntimeError):
    """The model failed: timeout, connection, circuit open, or output that cannot be used."""


@dataclass(frozen=True)
class ToolCall:
    """A function call the model asked for."""

    id: str
    name: str
    arguments: dict[str, Any]


@dataclass(frozen=True)
class ChatReply:
    """One completion: text and/or tool calls."""

    content: str = ""
    tool_calls: tuple[ToolCall, ...] = ()
    model: str = ""


@runtime_checkable
class ChatModel(Protocol):
    """Any OpenAI-compatible chat model (vLLM, llama.cpp, a fake)."""

    model_id: str

    async def complete(
        self,
        messages: Sequence[dict[str, Any]],
        *,
        tools: Sequence[dict[str, Any]] | None = None,
        json_schema: dict[str, Any] | None = None,
        max_tokens: int = 512,
        timeout_s: float | None = None,
    ) -> ChatReply:
        """One completion; raises ChatError on any failure."""
        ...

    def stream(
        self, messages: Sequence[dict[str, Any]], *, max_tokens: int = 512, timeout_s: float | None = None
    ) -> AsyncIterator[str]:
        """Text deltas of one completion; raises ChatError on any failure."""
        ...


@dataclass
class FakeChatModel:
    """Replies from a queue, in order: text, a ChatReply, an exception to raise, or a function of the messages."""

    replies: list[str | ChatReply | Exception | Callable[[list[dict[str, Any]]], str]] = field(default_factory=list)
    model_id: str = "fake-chat"
    calls: list[dict[str, Any]] = field(default_factory=list)

    def _next(self) -> ChatReply:
        if not self.replies:
            raise ChatError("fake model has no reply queued")
        item = self.replies.pop(0)
        if isinstance(item, Exception):
            raise item
        if callable(item):
            item = item(self.calls[-1]["messages"])
        return item if isinstance(item, ChatReply) else ChatReply(content=item, model=self.model_id)

    async def complete(
        self,
        messages: Sequence[dict[str, Any]],
        *,
        tools: Sequence[dict[str, Any]] | None = None,
        json_schema: dict[str, Any] | None = None,
        max_tokens: int = 512,
        timeout_s: float | None = None,
    ) -> ChatReply:
        """Pop the next queued reply."""
        self.calls.append({"messages": list(messages), "tools": tools, "json_schema": json_schema})
        return self._next()

    async def stream(
        self, messages: Sequence[dict[str, Any]], *, max_tokens: int = 512, timeout_s: float | None = None
    ) -> AsyncIterator[str]:
        """Yield the next queued reply in small pieces."""
        self.calls.append({"messages": list(messages), "stream": True})
        text = self._next().content
        for i in range(0, len(text), 4):
            yield text[i : i + 4]
