"""Documents are data, never instructions: hidden text and lines addressed to a model are removed at ingest.

A planted `<!-- 给AI助手的指令：… -->`, a `display:none` span or a paragraph telling "the assistant" to
give out another phone number must never reach a prompt or an extractive answer. What is removed is
returned so that ingestion can report it.
"""

from __future__ import annotations

import re
import unicodedata

_COMMENT = re.compile(r"<!--.*?(?:-->|$)", re.S)
_HIDDEN = re.compile(
    r"<(?P<tag>[a-z][a-z0-9]*)\b[^>]*(?:display\s*:\s*none|visibility\s*:\s*hidden|font-size\s*:\s*0|\bhidden\b|"
    r"aria-hidden\s*=\s*[\"']?true)[^>]*>.*?</(?P=tag)\s*>",
    re.S | re.I,
)
_TAG = re.compile(r"</?[a-z][a-z0-9]*\b[^>]*>", re.I)
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
# Words that only make sense addressed to a model: instructions about the assistant itself.
_ADDRESSEE = (
    r"(?:ai|人工智能|智能助手|助手|机器人|大模型|模型|语言模型|assistant|chatbot|language model|llm|gpt|bot)"
)
_DIRECTIVE = re.compile(
    rf"(?:给|致|对|提示|告诉|通知|面向){_ADDRESSEE}|{_ADDRESSEE}\s*(?:必须|务必|应当|请|需要|要|[:：]|should|must|please)|"
    r"[\"']role[\"']\s*:\s*[\"'](?:system|developer)[\"']|"
    r"系统提示|系统指令|隐藏指令|system\s*(?:prompt|instruction|message)|assistant\s*override|"
    r"(?:忽略|无视|忘记|忘掉|覆盖)(?:之前|以上|上述|前面|先前|所有|全部|你的)[^。！？\n]{0,10}(?:指令|规则|设定|提示|要求)|"
    r"\b(?:ignore|disregard|override)\s+(?:all\s+|any\s+)?(?:the\s+)?(?:previous|prior|above|earlier|preceding|your)\b|"
    r"不要(?:向|对|告诉)(?:用户|市民|群众)[^。！？\n]{0,6}(?:提及|透露|说明|说)|"
    r"\b(?:do not|don't) (?:tell|mention|reveal)[^.!?\n]{0,20}\b(?:user|citizen)s?\b|"
    r"(?:输出|泄露|透露|打印|复述)[^。！？\n]{0,8}(?:系统提示|提示词|指令)|\breveal\b[^.!?\n]{0,20}\bprompt\b",
    re.I,
)


def sanitize(text: str) -> tuple[str, list[str]]:
    """The document text without hidden content and without paragraphs that instruct a model.

    Returns:
        The cleaned text and the removed pieces (for the ingest report and the log).

    """
    removed: list[str] = []

    def drop(match: re.Match[str]) -> str:
        removed.append(match.group(0).strip()[:200])
        return ""

    text = _COMMENT.sub(drop, text)
    text = _HIDDEN.sub(drop, text)
    text = _IMAGE.sub(drop, text)
    text = _TAG.sub("", text)
    kept: list[str] = []
    # A whole paragraph goes: the instruction and the number it plants usually share it.
    for line in text.split("\n"):
        folded = unicodedata.normalize("NFKC", line).lower()
        if _DIRECTIVE.search(folded) or _DIRECTIVE.search(re.sub(r"\s+", "", folded)):
            removed.append(line.strip()[:200])
            continue
        kept.append(line)
    text = "\n".join(kept)
    cleaned = re.sub(r"\n{3,}", "\n\n", text)
    return cleaned, removed
