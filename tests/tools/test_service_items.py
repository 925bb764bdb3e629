from __future__ import annotations

from tests.tools.support import Env


def test_exact_keyword_with_where_to_go(ro_env: Env) -> None:
    result = ro_env.call("find_service_item", {"keyword": "护照", "city": "襄阳"})
    [item] = result.items
    assert (item.code, item.name, item.department) == ("CR-001", "普通护照签发", "公安局出入境管理部门")
    assert (item.time_limit, item.fee, item.online) == ("7个工作日", "护照费120元", False)
    assert item.how == "需本人到大厅窗口办理"
    assert [(w.hall, w.window) for w in item.where] == [("襄阳市政务服务中心", "10号 出入境窗口")]
    assert result.source == "湖北省政务服务事项数据库（示例数据）·襄阳市政务服务事项目录"
    assert item.source == "湖北省政务服务事项数据库（示例数据）·普通护照签发办事指南"


def test_names_rank_before_keywords(ro_env: Env) -> None:
    result = ro_env.call("find_service_item", {"keyword": "身份证", "limit": 4})
    assert [i.code for i in result.items] == ["GA-003", "GA-004", "GA-002", "GA-005"]


def test_a_whole_question_still_finds_the_item(ro_env: Env) -> None:
    result = ro_env.call("find_service_item", {"keyword": "高龄津贴怎么办理"})
    assert [i.code for i in result.items] == ["MZ-007"]
    assert result.items[0].time_limit == "20个工作日"
    assert result.items[0].how == "可在鄂汇办App或湖北政务服务网在线办理，也可到大厅窗口办理"


def test_online_only_and_nothing_found(ro_env: Env) -> None:
    result = ro_env.call("find_service_item", {"keyword": "护照", "online_only": True})
    assert (result.items, result.total) == ([], 0)
    assert result.hint == "未找到与“护照”相关的事项，请换个说法，或拨打12345咨询"
    assert ro_env.call("find_service_item", {"keyword": "量子纠缠"}).items == []


def test_multi_word_keywords_must_all_match(ro_env: Env) -> None:
    result = ro_env.call("find_service_item", {"keyword": "公积金 租房"})
    assert [i.code for i in result.items] == ["GJJ-002"]
