from __future__ import annotations

import inspect
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from tests.tools.support import Env
from tools.db import make_engine, make_session_factory
from tools.errors import ToolError
from tools.identity import Caller
from tools.registry import SPECS, build_registry

ALL = [
    "find_service_item",
    "find_hall",
    "list_hospital_departments",
    "find_appointment_slots",
    "book_appointment",
    "cancel_appointment",
    "list_my_appointments",
    "check_school_catchment",
    "find_care_facilities",
    "estimate_elderly_allowance",
    "create_work_order",
    "get_work_order_status",
    "list_work_orders",
]
WRITES = {"book_appointment", "cancel_appointment", "create_work_order"}


def test_registered_tools_and_read_only(ro_env: Env) -> None:
    assert ro_env.registry.names() == ALL
    assert {s.name for s in ro_env.registry if s.writes} == WRITES
    read_only = ro_env.read_only()
    assert read_only.names() == [n for n in ALL if n not in WRITES]
    assert read_only.read_only is True
    assert all(not s.writes for s in read_only)


def test_tools_per_domain(ro_env: Env) -> None:
    names = {
        d: [s.name for s in ro_env.registry.for_domain(d)]
        for d in ("government", "healthcare", "education", "eldercare")
    }
    common = ["find_service_item", "find_hall"]
    orders = ["create_work_order", "get_work_order_status", "list_work_orders"]
    assert names["healthcare"] == common + ALL[2:7] + orders
    assert names["education"] == [*common, "check_school_catchment", *orders]
    assert names["eldercare"] == [*common, "find_care_facilities", "estimate_elderly_allowance", *orders]
    assert names["government"] == [*common, "estimate_elderly_allowance", *orders]
    assert "create_work_order" not in [s.name for s in ro_env.read_only().for_domain("government")]
    with pytest.raises(ValueError, match="unknown domain 'sports'"):
        ro_env.registry.for_domain("sports")


def test_descriptions_are_docstrings_and_schemas_are_openai_functions(ro_env: Env) -> None:
    for spec in SPECS:
        assert spec.description == inspect.cleandoc(spec.func.__doc__ or "")
        assert spec.description
    schemas = ro_env.registry.openai_schemas("eldercare")
    assert [s["function"]["name"] for s in schemas] == [
        s.name for s in ro_env.registry.for_domain("eldercare")
    ]
    allowance = next(s for s in schemas if s["function"]["name"] == "estimate_elderly_allowance")
    assert allowance["type"] == "function"
    parameters = allowance["function"]["parameters"]
    assert parameters["type"] == "object"
    assert parameters["required"] == ["city"]
    assert parameters["additionalProperties"] is False
    assert parameters["properties"]["city"]["title"] == "户籍所在城市"
    assert parameters["properties"]["kind"]["anyOf"][0]["enum"] == ["高龄津贴", "养老服务补贴"]
    assert "title" not in parameters


def test_call_validates_arguments_in_chinese(ro_env: Env) -> None:
    cases: list[tuple[str, dict[str, Any], str]] = [
        ("find_hall", {}, "缺少必填项：城市"),
        ("find_hall", {"city": "襄阳", "floor": 3}, "不支持的参数：floor"),
        ("find_hall", {"city": "襄阳", "open_now": "maybe"}, "仅看正在办公应为是或否（true/false）"),
        ("find_service_item", {"keyword": "", "limit": 0}, "事项关键词不能为空；返回条数不能小于1"),
    ]
    for name, args, message in cases:
        error = ro_env.error(name, args)
        assert (error.code, error.message) == ("invalid_input", message)
    error = ro_env.error("find_hall", ["襄阳"])  # type: ignore[arg-type]
    assert (error.code, error.message) == ("invalid_input", "参数格式不正确：应为键值对象（JSON object）")


def test_unknown_tool(ro_env: Env) -> None:
    error = ro_env.error("transfer_money", {})
    assert (error.code, error.message) == ("not_found", "没有名为“transfer_money”的工具")


def test_database_failure_becomes_unavailable(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'missing' / 'nowhere.db'}")
    registry = build_registry(make_session_factory(engine), read_only=True)
    with pytest.raises(ToolError) as info:
        registry.call("find_hall", {"city": "襄阳"}, Caller.anonymous())
    assert (info.value.code, info.value.message) == (
        "unavailable",
        "数据服务暂时不可用，请稍后再试，或拨打12345咨询",
    )
    engine.dispose()


def test_caller_shapes_are_checked() -> None:
    with pytest.raises(ValidationError):
        Caller(kind="citizen")
    with pytest.raises(ValidationError):
        Caller(kind="staff", user_id="clerk")
    with pytest.raises(ValidationError):
        Caller(kind="anonymous", user_id="someone")
    with pytest.raises(ValidationError):
        Caller(kind="citizen", user_id="alice", hall_id=3)
    assert Caller.service("alice").acts_for_citizen is True
    assert Caller.staff("clerk", 3).acts_for_citizen is False
