"""A domain agent: retrieve with domain, region and validity filters, call read-only tools, compose."""

from __future__ import annotations

import asyncio
import logging
import re
from typing import Any

from agents import citations, prompts
from agents.basis import MIN_COVERAGE, best_coverage, missing_terms
from agents.chat import ChatError
from agents.compose import lead_line, select_units, units_of
from agents.deps import AgentDeps
from agents.slots import plan_calls, summarise
from agents.state import Citation, DomainResult, Line, ToolUse
from knowledge.retrieval import Hit
from tools.errors import ToolError
from tools.identity import Caller

log = logging.getLogger(__name__)
_MARK = re.compile(r"\[(\d+)\]")


async def run_tools(deps: AgentDeps, question: str, domain: str, region: str | None) -> list[ToolUse]:
    """The read-only lookups the question asks for, each with its result or its error."""
    if deps.tools is None:
        return []
    uses: list[ToolUse] = []
    for call in plan_calls(question, domain, region):
        try:
            result = await asyncio.to_thread(deps.tools.call, call.name, call.args, Caller.anonymous())
            data = result.model_dump(mode="json")
            uses.append(
                ToolUse(
                    name=call.name,
                    args=call.args,
                    ok=True,
                    result=data,
                    source=str(data.get("source", "")),
                    summary=summarise(call.name, data, "zh"),
                )
            )
        except ToolError as exc:
            uses.append(
                ToolUse(
                    name=call.name,
                    args=call.args,
                    ok=False,
                    result=exc.as_dict(),
                    source="",
                    summary=exc.message,
                )
            )
    return uses


def extractive_lines(question: str, hits: list[Hit], deps: AgentDeps, language: str) -> list[Line]:
    """Sentences and list items chosen from the passages, each citing its chunk."""
    units = select_units(question, hits, deps.lexicon)
    if not units:
        return []
    first = hits[units[0].hit_index]
    lines: list[Line] = [Line(text=lead_line(first, language), cite=None, kind="lead")]
    heading = None
    for u in units:
        if u.heading and u.heading != heading and u.is_item:
            lines.append(Line(text=u.heading, cite=None, kind="heading"))
        heading = u.heading
        lines.append(
            Line(text=u.text, cite=hits[u.hit_index].chunk_id, kind="item" if u.is_item else "sentence")
        )
    return lines


async def generative_lines(
    question: str, hits: list[Hit], tool_notes: list[str], deps: AgentDeps
) -> list[Line]:
    """The model writes from the numbered passages; its [n] markers are mapped back to chunk ids."""
    assert deps.chat is not None
    reply = await deps.chat.complete(
        prompts.answer_messages(question, hits, tool_notes), max_tokens=600, timeout_s=deps.llm_timeout_s
    )
    text = reply.content.strip()
    if not text:
        raise ChatError("empty answer from the model")
    lines: list[Line] = []
    for raw in text.splitlines():
        s = raw.strip()
        if not s:
            continue
        marks = [int(m) for m in _MARK.findall(s)]
        clean = _MARK.sub("", s).strip()
        # An id outside the numbered passages is kept as-is so the verifier can reject it.
        cite = (
            hits[marks[0] - 1].chunk_id
            if marks and 0 < marks[0] <= len(hits)
            else (f"invalid:{marks[0]}" if marks else None)
        )
        lines.append(Line(text=clean, cite=cite, kind="sentence"))
    return lines


async def answer_domain(
    deps: AgentDeps, domain: str, question: str, language: str, region: str | None
) -> DomainResult:
    """Everything one domain contributes to a turn."""
    try:
        result = await asyncio.to_thread(
            deps.retriever.search, question, domains=[domain], region=region, k=deps.top_k
        )
    except Exception:  # the retrieval boundary: Qdrant down, corrupt collection, …
        log.exception("retrieval failed for domain %s", domain)
        return DomainResult(
            domain=domain,
            status="error_retrieval",
            lines=[],
            citations=[],
            passages=[],
            tools=[],
            mode="none",
        )
    hits = result.hits
    tools = await run_tools(deps, question, domain, region)
    tool_lines = [
        Line(text=t["summary"], cite=f"tool:{t['name']}", kind="tool")
        for t in tools
        if t["ok"] and t["summary"]
    ]
    cites: list[Citation] = [
        citations.from_tool(t["name"], t["result"], t["summary"]) for t in tools if t["ok"]
    ]
    passages: list[dict[str, Any]] = [
        {"chunk_id": h.chunk_id, "text": h.text, "title": h.title} for h in hits
    ]
    units = [(f"{h.title} {u.heading}", u.text) for i, h in enumerate(hits[:4]) for u in units_of(h, i)]
    no_basis = (
        result.nothing_relevant
        or bool(missing_terms(question, [f"{h.title}\n{h.section}\n{h.text}" for h in hits[:3]], deps.lexicon))
        # No single sentence speaks to most of what was asked: the documents are near the topic, not on it.
        or best_coverage(question, units, deps.lexicon) < MIN_COVERAGE
    )
    if no_basis and not tool_lines:
        return DomainResult(
            domain=domain,
            status="no_basis",
            lines=[],
            citations=[],
            passages=passages,
            tools=tools,
            mode="none",
        )
    mode = "extractive"
    lines: list[Line] = []
    if not no_basis:
        if deps.chat is not None:
            try:
                lines = await generative_lines(question, hits, [t["summary"] for t in tools if t["ok"]], deps)
                mode = "generative"
                if not any(ln["cite"] for ln in lines):
                    # A model that cites nothing gave no checkable answer: quote the passages instead.
                    log.warning("model answer cites no passage; using the extractive answer")
                    lines, mode = [], "extractive_fallback"
            except ChatError as exc:
                log.warning("model failed, falling back to extractive answer: %s", exc)
                mode = "extractive_fallback"
        if not lines:
            lines = extractive_lines(question, hits, deps, language)
    used = {ln["cite"] for ln in lines if ln["cite"]}
    cites += [citations.from_hit(h) for h in hits if h.chunk_id in used]
    status = "answered" if (lines or tool_lines) else "no_basis"
    return DomainResult(
        domain=domain,
        status=status,
        lines=tool_lines + lines,
        citations=cites,
        passages=passages,
        tools=tools,
        mode=mode,
    )
