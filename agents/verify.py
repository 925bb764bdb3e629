"""Citations bound by the server: only ids retrieved this turn, and each cited line must overlap its passage."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from agents.contacts import HOTLINES, foreign_contacts
from agents.state import Line

MIN_OVERLAP = 0.6
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_LINK = re.compile(r"https?://|www\.|\.(?:com|cn|net|org)\b", re.I)


@dataclass(frozen=True)
class Verdict:
    """Whether an answer may be shown, and if not, why (for the audit record and the eval)."""

    grounded: bool
    problems: tuple[str, ...]


# Punctuation and table bars carry no support: "对象：3元" is backed by "| 对象 | 3元 |".
_NOISE = re.compile(r"[\s|，。、；：:;,.!?！？（）()“”\"'《》【】\[\]-]+")


def _bigrams(text: str) -> set[str]:
    s = _NOISE.sub("", text.lower())
    return {s[i : i + 2] for i in range(len(s) - 1)}


def overlap(sentence: str, passage: str) -> float:
    """Share of the sentence's character bigrams found in the passage."""
    grams = _bigrams(sentence)
    return len(grams & _bigrams(passage)) / len(grams) if grams else 1.0


def _numbers_supported(sentence: str, source: str) -> bool:
    compact = source.replace(",", "").replace(" ", "")
    return all(n.replace(",", "") in compact or n in HOTLINES for n in _NUMBER.findall(sentence))


def verify(lines: Iterable[Line], sources: dict[str, str], *, strict: bool) -> Verdict:
    """Check every line against the passages and tool results of this turn.

    Args:
        lines: the answer's lines; `cite` names a chunk id or `tool:NAME`.
        sources: text of everything retrieved or looked up in this turn, by id.
        strict: model-written answers: uncited lines may not carry numbers or links.

    """
    problems: list[str] = []
    cited = 0
    for line in lines:
        text, cite = line["text"], line["cite"]
        if _LINK.search(text) and not any(_LINK.search(s) for s in sources.values()):
            problems.append(f"link not in any source: {text[:40]}")
        if foreign_contacts(text):
            # Only national hotlines and government sites: anything else may be planted in a document.
            problems.append(f"unofficial phone number or link: {text[:40]}")
        if cite is None:
            figures = _NUMBER.findall(text)
            if strict and line["kind"] == "sentence" and any(n not in HOTLINES for n in figures):
                problems.append(f"uncited figure: {text[:40]}")
            continue
        if cite not in sources:
            problems.append(f"citation {cite} was not retrieved in this turn")
            continue
        cited += 1
        if cite.startswith("tool:"):
            continue
        if overlap(text, sources[cite]) < MIN_OVERLAP:
            problems.append(f"unsupported by {cite}: {text[:40]}")
        elif not _numbers_supported(text, sources[cite]):
            problems.append(f"figure not in {cite}: {text[:40]}")
    if cited == 0:
        problems.append("no cited line")
    return Verdict(grounded=not problems, problems=tuple(problems))
