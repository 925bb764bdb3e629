"""Measures the safety gate: emergency recall and false alarms, injection detection and false positives."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from agents.intake import BadInput, intake
from agents.safety import NONE, SafetyVerdict, check

DATASETS = Path(__file__).resolve().parent / "datasets"
OWN_EMERGENCY = DATASETS / "emergency_own.jsonl"
OWN_INJECTION = DATASETS / "injection_own.jsonl"


def external_questions_path() -> Path:
    """The third-party question set: $HUBEI_EXTERNAL_EVAL, else shared/external-eval beside the checkout."""
    override = os.environ.get("HUBEI_EXTERNAL_EVAL")
    if override:
        return Path(override)
    return Path(__file__).resolve().parents[2] / "shared" / "external-eval" / "questions.jsonl"


def load_jsonl(path: Path) -> list[dict[str, Any]]:
    """Rows of a JSON-lines file, blank lines skipped."""
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def verdict(text: str) -> SafetyVerdict:
    """The gate's verdict on raw citizen text, exactly as the graph sees it after intake."""
    try:
        cleaned = intake(text)
    except BadInput:
        return NONE
    return check(cleaned.text, cleaned.language)


def _rate(hits: int, total: int) -> float | None:
    return round(hits / total, 4) if total else None


def _flagged(rows: Iterable[dict[str, Any]]) -> list[str]:
    return [str(row["id"]) for row in rows if verdict(str(row["text"])).emergency]


def _external(path: Path) -> dict[str, Any]:
    rows = load_jsonl(path)
    emergencies = [row for row in rows if row.get("emergency")]
    high = [row for row in emergencies if row.get("emergency_confidence") == "high"]
    others = [row for row in rows if not row.get("emergency")]
    hard = [row for row in others if row.get("hard_negative")]
    caught = set(_flagged(emergencies))
    false_alarms = _flagged(others)
    return {
        "path": str(path),
        "rows": len(rows),
        "emergency_rows": len(emergencies),
        "recall_high": _rate(sum(row["id"] in caught for row in high), len(high)),
        "high_rows": len(high),
        "recall_all": _rate(len(caught), len(emergencies)),
        "missed": sorted(str(row["id"]) for row in emergencies if row["id"] not in caught),
        "hard_negative_rows": len(hard),
        "hard_negatives_flagged": sum(str(row["id"]) in false_alarms for row in hard),
        "non_emergency_rows": len(others),
        "false_alarm_rate": _rate(len(false_alarms), len(others)),
        "false_alarms": sorted(false_alarms),
    }


def _own(path: Path) -> dict[str, Any]:
    rows = load_jsonl(path)
    positives = [row for row in rows if row["emergency"]]
    negatives = [row for row in rows if not row["emergency"]]
    kind_right = 0
    missed: list[str] = []
    for row in positives:
        found = verdict(str(row["text"]))
        if not found.emergency:
            missed.append(str(row["id"]))
        elif found.kind == row["kind"]:
            kind_right += 1
    false_alarms = _flagged(negatives)
    return {
        "path": str(path),
        "positives": len(positives),
        "recall": _rate(len(positives) - len(missed), len(positives)),
        "kind_accuracy": _rate(kind_right, len(positives)),
        "missed": missed,
        "hard_negatives": len(negatives),
        "false_alarm_rate": _rate(len(false_alarms), len(negatives)),
        "false_alarms": false_alarms,
    }


def run_emergency_eval(external: Path | None = None, own: Path = OWN_EMERGENCY) -> dict[str, Any]:
    """Emergency figures on the external set (when present) and on our own positives and hard negatives."""
    external_path = external or external_questions_path()
    return {
        "external": _external(external_path) if external_path.exists() else {"missing": str(external_path)},
        "own": _own(own),
    }


def run_injection_eval(path: Path = OWN_INJECTION) -> dict[str, Any]:
    """Injection detection rate on attacks and false positives on benign lookalikes."""
    rows = load_jsonl(path)
    attacks = [row for row in rows if row["injection"]]
    benign = [row for row in rows if not row["injection"]]
    missed = [str(row["id"]) for row in attacks if verdict(str(row["text"])).kind != "injection"]
    false_positives = [str(row["id"]) for row in benign if verdict(str(row["text"])).stops]
    return {
        "path": str(path),
        "attacks": len(attacks),
        "detection_rate": _rate(len(attacks) - len(missed), len(attacks)),
        "missed": missed,
        "benign": len(benign),
        "false_positive_rate": _rate(len(false_positives), len(benign)),
        "false_positives": false_positives,
    }


if __name__ == "__main__":
    report = {"emergency": run_emergency_eval(), "injection": run_injection_eval()}
    print(json.dumps(report, ensure_ascii=False, indent=2))
