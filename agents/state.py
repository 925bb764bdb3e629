"""Graph state: what a thread remembers, and what one turn produces (reset at the start of each turn)."""

from __future__ import annotations

from typing import Annotated, Any, TypedDict


class Citation(TypedDict):
    """A source the answer stands on; `id` is the marker used in the text ([1], [2] …)."""

    id: int
    doc_id: str
    doc_version: str
    title: str
    section: str
    snippet: str
    source: str
    region: str
    valid_from: str | None
    valid_to: str | None
    chunk_id: str


class ToolUse(TypedDict):
    """One tool call made during the turn and what it returned."""

    name: str
    args: dict[str, Any]
    ok: bool
    result: dict[str, Any]
    source: str
    summary: str


class Line(TypedDict):
    """One line of an answer and the chunk (or tool) it stands on; `cite` is None for framing text."""

    text: str
    cite: str | None
    kind: str


class DomainResult(TypedDict):
    """What one domain agent found and wrote."""

    domain: str
    status: str
    lines: list[Line]
    citations: list[Citation]
    passages: list[dict[str, Any]]
    tools: list[ToolUse]
    mode: str


RESET = "__reset__"


def extend_or_reset(left: list[Any] | None, right: list[Any] | None) -> list[Any]:
    """Parallel branches append; `None` (sent by the first node of a turn) clears the list."""
    if right is None:
        return []
    return [*(left or []), *right]


def merge_or_reset(left: dict[str, Any] | None, right: dict[str, Any] | None) -> dict[str, Any]:
    """Merge per-node entries; `None`, or a dict carrying RESET, starts the turn afresh."""
    if right is None:
        return {}
    if RESET in right:
        return {k: v for k, v in right.items() if k != RESET}
    return {**(left or {}), **right}


def append(left: list[Any] | None, right: list[Any] | None) -> list[Any]:
    """Thread history only grows."""
    return [*(left or []), *(right or [])]


class GraphState(TypedDict, total=False):
    """Everything a node may read; nodes return partial updates."""

    # the thread (kept across turns by the checkpointer; text already masked)
    messages: Annotated[list[dict[str, Any]], append]
    region: str | None
    failed_turns: int
    # the turn
    question: str
    language: str
    masked_kinds: list[str]
    standalone: str
    safety: dict[str, Any]
    route: dict[str, Any]
    domains: list[str]
    results: Annotated[list[DomainResult], extend_or_reset]
    answer: str
    citations: list[Citation]
    tools: list[ToolUse]
    status: str
    grounded: bool
    emergency: bool
    handoff: bool
    handoff_summary: str
    complaint: bool
    offer: str
    model_id: str
    downgraded: bool
    timings: Annotated[dict[str, float], merge_or_reset]
