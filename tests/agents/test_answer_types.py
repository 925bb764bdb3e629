"""The expected kind of answer, and whether a sentence states one."""

from __future__ import annotations

import pytest

from agents.answer_types import asks_benefit, expected_type, states


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("在武汉交了居住证的申请材料，大概多少天能拿到证？", "duration"),
        ("身份证掉了，重新补一张要交多少钱？", "money"),
        ("女孩子满多少岁才能去登记结婚？", "age"),
        ("个体户每年的年度报告最晚要在几月几号前报？", "date"),
        ("去民政局领结婚证，要准备几张两人合照？", "count"),
        ("荆门长护险住定点养老机构护理，基金给报百分之多少？", None),
        ("在孝感买二手房，契税税率是百分之几？", "percent"),
        ("武汉线下的学科培训班，晚上最晚能上到几点？", "clock"),
        ("居住证怎么办理？", None),
        ("How much does it cost to get a new ID card?", "money"),
        ("How long is the registration valid?", "duration"),
    ],
)
def test_expected_type(question: str, kind: str | None) -> None:
    assert expected_type(question) == kind


@pytest.mark.parametrize(
    ("text", "kind", "stated"),
    [
        ("自受理之日起 10 个工作日内制作发放。", "duration", True),
        ("临时居民身份证：3 日内发放，有效期三个月。", "duration", True),
        ("材料齐全的当场办结。", "duration", True),
        ("遗失补领、损坏换领：每证 40 元；", "money", True),
        ("建证和补证均不收费。", "money", True),
        ("居住证由公安机关签发。", "money", False),
        ("女方不得早于二十周岁；", "age", True),
        ("高龄津贴一般于每月15日前打入老人本人账户；", "date", True),
        ("近期半身免冠合影彩色照片（2 寸，3 张）。", "count", True),
        ("按 70% 比例支付。", "percent", True),
        ("工作日 9:00—17:00 对外办公。", "clock", True),
        ("Reissue of a lost card: 40 yuan per card;", "money", True),
        ("Registration is valid for six months.", "duration", True),
    ],
)
def test_states(text: str, kind: str, stated: bool) -> None:
    assert states(text, kind) is stated  # type: ignore[arg-type]


def test_benefit_questions_are_told_from_fees() -> None:
    assert asks_benefit("每户最多补多少钱？") and asks_benefit("一年最多能贷多少钱？")
    assert not asks_benefit("换领身份证要交多少钱？")
