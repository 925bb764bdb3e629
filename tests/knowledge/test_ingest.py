import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from knowledge.base import KnowledgeBase
from knowledge.chunking import chunk_markdown
from knowledge.documents import load_file
from knowledge.store import StoreError, open_client

from .corpus import DOCS, front, write_corpus


def _doc_points(kb: KnowledgeBase, doc_id: str) -> list[tuple[str, str]]:
    rows = kb.store.documents()
    return [(r["doc_id"], r["doc_version"]) for r in rows if r["doc_id"] == doc_id for _ in range(r["chunks"])]


def test_reingest_of_unchanged_corpus_embeds_nothing(make_kb, tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "docs")
    kb = make_kb()
    first = kb.ingestor.ingest_path(corpus, progress=False)
    assert (first.documents, first.embedded, first.unchanged, first.failed) == (5, 5, 0, [])
    count = kb.store.count()
    second = kb.ingestor.ingest_path(corpus, progress=False)
    assert (second.embedded, second.unchanged, second.chunks) == (0, 5, 0)
    assert kb.store.count() == count


def test_new_version_is_written_before_the_old_is_removed(make_kb, tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "docs", ["residence.md"])
    kb = make_kb()
    kb.ingestor.ingest_path(corpus, progress=False)
    observed: list[set[str]] = []
    store = kb.store
    real_upsert, real_delete = store.upsert, store.delete_from_source

    def watch(fn):
        def wrapper(*args, **kwargs):
            fn(*args, **kwargs)
            observed.append({v for _, v in _doc_points(kb, "gov-residence")})
        return wrapper

    store.upsert = watch(real_upsert)  # type: ignore[method-assign]
    store.delete_from_source = watch(real_delete)  # type: ignore[method-assign]
    spec = DOCS["residence.md"]
    (corpus / "residence.md").write_text(front(*spec[:5], spec[5] + "补领需登报声明。", version="2026-07"), "utf-8")
    report = kb.ingestor.ingest_path(corpus, progress=False)
    assert report.embedded == 1
    assert observed == [{"2026-01", "2026-07"}, {"2026-07"}]


def test_prune_removes_documents_no_longer_present(make_kb, tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "docs")
    kb = make_kb()
    kb.ingestor.ingest_path(corpus, progress=False)
    (corpus / "vaccine.md").unlink()
    kept = kb.ingestor.ingest_path(corpus, progress=False)
    assert kept.removed == 0 and _doc_points(kb, "med-vaccine")
    pruned = kb.ingestor.ingest_path(corpus, prune=True, progress=False)
    assert pruned.removed == 1 and not _doc_points(kb, "med-vaccine")
    assert {r["doc_id"] for r in kb.store.documents()} == {"gov-residence", "eld-allowance", "edu-school"}


def test_bad_file_is_reported_and_the_rest_ingests(make_kb, tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "docs", ["residence.md", "allowance.md"])
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "image.png").write_bytes(b"\x89PNG")
    report = make_kb().ingestor.ingest_path(corpus, progress=False)
    assert report.documents == 2 and report.embedded == 2
    assert report.failed == ["empty.txt: 文件为空"]
    assert report.skipped == [f"{corpus.resolve()}/image.png"]


def test_opening_with_another_embedding_model_is_refused(make_kb, tmp_path: Path, embedder, lexicon) -> None:
    kb = make_kb(tmp_path / "q")
    kb.close()

    class Other:
        model_id, dim = "other-model", 384
        embed_queries = embed_passages = embedder.embed_queries

    client = open_client(None, None, tmp_path / "q")
    try:
        with pytest.raises(StoreError, match="other-model"):
            KnowledgeBase(client, "test_docs", Other(), lexicon=lexicon)  # type: ignore[arg-type]
    finally:
        client.close()


def _expected_points(corpus: Path) -> int:
    total = 0
    for f in corpus.glob("*.md"):
        doc = load_file(f, f.name, 10**6)
        total += len(chunk_markdown(doc.text, doc.title))
    return total


@pytest.mark.slow
def test_sigkill_mid_ingest_then_rerun_leaves_exactly_the_expected_points(tmp_path: Path, make_kb) -> None:
    corpus = tmp_path / "docs"
    corpus.mkdir()
    for i in range(12):
        (corpus / f"doc{i:02d}.md").write_text(
            front(f"gov-doc{i:02d}", "government", "武汉市", None, f"第{i}号指南", f"第{i}号事项的办理说明。" * 12),
            encoding="utf-8",
        )
    home = tmp_path / "home"
    env = dict(os.environ, HUBEI_AGENT_HOME=str(home))
    cmd = [sys.executable, "-m", "serving.cli", "ingest", str(corpus)]
    proc = subprocess.Popen(cmd, env=env, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True,
                            cwd=Path(__file__).resolve().parents[2])
    assert proc.stderr is not None
    deadline = time.time() + 240
    buf = ""
    while time.time() < deadline:
        buf += proc.stderr.read(1) or ""
        if "| 3/12" in buf:
            break
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL
    rerun = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=600,
                           cwd=Path(__file__).resolve().parents[2])
    assert rerun.returncode == 0, rerun.stderr[-500:]
    kb = make_kb(home / "qdrant")
    kb.store.collection = "hubei_docs"
    assert kb.store.count() == _expected_points(corpus)
    assert len(kb.store.documents()) == 12
