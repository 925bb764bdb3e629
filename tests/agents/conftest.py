"""Graph fixtures: the real sample knowledge base and service database, a rule-based stand-in router."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio
from langgraph.checkpoint.memory import InMemorySaver

from agents.assistant import Assistant
from agents.chat import ChatModel
from agents.deps import AgentDeps
from agents.graph import build_graph
from agents.router import RouteDecision
from knowledge.base import KnowledgeBase
from tools.db import make_engine, make_session_factory
from tools.migrate import upgrade
from tools.registry import ToolRegistry, build_registry
from tools.seed import seed_if_empty


class KeywordRouter:
    """Routes by keywords, so graph tests do not depend on the classifier's judgement."""

    RULES: tuple[tuple[str, tuple[str, ...]], ...] = (
        ("转人工", ("handoff",)),
        ("孩子出生", ("healthcare", "government")),
        ("新生儿", ("healthcare", "government")),
        ("津贴", ("eldercare",)),
        ("居住证", ("government",)),
        ("户口", ("government",)),
        ("养老", ("eldercare",)),
        ("医保", ("healthcare",)),
        ("疫苗", ("healthcare",)),
        ("入学", ("education",)),
        ("路灯", ("government",)),
        ("你好", ("smalltalk",)),
        ("办个事", ("government", "healthcare")),
    )

    def __init__(self) -> None:
        self.calls: list[str] = []

    def classify(self, text: str) -> RouteDecision:
        self.calls.append(text)
        for word, routes in self.RULES:
            if word in text:
                return RouteDecision(routes=routes, scores={r: 0.9 for r in routes}, confidence=0.9,
                                     ambiguous=word == "办个事", complaint=word == "路灯")
        return RouteDecision(routes=("out_of_scope",), scores={}, confidence=0.9, ambiguous=False, complaint=False)


@pytest.fixture(scope="session")
def registry(tmp_path_factory: pytest.TempPathFactory) -> ToolRegistry:
    engine = make_engine(f"sqlite:///{tmp_path_factory.mktemp('db') / 'app.db'}")
    upgrade(engine)
    factory = make_session_factory(engine)
    seed_if_empty(factory, dt.date(2026, 11, 30))
    # Monday 2026-11-30, 10:00 Beijing time: halls are open.
    return build_registry(factory, read_only=True, clock=lambda: dt.datetime(2026, 11, 30, 10, 0))


@pytest.fixture
def make_assistant(sample_kb: KnowledgeBase, registry: ToolRegistry) -> Callable[..., Assistant]:
    def _make(chat: ChatModel | None = None, disabled: frozenset[str] = frozenset(), saver: Any = None,
              router: Any = None) -> Assistant:
        deps = AgentDeps(retriever=sample_kb.retriever, lexicon=sample_kb.lexicon, router=router or KeywordRouter(),
                         tools=registry, chat=chat, disabled_domains=disabled, llm_timeout_s=5)
        return Assistant(build_graph(deps), saver or InMemorySaver(),
                         model_id=chat.model_id if chat else "extractive")

    return _make


@pytest_asyncio.fixture
async def assistant(make_assistant: Callable[..., Assistant]) -> AsyncIterator[Assistant]:
    yield make_assistant()


@pytest.fixture
def tmp_home(tmp_path: Path) -> Path:
    return tmp_path
