"""Initial schema: places, catalogues, rules, appointments and work orders.

Revision ID: 0001
Revises:
Create Date: 2026-11-29
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        "cities",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=32), nullable=False),
        sa.Column("short_name", sa.String(length=16), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cities")),
        sa.UniqueConstraint("name", name=op.f("uq_cities_name")),
    )
    op.create_table(
        "service_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("department", sa.String(length=64), nullable=False),
        sa.Column("category", sa.String(length=32), nullable=False),
        sa.Column("domain", sa.String(length=16), nullable=False),
        sa.Column("materials", sa.JSON(), nullable=False),
        sa.Column("time_limit_days", sa.Integer(), nullable=False),
        sa.Column("fee", sa.String(length=64), nullable=False),
        sa.Column("online", sa.Boolean(), nullable=False),
        sa.Column("keywords", sa.String(length=256), nullable=False),
        sa.Column("sample", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_service_items")),
        sa.UniqueConstraint("code", name=op.f("uq_service_items_code")),
    )
    op.create_table(
        "allowance_rules",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=48), nullable=False),
        sa.Column("city_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("title", sa.String(length=128), nullable=False),
        sa.Column("min_age", sa.Integer(), nullable=False),
        sa.Column("max_age", sa.Integer(), nullable=True),
        sa.Column("monthly_yuan", sa.Integer(), nullable=False),
        sa.Column("conditions", sa.JSON(), nullable=False),
        sa.Column("apply_at", sa.String(length=256), nullable=False),
        sa.Column("item_code", sa.String(length=32), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("sample", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["city_id"], ["cities.id"], name=op.f("fk_allowance_rules_city_id_cities")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_allowance_rules")),
        sa.UniqueConstraint("code", name=op.f("uq_allowance_rules_code")),
    )
    op.create_index(op.f("ix_allowance_rules_city_id"), "allowance_rules", ["city_id"])
    op.create_table(
        "care_facilities",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("city_id", sa.Integer(), nullable=False),
        sa.Column("district", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("ownership", sa.String(length=16), nullable=False),
        sa.Column("beds_total", sa.Integer(), nullable=False),
        sa.Column("beds_available", sa.Integer(), nullable=False),
        sa.Column("care_levels", sa.JSON(), nullable=False),
        sa.Column("price_min", sa.Integer(), nullable=False),
        sa.Column("price_max", sa.Integer(), nullable=False),
        sa.Column("medical_integration", sa.Boolean(), nullable=False),
        sa.Column("address", sa.String(length=128), nullable=False),
        sa.Column("sample", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["city_id"], ["cities.id"], name=op.f("fk_care_facilities_city_id_cities")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_care_facilities")),
        sa.UniqueConstraint("code", name=op.f("uq_care_facilities_code")),
    )
    op.create_index(op.f("ix_care_facilities_city_id"), "care_facilities", ["city_id"])
    op.create_table(
        "districts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("city_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(["city_id"], ["cities.id"], name=op.f("fk_districts_city_id_cities")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_districts")),
        sa.UniqueConstraint("city_id", "name", name=op.f("uq_districts_city_id_name")),
    )
    op.create_index(op.f("ix_districts_city_id"), "districts", ["city_id"])
    op.create_table(
        "halls",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("city_id", sa.Integer(), nullable=False),
        sa.Column("district", sa.String(length=32), nullable=True),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("level", sa.String(length=16), nullable=False),
        sa.Column("is_main", sa.Boolean(), nullable=False),
        sa.Column("address", sa.String(length=128), nullable=False),
        sa.Column("hours", sa.JSON(), nullable=False),
        sa.Column("note", sa.String(length=256), nullable=False),
        sa.Column("sample", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["city_id"], ["cities.id"], name=op.f("fk_halls_city_id_cities")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_halls")),
        sa.UniqueConstraint("code", name=op.f("uq_halls_code")),
    )
    op.create_index(op.f("ix_halls_city_id"), "halls", ["city_id"])
    op.create_table(
        "hospitals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("city_id", sa.Integer(), nullable=False),
        sa.Column("district", sa.String(length=32), nullable=True),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("level", sa.String(length=16), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("address", sa.String(length=128), nullable=False),
        sa.Column("sample", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["city_id"], ["cities.id"], name=op.f("fk_hospitals_city_id_cities")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_hospitals")),
        sa.UniqueConstraint("code", name=op.f("uq_hospitals_code")),
    )
    op.create_index(op.f("ix_hospitals_city_id"), "hospitals", ["city_id"])
    op.create_table(
        "schools",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("city_id", sa.Integer(), nullable=False),
        sa.Column("district", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("stage", sa.String(length=16), nullable=False),
        sa.Column("ownership", sa.String(length=16), nullable=False),
        sa.Column("address", sa.String(length=128), nullable=False),
        sa.Column("sample", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["city_id"], ["cities.id"], name=op.f("fk_schools_city_id_cities")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_schools")),
        sa.UniqueConstraint("code", name=op.f("uq_schools_code")),
    )
    op.create_index(op.f("ix_schools_city_id"), "schools", ["city_id"])
    op.create_table(
        "catchment_rules",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("school_id", sa.Integer(), nullable=False),
        sa.Column("area", sa.String(length=64), nullable=False),
        sa.Column("requirement", sa.String(length=256), nullable=False),
        sa.ForeignKeyConstraint(
            ["school_id"], ["schools.id"], name=op.f("fk_catchment_rules_school_id_schools")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_catchment_rules")),
    )
    op.create_index(op.f("ix_catchment_rules_school_id"), "catchment_rules", ["school_id"])
    op.create_table(
        "departments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("hospital_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=32), nullable=False),
        sa.Column("fee_yuan", sa.Integer(), nullable=False),
        sa.Column("weekend", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["hospital_id"], ["hospitals.id"], name=op.f("fk_departments_hospital_id_hospitals")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_departments")),
        sa.UniqueConstraint("hospital_id", "name", name=op.f("uq_departments_hospital_id_name")),
    )
    op.create_index(op.f("ix_departments_hospital_id"), "departments", ["hospital_id"])
    op.create_table(
        "hall_services",
        sa.Column("hall_id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["hall_id"], ["halls.id"], name=op.f("fk_hall_services_hall_id_halls")),
        sa.ForeignKeyConstraint(
            ["item_id"], ["service_items.id"], name=op.f("fk_hall_services_item_id_service_items")
        ),
        sa.PrimaryKeyConstraint("hall_id", "item_id", name=op.f("pk_hall_services")),
    )
    op.create_index(op.f("ix_hall_services_item_id"), "hall_services", ["item_id"])
    op.create_table(
        "hall_windows",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("hall_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=16), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("categories", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["hall_id"], ["halls.id"], name=op.f("fk_hall_windows_hall_id_halls")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_hall_windows")),
    )
    op.create_index(op.f("ix_hall_windows_hall_id"), "hall_windows", ["hall_id"])
    op.create_table(
        "work_orders",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("order_no", sa.String(length=32), nullable=True),
        sa.Column("user_id", sa.String(length=128), nullable=False),
        sa.Column("idempotency_key", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("city_id", sa.Integer(), nullable=False),
        sa.Column("district", sa.String(length=32), nullable=True),
        sa.Column("location", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("contact_consent", sa.Boolean(), nullable=False),
        sa.Column("contact_name", sa.String(length=32), nullable=True),
        sa.Column("contact_phone", sa.String(length=16), nullable=True),
        sa.Column("hall_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("sample", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["city_id"], ["cities.id"], name=op.f("fk_work_orders_city_id_cities")),
        sa.ForeignKeyConstraint(["hall_id"], ["halls.id"], name=op.f("fk_work_orders_hall_id_halls")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_work_orders")),
        sa.UniqueConstraint("order_no", name=op.f("uq_work_orders_order_no")),
        sa.UniqueConstraint(
            "user_id", "idempotency_key", name=op.f("uq_work_orders_user_id_idempotency_key")
        ),
    )
    op.create_index(op.f("ix_work_orders_hall_id"), "work_orders", ["hall_id"])
    op.create_index(op.f("ix_work_orders_user_id"), "work_orders", ["user_id"])
    op.create_table(
        "slots",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("department_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("start", sa.String(length=5), nullable=False),
        sa.Column("end", sa.String(length=5), nullable=False),
        sa.Column("capacity", sa.Integer(), nullable=False),
        sa.Column("booked", sa.Integer(), nullable=False),
        sa.CheckConstraint("booked >= 0 AND booked <= capacity", name=op.f("ck_slots_booked_range")),
        sa.ForeignKeyConstraint(
            ["department_id"], ["departments.id"], name=op.f("fk_slots_department_id_departments")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_slots")),
        sa.UniqueConstraint("department_id", "day", "start", name=op.f("uq_slots_department_id_day_start")),
    )
    op.create_index(op.f("ix_slots_day"), "slots", ["day"])
    op.create_index(op.f("ix_slots_department_id"), "slots", ["department_id"])
    op.create_table(
        "work_order_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("work_order_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("note", sa.String(length=256), nullable=False),
        sa.ForeignKeyConstraint(
            ["work_order_id"], ["work_orders.id"], name=op.f("fk_work_order_events_work_order_id_work_orders")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_work_order_events")),
    )
    op.create_index(op.f("ix_work_order_events_work_order_id"), "work_order_events", ["work_order_id"])
    op.create_table(
        "appointments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("booking_no", sa.String(length=32), nullable=True),
        sa.Column("slot_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.String(length=128), nullable=False),
        sa.Column("idempotency_key", sa.String(length=64), nullable=False),
        sa.Column("patient_name", sa.String(length=32), nullable=False),
        sa.Column("patient_id_masked", sa.String(length=18), nullable=False),
        sa.Column("patient_id_hash", sa.String(length=64), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("cancelled_at", sa.DateTime(), nullable=True),
        sa.Column("cancel_key", sa.String(length=64), nullable=True),
        sa.Column("sample", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["slot_id"], ["slots.id"], name=op.f("fk_appointments_slot_id_slots")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_appointments")),
        sa.UniqueConstraint("booking_no", name=op.f("uq_appointments_booking_no")),
        sa.UniqueConstraint(
            "user_id", "idempotency_key", name=op.f("uq_appointments_user_id_idempotency_key")
        ),
    )
    op.create_index(op.f("ix_appointments_slot_id"), "appointments", ["slot_id"])
    op.create_index(op.f("ix_appointments_user_id"), "appointments", ["user_id"])


def downgrade() -> None:
    """Revert this revision."""
    op.drop_index(op.f("ix_appointments_user_id"), table_name="appointments")
    op.drop_index(op.f("ix_appointments_slot_id"), table_name="appointments")
    op.drop_table("appointments")
    op.drop_index(op.f("ix_work_order_events_work_order_id"), table_name="work_order_events")
    op.drop_table("work_order_events")
    op.drop_index(op.f("ix_slots_department_id"), table_name="slots")
    op.drop_index(op.f("ix_slots_day"), table_name="slots")
    op.drop_table("slots")
    op.drop_index(op.f("ix_work_orders_user_id"), table_name="work_orders")
    op.drop_index(op.f("ix_work_orders_hall_id"), table_name="work_orders")
    op.drop_table("work_orders")
    op.drop_index(op.f("ix_hall_windows_hall_id"), table_name="hall_windows")
    op.drop_table("hall_windows")
    op.drop_index(op.f("ix_hall_services_item_id"), table_name="hall_services")
    op.drop_table("hall_services")
    op.drop_index(op.f("ix_departments_hospital_id"), table_name="departments")
    op.drop_table("departments")
    op.drop_index(op.f("ix_catchment_rules_school_id"), table_name="catchment_rules")
    op.drop_table("catchment_rules")
    op.drop_index(op.f("ix_schools_city_id"), table_name="schools")
    op.drop_table("schools")
    op.drop_index(op.f("ix_hospitals_city_id"), table_name="hospitals")
    op.drop_table("hospitals")
    op.drop_index(op.f("ix_halls_city_id"), table_name="halls")
    op.drop_table("halls")
    op.drop_index(op.f("ix_districts_city_id"), table_name="districts")
    op.drop_table("districts")
    op.drop_index(op.f("ix_care_facilities_city_id"), table_name="care_facilities")
    op.drop_table("care_facilities")
    op.drop_index(op.f("ix_allowance_rules_city_id"), table_name="allowance_rules")
    op.drop_table("allowance_rules")
    op.drop_table("service_items")
    op.drop_table("cities")
