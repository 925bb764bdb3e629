"""Synthetic 10k/50k-chunk corpora for the retrieval benchmark: our Qdrant store beside LlamaIndex's index."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from llama_index.core import VectorStoreIndex
from llama_index.core.schema import QueryBundle, TextNode
from llama_index.core.vector_stores import FilterOperator, MetadataFilter, MetadataFilters
from qdrant_client import QdrantClient, models

from evals.bench_retrieval import (
    DIM,
    DISK_WRITE_BUDGET_S,
    FILTER_DOMAIN,
    MIN_QUERIES,
    PEER,
    SEED,
    TOP_K,
    VOCAB,
    PeerEmbedding,
    Sparse,
    _latency_ratios,
    _log,
    _rate,
    _ratio,
    _series,
    _write,
)
from knowledge.domains import DOMAINS
from knowledge.embedding import Vectors
from knowledge.lexicon import Lexicon
from knowledge.regions import CITIES, PROVINCE
from knowledge.retrieval import Retriever
from knowledge.store import ChunkStore, open_client


class SyntheticCorpus:
    """Deterministic pseudo-random chunks: unit dense vectors, Zipf sparse vectors, realistic payloads."""

    def __init__(self, size: int, seed: int = SEED) -> None:
        rng = np.random.default_rng(seed + size)
        self.size = size
        self.dense = _unit(rng.standard_normal((size, DIM), dtype=np.float32))
        self.perm = rng.permutation(VOCAB)  # frequent token ids are not simply the small ones
        self.sparse = [self._sparse_row(rng) for _ in range(size)]
        self.payloads = [self._payload(rng, i) for i in range(size)]

    def _zipf_ids(self, rng: np.random.Generator, n: int) -> np.ndarray:
        return self.perm[(rng.zipf(1.3, n) - 1) % VOCAB]

    def _sparse_row(self, rng: np.random.Generator) -> Sparse:
        ids, tf = np.unique(self._zipf_ids(rng, 32), return_counts=True)
        ids, tf = ids[:20], tf[:20]
        norm = 1.2 * (0.25 + 0.75 * int(rng.integers(60, 260)) / 140.0)  # BM25 length norm, k1=1.2, b=0.75
        return [int(x) for x in ids], [round(float(w), 5) for w in tf * 2.2 / (tf + norm)]

    @staticmethod
    def _payload(rng: np.random.Generator, i: int) -> dict[str, Any]:
        doc, chunk = divmod(i, 8)
        domains = [str(d) for d in rng.choice(DOMAINS, size=2 if rng.random() < 0.1 else 1, replace=False)]
        region = PROVINCE if rng.random() < 0.4 else str(rng.choice(CITIES))
        roll = rng.random()
        valid_to = None if roll < 0.7 else ("2023-12-31" if roll < 0.8 else "2030-12-31")
        return {
            "doc_id": f"synthetic-{doc:06d}", "doc_version": "1", "title": f"合成文档 {doc}", "domain": domains,
            "region": region, "issuer": "", "doc_number": "", "valid_from": "2022-01-01", "valid_to": valid_to,
            "source": f"synthetic/{doc:06d}.md", "section": f"第{chunk + 1}节", "language": "zh",
            "text": f"合成分块 {i}", "content_hash": f"{doc:012x}", "sample": True, "chunk_no": chunk,
            "chunk_count": 8,
        }

    def point(self, i: int) -> models.PointStruct:
        """Chunk `i` as a Qdrant point."""
        idx, val = self.sparse[i]
        return models.PointStruct(id=i, payload=self.payloads[i], vector={
            "dense": self.dense[i].tolist(), "bm25": models.SparseVector(indices=idx, values=val)})

    def queries(self, n: int, seed: int = SEED) -> tuple[list[int], Vectors, list[Sparse]]:
        """`n` queries, each a noisy copy of one target chunk (dense cosine about 0.7, half its terms)."""
        rng = np.random.default_rng(seed - n)
        targets = [int(t) for t in rng.integers(0, self.size, n)]
        dense = _unit(self.dense[targets] + _unit(rng.standard_normal((n, DIM), dtype=np.float32)))
        sparse: list[Sparse] = []
        for t in targets:
            own = self.sparse[t][0][: max(1, len(self.sparse[t][0]) // 2)]
            ids = list(dict.fromkeys([*own, *(int(x) for x in self._zipf_ids(rng, 3))]))
            sparse.append((ids, [1.0] * len(ids)))
        return targets, dense, sparse


def _unit(arr: np.ndarray) -> np.ndarray:
    return (arr / np.linalg.norm(arr, axis=1, keepdims=True)).astype(np.float32)


class TableEmbedder:
    """Stand-in embedder: query text `q<i>` maps to a precomputed vector."""

    model_id = "synthetic/random-unit-384"
    dim = DIM

    def __init__(self, vectors: Vectors) -> None:
        self._vectors = vectors

    def embed_queries(self, texts: Sequence[str]) -> Vectors:
        """Precomputed vectors of queries `q<i>`."""
        return self._vectors[[int(t[1:]) for t in texts]]

    def embed_passages(self, texts: Sequence[str]) -> Vectors:
        """Never used by search; the same table."""
        return self.embed_queries(texts)


class TableLexicon(Lexicon):
    """Stand-in lexicon: query text `q<i>` maps to a precomputed sparse vector (no jieba)."""

    def __init__(self, sparse: Sequence[Sparse]) -> None:
        self._sparse = list(sparse)

    def query_vector(self, text: str) -> Sparse:
        """Precomputed sparse vector of query `q<i>`."""
        return self._sparse[int(text[1:])]


def bench_synthetic(size: int, n_queries: int, scratch: Path) -> dict[str, Any]:
    """One synthetic size: Qdrant local-mode writes and searches (filtered and not) against LlamaIndex dense."""
    started = time.perf_counter()
    corpus = SyntheticCorpus(size)
    targets, qdense, qsparse = corpus.queries(n_queries)
    _log(f"合成 {size}：写入 Qdrant 本地模式（磁盘）……")
    disk = open_client(None, None, scratch / f"synthetic_{size}")
    on_disk = _write(ChunkStore(disk, "bench", TableEmbedder.model_id, DIM), corpus.point, size, DISK_WRITE_BUDGET_S)
    disk.close()
    if on_disk["chunks"] < size:
        on_disk["note"] = (f"本地模式每个点单独提交 SQLite，磁盘写入只测了前 {on_disk['chunks']} 个分块"
                           f"（{DISK_WRITE_BUDGET_S:.0f} 秒预算）；查询用内存中的完整集合，本地模式本就在内存中检索")
    _log(f"合成 {size}：写入 Qdrant 本地模式（内存）……")
    client = QdrantClient(location=":memory:")
    store = ChunkStore(client, "bench", TableEmbedder.model_id, DIM)
    in_memory = _write(store, corpus.point, size)
    retriever = Retriever(store, TableEmbedder(qdense), TableLexicon(qsparse), min_relevance=0.0)
    today = dt.date.today()
    ours: dict[str, Any] = {"write_disk": on_disk, "write_memory": in_memory}
    runs: list[tuple[str, Callable[[int], Any], int]] = [
        ("hybrid", lambda i: retriever.search(f"q{i}", k=TOP_K, include_expired=True), MIN_QUERIES),
        ("dense", lambda i: retriever.search(f"q{i}", k=TOP_K, include_expired=True, mode="dense"), MIN_QUERIES),
        ("hybrid_domain_filter", lambda i: retriever.search(
            f"q{i}", k=TOP_K, domains=[FILTER_DOMAIN], include_expired=True), MIN_QUERIES),
        ("hybrid_domain_validity_filter", lambda i: retriever.search(
            f"q{i}", k=TOP_K, domains=[FILTER_DOMAIN], on=today), 3),
    ]
    for name, run, floor in runs:
        _log(f"合成 {size}：我方 {name} 查询……")
        ours[name], results = _series(run, n_queries, floor=floor)
        if "filter" not in name:
            ours[name]["target_hit@5"] = round(sum(
                str(targets[i]) in {h.chunk_id for h in r.hits} for i, r in enumerate(results)) / len(results), 3)
    client.close()
    peer = _peer_synthetic(corpus, targets, qdense, n_queries)
    return {
        "chunks": size, "dim": DIM, "k": TOP_K, "ours": ours, "peer": peer,
        "ratios": {
            "write_disk_ours_over_peer_build": _ratio(on_disk["chunks_per_s"], peer["build_chunks_per_s"]),
            "write_memory_ours_over_peer_build": _ratio(in_memory["chunks_per_s"], peer["build_chunks_per_s"]),
            "hybrid_vs_peer_dense": _latency_ratios(ours["hybrid"], peer["dense"]),
            "dense_vs_peer_dense": _latency_ratios(ours["dense"], peer["dense"]),
            "domain_filter_vs_peer_domain_filter": _latency_ratios(ours["hybrid_domain_filter"],
                                                                   peer["dense_domain_filter"]),
        },
        "notes": "hybrid: 稠密 + 稀疏 RRF 融合，无过滤；hybrid_domain_filter: 领域 any-of 过滤；"
                 "hybrid_domain_validity_filter: 领域 + 有效期过滤（产品默认检索）。对照没有稀疏检索，只比稠密；"
                 "对照的领域过滤按第一个领域等值匹配。target_hit@5: 查询由某个分块加噪声生成，该分块进入前 5 的比例。",
        "seconds": round(time.perf_counter() - started, 1),
    }


def _peer_synthetic(corpus: SyntheticCorpus, targets: list[int], qdense: Vectors, n_queries: int) -> dict[str, Any]:
    _log(f"合成 {corpus.size}：LlamaIndex 对照建索引……")
    t0 = time.perf_counter()
    nodes = [TextNode(id_=str(i), text=corpus.payloads[i]["text"], embedding=corpus.dense[i].tolist(),
                      metadata={"doc_id": corpus.payloads[i]["doc_id"], "domain": corpus.payloads[i]["domain"][0]})
             for i in range(corpus.size)]
    index = VectorStoreIndex(nodes, embed_model=PeerEmbedding(TableEmbedder(qdense)))
    build_s = time.perf_counter() - t0
    del nodes
    only = MetadataFilters(filters=[MetadataFilter(key="domain", value=FILTER_DOMAIN, operator=FilterOperator.EQ)])
    peer: dict[str, Any] = {"name": PEER, "build_seconds": round(build_s, 2),
                            "build_chunks_per_s": _rate(corpus.size, build_s)}
    for name, retriever in (("dense", index.as_retriever(similarity_top_k=TOP_K)),
                            ("dense_domain_filter", index.as_retriever(similarity_top_k=TOP_K, filters=only))):
        _log(f"合成 {corpus.size}：对照 {name} 查询……")

        def run(i: int, r: Any = retriever) -> Any:
            return r.retrieve(QueryBundle(query_str=f"q{i}", embedding=qdense[i].tolist()))

        peer[name], results = _series(run, n_queries)
        if name == "dense":
            peer[name]["target_hit@5"] = round(sum(
                str(targets[i]) in {n.node.node_id for n in r} for i, r in enumerate(results)) / len(results), 3)
    return peer


