"""Tools: hospitals and their departments, and free appointment slots of a department."""

from __future__ import annotations

import datetime as dt
from datetime import date, datetime, timedelta

from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from tools.context import ToolContext
from tools.db import read_session
from tools.errors import ToolError
from tools.fields import CityName, SearchText
from tools.hours import DAY_NAMES
from tools.identity import Caller
from tools.models import Department, Hospital, Slot
from tools.places import get_city
from tools.schemas import ToolArgs, ToolResult, source_for
from tools.slots import BOOKING_WINDOW_DAYS


class ListHospitalDepartmentsArgs(ToolArgs):
    """Arguments of list_hospital_departments."""

    city: CityName | None = Field(default=None, title="城市", description="湖北省市州名称，可用简称")
    hospital: SearchText | None = Field(default=None, title="医院名称", description="医院名称或其中几个字")
    department: SearchText | None = Field(
        default=None, title="科室", description="只看名称含这些字的科室，如 儿科"
    )


class DepartmentInfo(BaseModel):
    """A department; its id is what find_appointment_slots takes."""

    department_id: int
    name: str
    fee_yuan: int = Field(title="挂号费（元）")
    weekend: bool = Field(title="周末是否开诊")


class HospitalInfo(ToolResult):
    """A hospital with its departments."""

    hospital_id: int
    name: str
    city: str
    district: str | None
    level: str = Field(title="医院等级")
    kind: str = Field(title="类别")
    address: str
    departments: list[DepartmentInfo]


class HospitalList(ToolResult):
    """Hospitals matching the query."""

    items: list[HospitalInfo]
    total: int
    hint: str = ""


def list_hospital_departments(
    ctx: ToolContext, args: ListHospitalDepartmentsArgs, caller: Caller
) -> HospitalList:
    """列出湖北省可预约挂号的医院及其科室（含科室编号 department_id 和挂号费），用于后续查询号源和预约。

    至少给出城市或医院名称之一；可按科室名称筛选（如 儿科、老年医学科）。
    """
    if args.city is None and args.hospital is None:
        raise ToolError("invalid_input", "请至少提供城市或医院名称之一")
    with read_session(ctx.session_factory) as session:
        query = select(Hospital).options(selectinload(Hospital.departments), selectinload(Hospital.city))
        if args.city is not None:
            query = query.where(Hospital.city_id == get_city(session, args.city).id)
        if args.hospital is not None:
            query = query.where(Hospital.name.contains(args.hospital, autoescape=True))
        items: list[HospitalInfo] = []
        for hospital in session.scalars(query.order_by(Hospital.id)):
            departments = [
                DepartmentInfo(department_id=d.id, name=d.name, fee_yuan=d.fee_yuan, weekend=d.weekend)
                for d in hospital.departments
                if args.department is None or args.department in d.name
            ]
            if departments:
                items.append(
                    HospitalInfo(
                        hospital_id=hospital.id,
                        name=hospital.name,
                        city=hospital.city.name,
                        district=hospital.district,
                        level=hospital.level,
                        kind=hospital.kind,
                        address=hospital.address,
                        departments=departments,
                        source=source_for(f"{hospital.name}预约挂号科室", hospital.sample),
                        sample=hospital.sample,
                    )
                )
    title = f"{args.city or ''}医院预约挂号目录"
    hint = "" if items else "未找到符合条件的医院或科室，可换个名称再试；健康咨询可拨打12320"
    return HospitalList(items=items, total=len(items), hint=hint, source=source_for(title))


class FindAppointmentSlotsArgs(ToolArgs):
    """Arguments of find_appointment_slots."""

    department_id: int = Field(
        ge=1, title="科室编号", description="list_hospital_departments 返回的 department_id"
    )
    date: dt.date | None = Field(default=None, title="就诊日期", description="如 2025-06-10；不填则查未来7天")
    only_available: bool = Field(default=True, title="只看有余号的时段")


class SlotInfo(BaseModel):
    """One bookable time range; book it by slot_id."""

    slot_id: int
    date: dt.date
    weekday: str
    start: str
    end: str
    remaining: int = Field(title="剩余号源")
    capacity: int = Field(title="总号源")


class SlotList(ToolResult):
    """Slots of one department."""

    hospital: str
    department: str
    department_id: int
    fee_yuan: int = Field(title="挂号费（元）")
    date_from: date
    date_to: date
    items: list[SlotInfo]
    total: int
    hint: str = ""


def check_booking_date(day: date, today: date) -> None:
    """Raise `invalid_input` unless `day` lies in the bookable window starting today."""
    last = today + timedelta(days=BOOKING_WINDOW_DAYS - 1)
    if day < today:
        raise ToolError(
            "invalid_input", f"就诊日期{day.isoformat()}已过，请选择今天（{today.isoformat()}）或以后的日期"
        )
    if day > last:
        raise ToolError(
            "invalid_input", f"仅开放未来{BOOKING_WINDOW_DAYS}天内的号源，最晚可约{last.isoformat()}"
        )


def find_appointment_slots(ctx: ToolContext, args: FindAppointmentSlotsArgs, caller: Caller) -> SlotList:
    """查询某个科室可预约的号源时段（剩余号数），只开放未来14天；预约时使用返回的 slot_id。"""
    now = ctx.now()
    today = now.date()
    if args.date is not None:
        check_booking_date(args.date, today)
        first, last = args.date, args.date
    else:
        first, last = today, today + timedelta(days=6)
    with read_session(ctx.session_factory) as session:
        department = session.get(Department, args.department_id, options=[selectinload(Department.hospital)])
        if department is None:
            raise ToolError("not_found", f"未找到编号为{args.department_id}的科室，请先查询医院科室列表")
        query = (
            select(Slot)
            .where(Slot.department_id == department.id, Slot.day >= first, Slot.day <= last)
            .order_by(Slot.day, Slot.start)
        )
        slots = list(session.scalars(query))
        hospital = department.hospital
    items = [
        SlotInfo(
            slot_id=s.id,
            date=s.day,
            weekday=DAY_NAMES[s.day.weekday()],
            start=s.start,
            end=s.end,
            remaining=s.capacity - s.booked,
            capacity=s.capacity,
        )
        for s in slots
        if slot_starts_at(s) > now.replace(tzinfo=None) and (not args.only_available or s.booked < s.capacity)
    ]
    hint = "" if items else "所选日期暂无可预约号源，可换一天或换一个科室；急症请立即拨打120"
    return SlotList(
        hospital=hospital.name,
        department=department.name,
        department_id=department.id,
        fee_yuan=department.fee_yuan,
        date_from=first,
        date_to=last,
        items=items,
        total=len(items),
        hint=hint,
        source=source_for(f"{hospital.name}{department.name}号源", hospital.sample),
        sample=hospital.sample,
    )


def slot_starts_at(slot: Slot) -> datetime:
    """The naive Beijing-time moment a slot starts."""
    return datetime.combine(slot.day, datetime.strptime(slot.start, "%H:%M").time())
