from __future__ import annotations

from datetime import date

import pytest

from tests.tools.support import TODAY, Env, id_number

XIANGYANG_HIGH_AGE = "湖北省政务服务事项数据库（示例数据）·襄阳市高龄津贴标准"


def test_xiangyang_80_gets_the_80_to_89_band(ro_env: Env) -> None:
    result = ro_env.call("estimate_elderly_allowance", {"city": "襄阳", "age": 80, "kind": "高龄津贴"})
    assert result.city == "襄阳市"
    assert result.age == 80
    assert result.total_monthly_yuan == 80
    assert result.source == XIANGYANG_HIGH_AGE
    assert result.sample is True
    [item] = result.items
    assert (item.kind, item.status, item.monthly_yuan) == ("高龄津贴", "eligible", 80)
    assert item.reason == "80周岁，适用80-89周岁档，每月80元"
    assert item.rule.code == "GLJT-xiangyang-80"
    assert item.rule.band == "80-89周岁"
    assert item.rule.conditions == "襄阳市户籍"
    assert item.rule.service_item == "高龄津贴申领"
    assert item.rule.materials == ["老年人居民身份证", "居民户口簿", "本人社会保障卡或银行账户"]
    assert item.rule.apply_at == "户籍所在地社区（村）或乡镇（街道）便民服务中心受理，也可通过鄂汇办在线申请"
    assert item.rule.source == XIANGYANG_HIGH_AGE


def test_both_kinds_by_default_with_care_subsidy_needing_information(ro_env: Env) -> None:
    result = ro_env.call("estimate_elderly_allowance", {"city": "襄阳市", "age": 80})
    assert [(i.kind, i.status, i.monthly_yuan) for i in result.items] == [
        ("高龄津贴", "eligible", 80),
        ("养老服务补贴", "needs_info", 0),
    ]
    assert result.total_monthly_yuan == 80
    assert result.source == (
        "湖北省政务服务事项数据库（示例数据）·襄阳市高龄津贴标准、襄阳市经济困难老年人养老服务补贴标准"
    )
    assert result.items[1].reason == (
        "需同时满足：家庭经济状况为低保或特困，且能力评估为重度失能或中度失能；请补充经济状况和评估等级"
    )


@pytest.mark.parametrize(
    ("city", "age", "monthly", "code"),
    [
        ("襄阳", 89, 80, "GLJT-xiangyang-80"),
        ("襄阳", 90, 200, "GLJT-xiangyang-90"),
        ("襄阳", 100, 800, "GLJT-xiangyang-100"),
        ("武汉", 95, 300, "GLJT-wuhan-90"),
        ("恩施", 85, 60, "GLJT-enshi-80"),
        ("神农架", 101, 600, "GLJT-shennongjia-100"),
    ],
)
def test_age_bands_per_city(ro_env: Env, city: str, age: int, monthly: int, code: str) -> None:
    result = ro_env.call("estimate_elderly_allowance", {"city": city, "age": age, "kind": "高龄津贴"})
    assert result.items[0].monthly_yuan == monthly
    assert result.items[0].rule.code == code


def test_under_80_is_not_eligible_and_says_why(ro_env: Env) -> None:
    result = ro_env.call("estimate_elderly_allowance", {"city": "襄阳", "age": 79, "kind": "高龄津贴"})
    [item] = result.items
    assert (item.status, item.monthly_yuan) == ("not_eligible", 0)
    assert item.reason == "高龄津贴发放对象为80周岁及以上老年人，当前79周岁，暂不符合"
    assert item.rule.code == "GLJT-xiangyang-80"
    assert result.total_monthly_yuan == 0


def test_care_subsidy_bands(ro_env: Env) -> None:
    args = {"city": "襄阳", "age": 82, "economic_status": "低保", "care_need": "重度失能"}
    result = ro_env.call("estimate_elderly_allowance", args)
    assert [(i.kind, i.status, i.monthly_yuan) for i in result.items] == [
        ("高龄津贴", "eligible", 80),
        ("养老服务补贴", "eligible", 200),
    ]
    assert result.items[1].rule.code == "YLBT-xiangyang-severe"
    assert result.total_monthly_yuan == 280
    wuhan = ro_env.call("estimate_elderly_allowance", {**args, "city": "武汉", "care_need": "中度失能"})
    assert wuhan.items[1].monthly_yuan == 150
    general = ro_env.call("estimate_elderly_allowance", {**args, "economic_status": "一般"})
    assert (general.items[1].status, general.items[1].reason) == (
        "not_eligible",
        "养老服务补贴面向低保或特困家庭的老年人",
    )
    mild = ro_env.call("estimate_elderly_allowance", {**args, "care_need": "轻度失能"})
    assert (mild.items[1].status, mild.items[1].reason) == (
        "not_eligible",
        "养老服务补贴面向能力评估为重度失能或中度失能的老年人",
    )
    young = ro_env.call("estimate_elderly_allowance", {**args, "age": 59, "kind": "养老服务补贴"})
    assert (young.items[0].status, young.items[0].reason) == (
        "not_eligible",
        "养老服务补贴发放对象为60周岁及以上老年人",
    )


def test_age_from_birth_date_or_id_number(ro_env: Env) -> None:
    born = date(TODAY.year - 80, TODAY.month, TODAY.day)
    by_date = ro_env.call("estimate_elderly_allowance", {"city": "襄阳", "birth_date": born.isoformat()})
    assert by_date.age == 80
    day_later = date(TODAY.year - 80, TODAY.month, TODAY.day + 1)
    assert (
        ro_env.call("estimate_elderly_allowance", {"city": "襄阳", "birth_date": day_later.isoformat()}).age
        == 79
    )
    number = id_number(f"420602{born:%Y%m%d}123")
    by_id = ro_env.call(
        "estimate_elderly_allowance", {"city": "襄阳", "id_number": number, "kind": "高龄津贴"}
    )
    assert (by_id.age, by_id.total_monthly_yuan) == (80, 80)


def test_deterministic_for_the_same_inputs(ro_env: Env) -> None:
    args = {"city": "荆门", "age": 91, "economic_status": "特困", "care_need": "中度失能"}
    first = ro_env.call("estimate_elderly_allowance", args)
    assert ro_env.call("estimate_elderly_allowance", args) == first


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ({"city": "襄阳"}, "请提供老人的年龄、出生日期或身份证号码之一"),
        ({"city": "襄阳", "age": 80, "birth_date": "1950-01-01"}, "年龄与出生日期或身份证号码不一致，请核对"),
        ({"city": "襄阳", "birth_date": "2099-01-01"}, "出生日期不能晚于今天"),
        ({"city": "襄阳", "age": 131}, "年龄（周岁）不能大于130"),
        ({"city": "襄阳", "age": -1}, "年龄（周岁）不能小于0"),
        ({"city": "襄阳", "age": "八十"}, "年龄（周岁）应为整数"),
        (
            {"city": "上海", "age": 80},
            "未知的城市“上海”。请填写湖北省的市州名称，例如：武汉市、襄阳市、恩施土家族苗族自治州",
        ),
        ({"city": "襄阳", "age": 80, "kind": "护理补贴"}, "津贴类别取值无效，可选：高龄津贴、养老服务补贴"),
        (
            {"city": "襄阳", "age": 80, "economic_status": "贫困"},
            "家庭经济状况取值无效，可选：一般、低保、特困、低保边缘",
        ),
    ],
)
def test_bad_inputs(ro_env: Env, args: dict[str, object], message: str) -> None:
    error = ro_env.error("estimate_elderly_allowance", args)
    assert (error.code, error.message) == ("invalid_input", message)
