"""Tool: find government service halls by city or district, open now, and what they handle."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from tools.context import ToolContext
from tools.db import read_session
from tools.fields import CityName, DistrictName, SearchText
from tools.hours import DAY_NAMES, closing_time, next_opening, today_text, week_text, when_text
from tools.identity import Caller
from tools.models import Hall, HallService, ServiceItem
from tools.places import get_city, resolve_district
from tools.schemas import ToolArgs, ToolResult, source_for
from tools.service_items import rank_items

LEVEL_TEXT = {"city": "市级", "district": "区县级", "street": "街道（乡镇）级"}
_LEVEL_ORDER = {"city": 0, "district": 1, "street": 2}


class FindHallArgs(ToolArgs):
    """Arguments of find_hall."""

    city: CityName = Field(title="城市", description="湖北省市州名称，可用简称，如 襄阳、恩施")
    district: DistrictName | None = Field(
        default=None, title="区县", description="区、县、县级市或街道，如 樊城区"
    )
    open_now: bool = Field(
        default=False, title="仅看正在办公", description="为 true 时只返回当前正在办公的大厅"
    )
    service: SearchText | None = Field(
        default=None, title="办理事项", description="只看能办理该事项的大厅，如 高龄津贴、社保卡"
    )


class WindowInfo(BaseModel):
    """A counter in a hall."""

    number: str = Field(title="窗口号")
    name: str = Field(title="窗口名称")


class HallInfo(ToolResult):
    """One hall, with whether it is open at the time of the query."""

    id: int
    code: str
    name: str
    city: str
    district: str | None
    level: str = Field(title="层级")
    address: str
    open_now: bool = Field(title="当前是否办公")
    today_hours: str = Field(title="今日办公时间")
    hours: str = Field(title="每周办公时间")
    closes_at: str | None = Field(title="今日本时段结束时间", description="正在办公时才有")
    next_open: str | None = Field(title="下次开放时间", description="当前不办公时才有")
    hours_note: str = Field(title="办公时间说明")
    windows: list[WindowInfo] = Field(title="窗口")
    service_windows: list[WindowInfo] = Field(default_factory=list, title="可办理所查事项的窗口")


class HallList(ToolResult):
    """Halls that match the query."""

    city: str
    district: str | None
    checked_at: str = Field(title="查询时间（北京时间）")
    items: list[HallInfo]
    total: int
    hint: str = Field(default="", title="提示")


def _service_items(session: Session, text: str) -> list[ServiceItem]:
    """The catalogue items a citizen's wording names (best matches, at most three)."""
    return rank_items(list(session.scalars(select(ServiceItem).order_by(ServiceItem.id))), text)[:3]


def find_hall(ctx: ToolContext, args: FindHallArgs, caller: Caller) -> HallList:
    """查找湖北省各市州的政务服务大厅（政务服务中心、便民服务中心）：地址、办公时间、是否正在办公、窗口。

    可按区县筛选，可只看当前正在办公的大厅（open_now），也可只看能办理某个事项的大厅（service）。
    """
    now = ctx.now()
    with read_session(ctx.session_factory) as session:
        city = get_city(session, args.city)
        district = resolve_district(session, city, args.district) if args.district else None
        query = select(Hall).where(Hall.city_id == city.id).options(selectinload(Hall.windows))
        halls = list(session.scalars(query))
        hints: list[str] = []
        if district is not None:
            in_district = [h for h in halls if h.district == district]
            if in_district:
                halls = in_district
            else:
                halls = [h for h in halls if h.level == "city"]
                hints.append(f"暂未收录{district}的大厅，以下为市级大厅")
        categories: set[str] | None = None
        if args.service:
            items = _service_items(session, args.service)
            categories = {i.category for i in items}
            item_ids = [i.id for i in items]
            offering = set(
                session.scalars(select(HallService.hall_id).where(HallService.item_id.in_(item_ids)))
            )
            halls = [h for h in halls if h.id in offering]
            if items:
                hints.append(f"按事项“{'、'.join(i.name for i in items)}”筛选")
            else:
                hints.append(f"未找到名为“{args.service}”的办理事项，可先用事项查询确认事项名称")
        halls.sort(key=lambda h: (_LEVEL_ORDER.get(h.level, 9), h.id))
        infos = [_info(h, now, categories) for h in halls]
    if args.open_now:
        closed = [i for i in infos if not i.open_now]
        infos = [i for i in infos if i.open_now]
        first = next((i for i in closed if i.next_open), None)
        if not infos and first is not None:
            hints.append(f"当前没有正在办公的大厅。{first.name}下次开放：{first.next_open}")
    if not infos and not hints:
        hints.append("未找到符合条件的大厅，可拨打12345咨询")
    hints.append("也可在鄂汇办App或湖北政务服务网在线办理部分事项")
    place = f"{city.name}{district or ''}"
    return HallList(
        city=city.name,
        district=district,
        checked_at=f"{now:%Y-%m-%d %H:%M}（{DAY_NAMES[now.weekday()]}）",
        items=infos,
        total=len(infos),
        hint="；".join(hints),
        source=source_for(f"{place}政务服务大厅"),
        sample=all(i.sample for i in infos) if infos else True,
    )


def _info(hall: Hall, now: datetime, categories: set[str] | None) -> HallInfo:
    """One hall as a result, its state computed at `now`."""
    closes = closing_time(hall.hours, now)
    upcoming = None if closes else next_opening(hall.hours, now)
    source = source_for(hall.name, hall.sample)
    windows = [WindowInfo(number=w.number, name=w.name) for w in hall.windows]
    matched: list[WindowInfo] = []
    if categories is not None:
        matched = [
            WindowInfo(number=w.number, name=w.name)
            for w in hall.windows
            if categories.intersection(w.categories)
        ]
    return HallInfo(
        id=hall.id,
        code=hall.code,
        name=hall.name,
        city=hall.city.name,
        district=hall.district,
        level=LEVEL_TEXT.get(hall.level, hall.level),
        address=hall.address,
        open_now=closes is not None,
        today_hours=today_text(hall.hours, now),
        hours=week_text(hall.hours),
        closes_at=closes,
        next_open=when_text(upcoming, now) if upcoming else None,
        hours_note=str(hall.hours.get("note", "")),
        windows=windows,
        service_windows=matched,
        source=source,
        sample=hall.sample,
    )
