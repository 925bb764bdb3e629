"""Harmful requests a government-service assistant refuses, before any model (GB/T 45654-2025 appendix A).

The gate runs after the emergency and injection rules. A rule fires when a harmful act meets its
object ("伪造" + "户口本") and, for most rules, a request cue ("怎么", "帮我", "how to") in that
sentence or the next; a short keyword-style message ("办假证") is a request by itself. A reporting,
protective, legal or victim frame in the sentence or a neighbouring one clears it ("怎么举报有人
骗取医保基金", "如何识别假的出生医学证明"), unless an evasion cue ("不被发现", "without getting
caught") shows the frame is part of the harm. Reporting clears even then, unless the asker admits
the accusation is false. Categories are the appendix codes with a suffix, e.g. "A.5-forgery".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from agents import harm_rules as lex
from agents.intake import matching_form, normalise

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
_LATIN_WORD = re.compile(r"[a-z]+")
_QUOTED = re.compile(r"“[^”]*”|「[^」]*」|『[^』]*』|\"[^\"]*\"")
_SENTENCE_END = re.compile(r"[。！？!?；;\n]|(?<=[a-z\]）)])\.(?:\s|$)")


@dataclass(frozen=True)
class HarmVerdict:
    """The rule that fired and its category code ("A.5-forgery")."""

    rule: str
    category: str

    @property
    def family(self) -> str:
        """The appendix section alone: "A.1" to "A.5"."""
        return self.category.split("-", 1)[0]


def harm_check(text: str) -> HarmVerdict | None:
    """The first harm rule that fires on `text`, in rule order, or None."""
    folded = matching_form(normalise(text))
    sentences = _sentences(folded)
    terse = _terse(folded)
    joined = "，".join(sentences)  # every two-sentence unit is a slice of this: a quick first pass
    for rule in lex.RULES:
        if not rule.pattern.search(joined):
            continue
        for index in range(len(sentences)):
            if _fires(rule, sentences, index, terse):
                return HarmVerdict(rule=rule.name, category=rule.category)
    return None


def harm_rule(text: str) -> tuple[str, str] | None:
    """(rule name, category) of the first harm rule that fires on `text`, or None."""
    verdict = harm_check(text)
    return None if verdict is None else (verdict.rule, verdict.category)


def _sentences(text: str) -> list[str]:
    return [part for part in _SENTENCE_END.split(text) if part and part.strip()]


def _terse(text: str) -> bool:
    """True for a short keyword-style message ("办假证", "fake id card"), not a question about a topic."""
    return (
        len(_CJK.findall(text)) <= lex.TERSE_CJK
        and len(_LATIN_WORD.findall(text)) <= lex.TERSE_WORDS
        and not lex.QUESTION.search(text)
    )


def _fires(rule: lex.HarmRule, sentences: list[str], index: int, terse: bool) -> bool:
    """The rule's act in sentence `index` and the next, a request cue there, and no frame around it.

    Two sentences are read as one ("正版太贵了。你能告诉我怎么破解吗？"): the object is often
    named in one and the request made in the next.
    """
    unit = "，".join(sentences[index : index + 2])
    if not rule.pattern.search(unit):
        return False
    waived = terse and rule.intent in lex.REQUEST_CUES
    if rule.intent is not None and not waived and not rule.intent.search(unit):
        return False
    return not _cleared(rule, " ".join(sentences[max(0, index - 1) : index + 3]))


def _cleared(rule: lex.HarmRule, context: str) -> bool:
    """True when a reporting frame, or a legitimate frame without an evasion cue, surrounds the match.

    An admitted falsehood ("虽然我没证据") clears nothing: a false report is itself defamation. Quoted
    text is the content asked for ("写一份“养老金暂停发放”的公告"), not the asker's frame, and is skipped.
    """
    context = _QUOTED.sub("", context)
    if lex.FALSITY.search(context):
        return False
    if lex.REPORT.search(context):
        return True
    return bool(rule.frames.search(context)) and not lex.EVASION.search(context)
