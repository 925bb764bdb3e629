"""`hubei-agent eval`: every stage runs through the real assistant and writes the report with its plots."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from serving.cli import app


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("eval-home")


def _run(home: Path, *args: str) -> tuple[int, str]:
    env = {"HUBEI_AGENT_HOME": str(home), "DATABASE_URL": "", "LLM_BASE_URL": ""}
    out = CliRunner().invoke(app, ["eval", *args], env=env)
    return out.exit_code, out.stdout


def test_graph_stages_report_their_gates_and_write_the_report(home: Path) -> None:
    for stage in ("safety", "dialogue", "answers"):
        code, stdout = _run(home, "--stage", stage, "--limit", "3", "--json")
        report = json.loads(stdout)
        assert report["stage"] == stage and report["gates"], stdout[:300]
        assert code == (0 if report["passed"] else 1)
    reports = home / "reports"
    assert (reports / "eval.md").exists() and (reports / "answers.json").exists()
    summary = json.loads((reports / "eval.json").read_text(encoding="utf-8"))
    assert summary["command"] == "hubei-agent eval --stage answers --limit 3"
    assert any(name.endswith(".png") for name in summary["plots"])
    safety = json.loads((reports / "safety.json").read_text(encoding="utf-8"))
    assert "bank" in safety and any(g.startswith("bank_") for g in safety["gates"])


def test_unknown_stage_is_a_usage_error(home: Path) -> None:
    code, _ = _run(home, "--stage", "everything")
    assert code == 2
