"""`hubei-agent eval` and `hubei-agent bench`: measurements printed, reports written under the data dir."""

from __future__ import annotations

import json
from typing import Annotated, Literal

import typer

from serving.cli_common import fail, knowledge, print_json
from serving.settings import Settings

Stage = Literal["retrieval", "all"]


def eval_command(
    stage: Annotated[str, typer.Option(help="retrieval | all")] = "all",
    as_json: Annotated[bool, typer.Option("--json", help="以 JSON 输出")] = False,
) -> None:
    """评测：检索（hit@1、hit@5、MRR，分领域、分语言，混合/仅向量/仅BM25对比）。"""
    from evals.retrieval_eval import evaluate, load_questions

    if stage not in ("retrieval", "all"):
        fail(f"未知评测阶段 {stage}，可选：retrieval, all", 2)
    settings = Settings()
    with knowledge(progress=not as_json) as kb:
        report = evaluate(kb.retriever, load_questions())
    out_dir = settings.paths.reports_dir
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "retrieval.json").write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    if as_json:
        print_json(report)
    else:
        for mode, m in report["modes"].items():
            o = m["overall"]
            typer.echo(f"{mode:7} hit@1={o['hit@1']:.3f} hit@5={o['hit@5']:.3f} MRR={o['mrr']:.3f} "
                       f"p50={m['latency_ms']['p50']}ms")
        typer.echo(f"gates: {report.get('gates')}")
    if not report.get("passed", True):
        raise typer.Exit(1)


def bench_command(
    as_json: Annotated[bool, typer.Option("--json", help="以 JSON 输出")] = False,
    sizes: Annotated[str, typer.Option(help="合成分块规模，逗号分隔")] = "10000,50000",
) -> None:
    """性能基准：导入速度、检索延迟，与 LlamaIndex 默认内存索引对比。"""
    from evals.bench_retrieval import run_bench

    report = run_bench([int(s) for s in sizes.split(",") if s.strip()])
    if as_json:
        print_json(report)
    else:
        typer.echo(json.dumps(report, ensure_ascii=False, indent=2))
