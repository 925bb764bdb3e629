"""A small corpus written into a temporary folder for ingestion and retrieval tests."""

from __future__ import annotations

from pathlib import Path

DOCS = {
    "residence.md": ("gov-residence", "government", "武汉市", None,
                     "居住证办理指南", "申领居住证需要居民身份证、近期照片和居住证明（如租房合同）。在居住地派出所办理，首次申领不收费。"),
    "allowance.md": ("eld-allowance", "eldercare", "襄阳市", None,
                     "高龄津贴申领", "年满80周岁的老年人可以申请高龄津贴，按月发放，由户籍所在地社区受理。"),
    "vaccine.md": ("med-vaccine", "healthcare", "湖北省", None,
                   "儿童预防接种", "儿童出生后应到接种单位建立预防接种证，按免疫规划程序接种疫苗。"),
    "school-2024.md": ("edu-school", "education", "宜昌市", "2025-12-31",
                       "小学入学报名（2024年版）", "2024年小学入学网上报名时间为每年6月，需提供户口簿和房产证明。"),
    "school.md": ("edu-school", "education", "宜昌市", None,
                  "小学入学报名（2026年版）", "2026年起小学入学网上报名改在每年5月，需提供户口簿和房产证明或租赁备案。"),
}


def front(doc_id: str, domain: str, region: str, valid_to: str | None, title: str, body: str,
          version: str | None = None) -> str:
    ver = version or ("2024-01" if valid_to else "2026-01")
    vf = "2024-01-01" if valid_to else "2026-01-01"
    paragraphs = "\n\n".join(f"{body}第{i}条补充说明：请按要求准备材料。" for i in range(1, 4))
    return (
        f"---\ndoc_id: {doc_id}\ndoc_version: \"{ver}\"\ntitle: {title}\ndomain: {domain}\nregion: {region}\n"
        f"valid_from: {vf}\nvalid_to: {valid_to or 'null'}\nlanguage: zh\nsample: true\n---\n"
        f"# {title}\n## 一、办理说明\n{body}\n## 二、补充说明\n{paragraphs}\n"
    )


def write_corpus(root: Path, names: list[str] | None = None) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for name, spec in DOCS.items():
        if names is None or name in names:
            (root / name).write_text(front(*spec), encoding="utf-8")
    return root
