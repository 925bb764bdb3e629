"""Extractive answers: the sentences and list items of the passages that answer the question, each cited."""

from __future__ import annotations

import re
from dataclasses import dataclass

from knowledge.lexicon import Lexicon
from knowledge.retrieval import Hit

# What the question asks for → words that name the section (or sentence) holding the answer.
ASPECTS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "materials": (
        ("材料", "带什么", "带啥", "要什么", "证件", "准备什么", "提交", "document", "bring", "papers"),
        ("材料", "提交", "document", "bring"),
    ),
    "time": (
        ("多久", "几天", "时限", "多长时间", "多少天", "期限", "工作日", "how long", "how many days"),
        ("时限", "期限", "工作日", "working day", "time limit"),
    ),
    "fee": (
        (
            "多少钱",
            "收费",
            "费用",
            "免费",
            "要钱",
            "收钱",
            "花钱",
            "缴费标准",
            "fee",
            "cost",
            "charge",
            "free",
        ),
        ("收费", "费用", "免费", "不收", "fee", "free of charge", "charge"),
    ),
    "place": (
        ("哪里", "在哪", "哪儿", "地点", "去哪", "窗口", "where", "which office"),
        ("地点", "窗口", "受理", "where", "office", "centre", "center"),
    ),
    "condition": (
        (
            "条件",
            "能不能",
            "可以吗",
            "符合",
            "资格",
            "谁可以",
            "能否",
            "够不够",
            "who can",
            "eligible",
            "qualify",
        ),
        ("条件", "对象", "适用", "符合", "eligib", "qualif"),
    ),
    "process": (
        (
            "流程",
            "步骤",
            "怎么办",
            "如何办",
            "怎么申请",
            "程序",
            "怎么弄",
            "how do i",
            "how to",
            "steps",
            "procedure",
        ),
        ("流程", "程序", "步骤", "procedure", "step"),
    ),
    "amount": (
        ("多少", "标准", "金额", "补贴", "津贴", "报销比例", "比例", "how much", "amount", "rate"),
        ("标准", "金额", "元", "比例", "%", "yuan", "rate"),
    ),
    "when": (
        ("什么时候", "几月", "哪天", "时间", "when", "deadline"),
        ("时间", "月", "日", "when", "deadline"),
    ),
}
_LIST_ITEM = re.compile(r"^\s*(\d+[.、．)]|[-•·]|（\d+）|\(\d+\))\s*")
_HEADING = re.compile(
    r"^(第?[一二三四五六七八九十]+[、章节]|（[一二三四五六七八九十]+）|[A-Za-z ]{0,3}\d+\.\s*[A-Z])"
)
_QUANTITY = re.compile(r"多少|几|多久|多长|多大|how (much|many|long)")
_HAS_FIGURE = re.compile(r"\d|[一二三四五六七八九十百千万两]+(个|天|日|年|月|周|岁|元|张|次|所|小时|分钟)")
_FAQ_Q = re.compile(r"^(问|Q)\s*[:：]\s*")
_FAQ_A = re.compile(r"^(答|A)\s*[:：]\s*")
_SENT = re.compile(r"[^。！？；!?;]+[。！？；!?;]?")
MAX_UNITS = 8


@dataclass(frozen=True)
class Unit:
    """A sentence or list item of a passage, with the passage it came from."""

    text: str
    hit_index: int
    position: int
    heading: str
    is_item: bool


# When a question names several (交了材料多少天能拿到), the narrower ask wins.
_PRIORITY = ("time", "fee", "amount", "when", "place", "condition", "materials", "process")


def detect_aspects(question: str) -> list[str]:
    """What the question asks for (materials, time, fee, …), the most specific first."""
    q = question.lower()
    found = {name for name, (cues, _) in ASPECTS.items() if any(c in q for c in cues)}
    return [name for name in _PRIORITY if name in found]


def _is_heading(line: str) -> bool:
    s = line.strip()
    return bool(_HEADING.match(s)) or (
        len(s) <= 24 and not re.search(r"[。！？；，,.;:：]$", s) and not _LIST_ITEM.match(s)
    )


def units_of(hit: Hit, hit_index: int) -> list[Unit]:
    """Split a passage into list items and sentences, remembering the heading each sits under."""
    out: list[Unit] = []
    heading = hit.section.split("；")[0].split(" > ")[-1] if hit.section else ""
    lines = [ln.strip().replace("**", "").replace("__", "") for ln in hit.text.splitlines()]
    lines = [ln for ln in lines if ln]
    for i, s in enumerate(lines):
        if _FAQ_A.match(s):
            continue  # taken together with its question below
        if _FAQ_Q.match(s):
            # A question of the FAQ is only useful with its answer: one unit, the answer's text.
            if i + 1 < len(lines) and _FAQ_A.match(lines[i + 1]):
                out.append(Unit(_FAQ_A.sub("", lines[i + 1]), hit_index, len(out), _FAQ_Q.sub("", s), False))
            continue
        if _is_heading(s):
            heading = s
            continue
        if _LIST_ITEM.match(s):
            out.append(Unit(s, hit_index, len(out), heading, True))
            continue
        for sent in _SENT.findall(s):
            if len(sent.strip()) >= 4:
                out.append(Unit(sent.strip(), hit_index, len(out), heading, False))
    return out


def _score(unit: Unit, q_tokens: set[str], aspects: list[str], lexicon: Lexicon) -> float:
    toks = set(lexicon.tokens(unit.heading + " " + unit.text))
    overlap = len(q_tokens & toks) / (len(q_tokens) or 1)
    score = overlap - 0.15 * unit.hit_index
    for name in aspects[:1]:
        marks = ASPECTS[name][1]
        if any(m in unit.heading.lower() for m in marks):
            score += 0.8
        elif any(m in unit.text.lower() for m in marks):
            score += 0.3
    return score


def select_units(question: str, hits: list[Hit], lexicon: Lexicon) -> list[Unit]:
    """The units that answer the question, in reading order (a whole list when the question asks for one)."""
    aspects = detect_aspects(question)
    q_tokens = set(lexicon.tokens(question))
    quantity = bool(_QUANTITY.search(question))
    candidates = [u for i, h in enumerate(hits[:4]) for u in units_of(h, i)]
    if not candidates:
        return []

    def score(u: Unit) -> float:
        bonus = 0.2 if quantity and _HAS_FIGURE.search(u.text) else 0.0
        return _score(u, q_tokens, aspects, lexicon) + bonus

    best = max(candidates, key=score)
    # One document answers: units from other documents are noise for a single question.
    candidates = [u for u in candidates if hits[u.hit_index].doc_id == hits[best.hit_index].doc_id]
    scored = sorted(candidates, key=lambda u: -score(u))
    chosen: list[Unit] = []
    if aspects[:1] in (["materials"], ["process"]) or (best.is_item and not aspects):
        # A list answers "what to bring" / "how to apply": take the whole list under the best heading.
        chosen = [u for u in candidates if u.hit_index == best.hit_index and u.heading == best.heading]
    if len(chosen) < 2:
        chosen = scored[:4]
    ordered = sorted(dict.fromkeys(chosen), key=lambda u: (u.hit_index, u.position))
    return ordered[:MAX_UNITS]


def lead_line(hit: Hit, language: str) -> str:
    """Names the document the answer comes from, with its region and validity."""
    since = f"，{hit.valid_from}起施行" if hit.valid_from and language == "zh" else ""
    if language == "en":
        return f"According to “{hit.title}” ({hit.region}):"
    return f"根据《{hit.title}》（{hit.region}{since}）："
