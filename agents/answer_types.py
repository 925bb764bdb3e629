"""What kind of answer a question expects (a duration, a fee, an age, a date, a count, a share).

A question that asks "多少天" is answered by a sentence that states a number of days, not by the
sentence with the most words in common. Extractive answers prefer sentences of the expected
type, and a question whose expected type appears nowhere near its topic has no basis.
"""

from __future__ import annotations

import re
from typing import Literal

AnswerType = Literal["clock", "duration", "money", "age", "date", "count", "percent"]

_NUM = r"(?:\d+(?:\.\d+)?|[一二两三四五六七八九十百千半]+)"
_EN_NUM = r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty|thirty|sixty|ninety)"

# Checked in this order: the first type whose cue matches wins ("多少天" is a duration, not money).
_CUES: tuple[tuple[AnswerType, re.Pattern[str]], ...] = (
    ("clock", re.compile(r"几点|什么时段|开放时间|营业时间|上班时间|\bwhat time\b|\bopening hours\b|\bwhat hours\b")),
    ("percent", re.compile(r"百分之几|比例|几成|多少成|\bpercent(?:age)?\b|\bwhat share\b")),
    ("age", re.compile(r"几岁|多少岁|多大(?:年纪|岁数|年龄)?(?:的|才|可以|能)|年龄|多大了|\bhow old\b|\bwhat age\b|\bage limit\b")),
    ("date", re.compile(r"几月几[号日]|几号|哪天|哪一天|什么日子|截止(?:日期|时间)|\bwhat date\b|\bwhich day\b|\bdeadline\b")),
    (
        "duration",
        re.compile(
            r"多久|多长时间|多长期限|多长|几天|多少天|几个?工作日|多少个?工作日|几年|多少年|几个月|多少个月|几周|"
            r"多少周|几个小时|多少小时|几分钟|多少分钟|有效期|期限|时限|\bhow long\b|\bhow (?:many|soon)\b[\w\s]{0,12}"
            r"\b(?:days?|weeks?|months?|years?|hours?|minutes?)\b|\bhow soon\b|\bvalid for\b"
        ),
    ),
    (
        "money",
        re.compile(
            r"多少钱|几块钱?|多少元|费用|收费|工本费|起步价|价格|补(?:贴|助)?多少|发多少|给多少|报多少|贷多少|领多少|"
            r"交多少|缴多少|能贷|\bhow much\b|\bfees?\b|\bcost\b|\bprice\b|\bcharge\b"
        ),
    ),
    ("count", re.compile(r"几张|几次|几个人|几份|几项|几门|多少次|多少张|多少份|\bhow many\b")),
    ("date", re.compile(r"什么时候|几月|最晚|最迟|\bwhen\b")),
)

_MATCH: dict[AnswerType, re.Pattern[str]] = {
    "clock": re.compile(
        r"\d{1,2}\s*[:：]\s*\d{2}|\d{1,2}\s*[点时]|[上下]午|晚上|24\s*小时|全天|\b\d{1,2}\s*(?:am|pm)\b|\b24 hours\b"
    ),
    "duration": re.compile(
        rf"{_NUM}\s*个?\s*(?:工作日|日|天|周|星期|个月|月|年|小时|分钟)|当场|即时|立等|当天|长期有效|"
        rf"\b{_EN_NUM}\s+(?:working\s+)?(?:days?|weeks?|months?|years?|hours?|minutes?)\b|\bon the spot\b"
    ),
    "money": re.compile(
        rf"{_NUM}\s*(?:万|千)?\s*(?:元|块)|免费|不收费|不收取|免收|零自付|\byuan\b|\brmb\b|\bcny\b|\bfree\b|\bno (?:fee|charge)\b"
    ),
    "age": re.compile(r"岁|\byears? old\b|\baged?\b"),
    "date": re.compile(
        rf"(?:{_NUM}|每)\s*月\s*{_NUM}\s*[日号]|{_NUM}\s*月(?:份|底|初|中旬|上旬|下旬)?|"
        r"\b(?:january|february|march|april|may|june|july|august|september|october|november|december)\b"
    ),
    "count": re.compile(rf"{_NUM}\s*(?:张|次|个|份|人|名|项|门|所|本|件)|\b{_EN_NUM}\s+(?:copies|photos?|times?)\b"),
    "percent": re.compile(rf"\d+(?:\.\d+)?\s*[%％]|百分之{_NUM}|{_NUM}成|\bper ?cent\b"),
}


# "补多少钱", "能贷多少": a benefit is an amount; "免费" answers a fee question, not these.
_BENEFIT = re.compile(r"补|贴|助|资助|发多少|领多少|贷|报销多少|给多少|\ballowance\b|\bsubsid|\bgrant\b|\bloan\b")


def asks_benefit(question: str) -> bool:
    """True when a money question asks how much is paid out (an allowance, a loan), not a fee."""
    return bool(_BENEFIT.search(question.lower()))


def expected_type(question: str) -> AnswerType | None:
    """The kind of fact the question asks for, or None for open questions (how, what, where)."""
    q = question.lower()
    for kind, cue in _CUES:
        if cue.search(q):
            return kind
    return None


def states(text: str, kind: AnswerType) -> bool:
    """True when `text` states a fact of that kind (a number of days, an amount in yuan, …)."""
    return bool(_MATCH[kind].search(text.lower()))
