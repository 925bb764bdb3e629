"""The multi-turn dialogue set: well formed, grounded in the corpus, and runnable against the real graph."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from langgraph.checkpoint.memory import InMemorySaver

from agents.assistant import Assistant
from agents.deps import AgentDeps
from agents.graph import build_graph
from agents.router import EmbeddingRouter, load_exemplars
from agents.statuses import AnswerStatus
from evals.answers_eval import load
from evals.dialogue_eval import DATASET, check_turn, evaluate, run_dialogue, summarise
from knowledge.base import KnowledgeBase
from knowledge.regions import normalise_region
from tools.db import make_engine, make_session_factory
from tools.migrate import upgrade
from tools.registry import build_registry
from tools.seed import seed_if_empty

CORPUS = Path(__file__).resolve().parents[2] / "knowledge" / "sample_corpus"
KINDS = {"followup", "region_memory", "topic_switch", "emergency_midway", "handoff_request",
         "repeated_failure", "clarify", "life_event", "english"}
EXPECT_KEYS = {"status", "domains_include", "facts_any", "region", "handoff", "emergency", "language"}
REPORT_KEYS = {"stage", "dialogues", "turns", "turn_pass_rate", "dialogue_pass_rate", "by_kind",
               "opening_turn_pass_rate", "later_turn_pass_rate",
               "followup_fact_rate", "region_memory_rate", "handoff_rate", "handoff_request_rate",
               "emergency_midway_rate", "latency_ms", "latencies_ms", "failures", "gates", "passed"}


def _compact(text: str) -> str:
    return re.sub(r"[\s,，]", "", text)


@pytest.fixture(scope="module")
def dialogues() -> list[dict[str, Any]]:
    return load(DATASET)


@pytest.fixture(scope="module")
def documents() -> dict[str, str]:
    return {p.stem: p.read_text(encoding="utf-8") for p in CORPUS.rglob("*.md")}


# --- the dataset ------------------------------------------------------------------------------


def test_dataset_is_well_formed(dialogues: list[dict[str, Any]]) -> None:
    assert len(dialogues) >= 35
    ids = [d["id"] for d in dialogues]
    assert len(set(ids)) == len(ids)
    assert all(re.fullmatch(r"dlg-\d{3}", i) for i in ids)
    assert {d["kind"] for d in dialogues} == KINDS
    statuses = {s.value for s in AnswerStatus}
    for d in dialogues:
        assert d["turns"], d["id"]
        for turn in d["turns"]:
            assert turn["user"].strip() and isinstance(turn["expect"], dict), d["id"]
            expect = turn["expect"]
            assert set(expect) <= EXPECT_KEYS, (d["id"], set(expect) - EXPECT_KEYS)
            allowed = expect["status"] if isinstance(expect["status"], list) else [expect["status"]]
            assert set(allowed) <= statuses, d["id"]
            for region in (turn.get("region"), expect.get("region")):
                assert region is None or normalise_region(region) == region, d["id"]


def test_every_kind_has_its_defining_turn(dialogues: list[dict[str, Any]]) -> None:
    by_kind: dict[str, list[dict[str, Any]]] = {}
    for d in dialogues:
        by_kind.setdefault(d["kind"], []).append(d)
    assert all(len(v) >= 3 for v in by_kind.values()), {k: len(v) for k, v in by_kind.items()}
    def later(kind: str, key: str, value: Any) -> bool:
        return all(any(t["expect"].get(key) == value for t in d["turns"][1:]) for d in by_kind[kind])
    assert later("emergency_midway", "emergency", True)
    assert later("repeated_failure", "handoff", True)
    assert all(any(t["expect"].get("handoff") is True for t in d["turns"]) for d in by_kind["handoff_request"])
    assert all(d["turns"][0]["expect"]["status"] == "clarify" for d in by_kind["clarify"])
    assert all(len(d["turns"]) >= 2 for k in ("followup", "region_memory", "topic_switch") for d in by_kind[k])


def test_expected_facts_appear_in_the_documents_that_answer_them(
    dialogues: list[dict[str, Any]], documents: dict[str, str]
) -> None:
    corpus = _compact("\n".join(documents.values()))
    for d in dialogues:
        for i, turn in enumerate(d["turns"]):
            facts = turn["expect"].get("facts_any", [])
            if not facts:
                continue
            docs = turn.get("docs", [])
            assert docs and set(docs) <= set(documents), (d["id"], i, docs)
            for fact in facts:
                assert _compact(fact) in corpus, (d["id"], i, fact)
                assert any(fact in documents[doc] for doc in docs), (d["id"], i, fact, docs)


# --- the per-turn checker ---------------------------------------------------------------------


@dataclass
class Cite:
    doc_id: str = "gov-residence-permit-wuhan"
    region: str = "武汉市"


@dataclass
class Turn:
    status: str = "answered"
    domains: list[str] = field(default_factory=lambda: ["government"])
    answer: str = "自受理之日起 10 个工作日内制作发放。[1]"
    citations: list[Cite] = field(default_factory=lambda: [Cite()])
    handoff: bool = False
    emergency: bool = False
    language: str = "zh"


EXPECT = {"status": "answered", "domains_include": ["government"], "facts_any": ["10个工作日"], "region": "武汉市"}


def test_checker_passes_a_turn_that_meets_its_expectations() -> None:
    assert check_turn(EXPECT, Turn()) == []
    assert check_turn({**EXPECT, "facts_any": ["1000元"]}, Turn(answer="每月最高 1,000 元")) == []
    assert check_turn({"status": ["no_basis", "out_of_scope"]}, Turn(status="out_of_scope", citations=[])) == []
    province = Turn(citations=[Cite(region="湖北省"), Cite(doc_id="tool:find_hall", region="")])
    assert check_turn(EXPECT, province) == []


def test_checker_fails_a_missing_fact_or_a_wrong_status() -> None:
    [fact] = check_turn(EXPECT, Turn(answer="请到派出所办理。[1]"))
    assert "facts" in fact
    problems = check_turn(EXPECT, Turn(status="no_basis", domains=["government"], citations=[], answer="抱歉"))
    assert any(p.startswith("status") for p in problems) and any("facts" in p for p in problems)
    assert any("citations" in p for p in problems)  # no document cited at all


def test_checker_fails_wrong_region_domain_flags_and_language() -> None:
    assert any("citations" in p for p in check_turn(EXPECT, Turn(citations=[Cite(region="襄阳市")])))
    assert any("domains" in p for p in check_turn(EXPECT, Turn(domains=["eldercare"])))
    assert check_turn({"status": "answered"}, Turn(emergency=True)) == ["emergency True != False"]
    assert check_turn({"status": "handoff", "handoff": True}, Turn(status="handoff")) == ["handoff False != True"]
    assert check_turn({"status": "answered", "language": "en"}, Turn()) == ["language 'zh' != 'en'"]


class ScriptedAssistant:
    """Replies from a script, in order, whatever is asked."""

    def __init__(self, replies: list[Turn]) -> None:
        self.replies = replies
        self.threads: list[str | None] = []

    async def ask(self, text: str, *, thread_id: str | None = None, region: str | None = None) -> Turn:
        self.threads.append(thread_id)
        return self.replies.pop(0)


async def test_summary_counts_handoffs_emergencies_and_follow_up_facts() -> None:
    dialogues = [
        {"id": "t-1", "kind": "emergency_midway", "turns": [
            {"user": "居住证多久拿到", "expect": EXPECT},
            {"user": "那要多少钱？", "expect": {**EXPECT, "facts_any": ["20 元"]}},
            {"user": "他突然倒地不起", "expect": {"status": "emergency", "emergency": True}}]},
        {"id": "t-2", "kind": "handoff_request", "turns": [
            {"user": "转人工", "expect": {"status": "handoff", "handoff": True}}]},
    ]
    bot = ScriptedAssistant([Turn(), Turn(), Turn(status="emergency", emergency=True, citations=[]),
                             Turn(status="answered", citations=[])])
    report = summarise([await run_dialogue(bot, d) for d in dialogues])  # type: ignore[arg-type]
    assert set(report) == REPORT_KEYS
    assert (report["dialogues"], report["turns"]) == (2, 4)
    assert report["turn_pass_rate"] == 0.5 and report["dialogue_pass_rate"] == 0.0
    assert report["opening_turn_pass_rate"] == 0.5 and report["later_turn_pass_rate"] == 0.5
    assert report["followup_fact_rate"] == 0.0 and report["emergency_midway_rate"] == 1.0
    assert report["handoff_request_rate"] == 0.0 and report["passed"] is False
    assert [(f["id"], f["turn"]) for f in report["failures"]] == [("t-1", 1), ("t-2", 0)]
    assert len(set(bot.threads[:3])) == 1 and bot.threads[3] != bot.threads[0]


# --- a fast subset against the real graph -----------------------------------------------------


@pytest.fixture(scope="module")
def real_assistant(sample_kb: KnowledgeBase, tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    """The embedded default: real knowledge base, exemplar router and service tools, no language model."""
    engine = make_engine(f"sqlite:///{tmp_path_factory.mktemp('dialogue-db') / 'app.db'}")
    upgrade(engine)
    factory = make_session_factory(engine)
    seed_if_empty(factory, dt.date(2026, 11, 30))
    tools = build_registry(factory, read_only=True, clock=lambda: dt.datetime(2026, 11, 30, 10, 0))
    router = EmbeddingRouter(sample_kb.embedder, load_exemplars(), cache_dir=tmp_path_factory.mktemp("router"))
    deps = AgentDeps(retriever=sample_kb.retriever, lexicon=sample_kb.lexicon, router=router, tools=tools)
    return Assistant(build_graph(deps), InMemorySaver())


async def test_fast_subset_runs_against_the_real_assistant(
    real_assistant: Assistant, dialogues: list[dict[str, Any]]
) -> None:
    report = await evaluate(real_assistant, limit=4)
    assert set(report) == REPORT_KEYS
    assert report["dialogues"] == 4
    assert report["turns"] == sum(len(d["turns"]) for d in dialogues[:4])
    assert 0.0 <= report["turn_pass_rate"] <= 1.0
    assert set(report["gates"]) == {"turn_pass_rate>=0.85", "emergency_midway_rate>=1.0",
                                    "handoff_request_rate>=1.0"}
    assert report["latency_ms"]["p50"] > 0
    for failure in report["failures"]:
        assert {"id", "kind", "turn", "user", "expected", "problems", "status", "answer"} <= set(failure)
