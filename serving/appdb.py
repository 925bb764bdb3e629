"""The app database: API keys, staff accounts and sessions, threads, audit, feedback, handoffs, idempotency."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import JSON, Boolean, DateTime, Integer, LargeBinary, String, Text, text
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

from tools.db import make_engine, make_session_factory, write_session


def utcnow() -> dt.datetime:
    """Naive UTC, as every app table stores it."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class AppBase(DeclarativeBase):
    """Tables of the serving layer; all named `app_*`, created with `create_all`."""


class ApiKey(AppBase):
    """An API key: the secret is stored only as a salted HMAC-SHA256."""

    __tablename__ = "app_api_keys"
    id: Mapped[str] = mapped_column(String(16), primary_key=True)
    name: Mapped[str] = mapped_column(String(64))
    scopes: Mapped[str] = mapped_column(String(128))
    subject: Mapped[str | None] = mapped_column(String(128))
    hall_id: Mapped[int | None] = mapped_column(Integer)
    salt: Mapped[str] = mapped_column(String(64))
    secret_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class StaffAccount(AppBase):
    """A member of hall staff who signs in to the console."""

    __tablename__ = "app_staff_accounts"
    username: Mapped[str] = mapped_column(String(64), primary_key=True)
    display_name: Mapped[str] = mapped_column(String(64), default="")
    password_hash: Mapped[str] = mapped_column(String(256))
    hall_id: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)


class StaffSession(AppBase):
    """A console session; the cookie holds the token, the table only its SHA-256."""

    __tablename__ = "app_staff_sessions"
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    username: Mapped[str] = mapped_column(String(64), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)


class ThreadRow(AppBase):
    """Who owns a conversation thread; the user is kept only as a hash."""

    __tablename__ = "app_threads"
    thread_id: Mapped[str] = mapped_column(String(128), primary_key=True)
    key_id: Mapped[str | None] = mapped_column(String(16), index=True)
    user_hash: Mapped[str | None] = mapped_column(String(64), index=True)
    channel: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    last_at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)


class HistoryKey(AppBase):
    """OpenAI-style clients resend the history: its digest points to the thread it continues (used once)."""

    __tablename__ = "app_history_keys"
    digest: Mapped[str] = mapped_column(String(64), primary_key=True)
    thread_id: Mapped[str] = mapped_column(String(128), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)


class AuditRow(AppBase):
    """One answered turn, with personal data masked."""

    __tablename__ = "app_audit"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)
    thread_id: Mapped[str] = mapped_column(String(128), index=True)
    key_id: Mapped[str | None] = mapped_column(String(16))
    user_hash: Mapped[str | None] = mapped_column(String(64), index=True)
    channel: Mapped[str] = mapped_column(String(16))
    question: Mapped[str] = mapped_column(Text)
    answer: Mapped[str] = mapped_column(Text)
    route: Mapped[list[str]] = mapped_column(JSON)
    domains: Mapped[list[str]] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(32), index=True)
    citations: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    model_id: Mapped[str] = mapped_column(String(128))
    timings: Mapped[dict[str, float]] = mapped_column(JSON)
    grounded: Mapped[bool] = mapped_column(Boolean)
    emergency: Mapped[bool] = mapped_column(Boolean)
    handoff: Mapped[bool] = mapped_column(Boolean)


class FeedbackRow(AppBase):
    """A citizen's thumbs up or down on a thread."""

    __tablename__ = "app_feedback"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)
    thread_id: Mapped[str] = mapped_column(String(128), index=True)
    rating: Mapped[str] = mapped_column(String(8))
    reason: Mapped[str] = mapped_column(String(1000), default="")
    key_id: Mapped[str | None] = mapped_column(String(16))


class HandoffRow(AppBase):
    """The staff queue: threads waiting for a person."""

    __tablename__ = "app_handoffs"
    thread_id: Mapped[str] = mapped_column(String(128), primary_key=True)
    summary: Mapped[str] = mapped_column(String(1000))
    status: Mapped[str] = mapped_column(String(16), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    answered_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    staff_id: Mapped[str | None] = mapped_column(String(64))


class IdempotencyRow(AppBase):
    """A write request's stored response, replayed when the same `Idempotency-Key` comes again."""

    __tablename__ = "app_idempotency"
    scope: Mapped[str] = mapped_column(String(64), primary_key=True)
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    request_hash: Mapped[str] = mapped_column(String(64))
    state: Mapped[str] = mapped_column(String(8))
    status_code: Mapped[int | None] = mapped_column(Integer)
    content_type: Mapped[str | None] = mapped_column(String(128))
    body: Mapped[bytes | None] = mapped_column(LargeBinary)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)


class AppDB:
    """Engine and sessions of the app tables (SQLite by default, PostgreSQL via `DATABASE_URL`)."""

    def __init__(self, url: str) -> None:
        self.engine = make_engine(url)
        self.sessions = make_session_factory(self.engine)

    def create(self) -> AppDB:
        """Create the app tables that do not exist yet."""
        AppBase.metadata.create_all(self.engine)
        return self

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A write transaction (committed at the end)."""
        with write_session(self.sessions) as session:
            yield session

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only session."""
        with self.sessions() as session:
            yield session

    def ping(self) -> None:
        """Raise when the database cannot answer."""
        with self.engine.connect() as conn:
            conn.execute(text("SELECT 1"))

    def close(self) -> None:
        """Release pooled connections."""
        self.engine.dispose()
