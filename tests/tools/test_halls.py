from __future__ import annotations

from datetime import datetime

from tests.tools.support import Env
from tools.context import BEIJING

ONLINE_HINT = "也可在鄂汇办App或湖北政务服务网在线办理部分事项"
XIANGYANG_HALLS = [
    "襄阳市政务服务中心",
    "樊城区政务服务中心",
    "襄城区政务服务中心",
    "襄州区政务服务中心",
    "枣阳市政务服务中心",
    "襄城区古城街道便民服务中心",
]


def test_open_now_on_a_weekday_morning(ro_env: Env) -> None:
    result = ro_env.call("find_hall", {"city": "襄阳市", "open_now": True})
    assert [h.name for h in result.items] == XIANGYANG_HALLS
    assert result.source == "湖北省政务服务事项数据库（示例数据）·襄阳市政务服务大厅"
    assert result.checked_at == "2026-06-09 10:00（周二）"
    main = result.items[0]
    assert (main.level, main.open_now, main.closes_at, main.next_open) == ("市级", True, "17:30", None)
    assert main.today_hours == "09:00-17:30"
    assert main.hours == "周一至周五 09:00-17:30；周六 09:00-12:00；周日休息"
    assert main.source == "湖北省政务服务事项数据库（示例数据）·襄阳市政务服务中心"
    assert result.hint == ONLINE_HINT


def test_lunch_break_leaves_only_the_city_hall_open(ro_env: Env) -> None:
    ro_env.clock.now = datetime(2026, 6, 9, 12, 30, tzinfo=BEIJING)
    result = ro_env.call("find_hall", {"city": "襄阳", "open_now": True})
    assert [h.name for h in result.items] == ["襄阳市政务服务中心"]
    everything = ro_env.call("find_hall", {"city": "襄阳"})
    district = everything.items[1]
    assert (district.name, district.open_now, district.next_open) == (
        "樊城区政务服务中心",
        False,
        "今天 13:30",
    )


def test_saturday_and_sunday_evening(ro_env: Env) -> None:
    ro_env.clock.now = datetime(2026, 6, 13, 10, 0, tzinfo=BEIJING)
    assert [h.name for h in ro_env.call("find_hall", {"city": "襄阳", "open_now": True}).items] == [
        "襄阳市政务服务中心"
    ]
    ro_env.clock.now = datetime(2026, 6, 14, 20, 0, tzinfo=BEIJING)
    result = ro_env.call("find_hall", {"city": "襄阳", "open_now": True})
    assert (result.items, result.total) == ([], 0)
    assert result.hint == f"当前没有正在办公的大厅。襄阳市政务服务中心下次开放：明天 09:00；{ONLINE_HINT}"
    later = ro_env.call("find_hall", {"city": "襄阳"}).items[1]
    assert later.next_open == "明天 09:00"
    ro_env.clock.now = datetime(2026, 6, 13, 13, 0, tzinfo=BEIJING)
    assert ro_env.call("find_hall", {"city": "襄阳"}).items[1].next_open == "周一（6月15日） 09:00"


def test_district_filter_accepts_short_names(ro_env: Env) -> None:
    result = ro_env.call("find_hall", {"city": "xiangyang", "district": "樊城"})
    assert result.district == "樊城区"
    assert [h.name for h in result.items] == ["襄阳市政务服务中心", "樊城区政务服务中心"]
    assert result.source == "湖北省政务服务事项数据库（示例数据）·襄阳市樊城区政务服务大厅"


def test_district_without_a_hall_falls_back_to_the_city_hall(ro_env: Env) -> None:
    result = ro_env.call("find_hall", {"city": "武汉", "district": "新洲区"})
    assert [h.name for h in result.items] == ["武汉市政务服务中心"]
    assert result.hint == f"暂未收录新洲区的大厅，以下为市级大厅；{ONLINE_HINT}"


def test_service_filter_names_the_window(ro_env: Env) -> None:
    result = ro_env.call("find_hall", {"city": "襄阳", "service": "护照"})
    assert [h.name for h in result.items] == ["襄阳市政务服务中心"]
    assert [(w.number, w.name) for w in result.items[0].service_windows] == [("10", "出入境窗口")]
    assert result.hint == f"按事项“普通护照签发”筛选；{ONLINE_HINT}"
    allowance = ro_env.call("find_hall", {"city": "襄阳", "service": "高龄津贴"})
    assert [h.name for h in allowance.items] == XIANGYANG_HALLS
    assert [(w.number, w.name) for w in allowance.items[-1].service_windows] == [
        ("4", "民政与残疾人服务窗口")
    ]
    spoken = ro_env.call("find_hall", {"city": "襄阳", "service": "我妈的高龄津贴去哪办"})
    assert [h.name for h in spoken.items] == XIANGYANG_HALLS
    assert spoken.hint == f"按事项“高龄津贴申领”筛选；{ONLINE_HINT}"
    unknown = ro_env.call("find_hall", {"city": "襄阳", "service": "量子纠缠"})
    assert unknown.items == []
    assert unknown.hint == f"未找到名为“量子纠缠”的办理事项，可先用事项查询确认事项名称；{ONLINE_HINT}"


def test_every_city_has_an_open_main_hall_with_short_names(ro_env: Env) -> None:
    for short, full in [("恩施", "恩施土家族苗族自治州"), ("神农架", "神农架林区"), ("仙桃", "仙桃市")]:
        result = ro_env.call("find_hall", {"city": short, "open_now": True})
        assert result.city == full
        assert result.items[0].level == "市级"


def test_unknown_district_lists_the_choices(ro_env: Env) -> None:
    error = ro_env.error("find_hall", {"city": "襄阳", "district": "朝阳区"})
    assert (error.code, error.message) == (
        "invalid_input",
        "襄阳市没有名为“朝阳区”的区县（街道）。可选：襄城区、樊城区、襄州区、南漳县、谷城县、保康县、老河口市、枣阳市、宜城市",
    )
