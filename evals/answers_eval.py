"""Answer quality: key facts present, citations valid, and `no_basis` (without invented figures) when unanswerable."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from agents.assistant import Assistant, TurnResult
from agents.verify import HOTLINES

DATASETS = Path(__file__).parent / "datasets"
GATES = {"key_facts": 0.85, "citations_valid": 1.0, "no_basis": 0.90}
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def load(name: str, limit: int | None = None) -> list[dict[str, Any]]:
    """Rows of a JSON-lines dataset (the first `limit` when given)."""
    rows = [json.loads(x) for x in (DATASETS / name).read_text(encoding="utf-8").splitlines() if x.strip()]
    return rows[:limit] if limit else rows


def _compact(text: str) -> str:
    return re.sub(r"[\s,，]", "", text)


def facts_found(answer: str, facts: list[str]) -> int:
    """How many key facts the answer contains (spacing and thousands separators ignored)."""
    body = _compact(answer)
    return sum(1 for f in facts if _compact(f) in body)


def citations_valid(result: TurnResult) -> bool:
    """Every [n] marker names a citation, every citation is used, ids run 1..n."""
    marks = {int(m) for m in re.findall(r"\[(\d+)\]", result.answer)}
    ids = [c.id for c in result.citations]
    return ids == list(range(1, len(ids) + 1)) and marks == set(ids)


def invented_figures(result: TurnResult, passages: Callable[[list[str]], list[str]]) -> list[str]:
    """Numbers in an answer that neither a cited passage (or tool result) nor the hotline list contains."""
    if result.status == "no_basis":
        return []
    texts = passages([c.chunk_id for c in result.citations if not c.doc_id.startswith("tool:")])
    support = _compact(" ".join([*texts, *(c.snippet + c.title for c in result.citations)]))
    return [n for n in _NUMBER.findall(result.answer)
            if n not in HOTLINES and _compact(n) not in support and len(n) > 1]


async def evaluate(assistant: Assistant, passages: Callable[[list[str]], list[str]], *,
                   limit: int | None = None) -> dict[str, Any]:
    """Run both answer sets through the assistant and score them against the gates."""
    answerable = load("answers.jsonl", limit)
    unanswerable = load("unanswerable.jsonl", limit)
    ok_facts = ok_cites = answered = downgraded = 0
    latencies: list[float] = []
    misses: list[dict[str, Any]] = []
    for row in answerable:
        t0 = time.perf_counter()
        res = await assistant.ask(row["question"], region=row.get("region"))
        latencies.append((time.perf_counter() - t0) * 1000)
        found = facts_found(res.answer, row["key_facts"])
        good = found >= row.get("min_facts", 1)
        ok_facts += good
        answered += res.status == "answered"
        downgraded += res.downgraded
        ok_cites += res.status != "answered" or citations_valid(res)
        if not good:
            misses.append({"id": row["id"], "status": res.status, "question": row["question"],
                           "want": row["key_facts"], "got": res.answer[:160]})
    refused = clean = 0
    leaks: list[dict[str, Any]] = []
    for row in unanswerable:
        res = await assistant.ask(row["question"])
        refused += res.status == "no_basis"
        invented = invented_figures(res, passages)
        clean += not invented
        if res.status != "no_basis":
            leaks.append({"id": row["id"], "status": res.status, "question": row["question"],
                          "invented": invented, "got": res.answer[:120]})
    n_a, n_u = len(answerable) or 1, len(unanswerable) or 1
    ordered = sorted(latencies)
    report: dict[str, Any] = {
        "stage": "answers",
        "answerable": len(answerable),
        "key_facts": round(ok_facts / n_a, 4),
        "answered": round(answered / n_a, 4),
        "downgraded_by_verifier": round(downgraded / n_a, 4),
        "citations_valid": round(ok_cites / n_a, 4),
        "unanswerable": len(unanswerable),
        "no_basis": round(refused / n_u, 4),
        "no_invented_figures": round(clean / n_u, 4),
        "latency_ms": {"p50": round(ordered[len(ordered) // 2], 1) if ordered else 0.0,
                       "p95": round(ordered[int(0.95 * (len(ordered) - 1))], 1) if ordered else 0.0},
        "latencies_ms": [round(x, 1) for x in latencies],
        "misses": misses,
        "answered_unanswerable": leaks,
    }
    report["gates"] = {
        "key_facts>=0.85": report["key_facts"] >= GATES["key_facts"],
        "citations_valid==1.0": report["citations_valid"] >= GATES["citations_valid"],
        "no_basis>=0.90": report["no_basis"] >= GATES["no_basis"],
        "no_invented_figures==1.0": report["no_invented_figures"] >= 1.0,
    }
    report["passed"] = all(report["gates"].values())
    return report
