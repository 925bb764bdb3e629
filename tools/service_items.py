"""Tool: find government service items (办事事项): materials, time limit, fee, online or at which window."""

from __future__ import annotations

from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from tools.context import ToolContext
from tools.db import read_session
from tools.fields import CityName, SearchText
from tools.identity import Caller
from tools.models import Hall, HallService, ServiceItem
from tools.places import get_city
from tools.schemas import ToolArgs, ToolResult, source_for

DOMAIN_TEXT = {
    "government": "政务服务",
    "healthcare": "医疗卫生",
    "education": "教育",
    "eldercare": "养老服务",
}


class FindServiceItemArgs(ToolArgs):
    """Arguments of find_service_item."""

    keyword: SearchText = Field(
        title="事项关键词", description="要办的事，如 高龄津贴、社保卡补办、新生儿落户"
    )
    city: CityName | None = Field(
        default=None, title="城市", description="给出城市时，同时列出该市可办理的大厅和窗口"
    )
    online_only: bool = Field(
        default=False, title="仅看可网办", description="为 true 时只返回可在鄂汇办在线办理的事项"
    )
    limit: int = Field(default=5, ge=1, le=20, title="返回条数")


class HallWindowRef(BaseModel):
    """Where in a city an item is handled."""

    hall_id: int
    hall: str = Field(title="大厅")
    district: str | None = Field(title="区县")
    window: str = Field(title="窗口")


class ServiceItemInfo(ToolResult):
    """One service item from the catalogue."""

    code: str = Field(title="事项编码")
    name: str = Field(title="事项名称")
    department: str = Field(title="主管部门")
    domain: str = Field(title="领域")
    materials: list[str] = Field(title="申请材料")
    time_limit: str = Field(title="承诺办结时限")
    fee: str = Field(title="收费标准")
    online: bool = Field(title="可否在鄂汇办在线办理")
    how: str = Field(title="办理方式")
    where: list[HallWindowRef] = Field(default_factory=list, title="可办理的大厅和窗口")


class ServiceItemList(ToolResult):
    """Items matching the query, best match first."""

    keyword: str
    city: str | None
    items: list[ServiceItemInfo]
    total: int
    hint: str = ""


def _bigrams(text: str) -> set[str]:
    compact = "".join(text.split())
    return {compact[i : i + 2] for i in range(len(compact) - 1)}


def rank_items(items: list[ServiceItem], keyword: str) -> list[ServiceItem]:
    """Items containing every term of the keyword; failing that, the best character-bigram overlaps."""
    terms = keyword.split()

    def haystack(item: ServiceItem) -> str:
        return f"{item.name} {item.keywords} {item.department} {item.code}".lower()

    exact = [i for i in items if all(t.lower() in haystack(i) for t in terms)]
    if exact:
        exact.sort(key=lambda i: (not all(t.lower() in i.name.lower() for t in terms), len(i.name), i.id))
        return exact
    wanted = _bigrams(keyword.lower())
    scored = [(len(wanted & _bigrams(haystack(i))), i) for i in items]
    best = max((score for score, _ in scored), default=0)
    if best == 0:
        return []
    threshold = max(1, (best + 1) // 2)
    ranked = [(score, i) for score, i in scored if score >= threshold]
    ranked.sort(key=lambda pair: (-pair[0], pair[1].id))
    return [i for _, i in ranked]


def _where(session: Session, item: ServiceItem, city_id: int) -> list[HallWindowRef]:
    """Halls of the city that handle the item, with the window for it."""
    query = (
        select(Hall)
        .join(HallService, HallService.hall_id == Hall.id)
        .where(HallService.item_id == item.id, Hall.city_id == city_id)
        .options(selectinload(Hall.windows))
        .order_by(Hall.id)
    )
    refs: list[HallWindowRef] = []
    for hall in session.scalars(query):
        window = next((w for w in hall.windows if item.category in w.categories), None)
        label = f"{window.number}号 {window.name}" if window else "综合受理窗口"
        refs.append(HallWindowRef(hall_id=hall.id, hall=hall.name, district=hall.district, window=label))
    return refs


def find_service_item(ctx: ToolContext, args: FindServiceItemArgs, caller: Caller) -> ServiceItemList:
    """查询政务服务事项的办事指南：主管部门、申请材料、承诺时限、收费、能否在鄂汇办在线办理，以及在哪个大厅哪个窗口办理。

    keyword 用事项名称或常用说法（如 高龄津贴、身份证补办、异地就医备案）；给出 city 时列出该市可办理的大厅和窗口。
    """
    with read_session(ctx.session_factory) as session:
        city = get_city(session, args.city) if args.city else None
        query = select(ServiceItem).order_by(ServiceItem.id)
        if args.online_only:
            query = query.where(ServiceItem.online.is_(True))
        ranked = rank_items(list(session.scalars(query)), args.keyword)[: args.limit]
        infos = [_info(session, item, city.id if city else None) for item in ranked]
    hint = "" if infos else f"未找到与“{args.keyword}”相关的事项，请换个说法，或拨打12345咨询"
    title = f"{city.name}政务服务事项目录" if city else "政务服务事项目录"
    return ServiceItemList(
        keyword=args.keyword,
        city=city.name if city else None,
        items=infos,
        total=len(infos),
        hint=hint,
        source=source_for(title),
        sample=all(i.sample for i in infos) if infos else True,
    )


def _info(session: Session, item: ServiceItem, city_id: int | None) -> ServiceItemInfo:
    """One catalogue entry as a result."""
    how = (
        "可在鄂汇办App或湖北政务服务网在线办理，也可到大厅窗口办理" if item.online else "需本人到大厅窗口办理"
    )
    return ServiceItemInfo(
        code=item.code,
        name=item.name,
        department=item.department,
        domain=DOMAIN_TEXT.get(item.domain, item.domain),
        materials=[str(m) for m in item.materials],
        time_limit="即办" if item.time_limit_days == 0 else f"{item.time_limit_days}个工作日",
        fee=item.fee,
        online=item.online,
        how=how,
        where=_where(session, item, city_id) if city_id is not None else [],
        source=source_for(f"{item.name}办事指南", item.sample),
        sample=item.sample,
    )
