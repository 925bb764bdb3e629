"""Tool: estimate an older person's monthly allowances from the rules stored as data."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, Field
from sqlalchemy import select

from tools.context import ToolContext
from tools.db import read_session
from tools.errors import ToolError
from tools.fields import CityName, IdNumber
from tools.idcard import age_on, birth_date
from tools.identity import Caller
from tools.models import AllowanceRule, ServiceItem
from tools.places import get_city
from tools.schemas import ToolArgs, ToolResult, source_for

Economic = Literal["一般", "低保", "特困", "低保边缘"]
CareNeed = Literal["能力完好", "轻度失能", "中度失能", "重度失能"]
Kind = Literal["高龄津贴", "养老服务补贴"]
Status = Literal["eligible", "not_eligible", "needs_info"]
KINDS: tuple[Kind, ...] = ("高龄津贴", "养老服务补贴")


class EstimateElderlyAllowanceArgs(ToolArgs):
    """Arguments of estimate_elderly_allowance."""

    city: CityName = Field(title="户籍所在城市", description="老人户口所在的湖北省市州，可用简称，如 襄阳")
    age: int | None = Field(default=None, ge=0, le=130, title="年龄（周岁）")
    birth_date: dt.date | None = Field(default=None, title="出生日期", description="不知道年龄时可给出生日期")
    id_number: IdNumber | None = Field(
        default=None, title="身份证号码", description="不知道年龄时可给身份证号码"
    )
    economic_status: Economic | None = Field(
        default=None, title="家庭经济状况", description="一般、低保、特困、低保边缘"
    )
    care_need: CareNeed | None = Field(
        default=None, title="能力评估等级", description="能力完好、轻度/中度/重度失能"
    )
    kind: Kind | None = Field(
        default=None, title="津贴类别", description="不填则同时估算高龄津贴和养老服务补贴"
    )


class AppliedRule(BaseModel):
    """The rule a decision was made by, to show and cite."""

    code: str
    title: str
    band: str = Field(title="适用年龄段")
    monthly_yuan: int = Field(title="每月金额（元）")
    conditions: str = Field(title="条件")
    apply_at: str = Field(title="办理地点")
    service_item: str | None = Field(title="对应办事事项")
    materials: list[str] = Field(title="申请材料")
    note: str
    source: str


class AllowanceItem(BaseModel):
    """One allowance: eligible, not eligible, or more information needed."""

    kind: str
    status: Status
    status_text: str
    monthly_yuan: int = Field(title="每月可领（元）")
    reason: str
    rule: AppliedRule | None


class AllowanceEstimate(ToolResult):
    """Monthly allowances for one person; deterministic for the same inputs and date."""

    city: str
    age: int
    items: list[AllowanceItem]
    total_monthly_yuan: int = Field(title="每月合计（元）")
    notice: str


STATUS_TEXT = {"eligible": "符合条件", "not_eligible": "不符合条件", "needs_info": "需补充信息"}


def _age(args: EstimateElderlyAllowanceArgs, today: dt.date) -> int:
    """The age in full years from whichever of age, birth date and ID number was given; they must agree."""
    ages: list[int] = []
    if args.age is not None:
        ages.append(args.age)
    if args.birth_date is not None:
        if args.birth_date > today:
            raise ToolError("invalid_input", "出生日期不能晚于今天")
        ages.append(age_on(args.birth_date, today))
    if args.id_number is not None:
        born = birth_date(args.id_number)
        assert born is not None  # validated with the ID number
        ages.append(age_on(born, today))
    if not ages:
        raise ToolError("invalid_input", "请提供老人的年龄、出生日期或身份证号码之一")
    if len(set(ages)) > 1:
        raise ToolError("invalid_input", "年龄与出生日期或身份证号码不一致，请核对")
    return ages[0]


def _band(rule: AllowanceRule) -> str:
    return f"{rule.min_age}周岁及以上" if rule.max_age is None else f"{rule.min_age}-{rule.max_age}周岁"


def _conditions(rule: AllowanceRule) -> str:
    parts = [f"{rule.city.name}户籍"] if rule.conditions.get("hukou") else [f"{rule.city.name}户籍老年人"]
    if rule.conditions.get("economic"):
        parts.append("家庭经济状况为" + "或".join(rule.conditions["economic"]))
    if rule.conditions.get("care_need"):
        parts.append("能力评估为" + "或".join(rule.conditions["care_need"]))
    return "，".join(parts)


def _applied(rule: AllowanceRule, item: ServiceItem | None) -> AppliedRule:
    return AppliedRule(
        code=rule.code,
        title=rule.title,
        band=_band(rule),
        monthly_yuan=rule.monthly_yuan,
        conditions=_conditions(rule),
        apply_at=rule.apply_at,
        service_item=item.name if item else None,
        materials=[str(m) for m in item.materials] if item else [],
        note=rule.note,
        source=source_for(rule.title, rule.sample),
    )


def _item(
    kind: str, status: Status, reason: str, rule: AllowanceRule | None, item: ServiceItem | None
) -> AllowanceItem:
    monthly = rule.monthly_yuan if rule is not None and status == "eligible" else 0
    applied = _applied(rule, item) if rule is not None else None
    return AllowanceItem(
        kind=kind,
        status=status,
        status_text=STATUS_TEXT[status],
        monthly_yuan=monthly,
        reason=reason,
        rule=applied,
    )


def _high_age(rules: list[AllowanceRule], age: int, item: ServiceItem | None) -> AllowanceItem:
    for rule in rules:
        if rule.min_age <= age and (rule.max_age is None or age <= rule.max_age):
            reason = f"{age}周岁，适用{_band(rule)}档，每月{rule.monthly_yuan}元"
            return _item("高龄津贴", "eligible", reason, rule, item)
    lowest = min(rules, key=lambda r: r.min_age)
    reason = f"高龄津贴发放对象为{lowest.min_age}周岁及以上老年人，当前{age}周岁，暂不符合"
    return _item("高龄津贴", "not_eligible", reason, lowest, item)


def _care_subsidy(
    rules: list[AllowanceRule], age: int, economic: str | None, need: str | None, item: ServiceItem | None
) -> AllowanceItem:
    kind = "养老服务补贴"
    first = rules[0]
    min_age = min(r.min_age for r in rules)
    accepted = sorted({e for r in rules for e in r.conditions.get("economic", [])})
    needs = [n for r in rules for n in r.conditions.get("care_need", [])]
    if age < min_age:
        return _item(kind, "not_eligible", f"养老服务补贴发放对象为{min_age}周岁及以上老年人", first, item)
    if economic is None or need is None:
        reason = f"需同时满足：家庭经济状况为{'或'.join(accepted)}，且能力评估为{'或'.join(needs)}；请补充经济状况和评估等级"
        return _item(kind, "needs_info", reason, first, item)
    for rule in rules:
        if economic in rule.conditions.get("economic", []) and need in rule.conditions.get("care_need", []):
            reason = f"{economic}家庭、{need}，每月{rule.monthly_yuan}元"
            return _item(kind, "eligible", reason, rule, item)
    if economic not in accepted:
        return _item(kind, "not_eligible", f"养老服务补贴面向{'或'.join(accepted)}家庭的老年人", first, item)
    return _item(kind, "not_eligible", f"养老服务补贴面向能力评估为{'或'.join(needs)}的老年人", first, item)


def estimate_elderly_allowance(
    ctx: ToolContext, args: EstimateElderlyAllowanceArgs, caller: Caller
) -> AllowanceEstimate:
    """按户籍所在市州和年龄估算老年人每月可领的高龄津贴和经济困难老年人养老服务补贴，并返回所依据的规则和办理地点。

    年龄可直接给出，也可由出生日期或身份证号码推算；养老服务补贴还需家庭经济状况和能力评估等级。结果确定可复现。
    """
    age = _age(args, ctx.today())
    kinds = [args.kind] if args.kind else list(KINDS)
    with read_session(ctx.session_factory) as session:
        city = get_city(session, args.city)
        query = select(AllowanceRule).where(AllowanceRule.city_id == city.id).order_by(AllowanceRule.min_age)
        rules = list(session.scalars(query))
        codes = {r.item_code for r in rules if r.item_code}
        items_by_code = {
            i.code: i for i in session.scalars(select(ServiceItem).where(ServiceItem.code.in_(codes)))
        }
        results: list[AllowanceItem] = []
        titles: list[str] = []
        for kind in kinds:
            of_kind = [r for r in rules if r.kind == kind]
            if not of_kind:
                continue
            item = items_by_code.get(of_kind[0].item_code or "")
            titles.append(of_kind[0].title)
            if kind == "高龄津贴":
                results.append(_high_age(of_kind, age, item))
            else:
                results.append(_care_subsidy(of_kind, age, args.economic_status, args.care_need, item))
    if not results:
        raise ToolError(
            "not_found", f"暂未收录{city.name}的老年人津贴补贴标准，请咨询当地民政部门或拨打12345"
        )
    return AllowanceEstimate(
        city=city.name,
        age=age,
        items=results,
        total_monthly_yuan=sum(r.monthly_yuan for r in results),
        notice="金额为示例数据，仅供参考，实际以户籍所在地民政部门核定为准",
        source=source_for("、".join(titles)),
        sample=all(r.sample for r in rules),
    )
