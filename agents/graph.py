"""The one LangGraph graph: a flat list of nodes and edges (DESIGN.md §2)."""

from __future__ import annotations

import time
from typing import Any

from langgraph.graph import END, START, StateGraph
from langgraph.types import Send

from agents.deps import AgentDeps
from agents.domain_agent import answer_domain
from agents.finish import guard_node, merge_node, record_node
from agents.nodes import (
    Node,
    after_route,
    domain_off_node,
    handoff_node,
    intake_node,
    make_respond,
    make_rewrite,
    make_route,
    safety_node,
    timed,
)
from agents.state import GraphState


def make_domain(deps: AgentDeps) -> Node:
    """The domain agent as a node; it receives one `Send` payload per routed domain."""

    async def domain(payload: GraphState) -> dict[str, Any]:
        domain_name: str = payload["domains"][0]
        t0 = time.perf_counter()
        result = await answer_domain(
            deps, domain_name, payload["standalone"], payload.get("language", "zh"), payload.get("region")
        )
        return {
            "results": [result],
            "timings": {f"domain:{domain_name}": round((time.perf_counter() - t0) * 1000, 1)},
        }

    return domain


def make_dispatch(deps: AgentDeps) -> Any:
    """After routing: fixed responses, handoff, or one domain agent per live domain, in parallel."""

    def dispatch(state: GraphState) -> str | list[Send]:
        kind = after_route(state)
        if kind != "domains":
            return kind
        live = [d for d in state["domains"] if d not in deps.disabled_domains]
        if not live:
            return "domain_off"
        return [
            Send(
                "domain",
                {
                    "domains": [d],
                    "standalone": state["standalone"],
                    "language": state.get("language"),
                    "region": state.get("region"),
                },
            )
            for d in live
        ]

    return dispatch


def after_safety(state: GraphState) -> str:
    """An emergency or a refusal ends the turn before any model or retrieval."""
    return "record" if state.get("status") else "rewrite"


def build_graph(deps: AgentDeps) -> StateGraph:
    """The uncompiled builder; callers compile it with the checkpointer of their deployment."""
    builder = StateGraph(GraphState)
    # Nodes are plain async functions of the state; LangGraph's overloads do not model them for mypy.
    g: Any = builder
    g.add_node("intake", timed("intake", intake_node))
    g.add_node("safety", timed("safety", safety_node))
    g.add_node("rewrite", timed("rewrite", make_rewrite(deps)))
    g.add_node("route", timed("route", make_route(deps)))
    g.add_node("respond", timed("respond", make_respond(deps)))
    g.add_node("domain_off", timed("domain_off", domain_off_node))
    g.add_node("domain", make_domain(deps))
    g.add_node("merge", timed("merge", merge_node))
    g.add_node("guard", timed("guard", guard_node))
    g.add_node("handoff", handoff_node)
    g.add_node("record", timed("record", record_node))

    g.add_edge(START, "intake")
    g.add_edge("intake", "safety")
    g.add_conditional_edges("safety", after_safety, ["record", "rewrite"])
    g.add_edge("rewrite", "route")
    g.add_conditional_edges("route", make_dispatch(deps), ["handoff", "respond", "domain_off", "domain"])
    g.add_edge("domain", "merge")
    g.add_edge("merge", "guard")
    g.add_edge("respond", "guard")
    g.add_edge("domain_off", "guard")
    g.add_edge("guard", "record")
    g.add_edge("handoff", "record")
    g.add_edge("record", END)
    return builder
