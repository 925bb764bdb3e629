from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, select, text

import tools.records  # noqa: F401  (registers the record tables)
from tests.tools.support import PG_URL, TODAY, Env
from tools.db import make_engine, make_session_factory, normalize_url
from tools.migrate import MIGRATIONS_DIR, downgrade, upgrade
from tools.models import AllowanceRule, Base, City, Hall, Slot
from tools.seed import seed_if_empty
from tools.slots import capacity_for

TABLES = {
    "allowance_rules", "appointments", "care_facilities", "catchment_rules", "cities", "departments", "districts",
    "hall_services", "hall_windows", "halls", "hospitals", "schools", "service_items", "slots", "work_order_events",
    "work_orders",
}  # fmt: skip


def test_normalize_url() -> None:
    assert normalize_url("postgresql://u@h:5432/db") == "postgresql+psycopg://u@h:5432/db"
    assert normalize_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    assert normalize_url("postgresql+psycopg://u@h/db") == "postgresql+psycopg://u@h/db"
    assert normalize_url("sqlite:///var/x.db") == "sqlite:///var/x.db"


def test_sqlite_engine_uses_wal_and_a_busy_timeout(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'x.db'}")
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 30000
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    engine.dispose()


@pytest.mark.postgres
@pytest.mark.skipif(not PG_URL.startswith("postgres"), reason="DATABASE_URL does not point to PostgreSQL")
def test_plain_postgresql_url_uses_psycopg3() -> None:
    engine = make_engine(PG_URL)
    assert engine.dialect.driver == "psycopg"
    with engine.connect() as conn:
        assert conn.execute(text("SELECT 1")).scalar() == 1
    engine.dispose()


def test_migrations_match_the_models_and_go_both_ways(
    empty_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # no alembic.ini needed wherever the process runs
    upgrade(empty_url)
    engine = make_engine(empty_url)
    assert set(inspect(engine).get_table_names()) == TABLES | {"alembic_version"}
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one() == "0001"
        assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []
    upgrade(engine)  # already at head: nothing to do
    downgrade(engine)
    assert set(inspect(engine).get_table_names()) == {"alembic_version"}
    engine.dispose()


def test_migrations_folder_is_inside_the_package() -> None:
    assert Path(tools.records.__file__).parent / "migrations" == MIGRATIONS_DIR
    assert (MIGRATIONS_DIR / "env.py").is_file()
    assert (MIGRATIONS_DIR / "script.py.mako").is_file()
    assert (MIGRATIONS_DIR / "versions" / "0001_initial_schema.py").is_file()


def test_seed_sizes(ro_env: Env) -> None:
    with ro_env.session_factory() as session:
        counts = {t: session.execute(text(f"SELECT COUNT(*) FROM {t}")).scalar_one() for t in sorted(TABLES)}
        cities = list(session.scalars(select(City.name).order_by(City.id)))
        main_halls = session.execute(
            text("SELECT COUNT(DISTINCT city_id) FROM halls WHERE is_main")
        ).scalar_one()
        rules_per_city = session.execute(
            text("SELECT COUNT(DISTINCT city_id) FROM allowance_rules WHERE kind = '高龄津贴'")
        ).scalar_one()
        all_sample = [
            *session.scalars(select(Hall.sample).distinct()),
            *session.scalars(select(AllowanceRule.sample).distinct()),
        ]
    assert cities == [
        "武汉市", "黄石市", "十堰市", "宜昌市", "襄阳市", "鄂州市", "荆门市", "孝感市", "荆州市", "黄冈市",
        "咸宁市", "随州市", "恩施土家族苗族自治州", "仙桃市", "潜江市", "天门市", "神农架林区",
    ]  # fmt: skip
    assert counts["service_items"] >= 80
    assert counts["hospitals"] >= 30
    assert counts["schools"] >= 40
    assert counts["care_facilities"] >= 30
    assert (counts["halls"], counts["appointments"], counts["work_orders"]) == (37, 0, 0)
    assert (main_halls, rules_per_city) == (17, 17)
    assert set(all_sample) == {True}


def test_seeding_is_idempotent_and_tops_up_slots(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'seed.db'}")
    upgrade(engine)
    factory = make_session_factory(engine)
    first = seed_if_empty(factory, TODAY)
    assert first.loaded is True
    assert first.slots_added == first.counts["slots"]
    again = seed_if_empty(factory, TODAY)
    assert (again.loaded, again.slots_added, again.counts) == (False, 0, first.counts)
    next_day = seed_if_empty(factory, date(2026, 6, 10))
    with factory() as session:
        last_day = session.execute(select(Slot).where(Slot.day == date(2026, 6, 23))).scalars().all()
        one = session.execute(
            text(
                "SELECT h.code, d.name, s.day, s.start, s.capacity FROM slots s JOIN departments d ON d.id = s.department_id "
                "JOIN hospitals h ON h.id = d.hospital_id ORDER BY s.id LIMIT 1"
            )
        ).one()
    assert next_day.slots_added == len(last_day) > 0
    code, name, day, start, capacity = one
    day = day if isinstance(day, date) else date.fromisoformat(str(day))
    assert capacity == capacity_for(code, name, day, start)
    engine.dispose()


def test_in_memory_sqlite_works() -> None:
    engine = make_engine("sqlite://")
    upgrade(engine)
    report = seed_if_empty(make_session_factory(engine), TODAY)
    assert report.counts["cities"] == 17
    engine.dispose()
