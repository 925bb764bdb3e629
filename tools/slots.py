"""Appointment slots: generated deterministically for each department for the coming days."""

from __future__ import annotations

import zlib
from datetime import date, timedelta
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session, sessionmaker

from tools.db import write_session
from tools.models import Department, Hospital, Slot

BOOKING_WINDOW_DAYS = 14
TIME_RANGES: tuple[tuple[str, str], ...] = (
    ("08:00", "09:00"), ("09:00", "10:00"), ("10:00", "11:00"), ("11:00", "12:00"),
    ("14:00", "15:00"), ("15:00", "16:00"), ("16:00", "17:00"),
)  # fmt: skip


def capacity_for(hospital_code: str, department: str, day: date, start: str) -> int:
    """A stable capacity of 2 to 10 for one slot, the same on every run and every database."""
    key = f"{hospital_code}|{department}|{day.isoformat()}|{start}".encode()
    return 2 + zlib.crc32(key) % 9


def slot_rows(departments: list[tuple[int, str, str, bool]], days: list[date]) -> list[dict[str, Any]]:
    """Rows for the given (department id, hospital code, name, open at weekends) on `days`."""
    rows: list[dict[str, Any]] = []
    for department_id, hospital_code, name, weekend in departments:
        for day in days:
            if day.weekday() >= 5 and not weekend:
                continue
            for start, end in TIME_RANGES:
                rows.append(
                    {
                        "department_id": department_id,
                        "day": day,
                        "start": start,
                        "end": end,
                        "capacity": capacity_for(hospital_code, name, day, start),
                        "booked": 0,
                    }
                )
    return rows


def add_missing_slots(session: Session, today: date, days: int = BOOKING_WINDOW_DAYS) -> int:
    """Insert slots for department-days in [today, today + days) that have none; returns rows added."""
    window = [today + timedelta(days=offset) for offset in range(days)]
    query = select(Department.id, Hospital.code, Department.name, Department.weekend).join(Hospital)
    departments = [(row[0], row[1], row[2], row[3]) for row in session.execute(query)]
    existing = set(
        session.execute(
            select(Slot.department_id, Slot.day)
            .where(Slot.day >= window[0], Slot.day <= window[-1])
            .distinct()
        ).tuples()
    )
    rows = [r for r in slot_rows(departments, window) if (r["department_id"], r["day"]) not in existing]
    for offset in range(0, len(rows), 5000):
        session.execute(insert(Slot), rows[offset : offset + 5000])
    return len(rows)


def ensure_slots(session_factory: sessionmaker[Session], today: date, days: int = BOOKING_WINDOW_DAYS) -> int:
    """Top up slots so the next `days` days can be booked (safe to run daily); returns rows added."""
    with write_session(session_factory) as session:
        return add_missing_slots(session, today, days)
