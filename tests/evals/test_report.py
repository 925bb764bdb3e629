"""The eval report writer and the README table, on small hand-built reports."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from evals import plots
from evals.readme_table import END, START, main, render_block, replace_block
from evals.report import gate_rows, write_report

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
DOMAINS = ("government", "healthcare", "education", "eldercare")


def _retrieval() -> dict[str, Any]:
    by_domain = {d: {"n": 10, "hit@1": 0.8, "hit@5": 0.9 + i * 0.02, "mrr": 0.85} for i, d in enumerate(DOMAINS)}
    mode = {"overall": {"n": 40, "hit@1": 0.8, "hit@5": 0.93, "mrr": 0.86}, "by_domain": by_domain,
            "by_language": {"en": {"n": 5, "hit@1": 0.6, "hit@5": 0.8, "mrr": 0.7}},
            "latency_ms": {"p50": 20.1, "p95": 40.3}}
    return {"stage": "retrieval", "questions": 40, "modes": {"hybrid": mode, "dense": copy.deepcopy(mode)},
            "overall": mode["overall"], "by_domain": by_domain,
            "gates": {"hit@5_overall>=0.90": True, "hit@5_every_domain>=0.85": True}, "passed": True,
            "misses": [{"id": "gov-007", "question": "居住证 | 怎么办", "relevant": ["d1"], "got": ["d2", "d3"]}]}


def _routing() -> dict[str, Any]:
    confusion = {"government": {"government": 18, "healthcare": 2}, "healthcare": {"healthcare": 20},
                 "out_of_scope": {"out_of_scope": 9, "smalltalk": 1}}
    return {"stage": "routing",
            "external": {"rows": 50, "macro_accuracy": 0.91, "macro_accuracy_strict": 0.9, "accuracy": 0.92,
                         "per_class": {"government": 0.9, "healthcare": 1.0, "out_of_scope": 0.9},
                         "per_class_strict": {"government": 0.85, "healthcare": 1.0, "out_of_scope": 0.9},
                         "confusion": confusion,
                         "errors": [{"id": "e1", "gold": "government", "pred": "healthcare", "rule": None,
                                     "ambiguous": True}]},
            "own": {"rows": 20, "accuracy": 0.95, "life_event_exact_match": 0.7, "errors": []},
            "latency": {"p50_ms": 3.1, "p95_ms": 6.2},
            "gates": {"external_macro>=0.85": True, "own_life_event_exact>=0.8": False}, "passed": False}


def _safety() -> dict[str, Any]:
    return {"stage": "safety",
            "emergency": {"external": {"path": "/x", "recall_high": 1.0, "recall_all": 0.958,
                                       "hard_negatives_flagged": 0, "missed": ["q9"]},
                          "own": {"path": "/y", "recall": 1.0, "false_alarm_rate": 0.0, "false_alarms": []}},
            "injection": {"detection_rate": 0.97, "false_positive_rate": 0.0, "missed": []},
            "gates": {"emergency_recall_high==1.0": True, "emergency_recall_all>=0.95": True,
                      "hard_negatives_flagged<=1": True, "own_false_alarms<=0.10": True}, "passed": True}


def _answers(latencies: bool = True) -> dict[str, Any]:
    report: dict[str, Any] = {
        "stage": "answers", "answerable": 10, "key_facts": 0.6, "citations_valid": 1.0, "unanswerable": 5,
        "no_basis": 0.8, "no_invented_figures": 1.0, "latency_ms": {"p50": 150.0, "p95": 900.0},
        "misses": [{"id": f"a{i}", "status": "answered", "question": "问题\n换行", "want": ["12345"], "got": "x"}
                   for i in range(12)],
        "answered_unanswerable": [],
        "gates": {"key_facts>=0.85": False, "citations_valid==1.0": True, "no_basis>=0.90": False,
                  "no_invented_figures==1.0": True}, "passed": False}
    if latencies:
        report["latencies_ms"] = [100.0 + 37 * i % 800 for i in range(40)]
    return report


def _dialogue() -> dict[str, Any]:
    return {"stage": "dialogue", "conversations": 8, "turn_success": 0.9, "latencies_ms": [300, 420, 510, 800],
            "measures": {"turn_success>=0.85": 0.9}, "gates": {"turn_success>=0.85": True}, "passed": True,
            "failures": [{"id": "c3", "turn": 2, "reason": "lost region"}]}


def all_reports() -> dict[str, dict[str, Any]]:
    return {"retrieval": _retrieval(), "routing": _routing(), "safety": _safety(), "answers": _answers(),
            "dialogue": _dialogue()}


def _is_png(path: Path) -> bool:
    return path.read_bytes()[:8] == PNG_MAGIC


def test_full_report_writes_every_file(tmp_path: Path) -> None:
    reports = all_reports()
    paths = write_report(reports, tmp_path, seconds=812.34, llm="qwen2.5-7b")
    names = {p.name for p in paths}
    assert {"eval.md", "eval.json", *(f"{s}.json" for s in reports)} <= names
    assert {"gates.png", "retrieval_by_domain.png", "routing_by_domain.png", "routing_confusion_external.png",
            "latency_answers.png", "latency_dialogue.png"} <= names
    assert "routing_confusion_own.png" not in names  # the own set has no confusion data
    assert all(p.is_file() for p in paths)
    assert all(_is_png(p) for p in paths if p.suffix == ".png")
    summary = json.loads((tmp_path / "eval.json").read_text(encoding="utf-8"))
    assert summary["stages"] == reports and summary["passed"] is False and summary["seconds"] == 812.34
    assert summary["llm"] == "qwen2.5-7b" and summary["command"] == "hubei-agent eval --stage all --llm"
    assert json.loads((tmp_path / "routing.json").read_text(encoding="utf-8")) == reports["routing"]


def test_markdown_lists_every_gate_with_its_result_and_value(tmp_path: Path) -> None:
    reports = all_reports()
    write_report(reports, tmp_path, seconds=12.0)
    md = (tmp_path / "eval.md").read_text(encoding="utf-8")
    for row in gate_rows(reports):
        assert f"- {'PASS' if row.passed else 'FAIL'} `{row.gate}`" in md
    assert "| retrieval | hit@5_every_domain | 0.900 | >= 0.85 | PASS |" in md
    assert "| routing | own_life_event_exact | 0.700 | >= 0.8 | FAIL |" in md
    assert "| safety | own_false_alarms | 0.000 | <= 0.10 | PASS |" in md
    assert "| dialogue | turn_success | 0.900 | >= 0.85 | PASS |" in md
    assert "embedded default · `hubei-agent eval --stage all` · 12.0 s · 10/13 gates pass — **FAIL**" in md
    assert "### misses (top 10 of 12)" in md and "| a9 |" in md and "| a10 |" not in md
    assert "居住证 \\| 怎么办" in md  # pipes escaped inside cells
    assert "![Routing confusion (external)](routing_confusion_external.png)" in md
    assert "![Gates](gates.png)" in md and "/x" not in md  # dataset paths are left out


def test_missing_stages_and_fields_skip_their_plots(tmp_path: Path) -> None:
    answers = _answers(latencies=False)
    routing = _routing()
    del routing["external"]["confusion"], routing["external"]["per_class"], routing["external"]["per_class_strict"]
    paths = write_report({"answers": answers, "routing": routing}, tmp_path)
    names = {p.name for p in paths}
    assert names == {"gates.png", "answers.json", "routing.json", "eval.json", "eval.md"}
    md = (tmp_path / "eval.md").read_text(encoding="utf-8")
    assert "no `latencies_ms` list" in md
    assert "## retrieval" not in md and "## answers — FAIL" in md


def test_empty_and_gateless_reports_do_not_fail(tmp_path: Path) -> None:
    paths = write_report({"safety_bank": {"stage": "safety_bank", "rows": 0}}, tmp_path)
    assert {p.name for p in paths} == {"safety_bank.json", "eval.json", "eval.md"}
    assert write_report({}, tmp_path / "empty")[-1].name == "eval.md"
    for plot in (plots.routing_confusion, plots.retrieval_by_domain, plots.routing_by_domain):
        assert plot(None, tmp_path / "x.png") is None
    assert plots.latency_histogram({"latencies_ms": []}, tmp_path / "x.png", "answers") is None
    assert plots.routing_confusion({"external": {"confusion": {"a": 3}}}, tmp_path / "x.png") is None
    assert not (tmp_path / "x.png").exists()


def test_unknown_gate_value_comes_from_a_matching_key_or_a_dash() -> None:
    reports = {"extra": {"gates": {"recall>=0.9": True, "odd gate": False}, "nested": {"recall": 0.95}}}
    rows = gate_rows(reports)
    assert [(r.measure, r.condition, r.value, r.passed) for r in rows] == [
        ("recall", ">= 0.9", 0.95, True), ("odd gate", "", None, False)]


@pytest.fixture
def report_dir(tmp_path: Path) -> Path:
    out = tmp_path / "reports"
    write_report(all_reports(), out, seconds=99.5)
    return out


def _readme(tmp_path: Path, body: str) -> Path:
    readme = tmp_path / "repo" / "README.md"
    readme.parent.mkdir(parents=True, exist_ok=True)
    readme.write_text(body, encoding="utf-8")
    return readme


def test_readme_table_replaces_only_the_marked_block(report_dir: Path, tmp_path: Path) -> None:
    before, after = "# Title\n\nintro\n\n", "\n\n## Operations\n\nkeep me\n"
    readme = _readme(tmp_path, f"{before}{START}\nold table\n{END}{after}")
    assert main([str(report_dir), "--readme", str(readme)]) == 0
    text = readme.read_text(encoding="utf-8")
    assert text.startswith(f"{before}{START}\n") and text.endswith(f"\n{END}{after}")
    block = text[text.index(START) + len(START):text.index(END)]
    assert "old table" not in block and "| stage | measure | value | gate | result |" in block
    assert "| answers | key_facts | 0.600 | >= 0.85 | FAIL |" in block
    assert "mode: embedded default · `hubei-agent eval --stage all` · 99.5 s" in block
    assert "![gates](docs/eval/gates.png)" in block
    copied = sorted(p.name for p in (readme.parent / "docs" / "eval").glob("*.png"))
    assert copied == sorted(p.name for p in report_dir.glob("*.png"))
    assert all(_is_png(readme.parent / "docs" / "eval" / n) for n in copied)
    assert main([str(report_dir), "--readme", str(readme), "--check"]) == 0
    assert main([str(report_dir), "--readme", str(readme)]) == 0
    assert readme.read_text(encoding="utf-8") == text  # idempotent


def test_check_detects_drift_and_writes_nothing(report_dir: Path, tmp_path: Path) -> None:
    readme = _readme(tmp_path, f"x\n{START}\n{END}\n")
    assert main([str(report_dir), "--readme", str(readme), "--check"]) == 1
    assert readme.read_text(encoding="utf-8") == f"x\n{START}\n{END}\n"
    assert not (readme.parent / "docs").exists()
    assert main([str(report_dir), "--readme", str(readme)]) == 0
    edited = readme.read_text(encoding="utf-8").replace("| PASS |", "| FAIL |", 1)
    readme.write_text(edited, encoding="utf-8")
    assert main([str(report_dir), "--readme", str(readme), "--check"]) == 1


def test_missing_markers_or_report_are_errors(report_dir: Path, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    readme = _readme(tmp_path, "# no markers\n")
    assert main([str(report_dir), "--readme", str(readme)]) == 2
    assert START in capsys.readouterr().err and readme.read_text(encoding="utf-8") == "# no markers\n"
    assert main([str(tmp_path / "nowhere"), "--readme", str(readme)]) == 2
    with pytest.raises(ValueError):
        replace_block(f"{END}\n{START}\n", "x")


def test_render_block_without_optional_fields() -> None:
    data = {"generated_at": "2026-03-01T10:00:00+00:00", "stages": {"routing": _routing()}}
    block = render_block(data, [])
    assert block.startswith("Last eval 2026-03-01 · mode: embedded default · `hubei-agent eval --stage routing`"
                            " · time not recorded · 1/2 gates pass")
    assert "![" not in block


def test_without_a_cjk_font_the_plots_use_english_labels(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(plots, "cjk_font", lambda: None)
    assert plots._t("检索", "Retrieval") == "Retrieval" and plots._name("government") == "government"
    paths = write_report(all_reports(), tmp_path)
    assert all(_is_png(p) for p in paths if p.suffix == ".png") and len([p for p in paths if p.suffix == ".png"]) == 6


def test_a_cjk_font_is_chosen_when_installed() -> None:
    font = plots.cjk_font()
    assert font is None or font in plots.CJK_FONTS
    if font:
        assert plots._name("government") == "政务\ngovernment"
