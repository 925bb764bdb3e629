"""A passage as the units an extractive answer is made of: sentences, list items, FAQ answers, table rows."""

from __future__ import annotations

import re
from dataclasses import dataclass

from knowledge.retrieval import Hit

_LIST_ITEM = re.compile(r"^\s*(\d+[.、．)]|[-•·]|（\d+）|\(\d+\))\s*")
_HEADING = re.compile(r"^(第?[一二三四五六七八九十]+[、章节]|（[一二三四五六七八九十]+）)")
# "7. Fees", "5.2 In person": numbered English headings, told from list items by having no end punctuation.
_EN_HEADING = re.compile(r"^(?:[A-Za-z ]{0,3}\d+\.\s*[A-Z]|\d+(?:\.\d+)+\.?\s+[A-Z])")
_FAQ_Q = re.compile(r"^(问|Q)\s*[:：]\s*")
_FAQ_A = re.compile(r"^(答|A)\s*[:：]\s*")
_ASKS = re.compile(r"[?？]$")
_SENT = re.compile(r"[^。！？；!?;]+[。！？；!?;]?")
# English sentences end with a full stop followed by a capital ("… 3 working days. Online …").
_EN_SENT = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“(])")
_TABLE_RULE = re.compile(r"^\|?\s*:?-{2,}")
_LATIN_LINE = re.compile(r"^[\x00-\x7f“”‘’]+$")


@dataclass(frozen=True)
class Unit:
    """A sentence or list item of a passage, with the passage it came from."""

    text: str
    hit_index: int
    position: int
    heading: str
    is_item: bool


def _is_heading(line: str) -> bool:
    s = line.strip()
    if _HEADING.match(s):
        return True
    latin = bool(_LATIN_LINE.match(s))
    if len(s) > (60 if latin else 24) or re.search(r"[。！？；，,.;:：?？]$", s):
        return False
    return (latin and bool(_EN_HEADING.match(s))) or not _LIST_ITEM.match(s)


def _cells(row: str) -> list[str]:
    return [c.strip() for c in row.strip().strip("|").split("|")]


def table_row_text(header: list[str], row: list[str]) -> str:
    """A table row as a sentence: "80周岁以上老年人：每餐补贴 3元"."""
    if not row:
        return ""
    if len(header) == len(row) and len(row) > 1:
        rest = "，".join(f"{h} {v}" for h, v in zip(header[1:], row[1:], strict=True) if v)
        return f"{row[0]}：{rest}" if rest else row[0]
    return "，".join(c for c in row if c)


def _sentences(line: str) -> list[str]:
    return [p.strip() for part in _SENT.findall(line) for p in _EN_SENT.split(part) if len(p.strip()) >= 4]


def units_of(hit: Hit, hit_index: int) -> list[Unit]:
    """Split a passage into list items, sentences, FAQ answers and table rows under their headings."""
    out: list[Unit] = []
    heading = hit.section.split("；")[0].split(" > ")[-1] if hit.section else ""
    lines = [ln.strip().replace("**", "").replace("__", "") for ln in hit.text.splitlines()]
    lines = [ln for ln in lines if ln]
    header: list[str] = []
    skip = -1
    for i, s in enumerate(lines):
        if i == skip:
            continue
        if s.startswith("|"):
            if _TABLE_RULE.match(s):
                continue
            if not header or (i > 0 and not lines[i - 1].startswith("|")):
                header = _cells(s)
                continue
            out.append(Unit(table_row_text(header, _cells(s)), hit_index, len(out), heading, True))
            continue
        header = []
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        if _FAQ_A.match(s):
            continue  # taken together with its question below
        if _FAQ_Q.match(s) or (_ASKS.search(s) and nxt and not _ASKS.search(nxt) and not nxt.startswith("|")):
            # A question of the FAQ is only useful with its answer: one unit, the answer's text.
            if _FAQ_A.match(nxt) or not _FAQ_Q.match(s):
                out.append(Unit(_FAQ_A.sub("", nxt), hit_index, len(out), _FAQ_Q.sub("", s), False))
                skip = i + 1
            continue
        if _is_heading(s):
            heading = s
            continue
        if _LIST_ITEM.match(s):
            out.append(Unit(s, hit_index, len(out), heading, True))
            continue
        out.extend(Unit(sent, hit_index, len(out) + k, heading, False) for k, sent in enumerate(_sentences(s)))
    return out
