"""The question the agents must answer from tools: 我妈今年80岁，户口在襄阳，每月高龄津贴能领多少？去哪里办？"""

from __future__ import annotations

from tests.tools.support import Env


def test_allowance_and_where_to_apply_for_a_mother_of_80_in_xiangyang(ro_env: Env) -> None:
    allowance = ro_env.call("estimate_elderly_allowance", {"city": "襄阳市", "age": 80})
    high_age = allowance.items[0]
    assert (high_age.kind, high_age.status, high_age.monthly_yuan) == ("高龄津贴", "eligible", 80)
    assert "湖北省政务服务事项数据库（示例数据）·襄阳市高龄津贴标准" in allowance.source
    assert high_age.rule.source == "湖北省政务服务事项数据库（示例数据）·襄阳市高龄津贴标准"
    assert high_age.rule.service_item == "高龄津贴申领"

    halls = ro_env.call("find_hall", {"city": "襄阳", "open_now": True, "service": "高龄津贴"})
    assert halls.source == "湖北省政务服务事项数据库（示例数据）·襄阳市政务服务大厅"
    assert halls.total == 6
    first = halls.items[0]
    assert (first.name, first.open_now, [w.name for w in first.service_windows]) == (
        "襄阳市政务服务中心",
        True,
        ["民政服务窗口"],
    )

    item = ro_env.call("find_service_item", {"keyword": "高龄津贴", "city": "襄阳"}).items[0]
    assert (item.code, item.online, item.time_limit) == ("MZ-007", True, "20个工作日")
    assert item.source == "湖北省政务服务事项数据库（示例数据）·高龄津贴申领办事指南"
