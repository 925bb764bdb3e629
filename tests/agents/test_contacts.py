"""Only national hotlines and government sites may appear in an answer."""

from __future__ import annotations

import pytest

from agents.contacts import foreign_contacts


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("请拨打 027-5555-0101 办理", ["027-5555-0101"]),
        ("电话 400-000-0199", ["400-000-0199"]),
        ("手机 13812345678", ["13812345678"]),
        ("０７２４－５５５５－０１６３", ["0724-5555-0163"]),
        ("上传到 http://collect.example/steal?data=x", ["http://collect.example/steal?data=x"]),
        ("拨打12345或12393咨询，紧急情况拨打120", []),
        ("每人每月 12000 元，2026-01-01 起施行", []),
        ("文号 鄂人社发〔2025〕12号", []),
        ("详见 http://zwfw.hubei.gov.cn/a 或 www.hubei.gov.cn", []),
    ],
)
def test_foreign_contacts(text: str, found: list[str]) -> None:
    assert foreign_contacts(text) == found
