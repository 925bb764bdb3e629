"""Validated argument types shared by the tools: city, search text, free text, keys, names."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, Field

from tools.cities import resolve_city
from tools.idcard import validate_id_number

_SEARCH_FORBIDDEN = set("'\";`\\<>{}[]|$%*=^~@&")
_PHONE = re.compile(r"1[3-9]\d{9}")
_KEY = re.compile(r"[A-Za-z0-9_\-]{8,64}")
_NAME = re.compile(r"[\u4e00-\u9fffA-Za-z·• ]{2,20}")


def _city(value: str) -> str:
    name = resolve_city(value)
    if name is None:
        shown = value if len(value) <= 16 else value[:16] + "…"
        raise ValueError(
            f"未知的城市“{shown}”。请填写湖北省的市州名称，例如：武汉市、襄阳市、恩施土家族苗族自治州"
        )
    return name


def _has_control(value: str, allow_newlines: bool) -> bool:
    allowed = "\n\r\t" if allow_newlines else ""
    return any((ord(c) < 32 and c not in allowed) or ord(c) == 127 for c in value)


def _search(value: str) -> str:
    if (
        _has_control(value, False)
        or any(c in _SEARCH_FORBIDDEN for c in value)
        or "--" in value
        or "/*" in value
    ):
        raise ValueError("查询内容包含不支持的字符（如引号、分号、等号），请只输入中文、字母或数字")
    return " ".join(value.split())


def _free_text(value: str) -> str:
    if _has_control(value, True):
        raise ValueError("内容包含不可见的控制字符，请删除后重新输入")
    return value


def _key(value: str) -> str:
    if not _KEY.fullmatch(value):
        raise ValueError("幂等键应为8到64位字母、数字、下划线或连字符")
    return value


def _person_name(value: str) -> str:
    if not _NAME.fullmatch(value):
        raise ValueError("姓名应为2到20个汉字或字母")
    return value


def _phone(value: str) -> str:
    digits = value.replace(" ", "").replace("-", "")
    if not _PHONE.fullmatch(digits):
        raise ValueError("手机号码格式不正确，应为11位手机号")
    return digits


def _id_number(value: str) -> str:
    return validate_id_number(value)


CityName = Annotated[str, Field(min_length=1, max_length=32), AfterValidator(_city)]
DistrictName = Annotated[str, Field(min_length=1, max_length=32), AfterValidator(_search)]
SearchText = Annotated[str, Field(min_length=1, max_length=50), AfterValidator(_search)]
LongText = Annotated[str, Field(min_length=1, max_length=2000), AfterValidator(_free_text)]
ShortText = Annotated[str, Field(min_length=1, max_length=200), AfterValidator(_free_text)]
IdempotencyKey = Annotated[str, Field(min_length=1, max_length=64), AfterValidator(_key)]
PersonName = Annotated[str, Field(min_length=1, max_length=20), AfterValidator(_person_name)]
MobilePhone = Annotated[str, Field(min_length=1, max_length=20), AfterValidator(_phone)]
IdNumber = Annotated[str, Field(min_length=1, max_length=32), AfterValidator(_id_number)]
RecordNo = Annotated[str, Field(min_length=1, max_length=32), AfterValidator(_search)]
