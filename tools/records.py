"""SQLAlchemy models of what citizens create: appointments and 12345-style work orders."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tools.models import Base, City, Hall, Slot


class Appointment(Base):
    """A booking of one slot by one citizen (for a named patient)."""

    __tablename__ = "appointments"
    __table_args__ = (UniqueConstraint("user_id", "idempotency_key"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    booking_no: Mapped[str | None] = mapped_column(String(32), unique=True)
    slot_id: Mapped[int] = mapped_column(ForeignKey("slots.id"), index=True)
    user_id: Mapped[str] = mapped_column(String(128), index=True)
    idempotency_key: Mapped[str] = mapped_column(String(64))
    patient_name: Mapped[str] = mapped_column(String(32))
    patient_id_masked: Mapped[str] = mapped_column(String(18))
    patient_id_hash: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16), default="booked")
    created_at: Mapped[datetime] = mapped_column(DateTime)
    cancelled_at: Mapped[datetime | None] = mapped_column(DateTime)
    cancel_key: Mapped[str | None] = mapped_column(String(64))
    sample: Mapped[bool] = mapped_column(Boolean, default=True)
    slot: Mapped[Slot] = relationship()


class WorkOrder(Base):
    """A 12345-style request: consultation, help, complaint, report or suggestion."""

    __tablename__ = "work_orders"
    __table_args__ = (UniqueConstraint("user_id", "idempotency_key"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    order_no: Mapped[str | None] = mapped_column(String(32), unique=True)
    user_id: Mapped[str] = mapped_column(String(128), index=True)
    idempotency_key: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(8))
    city_id: Mapped[int] = mapped_column(ForeignKey("cities.id"))
    district: Mapped[str | None] = mapped_column(String(32))
    location: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text)
    contact_consent: Mapped[bool] = mapped_column(Boolean, default=False)
    contact_name: Mapped[str | None] = mapped_column(String(32))
    contact_phone: Mapped[str | None] = mapped_column(String(16))
    hall_id: Mapped[int] = mapped_column(ForeignKey("halls.id"), index=True)
    status: Mapped[str] = mapped_column(String(16), default="received")
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    sample: Mapped[bool] = mapped_column(Boolean, default=True)
    city: Mapped[City] = relationship()
    hall: Mapped[Hall] = relationship()
    events: Mapped[list[WorkOrderEvent]] = relationship(order_by="WorkOrderEvent.id")


class WorkOrderEvent(Base):
    """One step in a work order's history (受理, 转办, 办结...)."""

    __tablename__ = "work_order_events"
    id: Mapped[int] = mapped_column(primary_key=True)
    work_order_id: Mapped[int] = mapped_column(ForeignKey("work_orders.id"), index=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    status: Mapped[str] = mapped_column(String(16))
    note: Mapped[str] = mapped_column(String(256))
