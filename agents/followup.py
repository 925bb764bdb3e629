"""Follow-ups made standalone without a model: the thread's topic, a reply to a clarifying question.

"那要多少钱？" after a question on the Wuhan residence permit becomes "武汉市居住证 那要多少钱？";
"2" after "您想问的是下面哪一项？1. 政务服务 2. 养老服务" becomes the pending question with 养老服务.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from agents.basis import topic_nouns
from agents.intake import matching_form
from knowledge.lexicon import Lexicon

_MARKER = re.compile(r"^(那|那么|还有|还要|另外|这个|它|要是|如果是|and |what about |how about |then |also )", re.I)
# Elliptical Chinese: "研究生呢？", "要体检吗？", "多少钱？", "在哪里办？".
_ELLIPTIC_END = re.compile(r"呢[？?]?$")
_ELLIPTIC_START = re.compile(r"^(要|需要|能|可以|用|得|还|多少|几|在哪|哪里|去哪|怎么|什么时候)")
_EN_REFERENCE = re.compile(r"\b(it|this|that|there|they|them|we|one|the same|its)\b", re.I)
_OPTION = re.compile(r"^\s*(\d+)\.\s*(.+?)\s*$", re.M)
_TITLE_NOISE = re.compile(
    r"[《》“”\"]|（[^）]*）|\([^)]*\)|[:：].*$|一件事|办事指南|办理指南|服务指南|申领指南|实施指南|服务指引|"
    r"政策解读|指南|\b(?:application |service )?guide\b.*$",
    re.I,
)


def topic_of(title: str) -> str:
    """The thing a guide is about, from its title ("武汉市居住证办理指南" → "武汉市居住证")."""
    return _TITLE_NOISE.sub("", title).strip(" ，,-—") or title


def is_follow_up(question: str, lexicon: Lexicon, topic: str = "") -> bool:
    """True when the question leans on the previous turn instead of naming a subject of its own.

    A short question whose nouns all belong to the thread's topic ("备案要钱吗？" after the guide to
    异地就医备案) is a follow-up too; one that names something else ("驾照丢了怎么补？") is not.
    """
    text = matching_form(question).strip()
    if _MARKER.search(text):
        return True
    if re.search(r"[a-z]", text) and not re.search(r"[\u4e00-\u9fff]", text):
        return len(text.split()) <= 9 and bool(_EN_REFERENCE.search(text))
    if len(text) > 12:
        return False
    own = [n for n in topic_nouns(text, lexicon) if n not in topic]
    return bool(_ELLIPTIC_END.search(text)) or not own or (len(text) <= 8 and bool(_ELLIPTIC_START.search(text)))


def standalone(question: str, history: Sequence[dict[str, Any]], lexicon: Lexicon) -> str:
    """The question as it reads on its own, given the earlier messages of the thread (oldest first)."""
    last = next((m for m in reversed(history) if m.get("role") == "assistant"), None)
    if last is not None and last.get("status") == "clarify":
        pending = next((m["content"] for m in reversed(history) if m.get("role") == "user"), "")
        options = dict(_OPTION.findall(str(last.get("content", ""))))
        choice = options.get(matching_form(question).strip().rstrip("。.？?"))
        if pending and (choice or len(matching_form(question).strip()) <= 6):
            return f"{pending}（{choice}）" if choice else f"{pending} {question}"
    topic = next((m["topic"] for m in reversed(history) if m.get("topic")), None)
    if topic and is_follow_up(question, lexicon, topic):
        return f"{topic_of(topic)} {question}"
    return question
