"""Alembic environment: runs online against the engine handed over by tools.migrate."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Engine

import tools.records  # noqa: F401  (registers the record tables on the metadata)
from tools.models import Base

target_metadata = Base.metadata


def run_migrations_online() -> None:
    """Run migrations on the engine passed in `config.attributes["engine"]`."""
    engine: Engine = context.config.attributes["engine"]
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=connection.dialect.name == "sqlite",
        )
        with context.begin_transaction():
            context.run_migrations()
        connection.commit()


if context.is_offline_mode():
    raise RuntimeError("offline migrations are not supported; use tools.migrate.upgrade")
run_migrations_online()
