"""Helpers shared by the tool tests: the fixed clock, the test environment, valid ID numbers."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from tools.context import BEIJING
from tools.errors import ToolError
from tools.idcard import check_char
from tools.identity import Caller
from tools.registry import ToolRegistry, build_registry

# A Tuesday morning: every hall is open, and the 14-day slot window starts today.
FIXED_NOW = datetime(2026, 6, 9, 10, 0, tzinfo=BEIJING)
TODAY = FIXED_NOW.date()
PG_URL = os.environ.get("HUBEI_TEST_DATABASE_URL", "")
ANON = Caller.anonymous()

BACKENDS = [
    "sqlite",
    pytest.param(
        "postgresql",
        marks=[
            pytest.mark.postgres,
            pytest.mark.skipif(
                not PG_URL.startswith("postgres"), reason="DATABASE_URL does not point to PostgreSQL"
            ),
        ],
    ),
]


class Clock:
    """A settable clock for the tools."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@dataclass
class Env:
    """One fresh database with registries over it."""

    backend: str
    url: str
    engine: Engine
    session_factory: sessionmaker[Session]
    clock: Clock
    registry: ToolRegistry
    extra: dict[str, Any] = field(default_factory=dict)

    def call(self, name: str, args: dict[str, Any], caller: Caller = ANON) -> Any:
        return self.registry.call(name, args, caller)

    def error(self, name: str, args: dict[str, Any], caller: Caller = ANON) -> ToolError:
        with pytest.raises(ToolError) as info:
            self.registry.call(name, args, caller)
        return info.value

    def read_only(self) -> ToolRegistry:
        return build_registry(self.session_factory, read_only=True, clock=self.clock)


def id_number(first17: str) -> str:
    """A valid 18-digit ID number for the given first 17 digits."""
    return first17 + check_char(first17)


def lookup_id(env: Env, sql: str, **params: Any) -> int:
    """The single integer a lookup query returns (ids differ by nothing but insertion order, still: look them up)."""
    from sqlalchemy import text

    with env.session_factory() as session:
        value = session.execute(text(sql), params).scalar_one()
    return int(value)


def department_id(env: Env, hospital: str, department: str) -> int:
    """The id of a department of a hospital, by names."""
    return lookup_id(
        env,
        "SELECT d.id FROM departments d JOIN hospitals h ON h.id = d.hospital_id WHERE h.name = :h AND d.name = :d",
        h=hospital,
        d=department,
    )


def slot_id(env: Env, hospital: str, department: str, day: str, start: str) -> int:
    """The id of one slot, by hospital, department, date (YYYY-MM-DD) and start time."""
    return lookup_id(
        env,
        "SELECT id FROM slots WHERE department_id = :dep AND day = :day AND start = :start",
        dep=department_id(env, hospital, department),
        day=date.fromisoformat(day),
        start=start,
    )


def hall_id(env: Env, code: str) -> int:
    """The id of a hall, by its code."""
    return lookup_id(env, "SELECT id FROM halls WHERE code = :code", code=code)
