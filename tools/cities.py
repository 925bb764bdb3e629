"""Hubei's 17 cities and prefectures, and the short or spoken names citizens use for them."""

from __future__ import annotations

CITIES: tuple[str, ...] = (
    "武汉市", "黄石市", "十堰市", "宜昌市", "襄阳市", "鄂州市", "荆门市", "孝感市", "荆州市",
    "黄冈市", "咸宁市", "随州市", "恩施土家族苗族自治州", "仙桃市", "潜江市", "天门市", "神农架林区",
)  # fmt: skip

_PINYIN = {
    "wuhan": "武汉市", "huangshi": "黄石市", "shiyan": "十堰市", "yichang": "宜昌市",
    "xiangyang": "襄阳市", "ezhou": "鄂州市", "jingmen": "荆门市", "xiaogan": "孝感市",
    "jingzhou": "荆州市", "huanggang": "黄冈市", "xianning": "咸宁市", "suizhou": "随州市",
    "enshi": "恩施土家族苗族自治州", "xiantao": "仙桃市", "qianjiang": "潜江市",
    "tianmen": "天门市", "shennongjia": "神农架林区",
}  # fmt: skip

_EXTRA = {
    "恩施州": "恩施土家族苗族自治州",
    "恩施自治州": "恩施土家族苗族自治州",
    "恩施市": "恩施土家族苗族自治州",
    "神农架": "神农架林区",
    "襄樊": "襄阳市",
    "襄樊市": "襄阳市",
}


def _aliases() -> dict[str, str]:
    table: dict[str, str] = {name: name for name in CITIES}
    for name in CITIES:
        for suffix in ("土家族苗族自治州", "林区", "市"):
            if name.endswith(suffix):
                table[name[: -len(suffix)]] = name
                break
    table.update(_EXTRA)
    table.update(_PINYIN)
    return table


ALIASES: dict[str, str] = _aliases()


def resolve_city(text: str) -> str | None:
    """The official name of the Hubei city `text` refers to, or None when it is not one.

    Accepts full names, short names (襄阳, 恩施), a 湖北/湖北省 prefix and pinyin (Xiangyang).
    """
    key = "".join(text.split())
    for prefix in ("湖北省", "湖北"):
        if key.startswith(prefix) and len(key) > len(prefix):
            key = key[len(prefix) :]
            break
    return ALIASES.get(key) or ALIASES.get(key.lower())


def short_name(city: str) -> str:
    """The everyday short name of an official city name (恩施土家族苗族自治州 → 恩施)."""
    for suffix in ("土家族苗族自治州", "林区", "市"):
        if city.endswith(suffix):
            return city[: -len(suffix)]
    return city


def pinyin(city: str) -> str:
    """The lowercase pinyin key of an official city name (襄阳市 → xiangyang)."""
    return next(key for key, name in _PINYIN.items() if name == city)
