"""Hubei's province-level region and its 17 cities/prefectures, with the short names people type."""

from __future__ import annotations

PROVINCE = "湖北省"

CITIES: tuple[str, ...] = (
    "武汉市", "黄石市", "十堰市", "宜昌市", "襄阳市", "鄂州市", "荆门市", "孝感市", "荆州市",
    "黄冈市", "咸宁市", "随州市", "恩施土家族苗族自治州", "仙桃市", "潜江市", "天门市", "神农架林区",
)

_ALIASES: dict[str, str] = {
    "湖北": PROVINCE, "全省": PROVINCE, "hubei": PROVINCE, "province": PROVINCE,
    "恩施州": "恩施土家族苗族自治州", "恩施": "恩施土家族苗族自治州", "神农架": "神农架林区",
    "wuhan": "武汉市", "huangshi": "黄石市", "shiyan": "十堰市", "yichang": "宜昌市",
    "xiangyang": "襄阳市", "ezhou": "鄂州市", "jingmen": "荆门市", "xiaogan": "孝感市",
    "jingzhou": "荆州市", "huanggang": "黄冈市", "xianning": "咸宁市", "suizhou": "随州市",
    "enshi": "恩施土家族苗族自治州", "xiantao": "仙桃市", "qianjiang": "潜江市", "tianmen": "天门市",
    "shennongjia": "神农架林区",
}
for _city in CITIES:
    _ALIASES.setdefault(_city.removesuffix("市"), _city)


def normalise_region(value: str | None) -> str | None:
    """Return the canonical region name ("湖北省", a city, or "city+county" text as given), None if empty.

    Raises:
        ValueError: the value names no place in Hubei we know.

    """
    if value is None or not value.strip():
        return None
    raw = value.strip()
    if raw == PROVINCE or raw in CITIES:
        return raw
    key = raw.lower().replace(" ", "")
    if key in _ALIASES:
        return _ALIASES[key]
    for city in CITIES:
        if raw.startswith(city):
            return raw
    raise ValueError(f"未知地区：{raw}。请填写“湖北省”或省内17个市州之一，例如“武汉市”“襄阳市”。")


def city_of(region: str) -> str | None:
    """The city/prefecture a region belongs to, or None for the province."""
    for city in CITIES:
        if region.startswith(city):
            return city
    return None


def visible_regions(region: str | None) -> list[str] | None:
    """Regions whose documents a question about `region` may see: itself, its city and the province."""
    if region is None:
        return None
    seen = [PROVINCE]
    city = city_of(region)
    if city:
        seen.append(city)
    if region not in seen:
        seen.append(region)
    return seen


def find_region_in_text(text: str) -> str | None:
    """The first Hubei city/prefecture named in free text, if any (e.g. "户口在襄阳" → 襄阳市)."""
    best: tuple[int, str] | None = None
    lowered = text.lower()
    for alias, city in [*((c, c) for c in CITIES), *_ALIASES.items()]:
        if city == PROVINCE or len(alias) < 2:
            continue
        pos = lowered.find(alias)
        if pos >= 0 and (best is None or pos < best[0]):
            best = (pos, city)
    return best[1] if best else None
