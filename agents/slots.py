"""Tool use without a model: intent detection and slot filling for the read-only lookups.

Writing tools (bookings, work orders) are never called from a chat turn: they need an identified
citizen and an explicit confirmation, which the API's booking and work-order endpoints collect.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

_CN_NUM = {"八十": 80, "八十一": 81, "八十五": 85, "九十": 90, "九十五": 95, "一百": 100}
_AGE = re.compile(r"(\d{2,3})\s*(?:周岁|岁)")
_CN_AGE = re.compile(r"(一百|[八九]十[一二三四五六七八九]?)\s*(?:周岁|岁)")
_DEPARTMENTS = (
    "心血管内科",
    "神经内科",
    "消化内科",
    "呼吸内科",
    "内科",
    "外科",
    "儿科",
    "妇产科",
    "妇科",
    "产科",
    "眼科",
    "耳鼻喉科",
    "口腔科",
    "皮肤科",
    "骨科",
    "中医科",
    "急诊科",
    "心内科",
    "康复科",
    "精神科",
)
HALL_CUES = (
    "去哪里办",
    "在哪办",
    "哪里办",
    "去哪办",
    "哪个大厅",
    "政务服务中心",
    "办事大厅",
    "政务大厅",
    "服务大厅",
    "几点上班",
    "几点开门",
    "开门",
    "上班时间",
    "办公时间",
    "where do i go",
    "service hall",
    "where to apply",
)


@dataclass(frozen=True)
class PlannedCall:
    """A tool call the question asks for, with its arguments filled from the question and the thread."""

    name: str
    args: dict[str, Any]


def _age(question: str) -> int | None:
    m = _AGE.search(question)
    if m:
        return int(m.group(1))
    m = _CN_AGE.search(question)
    if m:
        word = m.group(1)
        if word in _CN_NUM:
            return _CN_NUM[word]
        tens = {"八": 80, "九": 90}[word[0]]
        ones = "一二三四五六七八九".find(word[-1]) + 1 if len(word) == 3 else 0
        return tens + ones
    return None


def plan_calls(question: str, domain: str, city: str | None) -> list[PlannedCall]:
    """The read-only tool calls a question needs; none when a required slot (the city) is unknown."""
    q = question.lower()
    calls: list[PlannedCall] = []
    if city is None:
        return calls
    age = _age(question)
    if (
        domain == "eldercare"
        and age is not None
        and any(w in q for w in ("津贴", "补贴", "高龄", "allowance"))
    ):
        calls.append(PlannedCall("estimate_elderly_allowance", {"city": city, "age": age}))
    if domain == "eldercare" and any(w in q for w in ("养老院", "养老机构", "敬老院", "nursing home")):
        calls.append(PlannedCall("find_care_facilities", {"city": city, "with_vacancy": True}))
    if domain == "healthcare" and any(w in q for w in ("挂号", "预约", "看病", "appointment")):
        dept = next((d for d in _DEPARTMENTS if d in question), None)
        if dept:
            calls.append(PlannedCall("list_hospital_departments", {"city": city, "department": dept}))
    if any(c in q for c in HALL_CUES):
        calls.append(PlannedCall("find_hall", {"city": city, "open_now": True}))
    return calls


def summarise(name: str, result: dict[str, Any], language: str) -> str:
    """One or two plain lines saying what a tool returned."""
    if name == "estimate_elderly_allowance":
        parts = [
            f"{i['kind']}：{i['reason']}" for i in result.get("items", []) if i.get("status") == "eligible"
        ]
        lines = parts or [f"{i['kind']}：{i['reason']}" for i in result.get("items", [])[:1]]
        rule = next((i["rule"] for i in result.get("items", []) if i.get("status") == "eligible"), None)
        if rule:
            lines.append(f"受理：{rule['apply_at']}。")
        return "；".join(lines) + (f"（{result['notice']}）" if result.get("notice") else "")
    if name == "find_hall":
        items = result.get("items", [])
        if not items:
            return result.get("hint", "")
        hall = items[0]
        return f"{hall['name']}（{hall['address']}）现在正在办公，今日办公时间 {hall['today_hours']}。"
    if name == "find_care_facilities":
        items = result.get("items", [])[:3]
        rows = [
            f"{f['name']}（{f['ownership']}，空余床位{f['beds_available']}张，每月{f['price']}）"
            for f in items
        ]
        return "有空床位的养老机构：" + "；".join(rows) if rows else result.get("hint", "")
    if name == "list_hospital_departments":
        items = result.get("items", [])[:3]
        rows = [f"{h['name']}（{h['level']}）" for h in items]
        return (
            "可预约的医院：" + "；".join(rows) + "。可通过医院公众号、鄂汇办或现场预约挂号。" if rows else ""
        )
    return ""
