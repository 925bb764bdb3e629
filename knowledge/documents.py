"""Source documents: reading files of every supported format and their front matter into one record."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from knowledge.domains import DOMAINS, infer_domains
from knowledge.regions import PROVINCE, find_region_in_text, normalise_region
from knowledge.sanitize import sanitize

SUPPORTED_SUFFIXES = frozenset({".md", ".markdown", ".txt", ".html", ".htm", ".pdf", ".docx"})
_FRONT = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.S)
_HAN = re.compile(r"[\u4e00-\u9fff]")


class BadDocument(ValueError):
    """A file that cannot be ingested; the message names the file and says why, in one line."""


@dataclass(frozen=True)
class SourceDocument:
    """One version of one document, as read from a file, with the metadata of DESIGN.md §6."""

    doc_id: str
    doc_version: str
    title: str
    domains: tuple[str, ...]
    region: str
    text: str
    source: str
    language: str = "zh"
    issuer: str = ""
    doc_number: str = ""
    valid_from: str | None = None
    valid_to: str | None = None
    sample: bool = False
    life_event: str = ""
    translation_of: str = ""
    inferred: tuple[str, ...] = field(default=())
    # Hidden text and instructions to a model removed from the file (knowledge/sanitize.py).
    removed: tuple[str, ...] = field(default=())

    @property
    def content_hash(self) -> str:
        """Hash of everything that ends up in the index: text and metadata."""
        meta = "|".join(
            [self.doc_id, self.doc_version, self.title, ",".join(self.domains), self.region, self.language,
             self.issuer, self.doc_number, str(self.valid_from), str(self.valid_to), str(self.sample),
             self.life_event, self.source]
        )
        return hashlib.sha256((meta + "\n" + self.text).encode("utf-8")).hexdigest()[:32]


def detect_language(text: str) -> str:
    """"zh" when Chinese characters make up a fair share of the letters, else "en"."""
    han = len(_HAN.findall(text))
    latin = len(re.findall(r"[A-Za-z]", text))
    return "zh" if han * 3 >= latin else "en"


def decode_bytes(raw: bytes, name: str) -> str:
    """Decode text from a website or office: UTF-8 first, then GB18030 (a superset of GBK/GB2312)."""
    if b"\x00" in raw[:4096]:
        raise BadDocument(f"{name}: 不是文本文件（含二进制内容）")
    for enc in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(enc)
        except UnicodeDecodeError:
            continue
    raise BadDocument(f"{name}: 无法识别的文字编码")


def _html_to_markdown(html: str) -> str:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(["script", "style", "nav", "header", "footer", "noscript", "iframe", "form"]):
        tag.decompose()
    title = soup.title.get_text(strip=True) if soup.title else ""
    for level in range(1, 7):
        for h in soup.find_all(f"h{level}"):
            h.replace_with(f"\n\n{'#' * level} {h.get_text(' ', strip=True)}\n\n")
    for li in soup.find_all("li"):
        li.insert_before("\n- ")
    for tag in soup.find_all(["p", "div", "br", "tr", "section", "article"]):
        tag.insert_after("\n")
    body = soup.body or soup
    text = re.sub(r"\n\s*\n+", "\n\n", body.get_text())
    text = "\n".join(line.strip() for line in text.splitlines())
    if title and not text.lstrip().startswith("# "):
        text = f"# {title}\n\n{text}"
    return text.strip()


def _llama_read(path: Path) -> str:
    from llama_index.readers.file import DocxReader, PDFReader

    reader = PDFReader(return_full_document=True) if path.suffix.lower() == ".pdf" else DocxReader()
    try:
        docs = reader.load_data(path)
    except Exception as exc:  # a broken PDF/DOCX raises anything from deep inside the parser
        raise BadDocument(f"{path.name}: 文件已损坏或无法解析（{type(exc).__name__}）") from exc
    return "\n\n".join(d.text for d in docs)


def read_text(path: Path, max_bytes: int) -> str:
    """The text of a supported file, or BadDocument (empty, binary, broken, too large, unsupported)."""
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise BadDocument(f"{path.name}: 不支持的文件类型 {suffix or '（无扩展名）'}")
    size = path.stat().st_size
    if size == 0:
        raise BadDocument(f"{path.name}: 文件为空")
    if size > max_bytes:
        raise BadDocument(f"{path.name}: 文件超过大小上限（{size // 1024} KB > {max_bytes // 1024} KB）")
    if suffix in {".pdf", ".docx"}:
        text = _llama_read(path)
    else:
        text = decode_bytes(path.read_bytes(), path.name)
        if suffix in {".html", ".htm"}:
            text = _html_to_markdown(text)
    text = text.replace("\r\n", "\n").replace("\u3000", " ").strip()
    if len(re.sub(r"\s", "", _FRONT.sub("", text))) < 10:
        raise BadDocument(f"{path.name}: 没有可用的正文内容")
    return text


def _date(value: Any) -> str | None:
    if value in (None, "", "null"):
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return dt.date.fromisoformat(str(value)).isoformat()


def _slug(rel: str) -> str:
    stem = re.sub(r"[^a-z0-9]+", "-", Path(rel).with_suffix("").as_posix().lower()).strip("-")
    return f"file-{stem[:40] or 'doc'}-{hashlib.sha1(rel.encode()).hexdigest()[:8]}"


def _title_of(body: str, fallback: str) -> str:
    for line in body.splitlines():
        clean = line.strip().lstrip("#").strip()
        if clean:
            return clean[:80]
    return fallback


def parse_document(
    text: str, source: str, *, domain: str | None = None, region: str | None = None
) -> SourceDocument:
    """Build a SourceDocument from file text: front matter where present, inference where not."""
    meta: dict[str, Any] = {}
    body = text
    m = _FRONT.match(text)
    if m:
        try:
            loaded = yaml.safe_load(m.group(1)) or {}
        except yaml.YAMLError as exc:
            raise BadDocument(f"{source}: 文件头（front matter）格式错误：{str(exc).splitlines()[0]}") from exc
        if not isinstance(loaded, dict):
            raise BadDocument(f"{source}: 文件头（front matter）不是键值对")
        meta, body = loaded, text[m.end() :]
    inferred: list[str] = []
    raw_domain = domain or meta.get("domain")
    if raw_domain:
        domains = tuple([raw_domain] if isinstance(raw_domain, str) else raw_domain)
    else:
        domains = infer_domains(body)
        inferred.append("domain")
    unknown = [d for d in domains if d not in DOMAINS]
    if unknown:
        raise BadDocument(f"{source}: 未知领域 {unknown}，应为 {', '.join(DOMAINS)}")
    try:
        reg = normalise_region(region or meta.get("region"))
    except ValueError as exc:
        raise BadDocument(f"{source}: {exc}") from exc
    if reg is None:
        reg = find_region_in_text(body[:600]) or PROVINCE
        inferred.append("region")
    try:
        valid_from, valid_to = _date(meta.get("valid_from")), _date(meta.get("valid_to"))
    except ValueError as exc:
        raise BadDocument(f"{source}: 有效期日期格式错误，应为 YYYY-MM-DD") from exc
    body, removed = sanitize(body)  # reported by the ingest run (`sanitized`)
    body = body.strip()
    doc = SourceDocument(
        doc_id=str(meta.get("doc_id") or _slug(source)),
        doc_version=str(meta.get("doc_version") or ""),
        title=str(meta.get("title") or _title_of(body, Path(source).stem)),
        domains=domains,
        region=reg,
        text=body,
        source=source,
        language=str(meta.get("language") or detect_language(body)),
        issuer=str(meta.get("issuer") or ""),
        doc_number=str(meta.get("doc_number") or ""),
        valid_from=valid_from,
        valid_to=valid_to,
        sample=bool(meta.get("sample", False)),
        life_event=str(meta.get("life_event") or ""),
        translation_of=str(meta.get("translation_of") or ""),
        inferred=tuple(inferred),
        removed=tuple(removed),
    )
    if not doc.doc_version:
        doc = replace(doc, doc_version=doc.content_hash[:12])
    return doc


def load_file(path: Path, source: str, max_bytes: int, *, domain: str | None = None,
              region: str | None = None) -> SourceDocument:
    """Read and parse one file; raises BadDocument with a one-line reason."""
    return parse_document(read_text(path, max_bytes), source, domain=domain, region=region)
