from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tests.tools.support import Env, id_number, slot_id
from tools.cities import resolve_city
from tools.errors import ToolError
from tools.idcard import age_on, check_char, mask, validate_id_number
from tools.identity import Caller

LONG = "长" * 10000
UNKNOWN_CITY = "未知的城市“火星市”。请填写湖北省的市州名称，例如：武汉市、襄阳市、恩施土家族苗族自治州"
BAD_CHARS = "查询内容包含不支持的字符（如引号、分号、等号），请只输入中文、字母或数字"
SQL = "樊城'; DROP TABLE halls; --"


def test_check_digit_and_id_rules() -> None:
    assert check_char("11010519491231002") == "X"
    assert validate_id_number("11010519491231002x") == "11010519491231002X"
    assert validate_id_number(" 4206 0219 4603 1500 2" + check_char("42060219460315002")) == id_number(
        "42060219460315002"
    )
    assert mask("11010519491231002X") == "110***********002X"
    assert age_on(date(1946, 6, 10), date(2026, 6, 9)) == 79
    assert age_on(date(1946, 6, 9), date(2026, 6, 9)) == 80
    cases = [
        ("110105194912310021", "身份证号码校验位不正确，请核对后重新输入"),
        ("110105491231002", "身份证号码应为18位，请使用第二代居民身份证号码"),
        ("11010519491231002", "身份证号码应为18位，当前为17位"),
        ("1101051949123100AX", "身份证号码格式不正确：前17位应为数字，最后一位为数字或X"),
        ("910105194912310021", "身份证号码格式不正确：地区代码无效"),
        ("110105194913310021", "身份证号码中的出生日期无效，请核对后重新输入"),
        ("110105209912310021", "身份证号码中的出生日期无效，请核对后重新输入"),
    ]
    for value, message in cases:
        with pytest.raises(ValueError) as info:
            validate_id_number(value, today=date(2026, 6, 9))
        assert str(info.value) == message


@pytest.mark.parametrize(
    ("text", "city"),
    [
        ("襄阳", "襄阳市"), ("襄阳市", "襄阳市"), ("湖北省襄阳市", "襄阳市"), ("Xiangyang", "襄阳市"),
        ("恩施", "恩施土家族苗族自治州"), ("恩施州", "恩施土家族苗族自治州"), ("神农架", "神农架林区"),
        ("武 汉", "武汉市"), ("北京", None), ("", None),
    ],
)  # fmt: skip
def test_city_names(text: str, city: str | None) -> None:
    assert resolve_city(text) == city


def test_tool_error_shape() -> None:
    error = ToolError("slot_taken", "号源已被预约，请选择其他时段")
    assert error.as_dict() == {"code": "slot_taken", "message": "号源已被预约，请选择其他时段", "details": {}}
    assert repr(error) == "ToolError('slot_taken', '号源已被预约，请选择其他时段')"
    assert str(error) == "号源已被预约，请选择其他时段"


READ_CASES: list[tuple[str, dict[str, Any], str]] = [
    ("find_hall", {"city": "火星市"}, UNKNOWN_CITY),
    ("find_service_item", {"keyword": "社保卡", "city": "火星市"}, UNKNOWN_CITY),
    ("list_hospital_departments", {"city": "火星市"}, UNKNOWN_CITY),
    ("check_school_catchment", {"city": "火星市", "address": "古城街道"}, UNKNOWN_CITY),
    ("find_care_facilities", {"city": "火星市"}, UNKNOWN_CITY),
    ("estimate_elderly_allowance", {"city": "火星市", "age": 80}, UNKNOWN_CITY),
    ("find_hall", {"city": LONG}, "城市过长：最多32个字，当前10000个字"),
    ("estimate_elderly_allowance", {"city": LONG, "age": 80}, "户籍所在城市过长：最多32个字，当前10000个字"),
    ("find_service_item", {"keyword": LONG}, "事项关键词过长：最多50个字，当前10000个字"),
    ("find_hall", {"city": "襄阳", "service": LONG}, "办理事项过长：最多50个字，当前10000个字"),
    ("list_hospital_departments", {"hospital": LONG}, "医院名称过长：最多50个字，当前10000个字"),
    ("find_hall", {"city": "襄阳", "district": SQL}, BAD_CHARS),
    ("find_service_item", {"keyword": "' OR 1=1 --"}, BAD_CHARS),
    ("find_service_item", {"keyword": "社保卡%"}, BAD_CHARS),
    ("list_hospital_departments", {"hospital": '医院" UNION SELECT'}, BAD_CHARS),
    ("check_school_catchment", {"city": "襄阳", "address": "古城街道; DELETE FROM schools"}, BAD_CHARS),
    (
        "find_appointment_slots",
        {"department_id": 1, "date": "2020-01-01"},
        "就诊日期2020-01-01已过，请选择今天（2026-06-09）或以后的日期",
    ),
    ("find_appointment_slots", {"department_id": "1; DROP TABLE slots"}, "科室编号应为整数"),
    (
        "estimate_elderly_allowance",
        {"city": "襄阳", "id_number": "110105194912310021"},
        "身份证号码校验位不正确，请核对后重新输入",
    ),
]


@pytest.mark.parametrize(("name", "args", "message"), READ_CASES)
def test_bad_read_inputs(ro_env: Env, name: str, args: dict[str, Any], message: str) -> None:
    error = ro_env.error(name, args)
    assert (error.code, error.message) == ("invalid_input", message)


def test_bad_booking_inputs_and_nothing_written(env: Env) -> None:
    slot = slot_id(env, "襄阳市中心医院", "眼科", "2026-06-10", "09:00")
    good: dict[str, Any] = {
        "slot_id": slot,
        "patient_name": "王秀兰",
        "patient_id_number": id_number("42060219460315002"),
        "confirm": True,
        "idempotency_key": "booking-key-0001",
    }
    cases: list[tuple[dict[str, Any], str]] = [
        ({"patient_id_number": "420602194603150021"}, "身份证号码校验位不正确，请核对后重新输入"),
        ({"patient_id_number": "420602460315002"}, "身份证号码应为18位，请使用第二代居民身份证号码"),
        ({"patient_id_number": LONG}, "就诊人身份证号码过长：最多32个字，当前10000个字"),
        ({"patient_name": LONG}, "就诊人姓名过长：最多20个字，当前10000个字"),
        ({"patient_name": "Robert'); DROP TABLE appointments;--"}, "就诊人姓名过长：最多20个字，当前36个字"),
        ({"patient_name": "王'--"}, "姓名应为2到20个汉字或字母"),
        ({"idempotency_key": LONG}, "幂等键过长：最多64个字，当前10000个字"),
        ({"slot_id": "abc"}, "号源编号应为整数"),
        ({"slot_id": 0}, "号源编号不能小于1"),
        ({"confirm": "好的"}, "已确认应为是或否（true/false）"),
    ]
    for change, message in cases:
        with pytest.raises(ToolError) as info:
            env.registry.call("book_appointment", {**good, **change}, Caller.citizen("alice"))
        assert (info.value.code, info.value.message) == ("invalid_input", message)
    assert env.call("list_my_appointments", {"include_cancelled": True}, Caller.citizen("alice")).items == []
