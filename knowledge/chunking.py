"""Chinese-aware chunking: heading paths kept as sections, sentences cut at 。！？；, ~300-500 characters."""

from __future__ import annotations

import re
from dataclasses import dataclass

from llama_index.core.node_parser import SentenceSplitter

MAX_CHARS = 500
TARGET_CHARS = 450
OVERLAP_CHARS = 50

_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
_SENTENCE = re.compile(r"[^。！？；!?;\n]+[。！？；!?;”’」』）)]*\n?|\n+")


@dataclass(frozen=True)
class Chunk:
    """A retrievable passage: its position, the heading path it sits under, and its text."""

    index: int
    section: str
    text: str


@dataclass
class _Section:
    path: str
    text: str


def split_sentences(text: str) -> list[str]:
    """Sentences ending in Chinese or Western sentence marks (closing quotes stay with their sentence)."""
    return [s for s in _SENTENCE.findall(text) if s]


def _sections(markdown: str, title: str) -> list[_Section]:
    stack: list[tuple[int, str]] = []
    out: list[_Section] = [_Section("", "")]
    for line in markdown.splitlines():
        m = _HEADING.match(line.strip())
        if m:
            level, heading = len(m.group(1)), m.group(2).strip()
            while stack and stack[-1][0] >= level:
                stack.pop()
            if level == 1 and heading == title:
                continue
            stack.append((level, heading))
            out.append(_Section(" > ".join(h for _, h in stack), heading + "\n"))
        else:
            out[-1].text += line + "\n"
    return [s for s in out if s.text.strip()]


def _splitter() -> SentenceSplitter:
    # Characters, not model tokens, are the unit: `tokenizer=list` counts one per character.
    return SentenceSplitter(
        chunk_size=TARGET_CHARS,
        chunk_overlap=OVERLAP_CHARS,
        tokenizer=list,
        chunking_tokenizer_fn=split_sentences,
        paragraph_separator="\n\n",
        separator="",
    )


def chunk_markdown(markdown: str, title: str = "") -> list[Chunk]:
    """Chunks of a document: small sections packed together, long sections split at sentence ends."""
    chunks: list[tuple[str, str]] = []
    paths: list[str] = []
    buffer = ""

    def flush() -> None:
        nonlocal buffer, paths
        if buffer.strip():
            distinct = [p for p in dict.fromkeys(paths) if p]
            # A parent heading followed by its own sub-sections is named once, by the sub-sections.
            kept = [p for p in distinct if not any(q.startswith(p + " > ") for q in distinct)]
            chunks.append(("；".join(kept), buffer.strip()))
        buffer, paths = "", []

    splitter: SentenceSplitter | None = None
    for sec in _sections(markdown, title):
        body = sec.text.strip()
        if len(body) > MAX_CHARS:
            flush()
            splitter = splitter or _splitter()
            for piece in splitter.split_text(body):
                chunks.append((sec.path, piece.strip()))
            continue
        if len(buffer) + len(body) + 1 > MAX_CHARS:
            flush()
        buffer += body + "\n"
        paths.append(sec.path)
    flush()
    return [Chunk(i, section, text) for i, (section, text) in enumerate(chunks) if text]


def embedding_text(title: str, chunk: Chunk) -> str:
    """What the dense model sees: the chunk in the context of its document and section."""
    head = f"{title}｜{chunk.section}" if chunk.section else title
    return f"{head}\n{chunk.text}"
