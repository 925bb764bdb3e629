"""Look up cities and districts in the database, with clear errors for unknown districts."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from tools.errors import ToolError
from tools.models import City, District

_DISTRICT_SUFFIXES = ("土家族自治县", "区", "县", "市", "街道", "镇", "乡")


def get_city(session: Session, name: str) -> City:
    """The City row for an official city name (already normalised by validation)."""
    city = session.scalars(select(City).where(City.name == name)).first()
    if city is None:
        raise ToolError("not_found", f"暂未收录{name}的数据，请拨打12345咨询")
    return city


def resolve_district(session: Session, city: City, text: str) -> str:
    """The official district name in `city` that `text` names (樊城 → 樊城区), or a ToolError."""
    names = list(
        session.scalars(select(District.name).where(District.city_id == city.id).order_by(District.id))
    )
    key = text.replace(" ", "")
    for prefix in ("湖北省", "湖北", city.name):
        if key.startswith(prefix) and len(key) > len(prefix):
            key = key[len(prefix) :]
    if key in names:
        return key
    candidates = [n for n in names if any(n == key + s for s in _DISTRICT_SUFFIXES)]
    if not candidates:
        candidates = [n for n in names if len(key) >= 2 and n.startswith(key)]
    if len(candidates) == 1:
        return candidates[0]
    shown = text if len(text) <= 16 else text[:16] + "…"
    raise ToolError(
        "invalid_input",
        f"{city.name}没有名为“{shown}”的区县（街道）。可选：{'、'.join(names)}",
        {"field": "district"},
    )
