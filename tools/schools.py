"""Tool: which public primary or middle school an address belongs to (义务教育划片)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from tools.context import ToolContext
from tools.db import read_session
from tools.fields import CityName, DistrictName, SearchText
from tools.identity import Caller
from tools.models import School
from tools.places import get_city, resolve_district
from tools.schemas import ToolArgs, ToolResult, source_for

STAGE_MATCHES = {"小学": ("小学", "九年一贯制"), "初中": ("初中", "九年一贯制")}
ENROL_ITEMS = {"小学": "义务教育小学新生入学登记", "初中": "义务教育初中新生入学登记"}


class CheckSchoolCatchmentArgs(ToolArgs):
    """Arguments of check_school_catchment."""

    city: CityName = Field(title="城市", description="湖北省市州名称，可用简称")
    district: DistrictName | None = Field(
        default=None, title="区县", description="如 樊城区；不填则在全市范围查找"
    )
    address: SearchText = Field(title="住址", description="所在街道或社区（小区）名称，如 古城街道")
    stage: Literal["小学", "初中"] | None = Field(default=None, title="学段")


class SchoolMatch(BaseModel):
    """A school whose catchment covers the address."""

    school_id: int
    name: str
    stage: str = Field(title="学段")
    ownership: str = Field(title="办学性质")
    district: str
    address: str
    matched_area: str = Field(title="匹配的划片区域")
    requirement: str = Field(title="入学条件")


class CatchmentResult(ToolResult):
    """Schools the address is zoned for; empty when no catchment covers it."""

    city: str
    district: str | None
    address: str
    in_catchment: bool = Field(title="是否在已收录的划片范围内")
    matches: list[SchoolMatch]
    hint: str = ""


def _covers(area: str, address: str) -> bool:
    """True when the catchment area and the address name the same place."""
    return area in address or (len(address) >= 2 and address in area)


def check_school_catchment(
    ctx: ToolContext, args: CheckSchoolCatchmentArgs, caller: Caller
) -> CatchmentResult:
    """查询某个住址（街道或社区）对口的公办小学、初中（义务教育划片范围）及入学条件。

    结果为示例数据，最终以当地教育局当年公布的招生划片方案为准。
    """
    with read_session(ctx.session_factory) as session:
        city = get_city(session, args.city)
        district = resolve_district(session, city, args.district) if args.district else None
        query = select(School).where(School.city_id == city.id).options(selectinload(School.rules))
        if district is not None:
            query = query.where(School.district == district)
        if args.stage is not None:
            query = query.where(School.stage.in_(STAGE_MATCHES[args.stage]))
        matches: list[SchoolMatch] = []
        for school in session.scalars(query.order_by(School.id)):
            rule = next((r for r in school.rules if _covers(r.area, args.address)), None)
            if rule is not None:
                matches.append(
                    SchoolMatch(
                        school_id=school.id,
                        name=school.name,
                        stage=school.stage,
                        ownership=school.ownership,
                        district=school.district,
                        address=school.address,
                        matched_area=rule.area,
                        requirement=rule.requirement,
                    )
                )
    place = f"{city.name}{district or ''}"
    if matches:
        item = ENROL_ITEMS.get(args.stage or "小学", ENROL_ITEMS["小学"])
        hint = f"入学报名可查询事项“{item}”；最终以{place}教育局当年公布的划片方案为准"
    else:
        hint = f"未找到“{args.address}”的划片信息，请核对街道或社区名称，或咨询{place}教育局（也可拨打12345）"
    return CatchmentResult(
        city=city.name,
        district=district,
        address=args.address,
        in_catchment=bool(matches),
        matches=matches,
        hint=hint,
        source=source_for(f"{place}义务教育招生划片范围"),
    )
