"""SQLAlchemy models of the service database: places, catalogues and rules (seeded data)."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Declarative base with stable constraint names (migrations depend on them)."""

    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {dict[str, Any]: JSON, list[Any]: JSON}


class City(Base):
    """One of Hubei's 17 cities and prefectures."""

    __tablename__ = "cities"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(32), unique=True)
    short_name: Mapped[str] = mapped_column(String(16))
    kind: Mapped[str] = mapped_column(String(16))
    districts: Mapped[list[District]] = relationship(back_populates="city", order_by="District.id")


class District(Base):
    """A district, county or county-level city inside a city."""

    __tablename__ = "districts"
    __table_args__ = (UniqueConstraint("city_id", "name"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    city_id: Mapped[int] = mapped_column(ForeignKey("cities.id"), index=True)
    name: Mapped[str] = mapped_column(String(32))
    city: Mapped[City] = relationship(back_populates="districts")


class Hall(Base):
    """A government service hall (政务服务中心/便民服务中心) with opening hours."""

    __tablename__ = "halls"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    city_id: Mapped[int] = mapped_column(ForeignKey("cities.id"), index=True)
    district: Mapped[str | None] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(64))
    level: Mapped[str] = mapped_column(String(16))
    is_main: Mapped[bool] = mapped_column(Boolean, default=False)
    address: Mapped[str] = mapped_column(String(128))
    hours: Mapped[dict[str, Any]] = mapped_column(JSON)
    note: Mapped[str] = mapped_column(String(256), default="")
    sample: Mapped[bool] = mapped_column(Boolean, default=True)
    city: Mapped[City] = relationship()
    windows: Mapped[list[HallWindow]] = relationship(order_by="HallWindow.id")


class HallWindow(Base):
    """A counter (窗口) in a hall and the categories of items it handles."""

    __tablename__ = "hall_windows"
    id: Mapped[int] = mapped_column(primary_key=True)
    hall_id: Mapped[int] = mapped_column(ForeignKey("halls.id"), index=True)
    number: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(64))
    categories: Mapped[list[Any]] = mapped_column(JSON)


class ServiceItem(Base):
    """A government service item (政务服务事项) from the catalogue."""

    __tablename__ = "service_items"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(64))
    department: Mapped[str] = mapped_column(String(64))
    category: Mapped[str] = mapped_column(String(32))
    domain: Mapped[str] = mapped_column(String(16))
    materials: Mapped[list[Any]] = mapped_column(JSON)
    time_limit_days: Mapped[int] = mapped_column(Integer)
    fee: Mapped[str] = mapped_column(String(64))
    online: Mapped[bool] = mapped_column(Boolean)
    keywords: Mapped[str] = mapped_column(String(256), default="")
    sample: Mapped[bool] = mapped_column(Boolean, default=True)


class HallService(Base):
    """Which hall handles which service item."""

    __tablename__ = "hall_services"
    hall_id: Mapped[int] = mapped_column(ForeignKey("halls.id"), primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("service_items.id"), primary_key=True, index=True)


class Hospital(Base):
    """A hospital that offers appointment booking."""

    __tablename__ = "hospitals"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    city_id: Mapped[int] = mapped_column(ForeignKey("cities.id"), index=True)
    district: Mapped[str | None] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(64))
    level: Mapped[str] = mapped_column(String(16))
    kind: Mapped[str] = mapped_column(String(16))
    address: Mapped[str] = mapped_column(String(128))
    sample: Mapped[bool] = mapped_column(Boolean, default=True)
    city: Mapped[City] = relationship()
    departments: Mapped[list[Department]] = relationship(order_by="Department.id")


class Department(Base):
    """A clinical department (科室) of a hospital, with its registration fee."""

    __tablename__ = "departments"
    __table_args__ = (UniqueConstraint("hospital_id", "name"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    hospital_id: Mapped[int] = mapped_column(ForeignKey("hospitals.id"), index=True)
    name: Mapped[str] = mapped_column(String(32))
    fee_yuan: Mapped[int] = mapped_column(Integer)
    weekend: Mapped[bool] = mapped_column(Boolean, default=False)
    hospital: Mapped[Hospital] = relationship(back_populates="departments")


class Slot(Base):
    """Appointment capacity of one department for one time range of one day."""

    __tablename__ = "slots"
    __table_args__ = (
        UniqueConstraint("department_id", "day", "start"),
        CheckConstraint("booked >= 0 AND booked <= capacity", name="booked_range"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    department_id: Mapped[int] = mapped_column(ForeignKey("departments.id"), index=True)
    day: Mapped[date] = mapped_column(Date, index=True)
    start: Mapped[str] = mapped_column(String(5))
    end: Mapped[str] = mapped_column(String(5))
    capacity: Mapped[int] = mapped_column(Integer)
    booked: Mapped[int] = mapped_column(Integer, default=0)
    department: Mapped[Department] = relationship()


class School(Base):
    """A primary or middle school."""

    __tablename__ = "schools"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    city_id: Mapped[int] = mapped_column(ForeignKey("cities.id"), index=True)
    district: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(64))
    stage: Mapped[str] = mapped_column(String(16))
    ownership: Mapped[str] = mapped_column(String(16))
    address: Mapped[str] = mapped_column(String(128))
    sample: Mapped[bool] = mapped_column(Boolean, default=True)
    city: Mapped[City] = relationship()
    rules: Mapped[list[CatchmentRule]] = relationship(order_by="CatchmentRule.id")


class CatchmentRule(Base):
    """One area (street or residential community) in a school's catchment (划片范围)."""

    __tablename__ = "catchment_rules"
    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("schools.id"), index=True)
    area: Mapped[str] = mapped_column(String(64))
    requirement: Mapped[str] = mapped_column(String(256))


class CareFacility(Base):
    """An elder-care facility (养老机构) with beds, care levels and a monthly price band."""

    __tablename__ = "care_facilities"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    city_id: Mapped[int] = mapped_column(ForeignKey("cities.id"), index=True)
    district: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(64))
    ownership: Mapped[str] = mapped_column(String(16))
    beds_total: Mapped[int] = mapped_column(Integer)
    beds_available: Mapped[int] = mapped_column(Integer)
    care_levels: Mapped[list[Any]] = mapped_column(JSON)
    price_min: Mapped[int] = mapped_column(Integer)
    price_max: Mapped[int] = mapped_column(Integer)
    medical_integration: Mapped[bool] = mapped_column(Boolean)
    address: Mapped[str] = mapped_column(String(128))
    sample: Mapped[bool] = mapped_column(Boolean, default=True)
    city: Mapped[City] = relationship()


class AllowanceRule(Base):
    """One band of an allowance (高龄津贴, 养老服务补贴) in one city, as data."""

    __tablename__ = "allowance_rules"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(48), unique=True)
    city_id: Mapped[int] = mapped_column(ForeignKey("cities.id"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    title: Mapped[str] = mapped_column(String(128))
    min_age: Mapped[int] = mapped_column(Integer)
    max_age: Mapped[int | None] = mapped_column(Integer)
    monthly_yuan: Mapped[int] = mapped_column(Integer)
    conditions: Mapped[dict[str, Any]] = mapped_column(JSON)
    apply_at: Mapped[str] = mapped_column(String(256))
    item_code: Mapped[str | None] = mapped_column(String(32))
    note: Mapped[str] = mapped_column(Text, default="")
    sample: Mapped[bool] = mapped_column(Boolean, default=True)
    city: Mapped[City] = relationship()
