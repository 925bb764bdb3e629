"""Load the sample seed data (tools/seed_data/*.yaml) into an empty service database."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date
from importlib.resources import files
from typing import Any

import yaml
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from tools.cities import CITIES, pinyin
from tools.db import write_session
from tools.models import (
    AllowanceRule,
    CareFacility,
    CatchmentRule,
    City,
    Department,
    District,
    Hall,
    HallService,
    HallWindow,
    Hospital,
    School,
    ServiceItem,
    Slot,
)
from tools.slots import ensure_slots

log = logging.getLogger(__name__)
CARE_NEED_CODES = {"重度失能": "severe", "中度失能": "moderate", "轻度失能": "mild"}


@dataclass(frozen=True)
class SeedReport:
    """What seeding did: whether the static data was loaded now, and the table sizes after it."""

    loaded: bool
    slots_added: int
    counts: dict[str, int]


def load_yaml(name: str) -> dict[str, Any]:
    """One seed file from the installed package."""
    text = files("tools").joinpath("seed_data", name).read_text(encoding="utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


def _address(row: dict[str, Any]) -> str:
    return str(row.get("address") or f"{row['city']}{row.get('district') or ''}（示例地址，以实际公告为准）")


def _load_places(session: Session) -> dict[str, City]:
    cities: dict[str, City] = {}
    for row in load_yaml("cities.yaml")["cities"]:
        city = City(name=row["name"], short_name=row["short_name"], kind=row["kind"])
        city.districts = [District(name=name) for name in row["districts"]]
        session.add(city)
        cities[city.name] = city
    if sorted(cities) != sorted(CITIES):
        raise ValueError("cities.yaml must list exactly Hubei's 17 cities and prefectures")
    session.flush()
    return cities


def _load_halls(session: Session, cities: dict[str, City]) -> None:
    data = load_yaml("halls.yaml")
    items = [
        ServiceItem(
            code=r["code"],
            name=r["name"],
            department=r["dept"],
            category=r["category"],
            domain=r.get("domain", "government"),
            materials=list(r["materials"]),
            time_limit_days=int(r["days"]),
            fee=r["fee"],
            online=bool(r["online"]),
            keywords=r.get("kw", ""),
        )
        for r in load_yaml("service_items.yaml")["items"]
    ]
    session.add_all(items)
    for row in data["halls"]:
        level = row["level"]
        hall = Hall(
            code=row["code"],
            city_id=cities[row["city"]].id,
            district=row.get("district"),
            name=row["name"],
            level=level,
            is_main=bool(row.get("is_main", False)),
            address=_address(row),
            hours=dict(data["hours_templates"][row.get("hours", level)]),
            note=row.get("note", ""),
        )
        hall.windows = [
            HallWindow(number=w["number"], name=w["name"], categories=list(w["categories"]))
            for w in data["window_templates"][row.get("windows", level)]
        ]
        session.add(hall)
        session.flush()
        served = {c for w in hall.windows for c in w.categories}
        session.add_all(HallService(hall_id=hall.id, item_id=i.id) for i in items if i.category in served)


def _load_hospitals(session: Session, cities: dict[str, City]) -> None:
    data = load_yaml("hospitals.yaml")
    weekend = set(data["weekend_departments"])
    for row in data["hospitals"]:
        hospital = Hospital(
            code=row["code"],
            city_id=cities[row["city"]].id,
            district=row.get("district"),
            name=row["name"],
            level=row["level"],
            kind=row["kind"],
            address=_address(row),
        )
        fee = int(data["fees"][row["level"]])
        hospital.departments = [
            Department(name=name, fee_yuan=fee, weekend=name in weekend)
            for name in data["department_templates"][row["template"]]
        ]
        session.add(hospital)


def _load_schools_and_care(session: Session, cities: dict[str, City]) -> None:
    data = load_yaml("schools.yaml")
    for row in data["schools"]:
        school = School(
            code=row["code"],
            city_id=cities[row["city"]].id,
            district=row["district"],
            name=row["name"],
            stage=row["stage"],
            ownership=row["ownership"],
            address=_address(row),
        )
        stage_rule = data["requirements"].get(row["stage"], data["requirements"]["小学"])
        school.rules = [
            CatchmentRule(area=a, requirement=row.get("requirement", stage_rule)) for a in row["areas"]
        ]
        session.add(school)
    for row in load_yaml("care_facilities.yaml")["facilities"]:
        session.add(
            CareFacility(
                code=row["code"],
                city_id=cities[row["city"]].id,
                district=row["district"],
                name=row["name"],
                ownership=row["ownership"],
                beds_total=int(row["beds"]),
                beds_available=int(row["free"]),
                care_levels=list(row["care_levels"]),
                price_min=int(row["price"][0]),
                price_max=int(row["price"][1]),
                medical_integration=bool(row["medical"]),
                address=_address(row),
            )
        )


def _load_allowances(session: Session, cities: dict[str, City]) -> None:
    data = load_yaml("allowances.yaml")
    high = data["kinds"]["高龄津贴"]
    for city_name, bands in data["high_age"].items():
        for low, high_age, monthly in bands:
            session.add(
                AllowanceRule(
                    code=f"GLJT-{pinyin(city_name)}-{low}",
                    city_id=cities[city_name].id,
                    kind="高龄津贴",
                    title=high["title"].format(city=city_name),
                    min_age=int(low),
                    max_age=None if high_age is None else int(high_age),
                    monthly_yuan=int(monthly),
                    conditions=dict(high["conditions"]),
                    apply_at=high["apply_at"],
                    item_code=high["item_code"],
                    note=high["note"],
                )
            )
    care = data["kinds"]["养老服务补贴"]
    subsidy = data["care_subsidy"]
    for city_name in CITIES:
        overrides = subsidy.get("overrides", {}).get(city_name, {})
        for band in subsidy["bands"]:
            session.add(
                AllowanceRule(
                    code=f"YLBT-{pinyin(city_name)}-{CARE_NEED_CODES[band['care_need']]}",
                    city_id=cities[city_name].id,
                    kind="养老服务补贴",
                    title=care["title"].format(city=city_name),
                    min_age=int(subsidy["min_age"]),
                    max_age=None,
                    monthly_yuan=int(overrides.get(band["care_need"], band["monthly"])),
                    conditions={"care_need": [band["care_need"]], "economic": list(band["economic"])},
                    apply_at=care["apply_at"],
                    item_code=care["item_code"],
                    note=care["note"],
                )
            )


def load_static(session: Session) -> None:
    """Insert every seed table except slots (in the caller's transaction)."""
    cities = _load_places(session)
    _load_halls(session, cities)
    _load_hospitals(session, cities)
    _load_schools_and_care(session, cities)
    _load_allowances(session, cities)
    session.flush()


def table_counts(session: Session) -> dict[str, int]:
    """Row counts of the seeded tables."""
    models = (City, Hall, ServiceItem, Hospital, Department, Slot, School, CareFacility, AllowanceRule)
    return {m.__tablename__: int(session.scalar(select(func.count()).select_from(m)) or 0) for m in models}


def seed_if_empty(session_factory: sessionmaker[Session], today: date) -> SeedReport:
    """Load the sample data when the database has none, then top up slots for the next 14 days."""
    with session_factory() as session:
        empty = session.scalar(select(City.id).limit(1)) is None
    loaded = False
    if empty:
        try:
            with write_session(session_factory) as session:
                load_static(session)
            loaded = True
        except IntegrityError:
            # Another process seeded the database at the same moment; its data stands.
            log.info("seed data already loaded by another process")
    added = ensure_slots(session_factory, today)
    with session_factory() as session:
        counts = table_counts(session)
    return SeedReport(loaded=loaded, slots_added=added, counts=counts)
