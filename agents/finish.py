"""The graph's back nodes: merge the domain answers, verify citations, guard the output, record the turn."""

from __future__ import annotations

from typing import Any

from agents import responses
from agents.responses import MessageKey
from agents.state import Citation, DomainResult, GraphState, Line
from agents.statuses import AnswerStatus
from agents.verify import verify

DOMAIN_TITLES = {
    "zh": {
        "government": "政务服务",
        "healthcare": "医疗卫生与医保",
        "education": "教育",
        "eldercare": "养老服务",
    },
    "en": {
        "government": "Government services",
        "healthcare": "Healthcare",
        "education": "Education",
        "eldercare": "Elder care",
    },
}
_ORDINALS = "一二三四五六七八"


def _lang(state: GraphState) -> Any:
    return "en" if state.get("language") == "en" else "zh"


def _render(lines: list[Line], numbers: dict[str, int]) -> list[str]:
    out = []
    for ln in lines:
        mark = f" [{numbers[ln['cite']]}]" if ln["cite"] in numbers else ""
        prefix = "· " if ln["kind"] == "tool" else ""
        out.append(f"{prefix}{ln['text']}{mark}")
    return out


def _number(results: list[DomainResult]) -> tuple[dict[str, int], list[Citation]]:
    numbers: dict[str, int] = {}
    cites: list[Citation] = []
    by_id = {c["chunk_id"]: c for r in results for c in r["citations"]}
    for r in results:
        for ln in r["lines"]:
            cid = ln["cite"]
            if cid and cid not in numbers and cid in by_id:
                numbers[cid] = len(numbers) + 1
                cites.append(Citation(**{**by_id[cid], "id": numbers[cid]}))  # type: ignore[typeddict-item]
    return numbers, cites


def _distinct(results: list[DomainResult]) -> list[DomainResult]:
    """Drop a domain's answer when it repeats passages an earlier domain already cited (a shared life-event guide)."""
    seen: set[str] = set()
    kept: list[DomainResult] = []
    for r in results:
        cited = {ln["cite"] for ln in r["lines"] if ln["cite"]}
        if cited and cited <= seen:
            continue
        seen |= cited
        kept.append(r)
    return kept


async def merge_node(state: GraphState) -> dict[str, Any]:
    """One answer from the domain results (one ordered checklist for a life event), verified."""
    lang = _lang(state)
    order = state.get("domains", [])
    results = sorted(
        state.get("results", []), key=lambda r: order.index(r["domain"]) if r["domain"] in order else 9
    )
    answered = [r for r in results if r["status"] == "answered"]
    answered = _distinct(answered)
    tools = [t for r in results for t in r["tools"]]
    if not answered:
        status = (
            AnswerStatus.ERROR_RETRIEVAL
            if all(r["status"] == "error_retrieval" for r in results)
            else AnswerStatus.NO_BASIS
        )
        key: MessageKey = "error_retrieval" if status == AnswerStatus.ERROR_RETRIEVAL else "no_basis"
        return {
            "status": status.value,
            "answer": responses.message(key, lang),
            "tools": tools,
            "grounded": False,
        }
    sources = {p["chunk_id"]: p["text"] for r in results for p in r["passages"]}
    sources.update({f"tool:{t['name']}": t["summary"] for t in tools if t["ok"]})
    lines = [ln for r in answered for ln in r["lines"]]
    strict = any(r["mode"] == "generative" for r in answered)
    verdict = verify(lines, sources, strict=strict)
    if not verdict.grounded:
        return {
            "status": AnswerStatus.NO_BASIS.value,
            "answer": responses.message("no_basis", lang),
            "tools": tools,
            "grounded": False,
            "downgraded": True,
            "model_id": state.get("model_id", ""),
        }
    numbers, cites = _number(answered)
    if len(answered) == 1:
        body = _render(answered[0]["lines"], numbers)
    else:
        lead = "为您整理了办理清单，按顺序办理：" if lang == "zh" else "Your checklist, in order:"
        body = [lead]
        for i, r in enumerate(answered):
            title = DOMAIN_TITLES[lang][r["domain"]]
            body.append(f"{_ORDINALS[i]}、{title}" if lang == "zh" else f"{i + 1}. {title}")
            body += _render(r["lines"], numbers)
    return {
        "status": AnswerStatus.ANSWERED.value,
        "answer": "\n".join(body),
        "citations": cites,
        "tools": tools,
        "grounded": True,
    }


async def guard_node(state: GraphState) -> dict[str, Any]:
    """Health disclaimer, the work-order offer for complaints, and the handoff offer after a failed turn."""
    lang = _lang(state)
    answer = state.get("answer", "")
    status = state.get("status")
    extra: list[str] = []
    if status == AnswerStatus.ANSWERED.value and "healthcare" in state.get("domains", []):
        extra.append(responses.message("health_disclaimer", lang))
    offer = ""
    if state.get("complaint") and status in (AnswerStatus.ANSWERED.value, AnswerStatus.NO_BASIS.value):
        offer = "work_order"
        extra.append(
            "如果您希望有关部门处理，我可以帮您提交12345工单（需要您确认问题地点和描述）。"
            if lang == "zh"
            else "I can file a 12345 work order for you if you confirm the place and details."
        )
    return {"answer": "\n\n".join([answer, *extra]) if extra else answer, "offer": offer}


async def record_node(state: GraphState) -> dict[str, Any]:
    """Keep the thread: the answer, the topic a follow-up may refer to, and the failure count."""
    status = state.get("status", "")
    cites = state.get("citations", [])
    topic = next((c["title"] for c in cites if not c["doc_id"].startswith("tool:")), None)
    # A clarifying question is no answer either: two unanswered turns in a row go to a person.
    unanswered = (AnswerStatus.NO_BASIS.value, AnswerStatus.CLARIFY.value)
    failed = state.get("failed_turns", 0) + 1 if status in unanswered else 0
    if status == AnswerStatus.HANDOFF.value:
        return {"failed_turns": 0}
    return {
        "failed_turns": failed,
        "messages": [
            {"role": "assistant", "content": state.get("answer", ""), "status": status, "topic": topic,
             "domains": list(state.get("domains", [])) if topic else []}
        ],
    }
