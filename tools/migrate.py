"""Run the service database's Alembic migrations from code (no alembic.ini needed)."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine

from tools.db import make_engine

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def alembic_config(engine: Engine) -> Config:
    """An Alembic Config pointing at the packaged migrations and at `engine`."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("path_separator", "os")
    config.attributes["engine"] = engine
    return config


def upgrade(engine_or_url: Engine | str, revision: str = "head") -> None:
    """Bring the database schema up to `revision` (default: the latest)."""
    engine = make_engine(engine_or_url) if isinstance(engine_or_url, str) else engine_or_url
    try:
        command.upgrade(alembic_config(engine), revision)
    finally:
        if isinstance(engine_or_url, str):
            engine.dispose()


def downgrade(engine_or_url: Engine | str, revision: str = "base") -> None:
    """Take the database schema back to `revision` (default: empty)."""
    engine = make_engine(engine_or_url) if isinstance(engine_or_url, str) else engine_or_url
    try:
        command.downgrade(alembic_config(engine), revision)
    finally:
        if isinstance(engine_or_url, str):
            engine.dispose()
