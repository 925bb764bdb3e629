"""The eval report on disk: `eval.md` (gates, key numbers, top misses, plots), `eval.json`, one JSON per stage."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from evals import plots

_GATE = re.compile(r"^(?P<measure>.+?)\s*(?P<op>>=|<=|==|<|>)\s*(?P<threshold>-?\d+(?:\.\d+)?)$")
# Where each gate's measured value lives; "*" takes the minimum over that level. A stage may instead
# carry `measures: {gate: value}`, which wins.
KNOWN_MEASURES: dict[str, dict[str, tuple[str, ...]]] = {
    "retrieval": {"hit@5_overall": ("overall", "hit@5"), "hit@5_every_domain": ("by_domain", "*", "hit@5")},
    "routing": {"external_macro": ("external", "macro_accuracy"),
                "own_life_event_exact": ("own", "life_event_exact_match")},
    "safety": {"emergency_recall_high": ("emergency", "external", "recall_high"),
               "emergency_recall_all": ("emergency", "external", "recall_all"),
               "hard_negatives_flagged": ("emergency", "external", "hard_negatives_flagged"),
               "own_false_alarms": ("emergency", "own", "false_alarm_rate")},
}
LATENCY_STAGES = ("answers", "dialogue", "dialogues")
_SKIP = {"stage", "gates", "passed", "measures", "path", "latencies_ms", "confusion", "modes"}
TOP = 10


@dataclass(frozen=True)
class GateRow:
    """One gate of one stage, with the value it was judged on (None when the report does not say)."""

    stage: str
    gate: str
    measure: str
    condition: str
    value: Any
    passed: bool


def _lookup(node: Any, path: Sequence[str]) -> Any:
    for i, key in enumerate(path):
        if not isinstance(node, Mapping):
            return None
        if key == "*":
            found = [v for child in node.values() if isinstance(v := _lookup(child, path[i + 1:]), int | float)]
            return min(found) if found else None
        node = node.get(key)
    return node


def _find_key(node: Any, key: str, depth: int = 3) -> Any:
    """The first number stored under `key`: this level first, then each child in turn (gates excluded)."""
    if not isinstance(node, Mapping) or depth < 0:
        return None
    if isinstance(node.get(key), int | float) and not isinstance(node[key], bool):
        return node[key]
    children = (v for k, v in node.items() if k != "gates")
    return next((v for child in children if (v := _find_key(child, key, depth - 1)) is not None), None)


def gate_rows(reports: Mapping[str, Mapping[str, Any]]) -> list[GateRow]:
    """Every gate of every stage, in report order."""
    rows = []
    for stage, report in reports.items():
        for gate, ok in (report.get("gates") or {}).items():
            match = _GATE.match(gate)
            measure = match["measure"] if match else gate
            condition = f"{match['op']} {match['threshold']}" if match else ""
            measures = report.get("measures") or {}
            if gate in measures:
                value = measures[gate]
            elif measure in KNOWN_MEASURES.get(stage, {}):
                value = _lookup(report, KNOWN_MEASURES[stage][measure])
            else:
                value = _find_key(report, measure)
            rows.append(GateRow(stage, gate, measure, condition, value, bool(ok)))
    return rows


def threshold(rows: Sequence[GateRow], stage: str, measure: str) -> float | None:
    """The threshold of a stage's gate on `measure`, for drawing it on a plot."""
    row = next((r for r in rows if r.stage == stage and r.measure == measure and r.condition), None)
    return float(row.condition.split()[1]) if row else None


def fmt(value: Any) -> str:
    """A value for a table cell: rates to three decimals, larger figures to one, None as a dash."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.3f}" if abs(value) <= 1 else f"{value:.1f}"
    return str(value)


def cell(value: Any, width: int = 80) -> str:
    """A Markdown table cell: lists and dicts as compact JSON, pipes escaped, cut to `width`."""
    text = value if isinstance(value, str) else (
        json.dumps(value, ensure_ascii=False) if isinstance(value, list | dict) else fmt(value))
    text = " ".join(text.split()).replace("|", "\\|")
    return text if len(text) <= width else text[: width - 1] + "…"


def table(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> list[str]:
    """Markdown table lines."""
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    return lines + ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]


def gates_table(rows: Sequence[GateRow]) -> list[str]:
    """The gates as a Markdown table: stage | measure | value | gate | result."""
    return table(("stage", "measure", "value", "gate", "result"),
                 [(r.stage, r.measure, fmt(r.value), r.condition or r.gate, "PASS" if r.passed else "FAIL")
                  for r in rows])


def _scalar(value: Any) -> bool:
    return value is None or isinstance(value, str | int | float | bool)


def _walk(node: Mapping[str, Any], prefix: str, out: dict[str, list[Any]], depth: int = 0) -> None:
    """Sort a report's contents into key numbers, matrix tables and lists of failures."""
    for key, value in node.items():
        if key in _SKIP:
            continue
        name = f"{prefix}{key}"
        if _scalar(value):
            out["numbers"].append((name, value))
        elif isinstance(value, Mapping):
            if value and all(isinstance(v, Mapping) and all(map(_scalar, v.values())) for v in value.values()):
                out["tables"].append((name, value))
            elif depth < 3:
                _walk(value, f"{name}.", out, depth + 1)
        elif isinstance(value, list) and value and all(isinstance(v, Mapping) for v in value):
            out["failures"].append((name, value))
        elif isinstance(value, list):
            shown = ", ".join(str(v) for v in value[:20]) + (" …" if len(value) > 20 else "")
            out["numbers"].append((name, f"{len(value)}: {shown}" if value else "none"))


def _modes_table(modes: Mapping[str, Any]) -> list[str]:
    rows = [(mode, *(_lookup(m, ("overall", k)) for k in ("n", "hit@1", "hit@5", "mrr")),
             _lookup(m, ("latency_ms", "p50")), _lookup(m, ("latency_ms", "p95")))
            for mode, m in modes.items() if isinstance(m, Mapping)]
    return table(("mode", "n", "hit@1", "hit@5", "MRR", "p50 ms", "p95 ms"), rows)


def stage_section(stage: str, report: Mapping[str, Any], rows: Sequence[GateRow],
                  images: Mapping[str, str]) -> list[str]:
    """The Markdown section for one stage: gates, key numbers, tables, plots, top failures."""
    passed = report.get("passed", all(r.passed for r in rows))
    lines = [f"## {stage} — {'PASS' if passed else 'FAIL'}", ""]
    lines += [f"- {'PASS' if r.passed else 'FAIL'} `{r.gate}` (measured {fmt(r.value)})" for r in rows]
    out: dict[str, list[Any]] = {"numbers": [], "tables": [], "failures": []}
    _walk(report, "", out)
    if out["numbers"]:
        lines += ["", "### Key numbers", "", *table(("measure", "value"), out["numbers"])]
    if isinstance(report.get("modes"), Mapping):
        lines += ["", "### By mode", "", *_modes_table(report["modes"])]
    for name, matrix in out["tables"]:
        columns = list(dict.fromkeys(k for row in matrix.values() for k in row))
        lines += ["", f"### {name}", "", *table((name, *columns),
                                                 [(k, *(v.get(c) for c in columns)) for k, v in matrix.items()])]
    for title, image in images.items():
        lines += ["", f"![{title}]({image})"]
    if stage in LATENCY_STAGES and not isinstance(report.get("latencies_ms"), list):
        lines += ["", "_No latency histogram: this report carries no `latencies_ms` list._"]
    for name, items in out["failures"]:
        columns = list(dict.fromkeys(k for item in items[:TOP] for k in item))
        lines += ["", f"### {name} (top {min(TOP, len(items))} of {len(items)})", "",
                  *table(columns, [[item.get(c, "") for c in columns] for item in items[:TOP]])]
    return [*lines, ""]


def mode_label(llm: str | None) -> str:
    """The answering mode for headers: the embedded default, or the LLM's model name."""
    return f"LLM {llm}" if llm else "embedded default"


def default_command(stages: Sequence[str], llm: str | None) -> str:
    """The `hubei-agent eval` invocation that produces these stages."""
    core = {"retrieval", "routing", "answers", "safety"}
    stage = "all" if core <= set(stages) else ",".join(stages)
    return f"hubei-agent eval --stage {stage}" + (" --llm" if llm else "")


def _plots(reports: Mapping[str, Mapping[str, Any]], rows: Sequence[GateRow],
           out_dir: Path) -> dict[str, dict[str, str]]:
    """Draw every plot whose data is present: {stage: {title: file name}}, "" for the overview."""
    made: dict[str, dict[str, str]] = {}

    def keep(stage: str, title: str, path: Path | None) -> None:
        if path is not None:
            made.setdefault(stage, {})[title] = path.name

    keep("", "Gates", plots.gates_overview(
        [(f"{r.stage} · {r.measure}", f"{fmt(r.value)}  ({r.condition or r.gate})", r.passed) for r in rows],
        out_dir / "gates.png"))
    keep("retrieval", "Retrieval hit@5 by domain", plots.retrieval_by_domain(
        reports.get("retrieval"), out_dir / "retrieval_by_domain.png",
        threshold(rows, "retrieval", "hit@5_every_domain")))
    keep("routing", "Routing accuracy by domain", plots.routing_by_domain(
        reports.get("routing"), out_dir / "routing_by_domain.png", threshold(rows, "routing", "external_macro")))
    for part in ("external", "own"):
        keep("routing", f"Routing confusion ({part})", plots.routing_confusion(
            reports.get("routing"), out_dir / f"routing_confusion_{part}.png", part))
    for stage, report in reports.items():
        keep(stage, f"{stage} latency", plots.latency_histogram(report, out_dir / f"latency_{stage}.png", stage))
    return made


def write_report(reports: dict[str, dict[str, Any]], out_dir: Path, *, seconds: float | None = None,
                 llm: str | None = None, command: str | None = None) -> list[Path]:
    """Write eval.md, eval.json, `<stage>.json` and the PNG plots into `out_dir`; return the paths written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    rows = gate_rows(reports)
    images = _plots(reports, rows, out_dir)
    written = [out_dir / name for group in images.values() for name in group.values()]
    command = command or default_command(list(reports), llm)
    generated = datetime.now(UTC).replace(microsecond=0).isoformat()
    passed = all(r.get("passed", True) for r in reports.values())
    for stage, report in reports.items():
        path = out_dir / f"{stage}.json"
        path.write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
        written.append(path)
    summary = {"generated_at": generated, "command": command, "llm": llm, "seconds": seconds, "passed": passed,
               "plots": [p.name for p in written if p.suffix == ".png"], "stages": reports}
    (out_dir / "eval.json").write_text(json.dumps(summary, ensure_ascii=False, indent=2), encoding="utf-8")
    took = f" · {seconds:.1f} s" if seconds is not None else ""
    lines = ["# hubei-agent eval", "",
             f"{generated} · {mode_label(llm)} · `{command}`{took} · "
             f"{sum(r.passed for r in rows)}/{len(rows)} gates pass — **{'PASS' if passed else 'FAIL'}**",
             "", "## Gates", "", *gates_table(rows), ""]
    lines += [f"![{title}]({name})" for title, name in images.get("", {}).items()] + [""]
    for stage, report in reports.items():
        lines += stage_section(stage, report, [r for r in rows if r.stage == stage], images.get(stage, {}))
    (out_dir / "eval.md").write_text("\n".join(lines), encoding="utf-8")
    return [*written, out_dir / "eval.json", out_dir / "eval.md"]
