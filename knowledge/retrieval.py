"""Hybrid retrieval: dense + BM25 fused by RRF inside Qdrant, with domain, region and validity filters."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any, Literal

import numpy as np
from qdrant_client import models

from knowledge.embedding import Embedder
from knowledge.lexicon import Lexicon
from knowledge.regions import visible_regions
from knowledge.store import ChunkStore, day_number

Mode = Literal["hybrid", "dense", "sparse"]

# Below this dense cosine (multilingual-e5 scale, where unrelated Chinese text still scores ~0.75)
# the best passage is treated as noise. Calibrated with `hubei-agent eval --stage retrieval`.
DEFAULT_MIN_RELEVANCE = 0.80


@dataclass(frozen=True)
class Hit:
    """One retrieved chunk with the fields of the public `search --json` contract."""

    doc_id: str
    doc_version: str
    title: str
    section: str
    domain: list[str]
    region: str
    valid_from: str | None
    valid_to: str | None
    source: str
    score: float
    text: str
    relevance: float
    language: str
    sample: bool
    chunk_id: str

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return asdict(self)


@dataclass(frozen=True)
class SearchResult:
    """Hits best first; `nothing_relevant` when even the best is below the relevance threshold."""

    hits: list[Hit]
    nothing_relevant: bool


class Retriever:
    """Searches the chunk store; the same code for Qdrant local mode and a server."""

    def __init__(self, store: ChunkStore, embedder: Embedder, lexicon: Lexicon,
                 min_relevance: float = DEFAULT_MIN_RELEVANCE) -> None:
        self.store = store
        self.embedder = embedder
        self.lexicon = lexicon
        self.min_relevance = min_relevance

    def build_filter(self, domains: Sequence[str] | None, region: str | None, include_expired: bool,
                     on: dt.date) -> models.Filter | None:
        """Domain any-of, region (itself, its city, the province), valid on the given date."""
        must: list[Any] = []
        if domains:
            must.append(models.FieldCondition(key="domain", match=models.MatchAny(any=list(domains))))
        regions = visible_regions(region)
        if regions:
            must.append(models.FieldCondition(key="region", match=models.MatchAny(any=regions)))
        if not include_expired:
            day = day_number(on.isoformat(), 0)
            must.append(models.FieldCondition(key="valid_from_day", range=models.Range(lte=day)))
            must.append(models.FieldCondition(key="valid_to_day", range=models.Range(gte=day)))
        return models.Filter(must=must) if must else None

    def search(
        self,
        query: str,
        *,
        domains: Sequence[str] | None = None,
        region: str | None = None,
        k: int = 5,
        include_expired: bool = False,
        on: dt.date | None = None,
        mode: Mode = "hybrid",
    ) -> SearchResult:
        """Top-k chunks for a question; see SearchResult for the relevance threshold."""
        flt = self.build_filter(domains, region, include_expired, on or dt.date.today())
        qvec = self.embedder.embed_queries([query])[0]
        idx, val = self.lexicon.query_vector(query)
        sparse = models.SparseVector(indices=idx, values=val)
        depth = max(k * 4, 40)
        client, name = self.store.client, self.store.collection
        common: dict[str, Any] = {"limit": k, "with_payload": True, "with_vectors": ["dense"]}
        if mode == "dense":
            res = client.query_points(name, query=qvec.tolist(), using="dense", query_filter=flt, **common)
        elif mode == "sparse":
            if not idx:
                return SearchResult([], True)
            res = client.query_points(name, query=sparse, using="bm25", query_filter=flt, **common)
        else:
            # The filter goes on the prefetches only: fusion ranks just what they returned, so filtering
            # the fused result again would re-check every point (slow in local mode) for nothing.
            prefetch = [models.Prefetch(query=qvec.tolist(), using="dense", limit=depth, filter=flt)]
            if idx:
                prefetch.append(models.Prefetch(query=sparse, using="bm25", limit=depth, filter=flt))
            res = client.query_points(name, prefetch=prefetch, query=models.FusionQuery(fusion=models.Fusion.RRF),
                                      **common)
        hits = [self._hit(p, qvec) for p in res.points]
        best = max((h.relevance for h in hits), default=0.0)
        return SearchResult(hits, best < self.min_relevance)

    @staticmethod
    def _hit(point: Any, qvec: np.ndarray) -> Hit:
        pl = point.payload or {}
        dense = point.vector.get("dense") if isinstance(point.vector, dict) else None
        relevance = float(np.dot(np.asarray(dense, dtype=np.float32), qvec)) if dense is not None else 0.0
        domain = pl.get("domain") or []
        return Hit(
            doc_id=pl["doc_id"], doc_version=pl["doc_version"], title=pl["title"], section=pl.get("section", ""),
            domain=[domain] if isinstance(domain, str) else list(domain), region=pl["region"],
            valid_from=pl.get("valid_from"), valid_to=pl.get("valid_to"), source=pl["source"],
            score=round(float(point.score), 6), text=pl["text"], relevance=round(relevance, 4),
            language=pl.get("language", "zh"), sample=bool(pl.get("sample")), chunk_id=str(point.id),
        )
