"""Extractive answers: the sentences and list items of the passages that answer the question, each cited."""

from __future__ import annotations

import re

from agents.answer_types import AnswerType, asks_benefit, expected_type, states
from agents.units import Unit, units_of
from knowledge.lexicon import Lexicon
from knowledge.retrieval import Hit

# What the question asks for → words that name the section (or sentence) holding the answer.
ASPECTS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "materials": (
        ("材料", "带什么", "带啥", "要什么", "证件", "准备什么", "提交", "document", "bring", "papers"),
        ("材料", "提交", "document", "bring"),
    ),
    "validity": (
        ("能用多", "管多", "管几年", "有效多", "有效期", "用多久", "valid", "expire"),
        ("有效期", "有效", "valid"),
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
MAX_UNITS = 8


# When a question names several (交了材料多少天能拿到), the narrower ask wins.
_PRIORITY = ("validity", "time", "fee", "amount", "when", "place", "condition", "materials", "process")


def detect_aspects(question: str) -> list[str]:
    """What the question asks for (materials, time, fee, …), the most specific first."""
    q = question.lower()
    found = {name for name, (cues, _) in ASPECTS.items() if any(c in q for c in cues)}
    return [name for name in _PRIORITY if name in found]


# Words every service question has: they say nothing about which sentence answers it.
_GENERIC = frozenset(
    ["办理", "申请", "需要", "多少", "什么", "怎么", "哪里", "可以", "时间", "一般", "现在", "才能", "能", "要",
     "大概", "以后", "之后", "最晚", "最多", "至少", "how", "much", "many", "long", "what", "can", "need"]
)
_RARE = 3000


def _weights(question: str, lexicon: Lexicon) -> dict[str, float]:
    """Content tokens of the question, the rare ones (in general Chinese) weighing most."""
    freq = lexicon.frequencies
    out: dict[str, float] = {}
    for tok in lexicon.tokens(question):
        if tok in _GENERIC or len(tok) < 2 and not tok.isdigit():
            continue
        rare = tok in lexicon.terms or (freq.get(tok) or 0) < _RARE
        out[tok] = 1.5 if rare else 0.8
    return out


_FIGURE = re.compile(r"\d")
_WITHIN = re.compile(r"[内前]")


def _score(unit: Unit, weights: dict[str, float], aspects: list[str], kind: AnswerType | None,
           lexicon: Lexicon, doc_rank: int, within: bool, benefit: bool = False) -> float:
    toks = set(lexicon.tokens(unit.heading + " " + unit.text))
    total = sum(weights.values()) or 1.0
    score = sum(w for t, w in weights.items() if t in toks) / total - 0.15 * doc_rank
    if kind is not None:
        figure = bool(_FIGURE.search(unit.text))
        if states(unit.text, kind) and (figure or not benefit):
            # A stated figure answers "how much" better than "free of charge" does, unless free is asked.
            score += 0.5 if figure else 0.35
            if within and _WITHIN.search(unit.text):
                score += 0.3
        else:
            score -= 0.2
    bonus = 0.3 if kind is not None else 1.0
    for name in aspects[:1]:
        marks = ASPECTS[name][1]
        if any(m in unit.heading.lower() for m in marks):
            score += 0.8 * bonus
        elif any(m in unit.text.lower() for m in marks):
            score += 0.3 * bonus
    return score


def candidates_of(hits: list[Hit]) -> list[Unit]:
    """The units of the top passages, where an answer is looked for."""
    return [u for i, h in enumerate(hits[:5]) for u in units_of(h, i)]


def rank_units(question: str, hits: list[Hit], lexicon: Lexicon) -> list[tuple[float, Unit]]:
    """Every candidate unit with its score, best first."""
    aspects = detect_aspects(question)
    kind = expected_type(question)
    weights = _weights(question, lexicon)
    docs = list(dict.fromkeys(h.doc_id for h in hits))
    within = bool(re.search(r"之内|以内|内[，,？?要能]|之前|以前|前[，,？?要能去]|最晚|最迟|\bwithin\b|\bbefore\b", question))
    benefit = kind == "money" and asks_benefit(question)
    if benefit:
        aspects = [a for a in aspects if a != "fee"]
    scored = [
        (_score(u, weights, aspects, kind, lexicon, docs.index(hits[u.hit_index].doc_id), within, benefit), u)
        for u in candidates_of(hits)
    ]
    return sorted(scored, key=lambda su: -su[0])


def unit_context(hits: list[Hit], unit: Unit) -> str:
    """A unit as it is compared with the question: with its document's title and its heading."""
    return f"{hits[unit.hit_index].title} {unit.heading} {unit.text}"


def select_units(question: str, hits: list[Hit], lexicon: Lexicon,
                 ranked: list[tuple[float, Unit]] | None = None) -> list[Unit]:
    """The units that answer the question, in reading order (a whole list when the question asks for one)."""
    ranked = rank_units(question, hits, lexicon) if ranked is None else ranked
    if not ranked:
        return []
    aspects = detect_aspects(question)
    kind = expected_type(question)
    top, best = ranked[0]
    # One document answers: units from other documents are noise for a single question.
    same_doc = [(s, u) for s, u in ranked if hits[u.hit_index].doc_id == hits[best.hit_index].doc_id]
    chosen: list[Unit] = []
    if kind is None and (aspects[:1] in (["materials"], ["process"]) or best.is_item):
        # A list answers "what to bring" / "how to apply": take the whole list under the best heading.
        chosen = [u for _, u in same_doc if u.hit_index == best.hit_index and u.heading == best.heading]
    if kind is not None:
        # A fact question: the sentences that state a fact of the asked kind and score near the best.
        chosen = [u for s, u in same_doc if s >= top - 0.3 and states(u.text, kind)][:3]
        # A table of rates or deadlines in list form reads as a whole.
        lists = {(u.hit_index, u.heading) for u in chosen if u.is_item}
        chosen += [u for _, u in same_doc if u.is_item and (u.hit_index, u.heading) in lists and states(u.text, kind)]
    if len(chosen) < 1 or (kind is None and len(chosen) < 2):
        chosen = [u for _, u in same_doc[:4]]
    ordered = sorted(dict.fromkeys(chosen), key=lambda u: (u.hit_index, u.position))
    return ordered[:MAX_UNITS]


def lead_line(hit: Hit, language: str) -> str:
    """Names the document the answer comes from, with its region and validity."""
    since = f"，{hit.valid_from}起施行" if hit.valid_from and language == "zh" else ""
    if language == "en":
        return f"According to “{hit.title}” ({hit.region}):"
    return f"根据《{hit.title}》（{hit.region}{since}）："
