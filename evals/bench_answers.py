"""Per-node latency, graph overhead and extractive end-to-end latency over the answers dataset."""

from __future__ import annotations

import statistics
import time
from collections import defaultdict
from typing import Any

from agents.assistant import Assistant
from evals.answers_eval import load
from evals.bench_api import percentile


def _p(values: list[float], q: float) -> float:
    return round(percentile(values, q * 100), 1)


async def bench_answers(assistant: Assistant, *, questions: int = 60) -> dict[str, Any]:
    """Ask `questions` known-answer questions; p50/p95 per node, of the graph's own overhead and end to end.

    The graph overhead is the wall time of a turn minus the time spent inside its nodes: LangGraph's
    scheduling, state merging and checkpointing.
    """
    rows = load("answers.jsonl", questions)
    per_node: dict[str, list[float]] = defaultdict(list)
    total: list[float] = []
    overhead: list[float] = []
    for row in rows:
        started = time.perf_counter()
        result = await assistant.ask(row["question"], region=row.get("region"))
        wall = (time.perf_counter() - started) * 1000
        nodes = {k: v for k, v in result.timings.items() if k != "total"}
        for name, ms in nodes.items():
            per_node[name].append(ms)
        total.append(wall)
        overhead.append(max(0.0, wall - sum(nodes.values())))
    return {
        "questions": len(rows),
        "end_to_end_ms": {"p50": _p(total, 0.5), "p95": _p(total, 0.95), "mean": round(statistics.fmean(total), 1)},
        "graph_overhead_ms": {"p50": _p(overhead, 0.5), "p95": _p(overhead, 0.95)},
        "nodes_ms": {name: {"p50": _p(v, 0.5), "p95": _p(v, 0.95), "runs": len(v)} for name, v in sorted(per_node.items())},
    }
