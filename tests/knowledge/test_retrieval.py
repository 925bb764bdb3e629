import datetime as dt
from pathlib import Path

import pytest

from knowledge.base import KnowledgeBase

from .corpus import write_corpus


@pytest.fixture
def kb(make_kb, tmp_path: Path) -> KnowledgeBase:
    kb = make_kb()
    kb.ingestor.ingest_path(write_corpus(tmp_path / "docs"), progress=False)
    return kb


def _ids(kb: KnowledgeBase, query: str, **kw) -> list[str]:
    return list(dict.fromkeys(h.doc_id for h in kb.retriever.search(query, k=10, **kw).hits))


def test_hybrid_finds_the_right_document_first(kb: KnowledgeBase) -> None:
    assert _ids(kb, "办居住证要带什么")[0] == "gov-residence"
    assert _ids(kb, "老人八十岁能领什么补贴")[0] == "eld-allowance"


def test_domain_filter(kb: KnowledgeBase) -> None:
    assert set(_ids(kb, "办理需要什么材料", domains=["eldercare"])) == {"eld-allowance"}


def test_region_filter_sees_the_city_and_the_province(kb: KnowledgeBase) -> None:
    assert set(_ids(kb, "办理需要什么材料", region="武汉市")) == {"gov-residence", "med-vaccine"}
    assert set(_ids(kb, "办理需要什么材料", region="宜昌市")) == {"edu-school", "med-vaccine"}


def test_expired_versions_are_excluded_unless_asked_for(kb: KnowledgeBase) -> None:
    hits = kb.retriever.search("小学入学报名时间", domains=["education"], k=10).hits
    assert {h.doc_version for h in hits} == {"2026-01"}
    old = kb.retriever.search("小学入学报名时间", domains=["education"], k=10, include_expired=True).hits
    assert {h.doc_version for h in old} == {"2024-01", "2026-01"}


def test_validity_is_judged_on_the_given_date(kb: KnowledgeBase) -> None:
    hits = kb.retriever.search("小学入学报名时间", domains=["education"], k=10, on=dt.date(2025, 6, 1)).hits
    assert {h.doc_version for h in hits} == {"2024-01"}


def test_below_threshold_says_nothing_relevant(kb: KnowledgeBase) -> None:
    kb.retriever.min_relevance = 0.84
    relevant = kb.retriever.search("办居住证要带什么材料")
    noise = kb.retriever.search("推荐几首适合跑步听的流行歌曲")
    assert relevant.nothing_relevant is False and relevant.hits[0].relevance >= 0.84
    assert noise.nothing_relevant is True and all(h.relevance < 0.84 for h in noise.hits)


def test_dense_and_sparse_modes_work_alone(kb: KnowledgeBase) -> None:
    assert kb.retriever.search("居住证", mode="sparse").hits[0].doc_id == "gov-residence"
    assert kb.retriever.search("居住证", mode="dense").hits[0].doc_id == "gov-residence"
    assert kb.retriever.search("的了吗", mode="sparse").hits == []


def test_hits_carry_the_public_fields(kb: KnowledgeBase) -> None:
    hit = kb.retriever.search("居住证").hits[0].as_dict()
    assert {"doc_id", "doc_version", "title", "section", "domain", "region", "valid_from", "valid_to",
            "source", "score", "text"} <= set(hit)
    assert hit["source"].endswith("docs/residence.md") and hit["region"] == "武汉市"


def test_snapshot_and_restore_round_trip(kb: KnowledgeBase, tmp_path: Path) -> None:
    before = kb.store.count()
    n = kb.store.export(tmp_path / "kb.jsonl.gz")
    kb.store.delete_from_source(kb.store.documents()[0]["source"])
    assert kb.store.count() < before
    assert kb.store.restore(tmp_path / "kb.jsonl.gz") == n == before
    assert _ids(kb, "办居住证要带什么")[0] == "gov-residence"


def test_sample_corpus_answers_the_residence_permit_question(sample_kb: KnowledgeBase) -> None:
    hit = sample_kb.retriever.search("外地人在武汉办居住证要什么材料").hits[0]
    assert hit.doc_id == "gov-residence-permit-wuhan" and "居住证" in hit.title
