"""Tool: find elder-care facilities (养老机构) by place, care level, price and vacancy."""

from __future__ import annotations

from typing import Literal

from pydantic import Field
from sqlalchemy import select

from tools.context import ToolContext
from tools.db import read_session
from tools.fields import CityName, DistrictName
from tools.identity import Caller
from tools.models import CareFacility
from tools.places import get_city, resolve_district
from tools.schemas import ToolArgs, ToolResult, source_for

CareLevel = Literal["自理", "半失能", "失能", "失智"]


class FindCareFacilitiesArgs(ToolArgs):
    """Arguments of find_care_facilities."""

    city: CityName = Field(title="城市", description="湖北省市州名称，可用简称")
    district: DistrictName | None = Field(default=None, title="区县")
    care_level: CareLevel | None = Field(
        default=None, title="护理需求", description="老人的状况：自理、半失能、失能、失智"
    )
    max_monthly_price: int | None = Field(
        default=None, ge=0, le=100000, title="每月预算（元）", description="只看最低收费不超过该金额的机构"
    )
    ownership: Literal["公办", "民办", "公建民营"] | None = Field(default=None, title="机构性质")
    with_vacancy: bool = Field(default=False, title="只看有空床位")
    medical_integration: bool | None = Field(
        default=None, title="医养结合", description="为 true 时只看医养结合机构"
    )
    limit: int = Field(default=10, ge=1, le=30, title="返回条数")


class CareFacilityInfo(ToolResult):
    """One facility."""

    facility_id: int
    name: str
    city: str
    district: str
    ownership: str = Field(title="性质")
    beds_total: int = Field(title="床位总数")
    beds_available: int = Field(title="空余床位")
    care_levels: list[str] = Field(title="可收住")
    price: str = Field(title="每月收费区间")
    price_min: int
    price_max: int
    medical_integration: bool = Field(title="医养结合")
    address: str


class CareFacilityList(ToolResult):
    """Facilities matching the query, those with free beds first."""

    items: list[CareFacilityInfo]
    total: int
    hint: str = ""


def find_care_facilities(ctx: ToolContext, args: FindCareFacilitiesArgs, caller: Caller) -> CareFacilityList:
    """查找湖北省各市州的养老机构：床位与空床、可收住的护理等级（自理/半失能/失能/失智）、每月收费区间、是否医养结合。"""
    with read_session(ctx.session_factory) as session:
        city = get_city(session, args.city)
        district = resolve_district(session, city, args.district) if args.district else None
        query = select(CareFacility).where(CareFacility.city_id == city.id)
        if district is not None:
            query = query.where(CareFacility.district == district)
        if args.ownership is not None:
            query = query.where(CareFacility.ownership == args.ownership)
        if args.max_monthly_price is not None:
            query = query.where(CareFacility.price_min <= args.max_monthly_price)
        if args.with_vacancy:
            query = query.where(CareFacility.beds_available > 0)
        if args.medical_integration is not None:
            query = query.where(CareFacility.medical_integration.is_(args.medical_integration))
        rows = [f for f in session.scalars(query.order_by(CareFacility.id)) if _takes(f, args.care_level)]
    rows.sort(key=lambda f: (f.beds_available == 0, f.id))
    items = [_info(f, city.name) for f in rows[: args.limit]]
    place = f"{city.name}{district or ''}"
    hint = (
        "床位和收费会变动，入住前请向机构核实；经济困难的失能老人可了解养老服务补贴"
        if items
        else f"{place}暂无符合条件的养老机构，可放宽条件或咨询当地民政部门（也可拨打12345）"
    )
    return CareFacilityList(
        items=items, total=len(items), hint=hint, source=source_for(f"{place}养老机构名录")
    )


def _takes(facility: CareFacility, level: str | None) -> bool:
    return level is None or level in facility.care_levels


def _info(facility: CareFacility, city: str) -> CareFacilityInfo:
    return CareFacilityInfo(
        facility_id=facility.id,
        name=facility.name,
        city=city,
        district=facility.district,
        ownership=facility.ownership,
        beds_total=facility.beds_total,
        beds_available=facility.beds_available,
        care_levels=[str(c) for c in facility.care_levels],
        price=f"{facility.price_min}–{facility.price_max}元/月",
        price_min=facility.price_min,
        price_max=facility.price_max,
        medical_integration=facility.medical_integration,
        address=facility.address,
        source=source_for(f"{facility.name}基本信息", facility.sample),
        sample=facility.sample,
    )
