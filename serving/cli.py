"""The `hubei-agent` command line: a public contract (names and --json shapes are extended, never renamed)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from knowledge.documents import BadDocument
from serving.cli_ask import ask_command
from serving.cli_common import check_domain, check_region, fail, knowledge, print_json
from serving.cli_eval import bench_command, eval_command
from serving.cli_serve import keys_app, purge_command, serve_command, staff_app
from serving.llm_serve import llm_app

app = typer.Typer(help="湖北政务与民生服务智能助手（hubei-agent）", no_args_is_help=True, add_completion=False,
                  pretty_exceptions_enable=False)
kb_app = typer.Typer(help="知识库备份与查看", no_args_is_help=True)
app.add_typer(kb_app, name="kb")
app.command("ask")(ask_command)
app.command("eval")(eval_command)
app.command("serve")(serve_command)
app.add_typer(keys_app, name="keys")
app.add_typer(staff_app, name="staff")
app.command("purge")(purge_command)
app.add_typer(llm_app, name="llm")
app.command("bench")(bench_command)


@app.command()
def ingest(
    path: Annotated[Path | None, typer.Argument(help="文件或目录（Markdown、TXT、HTML、PDF、DOCX）")] = None,
    domain: Annotated[str | None, typer.Option(help="领域：government/healthcare/education/eldercare")] = None,
    region: Annotated[str | None, typer.Option(help="地区：湖北省或17个市州之一")] = None,
    prune: Annotated[bool, typer.Option(help="删除目录中已不存在的文档")] = False,
    sample: Annotated[bool, typer.Option("--sample", help="导入内置示例语料")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="以 JSON 输出摘要")] = False,
) -> None:
    """导入文档到知识库（增量：未变化的文档按内容哈希跳过）。"""
    if path is None and not sample:
        fail("请给出要导入的路径，或使用 --sample 导入内置示例语料", 2)
    dom, reg = check_domain(domain), check_region(region)
    with knowledge(auto_sample=False) as kb:
        try:
            if sample:
                report = kb.ingestor.ingest_sample(prune=True, progress=not as_json)
            else:
                assert path is not None
                report = kb.ingestor.ingest_path(path, domain=dom, region=reg, prune=prune, progress=not as_json)
        except (FileNotFoundError, BadDocument) as exc:
            fail(str(exc))
            return
    for line in report.failed:
        typer.echo(f"失败：{line}", err=True)
    if as_json:
        print_json(report.as_dict())
    else:
        typer.echo(report.summary())
    if report.failed:
        raise typer.Exit(1)


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="检索问题")],
    domain: Annotated[str | None, typer.Option(help="限定领域")] = None,
    region: Annotated[str | None, typer.Option(help="限定地区（同时包含全省通用文件）")] = None,
    k: Annotated[int, typer.Option("--k", min=1, max=50, help="返回条数")] = 5,
    include_expired: Annotated[bool, typer.Option(help="包含已失效的旧版本")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="以 JSON 输出")] = False,
) -> None:
    """混合检索（向量 + BM25，RRF 融合），打印命中的文档分块。"""
    if not query.strip():
        fail("检索问题不能为空", 2)
    dom, reg = check_domain(domain), check_region(region)
    with knowledge() as kb:
        result = kb.retriever.search(query, domains=[dom] if dom else None, region=reg, k=k,
                                     include_expired=include_expired)
    fields = ("doc_id", "doc_version", "title", "section", "domain", "region", "valid_from", "valid_to",
              "source", "score", "text", "relevance", "language", "sample")
    hits = [{f: h.as_dict()[f] for f in fields} for h in result.hits]
    if as_json:
        print_json(hits)
        return
    if result.nothing_relevant:
        typer.echo("没有找到相关度足够的文档。")
    for i, h in enumerate(result.hits, 1):
        typer.echo(f"{i}. {h.title}｜{h.section}（{h.region}，相关度 {h.relevance:.2f}）\n   {h.text[:120]}")


@kb_app.command("snapshot")
def kb_snapshot(path: Annotated[Path, typer.Argument(help="快照文件（.jsonl.gz）")]) -> None:
    """把知识库导出为可移植快照（向量与元数据）。"""
    with knowledge(auto_sample=False) as kb:
        n = kb.store.export(path)
    typer.echo(f"已导出 {n} 个分块到 {path}")


@kb_app.command("restore")
def kb_restore(path: Annotated[Path, typer.Argument(help="由 kb snapshot 生成的快照文件")]) -> None:
    """用快照替换知识库内容。"""
    if not path.exists():
        fail(f"快照文件不存在：{path}")
    with knowledge(auto_sample=False) as kb:
        n = kb.store.restore(path)
    typer.echo(f"已从 {path} 恢复 {n} 个分块")


@kb_app.command("list")
def kb_list(as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """列出知识库中的文档及版本、有效期。"""
    with knowledge(auto_sample=False) as kb:
        rows = kb.store.documents()
    if as_json:
        print_json(rows)
        return
    for r in rows:
        typer.echo(f"{r['doc_id']}@{r['doc_version']}  {r['title']}  {r['region']}  "
                   f"{r['valid_from'] or '—'}~{r['valid_to'] or '—'}  {r['chunks']} 块")


if __name__ == "__main__":
    app()
