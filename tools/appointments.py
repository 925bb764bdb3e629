"""Tools: book, cancel and list hospital appointments (writes need an identified citizen)."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from pydantic import Field
from sqlalchemy import CursorResult, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, joinedload

from tools.access import require_citizen
from tools.context import ToolContext
from tools.db import read_session, write_session
from tools.errors import ToolError
from tools.fields import IdempotencyKey, IdNumber, PersonName, RecordNo
from tools.hospitals import check_booking_date, slot_starts_at
from tools.idcard import digest, mask
from tools.identity import Caller
from tools.models import Department, Slot
from tools.records import Appointment
from tools.schemas import ToolArgs, ToolResult, source_for

SLOT_TAKEN = "号源已被预约，请选择其他时段"
STATUS_TEXT = {"booked": "已预约", "cancelled": "已取消"}
NOTICE = "请于就诊当日携带就诊人身份证件按时到院；如需取消，请在就诊开始前取消。示例服务，不与医院系统联通。"


class BookAppointmentArgs(ToolArgs):
    """Arguments of book_appointment."""

    slot_id: int = Field(ge=1, title="号源编号", description="find_appointment_slots 返回的 slot_id")
    patient_name: PersonName = Field(title="就诊人姓名")
    patient_id_number: IdNumber = Field(title="就诊人身份证号码", description="18位居民身份证号码")
    confirm: bool = Field(default=False, title="已确认", description="用户明确确认预约信息后才为 true")
    idempotency_key: IdempotencyKey = Field(
        title="幂等键", description="同一次预约请求重试时保持不变，8到64位字母数字"
    )


class CancelAppointmentArgs(ToolArgs):
    """Arguments of cancel_appointment."""

    booking_no: RecordNo = Field(title="预约号")
    confirm: bool = Field(default=False, title="已确认", description="用户明确确认取消后才为 true")
    idempotency_key: IdempotencyKey = Field(title="幂等键")


class ListMyAppointmentsArgs(ToolArgs):
    """Arguments of list_my_appointments."""

    include_cancelled: bool = Field(default=False, title="包含已取消")


class AppointmentInfo(ToolResult):
    """One appointment, with the patient's name and ID masked."""

    booking_no: str = Field(title="预约号")
    status: str
    status_text: str = Field(title="状态")
    hospital: str
    department: str
    date: dt.date
    start: str
    end: str
    fee_yuan: int = Field(title="挂号费（元）")
    patient_name: str = Field(title="就诊人（脱敏）")
    patient_id: str = Field(title="身份证号（脱敏）")
    replayed: bool = Field(default=False, title="是否为重复提交返回的原结果")
    notice: str = NOTICE


class AppointmentList(ToolResult):
    """The caller's own appointments."""

    items: list[AppointmentInfo]
    total: int


def _mask_name(name: str) -> str:
    return name[0] + "*" * (len(name) - 1) if len(name) > 1 else name


def _load(session: Session, **where: object) -> Appointment | None:
    query = select(Appointment).options(
        joinedload(Appointment.slot).joinedload(Slot.department).joinedload(Department.hospital)
    )
    for column, value in where.items():
        query = query.where(getattr(Appointment, column) == value)
    return session.scalars(query).first()


def _info(appointment: Appointment, replayed: bool = False) -> AppointmentInfo:
    slot = appointment.slot
    hospital = slot.department.hospital
    return AppointmentInfo(
        booking_no=appointment.booking_no or "",
        status=appointment.status,
        status_text=STATUS_TEXT[appointment.status],
        hospital=hospital.name,
        department=slot.department.name,
        date=slot.day,
        start=slot.start,
        end=slot.end,
        fee_yuan=slot.department.fee_yuan,
        patient_name=_mask_name(appointment.patient_name),
        patient_id=appointment.patient_id_masked,
        replayed=replayed,
        source=source_for(f"{hospital.name}预约挂号记录", appointment.sample),
        sample=appointment.sample,
    )


def _replay(ctx: ToolContext, user_id: str, args: BookAppointmentArgs) -> AppointmentInfo | None:
    """The booking an earlier request with the same idempotency key made, if any."""
    with read_session(ctx.session_factory) as session:
        earlier = _load(session, user_id=user_id, idempotency_key=args.idempotency_key)
        if earlier is None:
            return None
        if earlier.slot_id != args.slot_id or earlier.patient_id_hash != digest(args.patient_id_number):
            raise ToolError("conflict", "该幂等键已用于另一笔预约，请为新的预约使用新的幂等键")
        return _info(earlier, replayed=True)


def book_appointment(ctx: ToolContext, args: BookAppointmentArgs, caller: Caller) -> AppointmentInfo:
    """为登录的群众预约挂号（写操作）：需要就诊人姓名和身份证号码、用户明确确认（confirm=true）和幂等键。

    未确认时返回 confirmation_required 及待确认的预约信息；号源已满时返回 slot_taken（号源已被预约）；
    用同一幂等键重试会返回同一笔预约。
    """
    user_id = require_citizen(caller, "预约挂号")
    replay = _replay(ctx, user_id, args)
    if replay is not None:
        return replay
    now = ctx.now()
    with read_session(ctx.session_factory) as session:
        slot = session.get(
            Slot, args.slot_id, options=[joinedload(Slot.department).joinedload(Department.hospital)]
        )
        if slot is None:
            raise ToolError("not_found", f"未找到编号为{args.slot_id}的号源，请重新查询号源")
        check_booking_date(slot.day, now.date())
        if slot_starts_at(slot) <= now.replace(tzinfo=None):
            raise ToolError("invalid_input", "该时段已开始或已结束，请选择之后的时段")
        if slot.booked >= slot.capacity:
            raise ToolError("slot_taken", SLOT_TAKEN)
        summary = (
            f"{slot.department.hospital.name}{slot.department.name}，{slot.day.isoformat()} {slot.start}-{slot.end}，"
            f"就诊人{_mask_name(args.patient_name)}，挂号费{slot.department.fee_yuan}元"
        )
    if not args.confirm:
        raise ToolError(
            "confirmation_required",
            f"请向用户确认预约信息：{summary}。确认后再提交（confirm=true）",
            {"action": "book_appointment", "summary": summary},
        )
    try:
        booking_no = _insert(ctx, user_id, args, slot.department_id, slot.day)
    except (_AlreadyBooked, IntegrityError):
        # The same request (same key) was committed by a parallel call: answer with its booking.
        replay = _replay(ctx, user_id, args)
        if replay is None:
            raise
        return replay
    with read_session(ctx.session_factory) as session:
        stored = _load(session, booking_no=booking_no)
        assert stored is not None
        return _info(stored)


class _AlreadyBooked(Exception):
    """Raised inside the write transaction when this idempotency key already has a booking."""


def _insert(
    ctx: ToolContext, user_id: str, args: BookAppointmentArgs, department_id: int, day: dt.date
) -> str:
    """Take one unit of the slot (conditional UPDATE, never read-then-write) and record the booking."""
    with write_session(ctx.session_factory) as session:
        taken = _rowcount(
            session.execute(
                update(Slot)
                .where(Slot.id == args.slot_id, Slot.booked < Slot.capacity)
                .values(booked=Slot.booked + 1)
            )
        )
        # After the UPDATE (which waits for a parallel booking of this slot to commit), a booking with
        # this key means this very request already succeeded.
        if _load(session, user_id=user_id, idempotency_key=args.idempotency_key) is not None:
            raise _AlreadyBooked
        if taken != 1:
            raise ToolError("slot_taken", SLOT_TAKEN)
        _check_duplicate(session, args, department_id, day)
        appointment = Appointment(
            slot_id=args.slot_id,
            user_id=user_id,
            idempotency_key=args.idempotency_key,
            patient_name=args.patient_name,
            patient_id_masked=mask(args.patient_id_number),
            patient_id_hash=digest(args.patient_id_number),
            status="booked",
            created_at=ctx.now_utc_naive(),
        )
        session.add(appointment)
        session.flush()
        appointment.booking_no = f"GH{day:%Y%m%d}{appointment.id:06d}"
        return appointment.booking_no


def _rowcount(result: Any) -> int:
    """Rows matched by an UPDATE."""
    return cast(CursorResult[Any], result).rowcount


def _check_duplicate(session: Session, args: BookAppointmentArgs, department_id: int, day: dt.date) -> None:
    """One active booking per patient, department and day."""
    query = (
        select(Appointment.booking_no)
        .join(Slot, Slot.id == Appointment.slot_id)
        .where(
            Appointment.patient_id_hash == digest(args.patient_id_number),
            Appointment.status == "booked",
            Slot.department_id == department_id,
            Slot.day == day,
        )
    )
    existing = session.scalars(query).first()
    if existing is not None:
        raise ToolError("conflict", f"该就诊人当天已预约本科室（预约号{existing}），请勿重复预约")


def cancel_appointment(ctx: ToolContext, args: CancelAppointmentArgs, caller: Caller) -> AppointmentInfo:
    """取消本人的挂号预约（写操作）：需要预约号、用户明确确认（confirm=true）和幂等键；已取消的预约再次取消返回原结果。"""
    user_id = require_citizen(caller, "取消预约")
    now = ctx.now()
    with read_session(ctx.session_factory) as session:
        appointment = _load(session, booking_no=args.booking_no, user_id=user_id)
        if appointment is None:
            raise ToolError("not_found", f"未找到预约号为{args.booking_no}的预约，或该预约不属于您")
        if appointment.status == "cancelled":
            return _info(appointment, replayed=True)
        if slot_starts_at(appointment.slot) <= now.replace(tzinfo=None):
            raise ToolError("invalid_input", "就诊时段已开始或已结束，不能在线取消；如有疑问请联系医院")
        summary = f"{appointment.slot.department.hospital.name}{appointment.slot.department.name}，" + (
            f"{appointment.slot.day.isoformat()} {appointment.slot.start}-{appointment.slot.end}"
        )
    if not args.confirm:
        raise ToolError(
            "confirmation_required",
            f"请向用户确认是否取消预约：{summary}。确认后再提交（confirm=true）",
            {"action": "cancel_appointment", "summary": summary},
        )
    with write_session(ctx.session_factory) as session:
        done = _rowcount(
            session.execute(
                update(Appointment)
                .where(Appointment.id == appointment.id, Appointment.status == "booked")
                .values(status="cancelled", cancelled_at=ctx.now_utc_naive(), cancel_key=args.idempotency_key)
            )
        )
        if done == 1:
            session.execute(update(Slot).where(Slot.id == appointment.slot_id).values(booked=Slot.booked - 1))
    with read_session(ctx.session_factory) as session:
        stored = _load(session, id=appointment.id)
        assert stored is not None
        return _info(stored, replayed=done != 1)


def list_my_appointments(ctx: ToolContext, args: ListMyAppointmentsArgs, caller: Caller) -> AppointmentList:
    """列出当前登录群众本人的挂号预约（最近的在前）；只能查看自己的预约。"""
    user_id = require_citizen(caller, "查看预约")
    with read_session(ctx.session_factory) as session:
        query = (
            select(Appointment)
            .where(Appointment.user_id == user_id)
            .options(joinedload(Appointment.slot).joinedload(Slot.department).joinedload(Department.hospital))
            .order_by(Appointment.id.desc())
        )
        if not args.include_cancelled:
            query = query.where(Appointment.status == "booked")
        items = [_info(a) for a in session.scalars(query)]
    return AppointmentList(items=items, total=len(items), source=source_for("本人预约挂号记录"))
