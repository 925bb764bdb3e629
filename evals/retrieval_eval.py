"""Retrieval quality on the labelled question set: hit@1, hit@5 and MRR per domain and language, per mode."""

from __future__ import annotations

import json
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from knowledge.retrieval import Mode, Retriever

DATASET_DIR = Path(__file__).parent / "datasets" / "retrieval"
GATES = {"hit@5_overall": 0.90, "hit@5_per_domain": 0.85}


def load_questions(directory: Path = DATASET_DIR) -> list[dict[str, Any]]:
    """All labelled retrieval questions (one JSON object per line, files per domain)."""
    rows: list[dict[str, Any]] = []
    for path in sorted(directory.glob("*.jsonl")):
        rows.extend(json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
    return rows


def ranked_docs(retriever: Retriever, question: str, mode: Mode, depth: int = 30) -> list[str]:
    """Distinct doc ids in rank order (several chunks of one document count once)."""
    hits = retriever.search(question, k=depth, mode=mode).hits
    return list(dict.fromkeys(h.doc_id for h in hits))


def _percentile(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))] if ordered else 0.0


def _metrics(ranks: Iterable[int | None]) -> dict[str, float]:
    rs = list(ranks)
    n = len(rs) or 1
    return {
        "n": len(rs),
        "hit@1": round(sum(1 for r in rs if r == 1) / n, 4),
        "hit@5": round(sum(1 for r in rs if r is not None and r <= 5) / n, 4),
        "mrr": round(sum(1 / r for r in rs if r is not None and r <= 10) / n, 4),
    }


def evaluate(retriever: Retriever, questions: list[dict[str, Any]],
             modes: Sequence[Mode] = ("hybrid", "dense", "sparse")) -> dict[str, Any]:
    """Scores for each mode, and the gates on the hybrid mode."""
    report: dict[str, Any] = {"stage": "retrieval", "questions": len(questions), "modes": {}}
    misses: list[dict[str, Any]] = []
    for mode in modes:
        ranks: list[int | None] = []
        latencies: list[float] = []
        by_domain: dict[str, list[int | None]] = defaultdict(list)
        by_lang: dict[str, list[int | None]] = defaultdict(list)
        for q in questions:
            t0 = time.perf_counter()
            docs = ranked_docs(retriever, q["question"], mode)
            latencies.append((time.perf_counter() - t0) * 1000)
            relevant = set(q["relevant"])
            rank = next((i for i, d in enumerate(docs, 1) if d in relevant), None)
            ranks.append(rank)
            by_domain[q["domain"]].append(rank)
            by_lang[q.get("language", "zh")].append(rank)
            if mode == "hybrid" and (rank is None or rank > 5):
                misses.append({"id": q["id"], "question": q["question"], "relevant": q["relevant"], "got": docs[:5]})
        report["modes"][mode] = {
            "overall": _metrics(ranks),
            "by_domain": {d: _metrics(r) for d, r in sorted(by_domain.items())},
            "by_language": {lang: _metrics(r) for lang, r in sorted(by_lang.items())},
            "latency_ms": {"p50": round(_percentile(latencies, 0.5), 1), "p95": round(_percentile(latencies, 0.95), 1)},
        }
    hybrid = report["modes"].get("hybrid")
    if hybrid:
        report["overall"] = hybrid["overall"]
        report["by_domain"] = hybrid["by_domain"]
        worst = min((m["hit@5"] for m in hybrid["by_domain"].values()), default=0.0)
        report["gates"] = {
            "hit@5_overall>=0.90": hybrid["overall"]["hit@5"] >= GATES["hit@5_overall"],
            "hit@5_every_domain>=0.85": worst >= GATES["hit@5_per_domain"],
        }
        report["passed"] = all(report["gates"].values())
    report["misses"] = misses
    return report
