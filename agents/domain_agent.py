"""A domain agent: retrieve with domain, region and validity filters, call read-only tools, compose."""

from __future__ import annotations

import asyncio
import logging
import re
from typing import Any

from agents import citations, prompts
from agents.answer_types import expected_type, states
from agents.basis import missing_terms
from agents.chat import ChatError
from agents.compose import lead_line, rank_units, select_units, unit_context
from agents.contacts import foreign_contacts
from agents.deps import AgentDeps
from agents.slots import plan_calls, summarise
from agents.state import Citation, DomainResult, Line, ToolUse
from agents.units import Unit
from knowledge.retrieval import Hit, SearchResult
from tools.errors import ToolError
from tools.identity import Caller

log = logging.getLogger(__name__)
_MARK = re.compile(r"\[(\d+)\]")
_GENERIC_TOOLS = frozenset({"tool:find_hall"})
_STRONG_MARGIN = 0.015


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


def extractive_lines(question: str, hits: list[Hit], deps: AgentDeps, language: str,
                     ranked: list[tuple[float, Unit]] | None = None) -> list[Line]:
    """Sentences and list items chosen from the passages, each citing its chunk."""
    # A sentence that gives an unofficial number or link is left out, whatever its document says.
    units = [u for u in select_units(question, hits, deps.lexicon, ranked) if not foreign_contacts(u.text)]
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


def _grounded(question: str, result: SearchResult, deps: AgentDeps) -> tuple[list[tuple[float, Unit]], bool]:
    """The candidate answer units, and whether the passages are an official basis for an answer."""
    hits = result.hits
    ranked = rank_units(question, hits, deps.lexicon)
    if result.nothing_relevant or not hits:
        return ranked, False
    kind = expected_type(question)
    if kind is not None and not any(states(u.text, kind) for _, u in ranked):
        # Asked for a rate, a fee, a deadline: no sentence of the passages states one.
        return ranked, False
    # The documents are near the topic, not on it: no sentence of them is close to the question.
    best = deps.matcher.best(question, [unit_context(hits, u) for _, u in ranked[:6]])
    missing = missing_terms(question, [f"{h.title}\n{h.section}\n{h.text}" for h in hits[:3]], deps.lexicon)
    # A rare word of the question that no passage contains (狂犬 beside a vaccination guide) means
    # another topic, unless a sentence is plainly about the question all the same.
    needed = deps.min_answer_similarity + (_STRONG_MARGIN if missing else 0.0)
    return ranked, best >= needed


async def _search_all_domains(deps: AgentDeps, question: str, region: str | None) -> SearchResult | None:
    try:
        return await asyncio.to_thread(deps.retriever.search, question, region=region, k=deps.top_k)
    except Exception:  # the retrieval boundary; the first search already answered no_basis
        log.exception("retrieval across domains failed")
        return None


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
    ranked, grounded = _grounded(question, result, deps)
    if not grounded:
        # A question routed to a neighbouring domain (救护车 fees asked as an elder-care question)
        # is answered from whichever domain's guide speaks to it.
        wider = await _search_all_domains(deps, question, region)
        if wider is not None and wider.hits and domain not in wider.hits[0].domain:
            ranked_w, grounded_w = _grounded(question, wider, deps)
            if grounded_w:
                result, ranked, grounded = wider, ranked_w, True
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
    no_basis = not grounded
    # A hall's opening hours answer "where" for any errand; alone they are no basis for the question.
    specific = [ln for ln in tool_lines if ln["cite"] not in _GENERIC_TOOLS]
    if no_basis and not specific:
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
            lines = extractive_lines(question, hits, deps, language, ranked)
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
