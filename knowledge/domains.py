"""The four service domains, and inferring a plain document's domain(s) from its words."""

from __future__ import annotations

from typing import Final

DOMAINS: Final = ("government", "healthcare", "education", "eldercare")

# Words that mark a document as belonging to a domain. Counted, weighted by length: a service term
# such as 异地就医 says more than 医院.
_KEYWORDS: Final[dict[str, tuple[str, ...]]] = {
    "government": (
        "户口", "户籍", "身份证", "居住证", "落户", "营业执照", "个体工商户", "公积金", "不动产", "婚姻登记",
        "护照", "驾驶证", "社保卡", "失业", "低保", "最低生活保障", "政务服务", "便民服务中心", "12345",
        "工单", "市场监管", "税务", "公安", "派出所", "民政", "残疾人", "就业", "人社",
    ),
    "healthcare": (
        "医保", "医疗保险", "医疗保障", "医院", "门诊", "住院", "报销", "就医", "挂号", "疫苗", "接种",
        "卫生健康", "家庭医生", "慢特病", "出生医学证明", "孕产妇", "生育", "急救", "120", "体检", "药品",
        "12320", "12393", "心理", "疾病", "患者", "诊疗",
    ),
    "education": (
        "学校", "入学", "小学", "初中", "高中", "幼儿园", "学生", "学籍", "招生", "中考", "高考", "教育",
        "学位", "助学", "资助", "教师", "转学", "培训机构", "学费", "学区", "派位",
    ),
    "eldercare": (
        "老年人", "高龄", "养老", "津贴", "长护险", "长期护理", "失能", "养老机构", "养老院", "敬老院",
        "退休", "养老金", "优待证", "适老化", "助餐", "特困", "护理", "80周岁", "居家养老",
    ),
}


def domain_scores(text: str) -> dict[str, float]:
    """Keyword evidence per domain, on the first 6,000 characters."""
    head = text[:6000]
    return {d: float(sum(head.count(k) * len(k) for k in kws)) for d, kws in _KEYWORDS.items()}


def infer_domains(text: str) -> tuple[str, ...]:
    """The domain(s) a document belongs to: the strongest, plus any nearly as strong (a life-event guide).

    A text with no evidence at all is filed under government, the catch-all for public services.
    """
    scores = domain_scores(text)
    best = max(scores.values())
    if best == 0:
        return ("government",)
    ranked = sorted(scores, key=lambda d: -scores[d])
    return tuple(d for d in ranked if scores[d] >= 0.6 * best)
