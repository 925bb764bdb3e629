"""The graph's front nodes: intake, safety gate, rewrite, route, fixed responses, handoff."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from functools import wraps
from typing import Any

from langgraph.types import interrupt

from agents import prompts, responses, safety
from agents.basis import has_topic
from agents.chat import ChatError
from agents.deps import AgentDeps
from agents.followup import standalone
from agents.state import RESET, GraphState
from agents.statuses import DOMAINS, AnswerStatus
from knowledge.regions import find_region_in_text

log = logging.getLogger(__name__)

Node = Callable[[GraphState], Awaitable[dict[str, Any]]]
_HANDOFF_AFTER_FAILURES = 2


def timed(name: str, fn: Callable[[GraphState], Awaitable[dict[str, Any]]]) -> Node:
    """Record the node's wall time (ms) in `timings`."""

    @wraps(fn)
    async def wrapper(state: GraphState) -> dict[str, Any]:
        t0 = time.perf_counter()
        update = await fn(state)
        # A node that starts the turn sends timings=None: keep the reset and add its own entry.
        base = {RESET: 0.0} if "timings" in update and update["timings"] is None else update.get("timings", {})
        update["timings"] = {**base, name: round((time.perf_counter() - t0) * 1000, 1)}
        return update

    return wrapper


def _lang(state: GraphState) -> Any:
    return "en" if state.get("language") == "en" else "zh"


async def intake_node(state: GraphState) -> dict[str, Any]:
    """Start a turn: clear the previous turn's results, remember the citizen's message and any region named."""
    question = state["question"]
    region = find_region_in_text(question) or state.get("region")
    return {
        "results": None,
        "timings": None,
        "region": region,
        "citations": [],
        "tools": [],
        "answer": "",
        "grounded": False,
        "emergency": False,
        "handoff": False,
        "complaint": False,
        "offer": "",
        "downgraded": False,
        "domains": [],
        "handoff_summary": "",
        "status": "",
        "messages": [{"role": "user", "content": question}],
    }


async def safety_node(state: GraphState) -> dict[str, Any]:
    """Red flags and injections end the turn here, before any model sees the text."""
    verdict = safety.check(state["question"], _lang(state))
    info = {"kind": verdict.kind, "rule": verdict.rule, "hotline": verdict.hotline}
    if verdict.emergency:
        assert verdict.kind in ("medical", "mental_crisis", "violence")
        return {
            "safety": info,
            "status": AnswerStatus.EMERGENCY.value,
            "emergency": True,
            "handoff": True,
            "answer": responses.emergency_card(verdict.kind, _lang(state)),
            "handoff_summary": f"紧急情况（{verdict.rule}），已给出{verdict.hotline}急救指引，请人工回访。",
        }
    if verdict.kind in ("injection", "harmful"):
        return {
            "safety": info,
            "status": AnswerStatus.REFUSED.value,
            "answer": responses.message("refused_harmful" if verdict.kind == "harmful" else "refused", _lang(state)),
        }
    return {"safety": info}


def make_rewrite(deps: AgentDeps) -> Node:
    """Follow-ups become standalone questions: the last answered topic is carried over."""

    async def rewrite(state: GraphState) -> dict[str, Any]:
        history = state.get("messages", [])[:-1]
        heuristic = standalone(state["question"], history, deps.lexicon)
        if deps.chat is None or heuristic == state["question"]:
            return {"standalone": heuristic}
        # A follow-up, and a model is configured: it rewrites better; the heuristic stays the fallback.
        try:
            reply = await deps.chat.complete(prompts.rewrite_messages(history, state["question"]), max_tokens=80,
                                             timeout_s=min(deps.llm_timeout_s, 10.0))
        except ChatError as exc:
            log.warning("rewrite by the model failed, using the heuristic: %s", exc)
            return {"standalone": heuristic}
        text = next((ln.strip() for ln in reply.content.splitlines() if ln.strip()), "")
        return {"standalone": text if 2 <= len(text) <= 300 else heuristic}

    return rewrite


def make_route(deps: AgentDeps) -> Node:
    """Closed-set routing; disabled domains, handoff requests and repeated failures are decided here."""

    async def route(state: GraphState) -> dict[str, Any]:
        decision = await asyncio.to_thread(deps.router.classify, state["standalone"])
        routes = list(decision.routes)
        domains = [r for r in routes if r in DOMAINS]
        update: dict[str, Any] = {
            "route": decision.model_dump(),
            "domains": domains,
            "complaint": decision.complaint,
        }
        if (
            decision.ambiguous
            and decision.rule is None
            and routes[0] in (*DOMAINS, "out_of_scope")
            and has_topic(state["standalone"], deps.lexicon)
        ):
            # A near tie between a domain and "out of scope": the documents decide, as a clerk would
            # look it up before asking back. The domain agent still needs a basis to answer.
            found = await _domain_of_documents(deps, state["standalone"], state.get("region"))
            if found is not None:
                update["domains"] = [found]
                update["route"] = {**update["route"], "routes": [found], "ambiguous": False, "rule": "documents"}
        inherited = _domains_of_last_answer(state)
        if state["standalone"] != state["question"] and inherited and (
            update["route"]["ambiguous"] or update["route"]["routes"][0] not in DOMAINS
        ):
            # An elliptical follow-up ("备案要钱吗？") stays with the domain that answered the thread.
            update["domains"] = inherited
            update["route"] = {**update["route"], "routes": inherited, "ambiguous": False, "rule": "follow_up"}
        if state.get("failed_turns", 0) >= _HANDOFF_AFTER_FAILURES:
            update["route"] = {**update["route"], "routes": ["handoff"], "rule": "repeated_failures"}
        return update

    return route


def _domains_of_last_answer(state: GraphState) -> list[str]:
    last = next((m for m in reversed(state.get("messages", [])[:-1]) if m.get("role") == "assistant"), None)
    return [d for d in (last or {}).get("domains", []) if d in DOMAINS]


async def _domain_of_documents(deps: AgentDeps, question: str, region: str | None) -> str | None:
    """The domain of the guide that best matches the question, or None when nothing is relevant."""
    try:
        result = await asyncio.to_thread(deps.retriever.search, question, region=region, k=3)
    except Exception:  # the retrieval boundary: the question is then asked back as before
        log.exception("retrieval for routing failed")
        return None
    if result.nothing_relevant or not result.hits:
        return None
    domains = [d for d in result.hits[0].domain if d in DOMAINS and d not in deps.disabled_domains]
    return domains[0] if domains else None


def after_route(state: GraphState) -> str:
    """Which kind of answer the route needs."""
    routes = state["route"]["routes"]
    if routes[0] == "handoff":
        return "handoff"
    if state["domains"] and not state["route"].get("ambiguous"):
        return "domains"
    return "respond"


def make_respond(deps: AgentDeps) -> Node:
    """Fixed answers: small talk, out of scope, a clarifying question, a switched-off domain."""

    async def respond(state: GraphState) -> dict[str, Any]:
        lang = _lang(state)
        decision = state["route"]
        first = decision["routes"][0]
        if decision.get("ambiguous") and (state["domains"] or decision.get("rule") == "topicless"):
            labels = (
                {
                    "government": "政务服务",
                    "healthcare": "看病就医与医保",
                    "education": "教育入学",
                    "eldercare": "养老服务",
                }
                if lang == "zh"
                else {
                    "government": "government services",
                    "healthcare": "healthcare and medical insurance",
                    "education": "education",
                    "eldercare": "elder care",
                }
            )
            ranked = sorted(labels, key=lambda d: -decision["scores"].get(d, 0.0))[:3]
            return {
                "status": AnswerStatus.CLARIFY.value,
                "answer": responses.clarify_message([labels[d] for d in ranked], lang),
            }
        if first == "smalltalk":
            text = (
                "您好！我是湖北政务与民生服务助手，可以帮您查办事指南、看病就医、入学和养老政策。请问有什么可以帮您？"
                if lang == "zh"
                else "Hello! I can help with Hubei government services, healthcare, education and elder care."
            )
            return {"status": AnswerStatus.ANSWERED.value, "answer": text, "grounded": True}
        return {"status": AnswerStatus.OUT_OF_SCOPE.value, "answer": responses.message("out_of_scope", lang)}

    return respond


async def domain_off_node(state: GraphState) -> dict[str, Any]:
    """Every routed domain is switched off: a fixed notice with the right hotline."""
    lang = _lang(state)
    text = "\n".join(responses.domain_off_message(d, lang) for d in state["domains"])  # type: ignore[arg-type]
    return {"status": AnswerStatus.DOMAIN_OFF.value, "answer": text}


async def handoff_node(state: GraphState) -> dict[str, Any]:
    """Hand the thread to a person and wait (interrupt) until staff answer in the same thread."""
    summary = (
        f"市民问题：{state['question'][:200]}；已尝试自动回答 {state.get('failed_turns', 0)} 次未找到依据。"
        if state.get("failed_turns")
        else f"市民要求人工服务：{state['question'][:200]}"
    )
    staff = interrupt({"summary": summary, "question": state["question"]})
    reply = str(staff.get("reply", "")) if isinstance(staff, dict) else str(staff)
    return {
        "status": AnswerStatus.HANDOFF.value,
        "handoff": True,
        "handoff_summary": summary,
        "answer": reply,
        "grounded": True,
        "failed_turns": 0,
        "messages": [{"role": "staff", "content": reply}],
    }
