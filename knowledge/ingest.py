"""Incremental, crash-safe ingestion: unchanged files skipped by hash, new versions written before old removed."""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from qdrant_client import models
from tqdm import tqdm

from knowledge.chunking import chunk_markdown, embedding_text
from knowledge.documents import SUPPORTED_SUFFIXES, BadDocument, SourceDocument, load_file
from knowledge.embedding import Embedder
from knowledge.lexicon import Lexicon
from knowledge.store import OPEN_END, SCHEMA_VERSION, ChunkStore, day_number, point_id

SAMPLE_PREFIX = "sample_corpus"


def sample_corpus_dir() -> Path:
    """The illustrative sample corpus shipped inside the package."""
    return Path(str(resources.files("knowledge").joinpath(SAMPLE_PREFIX)))


@dataclass
class IngestReport:
    """What one ingest run did; `failed` holds one line per bad file."""

    documents: int = 0
    embedded: int = 0
    unchanged: int = 0
    chunks: int = 0
    removed: int = 0
    failed: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    inferred: list[str] = field(default_factory=list)
    sanitized: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def summary(self) -> str:
        """One human line for the end of the command."""
        return (
            f"文档 {self.documents} 个：重新嵌入 {self.embedded}，未变跳过 {self.unchanged}，"
            f"写入分块 {self.chunks}，删除 {self.removed}，跳过文件 {len(self.skipped)}，失败 {len(self.failed)}，"
            f"用时 {self.seconds:.1f} 秒"
        )

    def as_dict(self) -> dict[str, object]:
        """Machine-readable form."""
        return {
            "documents": self.documents, "embedded": self.embedded, "unchanged": self.unchanged,
            "chunks": self.chunks, "removed": self.removed, "failed": self.failed, "skipped": self.skipped,
            "inferred": self.inferred, "sanitized": self.sanitized, "seconds": round(self.seconds, 2),
        }


class Ingestor:
    """Reads files, chunks, embeds (dense + BM25) and writes them to the chunk store."""

    def __init__(self, store: ChunkStore, embedder: Embedder, lexicon: Lexicon, max_bytes: int) -> None:
        self.store = store
        self.embedder = embedder
        self.lexicon = lexicon
        self.max_bytes = max_bytes

    def ingest_sample(self, *, prune: bool = True, progress: bool = True) -> IngestReport:
        """Ingest the bundled sample corpus."""
        return self.ingest_path(sample_corpus_dir(), prune=prune, progress=progress, label=SAMPLE_PREFIX)

    def ingest_path(
        self,
        path: Path,
        *,
        domain: str | None = None,
        region: str | None = None,
        prune: bool = False,
        progress: bool = True,
        label: str | None = None,
    ) -> IngestReport:
        """Ingest a file or a directory tree; `prune` removes documents of that tree no longer present."""
        started = time.perf_counter()
        report = IngestReport()
        root = path.resolve()
        if not root.exists():
            raise FileNotFoundError(f"路径不存在：{path}")
        base = label or str(root)
        files = sorted(p for p in root.rglob("*") if p.is_file()) if root.is_dir() else [root]
        seen: set[str] = set()
        bar = tqdm(files, desc="导入", unit="个文件", file=sys.stderr, disable=not progress)
        for file in bar:
            rel = file.relative_to(root).as_posix() if root.is_dir() else file.name
            source = f"{base}/{rel}" if root.is_dir() else (f"{label}/{rel}" if label else str(root))
            if file.suffix.lower() not in SUPPORTED_SUFFIXES or file.name.startswith("."):
                report.skipped.append(source)
                continue
            seen.add(source)
            try:
                doc = load_file(file, source, self.max_bytes, domain=domain, region=region)
            except BadDocument as exc:
                report.failed.append(str(exc))
                bar.write(f"失败：{exc}", file=sys.stderr)
                continue
            report.documents += 1
            if doc.inferred:
                note = f"{source}: 推断 领域={','.join(doc.domains)} 地区={doc.region}"
                report.inferred.append(note)
                bar.write(note, file=sys.stderr)
            if doc.removed:
                note = f"{source}: 已移除 {len(doc.removed)} 处隐藏内容或写给模型的指令"
                report.sanitized.append(note)
                bar.write(note, file=sys.stderr)
            written = self.ingest_document(doc)
            if written:
                report.embedded += 1
                report.chunks += written
            else:
                report.unchanged += 1
        if prune and root.is_dir():
            for gone in sorted(s for s in self.store.sources() if s.startswith(base + "/") and s not in seen):
                self.store.delete_from_source(gone)
                report.removed += 1
        report.seconds = time.perf_counter() - started
        return report

    def ingest_document(self, doc: SourceDocument) -> int:
        """Write one document version; returns chunks written, 0 if it was already stored intact."""
        # The schema version is part of the digest: a payload layout change re-writes every document.
        digest = f"{doc.content_hash}-s{SCHEMA_VERSION}"
        existing = self.store.points_for_source(doc.source)
        if existing and all(p.content_hash == digest and p.chunk_count == len(existing) for p in existing):
            return 0
        chunks = chunk_markdown(doc.text, doc.title)
        dense = self.embedder.embed_passages([embedding_text(doc.title, c) for c in chunks])
        points = []
        for chunk, vec in zip(chunks, dense, strict=True):
            idx, val = self.lexicon.document_vector(f"{doc.title}\n{chunk.section}\n{chunk.text}")
            payload = {
                "doc_id": doc.doc_id, "doc_version": doc.doc_version, "title": doc.title,
                "domain": list(doc.domains), "region": doc.region, "issuer": doc.issuer,
                "doc_number": doc.doc_number, "valid_from": doc.valid_from, "valid_to": doc.valid_to,
                "source": doc.source, "section": chunk.section, "language": doc.language, "text": chunk.text,
                "content_hash": digest, "sample": doc.sample, "life_event": doc.life_event,
                "translation_of": doc.translation_of, "chunk_no": chunk.index, "chunk_count": len(chunks),
                "valid_from_day": day_number(doc.valid_from, 0), "valid_to_day": day_number(doc.valid_to, OPEN_END),
            }
            points.append(models.PointStruct(
                id=point_id(doc.doc_id, doc.doc_version, chunk.index),
                vector={"dense": vec.tolist(), "bm25": models.SparseVector(indices=idx, values=val)},
                payload=payload,
            ))
        # New version first, then whatever of the old one is not overwritten: no moment without the document.
        self.store.upsert(points)
        new_ids = {str(p.id) for p in points}
        self.store.delete_from_source(doc.source, [p.id for p in existing if p.id not in new_ids])
        return len(points)

