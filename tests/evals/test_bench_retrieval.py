import json
from pathlib import Path

import numpy as np

from evals.bench_retrieval import _series, run_bench
from evals.bench_synthetic import SyntheticCorpus


def _positive_latency(series: dict) -> None:
    assert series["queries"] == 5
    assert 0 < series["latency_ms"]["p50"] <= series["latency_ms"]["p95"]


def test_synthetic_bench_reports_every_series_and_writes_the_report(tmp_path: Path) -> None:
    report = run_bench([300], sample=False, queries=5, workdir=tmp_path)

    assert set(report) == {"synthetic", "machine", "seconds"}
    assert report["seconds"] > 0 and report["machine"]["cores"] >= 1
    part = report["synthetic"]["300"]
    assert (part["chunks"], part["dim"], part["k"]) == (300, 384, 5)
    ours, peer = part["ours"], part["peer"]
    for write in (ours["write_disk"], ours["write_memory"]):
        assert write["chunks"] == 300 and write["chunks_per_s"] > 0
    for name in ("hybrid", "dense", "hybrid_domain_filter", "hybrid_domain_validity_filter"):
        _positive_latency(ours[name])
    for name in ("dense", "dense_domain_filter"):
        _positive_latency(peer[name])
    # Queries are noisy copies of one chunk each: every pipeline must find it.
    assert ours["hybrid"]["target_hit@5"] == ours["dense"]["target_hit@5"] == peer["dense"]["target_hit@5"] == 1.0
    assert peer["build_chunks_per_s"] > 0 and peer["name"].startswith("llama-index-core")
    ratios = part["ratios"]
    assert ratios["write_disk_ours_over_peer_build"] > 0
    for key in ("hybrid_vs_peer_dense", "dense_vs_peer_dense", "domain_filter_vs_peer_domain_filter"):
        assert ratios[key]["latency_p50_ours_over_peer"] > 0 and ratios[key]["latency_p95_ours_over_peer"] > 0
    written = tmp_path / "reports" / "bench_retrieval.json"
    assert json.loads(written.read_text(encoding="utf-8")) == report
    assert [p.name for p in tmp_path.iterdir()] == ["reports"]  # scratch collections removed


def test_synthetic_corpus_is_deterministic_and_shaped_like_real_chunks() -> None:
    a, b = SyntheticCorpus(64), SyntheticCorpus(64)
    assert np.array_equal(a.dense, b.dense) and a.sparse == b.sparse and a.payloads == b.payloads
    assert np.allclose(np.linalg.norm(a.dense, axis=1), 1.0, atol=1e-5)
    assert all(0 < len(idx) <= 20 and len(idx) == len(set(idx)) for idx, _ in a.sparse)
    assert {"doc_id", "domain", "region", "valid_to", "text"} <= set(a.payloads[0])
    targets, dense, sparse = a.queries(4)
    assert len(targets) == dense.shape[0] == len(sparse) == 4


def test_series_is_cut_after_its_budget_but_not_below_its_floor() -> None:
    stats, results = _series(lambda i: i, 10, budget_s=0.0, floor=3)
    assert stats["queries"] == 3 and results == [0, 1, 2]
    assert "3/10" in stats["note"]
    full, _ = _series(lambda i: i, 4, budget_s=60.0, floor=3)
    assert full["queries"] == 4 and "note" not in full
