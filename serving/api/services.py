"""Bookings and work orders over the tool registry, as the caller the key (and `X-User-Id`) identifies."""

from __future__ import annotations

import asyncio
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, Path, Query
from pydantic import BaseModel

from serving.api.deps import CurrentServices, Principal, Services, require
from serving.api.errors import ApiError
from serving.api.idempotency import KEY_PATTERN
from serving.api.schemas import BookingRequest, WorkOrderRequest
from tools.appointments import AppointmentInfo, AppointmentList
from tools.errors import ToolError
from tools.work_orders import WorkOrderInfo, WorkOrderList

router = APIRouter(prefix="/api/v1", tags=["services"])
_RECORD_NO = r"^[A-Za-z0-9\-]{1,32}$"
_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"description": "需要接入密钥"}, 403: {"description": "权限不足，或未指定办理人（X-User-Id）"},
    404: {"description": "记录不存在或不属于该用户"}, 409: {"description": "需要确认（confirm=true）、号源已满或冲突"},
}
Citizen = Annotated[Principal, Depends(require("citizen_app", "service"))]
Reader = Annotated[Principal, Depends(require("citizen_app", "service", "staff"))]
IdemKey = Annotated[str | None, Header(alias="Idempotency-Key", pattern=r"^[A-Za-z0-9_\-]{8,64}$",
                                       description="8到64位字母数字；写操作必填，重试时保持不变")]


def _idem(value: str | None) -> str:
    if value is None:
        raise ApiError(400, "idempotency_key_required", "该写操作需要 Idempotency-Key 请求头（8到64位字母、数字、_ 或 -）。")
    if not KEY_PATTERN.fullmatch(value):
        raise ApiError(400, "invalid_idempotency_key", "Idempotency-Key 应为8到64位字母、数字、下划线或连字符。")
    return value


async def call(svc: Services, who: Principal, name: str, args: dict[str, Any]) -> BaseModel:
    """Run a tool as the principal's caller (blocking work off the loop)."""
    if svc.tools is None:
        raise ApiError(503, "unavailable", "办事数据服务未启用。")
    if name not in svc.tools:
        raise ToolError("not_found", "当前为只读服务，不提供该写操作，请到大厅窗口或在鄂汇办办理")
    return await asyncio.to_thread(svc.tools.call, name, args, who.caller())


@router.post("/bookings", response_model=AppointmentInfo, status_code=201, responses=_ERRORS, summary="预约挂号")
async def book(body: BookingRequest, who: Citizen, svc: CurrentServices,
               idempotency_key: IdemKey = None) -> BaseModel:
    """Book a slot for the citizen (`X-User-Id` with a citizen_app or service key); confirm=true books it."""
    args = {**body.model_dump(), "idempotency_key": _idem(idempotency_key)}
    return await call(svc, who, "book_appointment", args)


@router.delete("/bookings/{booking_no}", response_model=AppointmentInfo, responses=_ERRORS, summary="取消预约")
async def cancel(who: Citizen, svc: CurrentServices, booking_no: str = Path(pattern=_RECORD_NO),
                 confirm: bool = Query(default=False, description="用户明确确认取消后为 true"),
                 idempotency_key: IdemKey = None) -> BaseModel:
    """Cancel the citizen's own booking."""
    args = {"booking_no": booking_no, "confirm": confirm, "idempotency_key": _idem(idempotency_key)}
    return await call(svc, who, "cancel_appointment", args)


@router.get("/bookings", response_model=AppointmentList, responses=_ERRORS, summary="我的预约")
async def bookings(who: Citizen, svc: CurrentServices,
                   include_cancelled: bool = Query(default=False)) -> BaseModel:
    """The citizen's own bookings, newest first."""
    return await call(svc, who, "list_my_appointments", {"include_cancelled": include_cancelled})


@router.post("/work-orders", response_model=WorkOrderInfo, status_code=201, responses=_ERRORS, summary="提交工单")
async def create_order(body: WorkOrderRequest, who: Citizen, svc: CurrentServices,
                       idempotency_key: IdemKey = None) -> BaseModel:
    """File a 12345-style work order for the citizen; contact details only with consent."""
    args = {**body.model_dump(exclude_none=True), "idempotency_key": _idem(idempotency_key)}
    order = await call(svc, who, "create_work_order", args)
    assert isinstance(order, WorkOrderInfo)
    if not order.replayed:
        svc.webhooks.emit("work_order.created", {"order_no": order.order_no, "kind": order.kind, "city": order.city,
                                                 "hall": order.hall, "status": order.status,
                                                 "created_at": order.created_at})
    return order


@router.get("/work-orders", response_model=WorkOrderList, responses=_ERRORS, summary="工单列表")
async def orders(who: Reader, svc: CurrentServices,
                 status: str | None = Query(default=None, pattern="^(received|assigned|processing|closed)$"),
                 limit: int = Query(default=20, ge=1, le=100)) -> BaseModel:
    """The citizen's own orders, or a hall's queue for staff."""
    args: dict[str, Any] = {"limit": limit} | ({"status": status} if status else {})
    return await call(svc, who, "list_work_orders", args)


@router.get("/work-orders/{order_no}", response_model=WorkOrderInfo, responses=_ERRORS, summary="查询工单")
async def order(who: Reader, svc: CurrentServices, order_no: str = Path(pattern=_RECORD_NO)) -> BaseModel:
    """One order with its history; only its owner (or the hall's staff) can see it."""
    return await call(svc, who, "get_work_order_status", {"order_no": order_no})
