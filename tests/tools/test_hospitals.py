from __future__ import annotations

from datetime import date

from tests.tools.support import Env, department_id
from tools.slots import TIME_RANGES, capacity_for


def test_departments_of_a_city_filtered_by_name(ro_env: Env) -> None:
    result = ro_env.call("list_hospital_departments", {"city": "襄阳", "department": "儿科"})
    assert [(h.name, [d.name for d in h.departments]) for h in result.items] == [
        ("襄阳市中心医院", ["儿科"]),
        ("襄阳市第一人民医院", ["儿科"]),
    ]
    child = result.items[0].departments[0]
    assert (child.fee_yuan, child.weekend) == (20, True)
    assert child.department_id == department_id(ro_env, "襄阳市中心医院", "儿科")
    assert result.source == "湖北省政务服务事项数据库（示例数据）·襄阳市医院预约挂号目录"


def test_departments_by_hospital_name(ro_env: Env) -> None:
    result = ro_env.call("list_hospital_departments", {"hospital": "神农架"})
    [hospital] = result.items
    assert hospital.name == "神农架林区人民医院"
    assert [d.name for d in hospital.departments] == ["内科", "外科", "儿科", "妇产科", "中医科"]
    assert {d.fee_yuan for d in hospital.departments} == {12}


def test_city_or_hospital_is_required(ro_env: Env) -> None:
    error = ro_env.error("list_hospital_departments", {"department": "儿科"})
    assert (error.code, error.message) == ("invalid_input", "请至少提供城市或医院名称之一")


def test_slots_today_start_after_now_with_deterministic_capacity(ro_env: Env) -> None:
    dep = department_id(ro_env, "襄阳市中心医院", "老年医学科")
    result = ro_env.call("find_appointment_slots", {"department_id": dep, "date": "2026-06-09"})
    day = date(2026, 6, 9)
    later = [(s, e) for s, e in TIME_RANGES if s > "10:00"]
    assert [(s.start, s.end) for s in result.items] == later
    assert [s.capacity for s in result.items] == [
        capacity_for("H-XY-01", "老年医学科", day, s) for s, _ in later
    ]
    assert all(s.remaining == s.capacity for s in result.items)
    assert (result.hospital, result.department, result.fee_yuan) == ("襄阳市中心医院", "老年医学科", 20)
    assert result.source == "湖北省政务服务事项数据库（示例数据）·襄阳市中心医院老年医学科号源"


def test_next_seven_days_skip_weekends_for_weekday_departments(ro_env: Env) -> None:
    dep = department_id(ro_env, "襄阳市中心医院", "眼科")
    result = ro_env.call("find_appointment_slots", {"department_id": dep})
    assert (result.date_from, result.date_to) == (date(2026, 6, 9), date(2026, 6, 15))
    days = sorted({s.date for s in result.items})
    assert days == [date(2026, 6, d) for d in (9, 10, 11, 12, 15)]
    saturday = ro_env.call("find_appointment_slots", {"department_id": dep, "date": "2026-06-13"})
    assert saturday.items == []
    assert saturday.hint == "所选日期暂无可预约号源，可换一天或换一个科室；急症请立即拨打120"
    kids = department_id(ro_env, "襄阳市中心医院", "儿科")
    assert (
        len(ro_env.call("find_appointment_slots", {"department_id": kids, "date": "2026-06-13"}).items) == 7
    )


def test_dates_outside_the_window_and_unknown_department(ro_env: Env) -> None:
    dep = department_id(ro_env, "襄阳市中心医院", "眼科")
    past = ro_env.error("find_appointment_slots", {"department_id": dep, "date": "2026-06-08"})
    assert (past.code, past.message) == (
        "invalid_input",
        "就诊日期2026-06-08已过，请选择今天（2026-06-09）或以后的日期",
    )
    far = ro_env.error("find_appointment_slots", {"department_id": dep, "date": "2026-06-23"})
    assert (far.code, far.message) == ("invalid_input", "仅开放未来14天内的号源，最晚可约2026-06-22")
    missing = ro_env.error("find_appointment_slots", {"department_id": 999999})
    assert (missing.code, missing.message) == ("not_found", "未找到编号为999999的科室，请先查询医院科室列表")
    bad = ro_env.error("find_appointment_slots", {"department_id": dep, "date": "明天"})
    assert (bad.code, bad.message) == ("invalid_input", "就诊日期应为有效日期，格式如 2025-06-10")
