"""What the graph's nodes receive: clients built by the composition root, never by the agents."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from agents.basis import AnswerMatcher
from agents.chat import ChatModel
from agents.router import RouteDecision
from knowledge.lexicon import Lexicon
from knowledge.retrieval import Retriever
from tools.registry import ToolRegistry


class Router(Protocol):
    """Classifies a question into the closed set of routes."""

    def classify(self, text: str) -> RouteDecision:
        """Route decision for one (standalone) question."""
        ...


@dataclass
class AgentDeps:
    """One typed bundle of clients and switches, built in `serving/bootstrap.py`."""

    retriever: Retriever
    lexicon: Lexicon
    router: Router
    tools: ToolRegistry | None = None
    chat: ChatModel | None = None
    disabled_domains: frozenset[str] = field(default_factory=frozenset)
    llm_timeout_s: float = 20.0
    top_k: int = 5
    # The best answer sentence must be this close to the question (cosine, default embedder).
    min_answer_similarity: float = 0.90
    matcher: AnswerMatcher = field(init=False)

    def __post_init__(self) -> None:
        self.matcher = AnswerMatcher(self.retriever.embedder)
