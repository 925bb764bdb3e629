"""The one Qdrant collection of chunks (DESIGN.md §6), identical for local mode and a server."""

from __future__ import annotations

import gzip
import json
import uuid
import warnings
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from qdrant_client import QdrantClient, models

SCHEMA_VERSION = 2
OPEN_END = 99991231
_ID_NAMESPACE = uuid.UUID("6d1f0c52-3f4a-4a57-9b61-8a0c2f6e9d11")
_KEYWORD_FIELDS = ("domain", "region", "doc_id", "source", "language", "content_hash")


class StoreError(RuntimeError):
    """The knowledge base cannot be used as configured; the message says what to do."""


def day_number(iso_date: str | None, default: int) -> int:
    """A date as YYYYMMDD integer: validity filters compare integers (fast in every Qdrant mode)."""
    return int(iso_date.replace("-", "")) if iso_date else default


def point_id(doc_id: str, doc_version: str, chunk_no: int) -> str:
    """Deterministic point id: re-ingesting the same version never duplicates."""
    return str(uuid.uuid5(_ID_NAMESPACE, f"{doc_id}|{doc_version}|{chunk_no}"))


@dataclass(frozen=True)
class StoredPoint:
    """What ingestion needs to know about an existing point."""

    id: str
    content_hash: str
    chunk_count: int


def open_client(url: str | None, api_key: str | None, path: Path) -> QdrantClient:
    """A Qdrant server when `url` is set, else local mode on disk under `path`."""
    if url:
        return QdrantClient(url=url, api_key=api_key or None, timeout=30)
    path.mkdir(parents=True, exist_ok=True)
    try:
        return QdrantClient(path=str(path))
    except RuntimeError as exc:
        if "already accessed" in str(exc):
            raise StoreError(
                f"知识库目录 {path} 正被另一个进程使用（本地模式只允许一个进程打开）。"
                "请先停止该进程，或通过服务的知识库管理接口上传文档，或配置 QDRANT_URL 使用 Qdrant 服务器。"
            ) from exc
        raise


class ChunkStore:
    """Qdrant collection with named vectors `dense` (cosine) and `bm25` (sparse, IDF modifier)."""

    def __init__(self, client: QdrantClient, collection: str, model_id: str, dim: int) -> None:
        self.client = client
        self.collection = collection
        self.model_id = model_id
        self.dim = dim

    def ensure(self) -> None:
        """Create the collection if needed; refuse to open one built with another embedding model."""
        if self.client.collection_exists(self.collection):
            meta = self.client.get_collection(self.collection).config.metadata or {}
            found = meta.get("embedding_model")
            if found and found != self.model_id:
                raise StoreError(
                    f"知识库集合“{self.collection}”由嵌入模型 {found} 建立，当前配置的是 {self.model_id}。"
                    "更换嵌入模型需要重建索引：请换一个集合名（QDRANT_COLLECTION）或删除旧集合后重新导入。"
                )
            return
        self.client.create_collection(
            self.collection,
            vectors_config={"dense": models.VectorParams(size=self.dim, distance=models.Distance.COSINE)},
            sparse_vectors_config={"bm25": models.SparseVectorParams(modifier=models.Modifier.IDF)},
            metadata={"embedding_model": self.model_id, "dim": self.dim, "schema_version": SCHEMA_VERSION},
        )
        with warnings.catch_warnings():
            # Local mode ignores payload indexes (and says so); a server uses them for filtered search.
            warnings.simplefilter("ignore", UserWarning)
            for name in _KEYWORD_FIELDS:
                self.client.create_payload_index(self.collection, name, models.PayloadSchemaType.KEYWORD)
            for name in ("valid_from_day", "valid_to_day"):
                self.client.create_payload_index(self.collection, name, models.PayloadSchemaType.INTEGER)

    def count(self) -> int:
        """Number of chunks stored."""
        return self.client.count(self.collection, exact=True).count

    def upsert(self, points: Sequence[models.PointStruct]) -> None:
        """Write points (waits until they are searchable)."""
        if points:
            self.client.upsert(self.collection, points=list(points), wait=True)

    def points_for_source(self, source: str) -> list[StoredPoint]:
        """Every point that came from one source file."""
        flt = models.Filter(must=[models.FieldCondition(key="source", match=models.MatchValue(value=source))])
        return [
            StoredPoint(str(p.id), str(p.payload["content_hash"]), int(p.payload["chunk_count"]))
            for p in self._scroll(flt, ["content_hash", "chunk_count"])
            if p.payload
        ]

    def delete_from_source(self, source: str, ids: Sequence[str] | None = None) -> None:
        """Delete a source's points (only the given ids, when given): never another source's."""
        must: list[Any] = [models.FieldCondition(key="source", match=models.MatchValue(value=source))]
        if ids is not None:
            if not ids:
                return
            must.append(models.HasIdCondition(has_id=list(ids)))
        self.client.delete(
            self.collection, points_selector=models.FilterSelector(filter=models.Filter(must=must)), wait=True
        )

    def sources(self) -> set[str]:
        """All source names in the collection."""
        return {str(p.payload["source"]) for p in self._scroll(None, ["source"]) if p.payload}

    def documents(self) -> list[dict[str, Any]]:
        """One row per stored document version: id, version, title, domains, region, validity, chunks."""
        rows: dict[tuple[str, str], dict[str, Any]] = {}
        fields = ["doc_id", "doc_version", "title", "domain", "region", "valid_from", "valid_to", "source",
                  "language", "sample"]
        for p in self._scroll(None, fields):
            pl = p.payload or {}
            key = (pl["doc_id"], pl["doc_version"])
            row = rows.setdefault(key, {f: pl.get(f) for f in fields} | {"chunks": 0})
            row["chunks"] += 1
        return sorted(rows.values(), key=lambda r: (str(r["doc_id"]), str(r["doc_version"])))

    def _scroll(self, flt: models.Filter | None, fields: list[str], with_vectors: bool = False) -> Iterator[Any]:
        offset = None
        while True:
            batch, offset = self.client.scroll(
                self.collection, scroll_filter=flt, limit=512, offset=offset,
                with_payload=fields or True, with_vectors=with_vectors,
            )
            yield from batch
            if offset is None:
                return

    def export(self, path: Path) -> int:
        """Write every point (vectors and payload) to a portable gzip JSON-lines snapshot."""
        n = 0
        with gzip.open(path, "wt", encoding="utf-8") as out:
            out.write(json.dumps({"collection": self.collection, "embedding_model": self.model_id,
                                  "dim": self.dim, "schema_version": SCHEMA_VERSION}) + "\n")
            for p in self._scroll(None, [], with_vectors=True):
                sparse = p.vector["bm25"]
                out.write(json.dumps({"id": str(p.id), "payload": p.payload, "dense": list(p.vector["dense"]),
                                      "bm25": [sparse.indices, sparse.values]}, ensure_ascii=False) + "\n")
                n += 1
        return n

    def restore(self, path: Path) -> int:
        """Replace the collection's content with a snapshot written by `export`."""
        with gzip.open(path, "rt", encoding="utf-8") as src:
            header = json.loads(src.readline())
            if header.get("embedding_model") != self.model_id:
                raise StoreError(f"快照由嵌入模型 {header.get('embedding_model')} 生成，与当前模型 {self.model_id} 不一致。")
            if self.client.collection_exists(self.collection):
                self.client.delete_collection(self.collection)
            self.ensure()
            batch: list[models.PointStruct] = []
            n = 0
            for line in src:
                row = json.loads(line)
                vec = {"dense": row["dense"], "bm25": models.SparseVector(indices=row["bm25"][0], values=row["bm25"][1])}
                batch.append(models.PointStruct(id=row["id"], vector=vec, payload=row["payload"]))
                if len(batch) >= 256:
                    self.upsert(batch)
                    n, batch = n + len(batch), []
            self.upsert(batch)
            return n + len(batch)
