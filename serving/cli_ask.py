"""`hubei-agent ask`: one turn through the whole graph, printed as text or as the public JSON shape."""

from __future__ import annotations

import asyncio
from typing import Annotated

import typer

from agents.assistant import TurnResult
from agents.intake import BadInput
from serving.bootstrap import open_assistant
from serving.cli_common import check_region, fail, knowledge, print_json
from serving.llm_factory import build_chat
from serving.settings import Settings

ASK_FIELDS = ("status", "domains", "answer", "citations", "grounded", "emergency", "handoff", "ai_label", "timings")


async def _ask(question: str, thread: str | None, region: str | None, progress: bool) -> TurnResult:
    settings = Settings()
    with knowledge(progress=progress) as kb:
        async with open_assistant(settings, kb, chat=build_chat(settings)) as assistant:
            return await assistant.ask(question, thread_id=thread, region=region)


def ask_command(
    question: Annotated[str, typer.Argument(help="市民的问题")],
    thread: Annotated[str | None, typer.Option("--thread", help="会话编号（多轮对话）")] = None,
    region: Annotated[str | None, typer.Option(help="地区：湖北省或17个市州之一")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="以 JSON 输出")] = False,
) -> None:
    """提问：安全检查、分流、检索、作答并核验引用。"""
    reg = check_region(region)
    try:
        result = asyncio.run(_ask(question, thread, reg, not as_json))
    except BadInput as exc:
        fail(str(exc), 2)
    if as_json:
        data = result.model_dump()
        print_json({**{k: data[k] for k in ASK_FIELDS}, **{k: v for k, v in data.items() if k not in ASK_FIELDS}})
        return
    typer.echo(result.answer)
    for c in result.citations:
        typer.echo(f"  [{c.id}] 《{c.title}》{c.section}（{c.source}）")
    typer.echo(f"— {result.ai_label}｜状态：{result.status}｜会话：{result.thread_id}")
