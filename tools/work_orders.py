"""Tools: file a 12345-style work order, check its status, and list a caller's or a hall's orders."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, joinedload, selectinload

from tools.access import can_see_record, require_citizen, require_identified
from tools.context import ToolContext, to_beijing
from tools.db import read_session, write_session
from tools.errors import ToolError
from tools.fields import (
    CityName,
    DistrictName,
    IdempotencyKey,
    LongText,
    MobilePhone,
    PersonName,
    RecordNo,
    ShortText,
)
from tools.identity import Caller
from tools.models import City, Hall
from tools.places import get_city, resolve_district
from tools.records import WorkOrder, WorkOrderEvent
from tools.schemas import ToolArgs, ToolResult, source_for

OrderKind = Literal["咨询", "求助", "投诉", "举报", "建议"]
STATUS_TEXT = {"received": "已受理", "assigned": "已转办", "processing": "办理中", "closed": "已办结"}
NOTICE = (
    "示例服务：工单不会转交真实的12345热线平台。如需正式反映诉求请拨打12345；遇紧急危险请拨打110、119或120。"
)


class CreateWorkOrderArgs(ToolArgs):
    """Arguments of create_work_order."""

    kind: OrderKind = Field(title="诉求类型", description="咨询、求助、投诉、举报或建议")
    city: CityName = Field(title="城市", description="事发地所在的湖北省市州，可用简称")
    district: DistrictName | None = Field(default=None, title="区县")
    location: ShortText = Field(title="事发地点", description="尽量具体，如 某街道某路口")
    description: LongText = Field(title="诉求内容", description="发生了什么、希望如何解决，2000字以内")
    contact_consent: bool = Field(
        default=False, title="同意留下联系方式", description="用户明确同意后才可为 true"
    )
    contact_name: PersonName | None = Field(default=None, title="联系人姓名")
    contact_phone: MobilePhone | None = Field(default=None, title="联系电话")
    confirm: bool = Field(default=False, title="已确认", description="用户明确确认提交后才为 true")
    idempotency_key: IdempotencyKey = Field(
        title="幂等键", description="同一次提交重试时保持不变，8到64位字母数字"
    )


class GetWorkOrderStatusArgs(ToolArgs):
    """Arguments of get_work_order_status."""

    order_no: RecordNo = Field(title="工单号")


class ListWorkOrdersArgs(ToolArgs):
    """Arguments of list_work_orders."""

    status: Literal["received", "assigned", "processing", "closed"] | None = Field(default=None, title="状态")
    limit: int = Field(default=20, ge=1, le=100, title="返回条数")


class WorkOrderEventInfo(BaseModel):
    """One step in an order's history."""

    at: str = Field(title="时间（北京时间）")
    status_text: str
    note: str


class WorkOrderInfo(ToolResult):
    """One work order; contact details are masked."""

    order_no: str = Field(title="工单号")
    kind: str
    city: str
    district: str | None
    location: str
    description: str
    status: str
    status_text: str = Field(title="状态")
    hall: str = Field(title="承办大厅")
    created_at: str = Field(title="提交时间（北京时间）")
    contact: str = Field(title="联系方式（脱敏）")
    events: list[WorkOrderEventInfo]
    replayed: bool = Field(default=False, title="是否为重复提交返回的原结果")
    notice: str = NOTICE


class WorkOrderList(ToolResult):
    """Orders the caller may see: their own, or their hall's queue for staff."""

    scope: str = Field(title="范围")
    items: list[WorkOrderInfo]
    total: int


def _mask_phone(phone: str) -> str:
    return phone[:3] + "****" + phone[-4:]


def _info(order: WorkOrder, replayed: bool = False) -> WorkOrderInfo:
    parts: list[str] = []
    if order.contact_consent and order.contact_name:
        parts.append(order.contact_name[0] + "**")
    if order.contact_consent and order.contact_phone:
        parts.append(_mask_phone(order.contact_phone))
    contact = "，".join(parts) or "未留联系方式"
    return WorkOrderInfo(
        order_no=order.order_no or "",
        kind=order.kind,
        city=order.city.name,
        district=order.district,
        location=order.location,
        description=order.description,
        status=order.status,
        status_text=STATUS_TEXT.get(order.status, order.status),
        hall=order.hall.name,
        created_at=f"{to_beijing(order.created_at):%Y-%m-%d %H:%M}",
        contact=contact,
        events=[
            WorkOrderEventInfo(
                at=f"{to_beijing(e.at):%Y-%m-%d %H:%M}",
                status_text=STATUS_TEXT.get(e.status, e.status),
                note=e.note,
            )
            for e in order.events
        ],
        replayed=replayed,
        source=source_for(f"{order.city.name}12345工单记录", order.sample),
        sample=order.sample,
    )


def _load(session: Session, **where: object) -> WorkOrder | None:
    query = select(WorkOrder).options(
        joinedload(WorkOrder.city), joinedload(WorkOrder.hall), selectinload(WorkOrder.events)
    )
    for column, value in where.items():
        query = query.where(getattr(WorkOrder, column) == value)
    return session.scalars(query).first()


def _route(session: Session, city: City, district: str | None) -> Hall:
    """The hall that handles orders for the place: the district's hall, else the city's main hall."""
    halls = list(session.scalars(select(Hall).where(Hall.city_id == city.id).order_by(Hall.id)))
    in_district = [
        h for h in halls if district is not None and h.district == district and h.level == "district"
    ]
    main = [h for h in halls if h.is_main]
    chosen = in_district or main or halls
    if not chosen:
        raise ToolError("not_found", f"暂未收录{city.name}的承办大厅，请直接拨打12345")
    return chosen[0]


def _replay(ctx: ToolContext, user_id: str, args: CreateWorkOrderArgs) -> WorkOrderInfo | None:
    with read_session(ctx.session_factory) as session:
        earlier = _load(session, user_id=user_id, idempotency_key=args.idempotency_key)
        if earlier is None:
            return None
        if earlier.description != args.description or earlier.location != args.location:
            raise ToolError("conflict", "该幂等键已用于另一张工单，请为新的诉求使用新的幂等键")
        return _info(earlier, replayed=True)


def create_work_order(ctx: ToolContext, args: CreateWorkOrderArgs, caller: Caller) -> WorkOrderInfo:
    """为登录的群众登记12345式诉求工单（写操作）：类型、事发城市和地点、诉求内容；需用户明确确认（confirm=true）和幂等键。

    只有用户明确同意（contact_consent=true）时才可记录联系人和电话；用同一幂等键重试会返回同一张工单。
    """
    user_id = require_citizen(caller, "提交工单")
    has_contact = args.contact_name is not None or args.contact_phone is not None
    if has_contact and not args.contact_consent:
        raise ToolError(
            "invalid_input",
            "留下联系方式需要您的同意：请确认同意后再提交（contact_consent=true），或不留联系方式",
        )
    replay = _replay(ctx, user_id, args)
    if replay is not None:
        return replay
    with read_session(ctx.session_factory) as session:
        city = get_city(session, args.city)
        district = resolve_district(session, city, args.district) if args.district else None
        hall = _route(session, city, district)
        summary = f"{args.kind}：{city.name}{district or ''}{args.location}，转交{hall.name}办理"
    if not args.confirm:
        raise ToolError(
            "confirmation_required",
            f"请向用户确认工单信息（{summary}）。确认后再提交（confirm=true）",
            {"action": "create_work_order", "summary": summary},
        )
    now = ctx.now_utc_naive()
    try:
        with write_session(ctx.session_factory) as session:
            order = WorkOrder(
                user_id=user_id,
                idempotency_key=args.idempotency_key,
                kind=args.kind,
                city_id=city.id,
                district=district,
                location=args.location,
                description=args.description,
                contact_consent=args.contact_consent,
                contact_name=args.contact_name if args.contact_consent else None,
                contact_phone=args.contact_phone if args.contact_consent else None,
                hall_id=hall.id,
                status="received",
                created_at=now,
                updated_at=now,
            )
            session.add(order)
            session.flush()
            order.order_no = f"GD{to_beijing(now):%Y%m%d}{order.id:06d}"
            session.add(
                WorkOrderEvent(
                    work_order_id=order.id, at=now, status="received", note=f"已登记，转交{hall.name}"
                )
            )
            order_no = order.order_no
    except IntegrityError:
        replay = _replay(ctx, user_id, args)
        if replay is None:
            raise
        return replay
    with read_session(ctx.session_factory) as session:
        stored = _load(session, order_no=order_no)
        assert stored is not None
        return _info(stored)


def get_work_order_status(ctx: ToolContext, args: GetWorkOrderStatusArgs, caller: Caller) -> WorkOrderInfo:
    """按工单号查询12345式工单的办理状态和处理记录；群众只能查自己的工单，工作人员只能查本大厅承办的工单。"""
    require_identified(caller, "查询工单")
    with read_session(ctx.session_factory) as session:
        order = _load(session, order_no=args.order_no)
        if order is None or not can_see_record(caller, order.user_id, order.hall_id):
            raise ToolError("not_found", f"未找到工单“{args.order_no}”，或您无权查看该工单")
        return _info(order)


def list_work_orders(ctx: ToolContext, args: ListWorkOrdersArgs, caller: Caller) -> WorkOrderList:
    """列出工单：群众看到自己提交的工单；工作人员看到本大厅承办的工单队列（最早的在前）。"""
    require_identified(caller, "查看工单")
    query = select(WorkOrder).options(
        joinedload(WorkOrder.city), joinedload(WorkOrder.hall), selectinload(WorkOrder.events)
    )
    if caller.kind == "staff":
        query = query.where(WorkOrder.hall_id == caller.hall_id).order_by(WorkOrder.id)
        scope = "本大厅工单队列"
    else:
        query = query.where(WorkOrder.user_id == caller.user_id).order_by(WorkOrder.id.desc())
        scope = "本人提交的工单"
    if args.status is not None:
        query = query.where(WorkOrder.status == args.status)
    with read_session(ctx.session_factory) as session:
        items = [_info(o) for o in session.scalars(query.limit(args.limit))]
    return WorkOrderList(
        scope=scope, items=items, total=len(items), source=source_for(f"12345工单记录（{scope}）")
    )
