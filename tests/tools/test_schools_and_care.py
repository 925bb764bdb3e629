from __future__ import annotations

from tests.tools.support import Env

PRIMARY_RULE = (
    "适龄儿童户籍与父母（或法定监护人）房产均在划片范围内；随迁子女凭划片范围内的居住证和务工证明申请"
)


def test_catchment_by_street(ro_env: Env) -> None:
    result = ro_env.call(
        "check_school_catchment", {"city": "襄阳", "district": "襄城", "address": "古城街道", "stage": "小学"}
    )
    assert result.in_catchment is True
    assert [(m.name, m.stage, m.matched_area, m.requirement) for m in result.matches] == [
        ("襄城区古城实验小学", "小学", "古城街道", PRIMARY_RULE)
    ]
    assert result.source == "湖北省政务服务事项数据库（示例数据）·襄阳市襄城区义务教育招生划片范围"
    assert (
        result.hint
        == "入学报名可查询事项“义务教育小学新生入学登记”；最终以襄阳市襄城区教育局当年公布的划片方案为准"
    )


def test_catchment_by_a_longer_address_and_both_stages(ro_env: Env) -> None:
    result = ro_env.call("check_school_catchment", {"city": "武汉", "address": "江汉区常青街道某小区3栋"})
    assert [m.name for m in result.matches] == ["江汉区常青第一学校"]
    middle = ro_env.call("check_school_catchment", {"city": "武汉", "address": "常青街道", "stage": "初中"})
    assert [(m.name, m.stage) for m in middle.matches] == [("江汉区常青第一学校", "九年一贯制")]


def test_no_catchment_found(ro_env: Env) -> None:
    result = ro_env.call(
        "check_school_catchment", {"city": "襄阳", "district": "樊城区", "address": "古城街道"}
    )
    assert (result.in_catchment, result.matches) == (False, [])
    assert (
        result.hint
        == "未找到“古城街道”的划片信息，请核对街道或社区名称，或咨询襄阳市樊城区教育局（也可拨打12345）"
    )


def test_care_facilities_by_level_price_and_vacancy(ro_env: Env) -> None:
    result = ro_env.call("find_care_facilities", {"city": "武汉", "care_level": "失智"})
    assert [f.name for f in result.items] == ["武昌区颐养康复中心", "洪山区长者照护之家"]
    first = result.items[0]
    assert (first.price, first.beds_available, first.ownership, first.medical_integration) == (
        "3200–7500元/月",
        35,
        "公建民营",
        True,
    )
    assert result.source == "湖北省政务服务事项数据库（示例数据）·武汉市养老机构名录"
    cheap = ro_env.call("find_care_facilities", {"city": "武汉", "max_monthly_price": 2000})
    assert [f.name for f in cheap.items] == ["黄陂区康养中心", "江夏区福利中心"]
    vacant = ro_env.call(
        "find_care_facilities", {"city": "武汉", "max_monthly_price": 2000, "with_vacancy": True}
    )
    assert [f.name for f in vacant.items] == ["黄陂区康养中心"]
    none = ro_env.call("find_care_facilities", {"city": "神农架", "care_level": "失智"})
    assert none.items == []
    assert none.hint == "神农架林区暂无符合条件的养老机构，可放宽条件或咨询当地民政部门（也可拨打12345）"


def test_care_facilities_with_vacancy_first(ro_env: Env) -> None:
    result = ro_env.call("find_care_facilities", {"city": "武汉"})
    assert [f.name for f in result.items][-1] == "江夏区福利中心"
    assert result.total == 5


def test_bad_care_and_school_inputs(ro_env: Env) -> None:
    error = ro_env.error("find_care_facilities", {"city": "武汉", "care_level": "卧床"})
    assert (error.code, error.message) == (
        "invalid_input",
        "护理需求取值无效，可选：自理、半失能、失能、失智",
    )
    error = ro_env.error("find_care_facilities", {"city": "武汉", "max_monthly_price": -5})
    assert (error.code, error.message) == ("invalid_input", "每月预算（元）不能小于0")
    error = ro_env.error("check_school_catchment", {"city": "武汉", "address": "x" * 10000})
    assert (error.code, error.message) == ("invalid_input", "住址过长：最多50个字，当前10000个字")
