"""The knowledge base: one store, ingestor and retriever sharing an embedder and a lexicon."""

from __future__ import annotations

import sys

from qdrant_client import QdrantClient

from knowledge.embedding import Embedder
from knowledge.ingest import Ingestor, IngestReport
from knowledge.lexicon import Lexicon
from knowledge.retrieval import DEFAULT_MIN_RELEVANCE, Retriever
from knowledge.store import ChunkStore


class KnowledgeBase:
    """Everything the rest of the product needs from `knowledge/`, built from injected clients."""

    def __init__(
        self,
        client: QdrantClient,
        collection: str,
        embedder: Embedder,
        *,
        max_bytes: int = 20 * 1024 * 1024,
        min_relevance: float = DEFAULT_MIN_RELEVANCE,
        lexicon: Lexicon | None = None,
    ) -> None:
        self.embedder = embedder
        self.lexicon = lexicon or Lexicon()
        self.store = ChunkStore(client, collection, embedder.model_id, embedder.dim)
        self.store.ensure()
        self.ingestor = Ingestor(self.store, embedder, self.lexicon, max_bytes)
        self.retriever = Retriever(self.store, embedder, self.lexicon, min_relevance)

    def is_empty(self) -> bool:
        """True when no document has been ingested yet."""
        return self.store.count() == 0

    def ensure_sample(self, *, progress: bool = True) -> IngestReport | None:
        """On a fresh data directory, ingest the bundled sample corpus first (and say so on stderr)."""
        if not self.is_empty():
            return None
        print("知识库为空：正在导入内置示例语料（示例数据，仅供演示）……", file=sys.stderr)
        report = self.ingestor.ingest_sample(progress=progress)
        print(report.summary(), file=sys.stderr)
        return report

    def close(self) -> None:
        """Release the Qdrant client (local mode holds a file lock until closed)."""
        self.store.client.close()
