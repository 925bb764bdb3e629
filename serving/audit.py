"""Audit of every turn (masked), thread ownership, feedback, the handoff queue, and retention purges."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import delete, select

from agents.assistant import TurnResult
from agents.pii import mask
from serving.appdb import (
    AppDB,
    AuditRow,
    FeedbackRow,
    HandoffRow,
    HistoryKey,
    IdempotencyRow,
    StaffSession,
    ThreadRow,
    utcnow,
)


def user_hash(user_id: str | None) -> str | None:
    """How a citizen's id is kept in the app tables: a SHA-256, never the id itself."""
    if user_id is None:
        return None
    return hashlib.sha256(("hubei-user:" + user_id).encode()).hexdigest()


def masked(text: str) -> str:
    """Text with personal data replaced by placeholders."""
    return mask(text)[0]


@dataclass(frozen=True)
class Owner:
    """Who a thread belongs to: anonymous (no key), or a key, possibly acting for one user."""

    key_id: str | None
    user_hash: str | None

    @property
    def namespace(self) -> str:
        """A stable string for deriving thread ids that never collide across owners."""
        return f"{self.key_id or 'anon'}:{self.user_hash or ''}"


def get_thread(db: AppDB, thread_id: str) -> ThreadRow | None:
    """The ownership row of a thread, if the API has seen it."""
    with db.read() as session:
        return session.get(ThreadRow, thread_id)


def touch_thread(db: AppDB, thread_id: str, owner: Owner, channel: str) -> None:
    """Record a thread's owner on first use, its last activity on every turn."""
    now = utcnow()
    with db.write() as session:
        row = session.get(ThreadRow, thread_id)
        if row is None:
            session.add(ThreadRow(thread_id=thread_id, key_id=owner.key_id, user_hash=owner.user_hash,
                                  channel=channel, created_at=now, last_at=now))
        else:
            row.last_at = now


def record_turn(db: AppDB, result: TurnResult, question: str, owner: Owner, channel: str) -> None:
    """One audit row: masked question and answer, route, status, cited document versions, timings."""
    citations = [{"id": c.id, "doc_id": c.doc_id, "doc_version": c.doc_version, "title": c.title,
                  "section": c.section} for c in result.citations]
    with db.write() as session:
        session.add(AuditRow(
            at=utcnow(), thread_id=result.thread_id, key_id=owner.key_id, user_hash=owner.user_hash,
            channel=channel, question=masked(question), answer=masked(result.answer), route=list(result.route),
            domains=list(result.domains), status=result.status, citations=citations, model_id=result.model_id,
            timings=dict(result.timings), grounded=result.grounded, emergency=result.emergency,
            handoff=result.handoff,
        ))


def audit_rows(db: AppDB, thread_id: str | None = None) -> list[dict[str, Any]]:
    """Audit rows as dicts (newest last), optionally for one thread."""
    query = select(AuditRow).order_by(AuditRow.id)
    if thread_id is not None:
        query = query.where(AuditRow.thread_id == thread_id)
    with db.read() as session:
        return [{c.name: getattr(r, c.name) for c in AuditRow.__table__.columns} for r in session.scalars(query)]


def add_feedback(db: AppDB, thread_id: str, rating: str, reason: str, key_id: str | None) -> int:
    """Store a rating; the reason is masked."""
    with db.write() as session:
        row = FeedbackRow(at=utcnow(), thread_id=thread_id, rating=rating, reason=masked(reason)[:1000],
                          key_id=key_id)
        session.add(row)
        session.flush()
        return row.id


def queue_handoff(db: AppDB, thread_id: str, summary: str) -> bool:
    """Put a thread in the staff queue; True when it was not already waiting."""
    now = utcnow()
    with db.write() as session:
        row = session.get(HandoffRow, thread_id)
        if row is not None and row.status == "waiting":
            return False
        if row is None:
            session.add(HandoffRow(thread_id=thread_id, summary=masked(summary)[:1000], status="waiting",
                                   created_at=now))
        else:
            row.summary, row.status, row.created_at = masked(summary)[:1000], "waiting", now
            row.answered_at, row.staff_id = None, None
        return True


def answer_handoff(db: AppDB, thread_id: str, staff_id: str) -> None:
    """Mark a queued thread as answered by a person."""
    with db.write() as session:
        row = session.get(HandoffRow, thread_id)
        if row is not None:
            row.status, row.answered_at, row.staff_id = "answered", utcnow(), staff_id


def waiting_handoffs(db: AppDB, limit: int = 100) -> list[dict[str, Any]]:
    """The staff queue, oldest first."""
    query = select(HandoffRow).where(HandoffRow.status == "waiting").order_by(HandoffRow.created_at).limit(limit)
    with db.read() as session:
        return [{"thread_id": r.thread_id, "summary": r.summary, "since": r.created_at.isoformat(timespec="seconds")
                 + "Z"} for r in session.scalars(query)]


def remember_history(db: AppDB, digest: str, thread_id: str) -> None:
    """Point the digest of a conversation (as a client will resend it) at its thread."""
    with db.write() as session:
        session.merge(HistoryKey(digest=digest, thread_id=thread_id, created_at=utcnow()))


def claim_history(db: AppDB, digest: str) -> str | None:
    """The thread a resent history continues; each digest is used once, so two clients never share a thread."""
    with db.write() as session:
        row = session.get(HistoryKey, digest)
        if row is None:
            return None
        thread_id = row.thread_id
        session.delete(row)
        return thread_id


@dataclass
class PurgePlan:
    """What a purge removes: thread ids (their checkpoints go too) and row counts."""

    threads: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)


def purge(db: AppDB, *, older_than_days: int | None = None, user_id: str | None = None) -> PurgePlan:
    """Delete app rows by age and/or by user; returns the threads whose checkpoints must also go."""
    if older_than_days is None and user_id is None:
        raise ValueError("purge needs an age or a user")
    plan = PurgePlan()
    with db.write() as session:
        thread_query = select(ThreadRow.thread_id)
        if user_id is not None:
            thread_query = thread_query.where(ThreadRow.user_hash == user_hash(user_id))
        if older_than_days is not None:
            cutoff = utcnow() - dt.timedelta(days=older_than_days)
            thread_query = thread_query.where(ThreadRow.last_at < cutoff)
        plan.threads = list(session.scalars(thread_query))
        ids = plan.threads
        audit = delete(AuditRow).where(AuditRow.thread_id.in_(ids))
        if user_id is not None:
            audit = delete(AuditRow).where((AuditRow.thread_id.in_(ids)) | (AuditRow.user_hash == user_hash(user_id)))
        elif older_than_days is not None:
            audit = delete(AuditRow).where((AuditRow.thread_id.in_(ids)) | (AuditRow.at < cutoff))
        plan.counts["audit"] = _count(session.execute(audit))
        feedback = delete(FeedbackRow).where(FeedbackRow.thread_id.in_(ids))
        if user_id is None and older_than_days is not None:
            feedback = delete(FeedbackRow).where(FeedbackRow.thread_id.in_(ids) | (FeedbackRow.at < cutoff))
        plan.counts["feedback"] = _count(session.execute(feedback))
        plan.counts["handoffs"] = _count(session.execute(delete(HandoffRow).where(HandoffRow.thread_id.in_(ids))))
        plan.counts["history_keys"] = _count(session.execute(delete(HistoryKey).where(HistoryKey.thread_id.in_(ids))))
        plan.counts["threads"] = _count(session.execute(delete(ThreadRow).where(ThreadRow.thread_id.in_(ids))))
        if older_than_days is not None:
            plan.counts["sessions"] = _count(session.execute(delete(StaffSession).where(
                StaffSession.expires_at < utcnow())))
    return plan


def purge_idempotency(db: AppDB, hours: float) -> int:
    """Forget stored write responses older than `hours`."""
    cutoff = utcnow() - dt.timedelta(hours=hours)
    with db.write() as session:
        return _count(session.execute(delete(IdempotencyRow).where(IdempotencyRow.created_at < cutoff)))


def _count(result: Any) -> int:
    return int(getattr(result, "rowcount", 0) or 0)
