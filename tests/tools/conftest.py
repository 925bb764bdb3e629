"""Fixtures: a migrated, seeded service database per test, on SQLite and (when HUBEI_TEST_DATABASE_URL is set) PostgreSQL."""

from __future__ import annotations

import secrets
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url

from tests.tools.support import BACKENDS, FIXED_NOW, PG_URL, TODAY, Clock, Env
from tools.db import make_engine, make_session_factory, normalize_url
from tools.migrate import upgrade
from tools.registry import build_registry
from tools.seed import seed_if_empty


def _admin_engine() -> Engine:
    return create_engine(normalize_url(PG_URL), isolation_level="AUTOCOMMIT")


def _pg_url(name: str) -> str:
    return make_url(normalize_url(PG_URL)).set(database=name).render_as_string(hide_password=False)


def _prepare(url: str) -> None:
    engine = make_engine(url)
    upgrade(engine)
    seed_if_empty(make_session_factory(engine), TODAY)
    engine.dispose()


@pytest.fixture(scope="session")
def templates(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """Built lazily: backend → template location (a SQLite file, or a PostgreSQL database name)."""
    made: dict[str, str] = {}
    yield made
    if "postgresql" in made:
        admin = _admin_engine()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{made["postgresql"]}" WITH (FORCE)'))
        admin.dispose()


def _template(backend: str, templates: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> str:
    if backend in templates:
        return templates[backend]
    if backend == "sqlite":
        path = tmp_path_factory.mktemp("template") / "hubei.db"
        _prepare(f"sqlite:///{path}")
        templates[backend] = str(path)
    else:
        name = f"hubei_test_{secrets.token_hex(4)}_tpl"
        admin = _admin_engine()
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        admin.dispose()
        templates[backend] = name
        _prepare(_pg_url(name))
    return templates[backend]


@pytest.fixture(scope="session", params=BACKENDS)
def shared_db(
    request: pytest.FixtureRequest, templates: dict[str, str], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, str]]:
    """One seeded database per backend shared by the tests that only read: (backend, url)."""
    backend: str = request.param
    template = _template(backend, templates, tmp_path_factory)
    if backend == "sqlite":
        path = tmp_path_factory.mktemp("shared") / "hubei.db"
        shutil.copyfile(template, path)
        yield backend, f"sqlite:///{path}"
        return
    name = f"hubei_test_{secrets.token_hex(6)}_ro"
    admin = _admin_engine()
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
    yield backend, _pg_url(name)
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture
def ro_env(shared_db: tuple[str, str]) -> Iterator[Env]:
    """The shared seeded database, for tests that do not write (a fresh clock and registry each test)."""
    backend, url = shared_db
    engine = make_engine(url)
    factory = make_session_factory(engine)
    clock = Clock(FIXED_NOW)
    yield Env(backend, url, engine, factory, clock, build_registry(factory, read_only=False, clock=clock))
    engine.dispose()


@pytest.fixture(params=BACKENDS)
def env(
    request: pytest.FixtureRequest,
    templates: dict[str, str],
    tmp_path_factory: pytest.TempPathFactory,
    tmp_path: Path,
) -> Iterator[Env]:
    """A fresh copy of the seeded database for one test."""
    backend: str = request.param
    template = _template(backend, templates, tmp_path_factory)
    if backend == "sqlite":
        path = tmp_path / "hubei.db"
        shutil.copyfile(template, path)
        url = f"sqlite:///{path}"
        name = ""
    else:
        name = f"hubei_test_{secrets.token_hex(6)}"
        admin = _admin_engine()
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
        admin.dispose()
        url = _pg_url(name)
    engine = make_engine(url)
    factory = make_session_factory(engine)
    clock = Clock(FIXED_NOW)
    registry = build_registry(factory, read_only=False, clock=clock)
    yield Env(backend, url, engine, factory, clock, registry)
    engine.dispose()
    if name:
        admin = _admin_engine()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=BACKENDS)
def empty_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of an empty database (nothing migrated), on each backend."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'empty.db'}"
        return
    name = f"hubei_test_{secrets.token_hex(6)}_empty"
    admin = _admin_engine()
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    yield _pg_url(name)
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()
