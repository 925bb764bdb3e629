"""The serving parts on their own: keys, passwords, limiters (memory and real Redis), webhooks, audit, logs."""

from __future__ import annotations

import asyncio
import io
import json
import logging
import os
import time
import uuid
from pathlib import Path

import pytest
from sqlalchemy import text

from agents.assistant import CitationOut, TurnResult
from serving.api.openai_compat import history_digest
from serving.api.streaming import chunks
from serving.appdb import AppDB
from serving.audit import (
    Owner,
    audit_rows,
    claim_history,
    get_thread,
    purge,
    record_turn,
    remember_history,
    touch_thread,
    user_hash,
)
from serving.auth import (
    check_password,
    create_key,
    create_staff,
    hash_password,
    list_keys,
    login,
    logout,
    parse_scopes,
    revoke_key,
    session_staff,
    verify_key,
)
from serving.limits import Admission, Limit, MemoryRateLimiter, Overloaded, RedisRateLimiter
from serving.observability import JsonFormatter, Metrics
from serving.webhooks import SIGNATURE_HEADER, WebhookSender, sign, verify
from tests.serving.support import Receiver, canary_id, canary_phone

REDIS_URL = os.environ.get("HUBEI_TEST_REDIS_URL", "")
PG_URL = os.environ.get("HUBEI_TEST_DATABASE_URL", "")
BACKENDS = ["sqlite", pytest.param("postgresql", marks=[pytest.mark.postgres, pytest.mark.skipif(
    not PG_URL.startswith("postgres"), reason="HUBEI_TEST_DATABASE_URL does not point to PostgreSQL")])]


@pytest.fixture(params=BACKENDS)
def db(request: pytest.FixtureRequest, tmp_path: Path) -> AppDB:
    url = f"sqlite:///{tmp_path / 'app.db'}" if request.param == "sqlite" else PG_URL
    return AppDB(url).create()


def test_keys_are_hashed_scoped_and_revocable(db: AppDB) -> None:
    info, token = create_key(db, "鄂汇办", parse_scopes(["citizen_app", "citizen_app"]))
    assert token.startswith(f"hk_{info.id}_") and info.scopes == ("citizen_app",)
    assert verify_key(db, token) == info
    assert verify_key(db, token[:-1] + ("A" if token[-1] != "A" else "B")) is None
    assert verify_key(db, "hk_nothex_" + "x" * 40) is None
    with db.read() as session:
        stored = session.execute(text("SELECT secret_hash, salt FROM app_api_keys")).all()
    assert all(token.split("_", 2)[2] not in (h + s) for h, s in stored)
    assert revoke_key(db, info.id) and not revoke_key(db, info.id)
    assert verify_key(db, token) is None
    assert [k.revoked for k in list_keys(db) if k.id == info.id] == [True]
    with pytest.raises(ValueError, match="未知的权限范围"):
        parse_scopes(["root"])
    with pytest.raises(ValueError, match="staff"):
        create_key(db, "x", ("staff",))


def test_passwords_use_scrypt_and_sessions_expire(db: AppDB) -> None:
    stored = hash_password("long enough password")
    assert stored.startswith("scrypt$16384$8$1$")
    assert check_password("long enough password", stored) and not check_password("wrong", stored)
    assert not check_password("x", "md5$abc")
    name = "clerk-" + uuid.uuid4().hex[:8]
    create_staff(db, name, "correct-horse-battery", 3, "窗口")
    with pytest.raises(ValueError, match="已存在"):
        create_staff(db, name, "correct-horse-battery", 3)
    with pytest.raises(ValueError, match="至少需要10个字符"):
        create_staff(db, name + "x", "short", 3)
    assert login(db, name, "nope-nope-nope", 1) is None
    done = login(db, name, "correct-horse-battery", 1)
    assert done is not None
    info, token = done
    assert session_staff(db, token) == info and info.hall_id == 3
    logout(db, token)
    assert session_staff(db, token) is None
    _, short_lived = login(db, name, "correct-horse-battery", 1e-9) or (None, "")
    time.sleep(0.01)
    assert session_staff(db, short_lived) is None


def test_memory_token_bucket() -> None:
    limiter = MemoryRateLimiter()
    limit = Limit(per_min=60, burst=2)
    results = [asyncio.run(limiter.hit("ip:a", limit)) for _ in range(3)]
    assert results[:2] == [0.0, 0.0] and 0 < results[2] <= 1.0
    assert asyncio.run(limiter.hit("ip:b", limit)) == 0.0


@pytest.mark.skipif(not REDIS_URL, reason="HUBEI_TEST_REDIS_URL not set")
def test_redis_token_bucket_is_shared_and_atomic() -> None:
    async def go() -> tuple[list[float], float]:
        a, b = RedisRateLimiter(REDIS_URL), RedisRateLimiter(REDIS_URL)  # two replicas, one Redis
        bucket = "test:" + uuid.uuid4().hex
        limit = Limit(per_min=6, burst=5)
        try:
            waits = await asyncio.gather(*(x.hit(bucket, limit) for x in [a, b] * 5))
            assert await a.ping()
            return list(waits), await b.hit(bucket, limit)
        finally:
            await a.close()
            await b.close()

    waits, after = asyncio.run(go())
    assert sum(1 for w in waits if w == 0) == 5
    assert all(0 < w <= 10 for w in waits if w)
    assert after > 0


def test_redis_outage_lets_requests_through() -> None:
    limiter = RedisRateLimiter("redis://127.0.0.1:1/0")
    assert asyncio.run(limiter.hit("x", Limit(1, 1))) == 0.0


def test_admission_refuses_beyond_capacity_at_once() -> None:
    async def go() -> list[str]:
        admission = Admission(max_inflight=1, max_queue=1)
        release = asyncio.Event()
        outcome: list[str] = []

        async def turn(i: int) -> None:
            try:
                async with admission.slot():
                    await release.wait()
                    outcome.append(f"ran {i}")
            except Overloaded:
                outcome.append(f"refused {i}")

        tasks = [asyncio.create_task(turn(i)) for i in range(3)]
        await asyncio.sleep(0.05)
        release.set()
        await asyncio.gather(*tasks)
        return outcome

    assert asyncio.run(go()) == ["refused 2", "ran 0", "ran 1"]


def test_webhooks_are_signed_and_retried() -> None:
    receiver = Receiver(fail_first=2)

    async def go() -> None:
        sender = WebhookSender([receiver.url], "s3cret", Metrics(), backoff_s=0.05)
        sender.start()
        sender.emit("work_order.created", {"order_no": "GD1"})
        await sender.stop()

    try:
        asyncio.run(go())
        assert len(receiver.received) == 1
        headers, body = receiver.received[0]
        assert headers[SIGNATURE_HEADER] == sign("s3cret", body)
        assert verify("s3cret", body, headers[SIGNATURE_HEADER]) and not verify("other", body, headers[SIGNATURE_HEADER])
        event = json.loads(body)
        assert event["type"] == "work_order.created" and event["data"] == {"order_no": "GD1"}
    finally:
        receiver.close()
    with pytest.raises(ValueError, match="WEBHOOK_SECRET"):
        WebhookSender(["http://127.0.0.1:9/x"], "", Metrics())


def test_webhook_retries_are_bounded() -> None:
    receiver = Receiver(fail_first=100)
    metrics = Metrics()

    async def go() -> None:
        sender = WebhookSender([receiver.url], "s", metrics, attempts=3, backoff_s=0.01)
        sender.start()
        sender.emit("handoff.requested", {"thread_id": "t"})
        await sender.stop()

    try:
        asyncio.run(go())
    finally:
        receiver.close()
    assert receiver.fail_left == 97
    assert metrics.webhooks.labels("failed")._value.get() == 1  # noqa: SLF001


def _turn(thread_id: str, question_masked: str = "") -> TurnResult:
    return TurnResult(thread_id=thread_id, status="answered", domains=["government"], answer="答复[1]",
                      citations=[CitationOut(id=1, doc_id="d", doc_version="2026-01", title="指南", section="一",
                                             snippet="s", source="x")],
                      grounded=True, emergency=False, handoff=False, ai_label="AI", timings={"total": 1.0},
                      route=["government"], model_id="extractive")


def test_audit_masks_and_purges_by_user_and_age(db: AppDB) -> None:
    tid, other = "t-" + uuid.uuid4().hex, "t-" + uuid.uuid4().hex
    user = "citizen-" + uuid.uuid4().hex
    owner = Owner("k1", user_hash(user))
    touch_thread(db, tid, owner, "chat")
    touch_thread(db, other, Owner(None, None), "chat")
    secret_id, phone = canary_id(), canary_phone()
    record_turn(db, _turn(tid), f"身份证{secret_id}电话{phone}", owner, "chat")
    record_turn(db, _turn(other), "你好", Owner(None, None), "chat")
    row = audit_rows(db, tid)[0]
    assert row["question"] == "身份证[身份证号]电话[手机号]"
    assert row["citations"] == [{"id": 1, "doc_id": "d", "doc_version": "2026-01", "title": "指南", "section": "一"}]
    assert row["user_hash"] == user_hash(user) and user not in json.dumps(row, default=str)
    plan = purge(db, user_id=user)
    assert plan.threads == [tid] and plan.counts["audit"] == 1 and plan.counts["threads"] == 1
    assert get_thread(db, tid) is None and get_thread(db, other) is not None
    assert purge(db, older_than_days=1).threads.count(other) == 0
    assert other in purge(db, older_than_days=0).threads
    with pytest.raises(ValueError):
        purge(db)


def test_history_digest_is_used_once(db: AppDB) -> None:
    digest = history_digest("k:u", [("user", "问"), ("assistant", "答 ")])
    assert digest == history_digest("k:u", [("user", "问 "), ("assistant", "答")])
    assert digest != history_digest("k2:u", [("user", "问"), ("assistant", "答")])
    remember_history(db, digest, "thread-1")
    assert claim_history(db, digest) == "thread-1"
    assert claim_history(db, digest) is None


def test_chunks_keep_citation_markers_whole() -> None:
    text = "请携带身份证原件和户口簿[12]到窗口办理。"
    pieces = chunks(text, 8)
    assert "".join(pieces) == text
    assert any("[12]" in p for p in pieces)
    assert all(len(p) <= 12 for p in pieces)


def test_json_logs_mask_personal_data_even_in_tracebacks() -> None:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    log = logging.getLogger("test.json")
    log.addHandler(handler)
    log.propagate = False
    secret_id, phone = canary_id(), canary_phone()
    try:
        raise ValueError(f"bad {secret_id}")
    except ValueError:
        log.exception("failed for %s", phone, extra={"ctx": {"thread_id": "t1", "text": "not logged"}})
    line = json.loads(stream.getvalue())
    assert line["msg"] == "failed for [手机号]" and line["thread_id"] == "t1" and "text" not in line
    assert secret_id not in stream.getvalue() and phone not in stream.getvalue()
    assert line["exc_type"] == "ValueError"


@pytest.mark.parametrize("origins", [[], ["https://app.example.org"]])
def test_cors_is_off_unless_configured(tmp_path: Path, origins: list[str]) -> None:
    from fastapi.testclient import TestClient

    from serving.api.settings import ApiSettings
    from serving.app import create_app
    from tests.serving.server import settings_for

    app = create_app(settings_for(tmp_path), kb=object(), api=ApiSettings(cors_origins=origins))  # type: ignore[arg-type]
    preflight = TestClient(app).options("/api/v1/chat", headers={
        "Origin": "https://app.example.org", "Access-Control-Request-Method": "POST"})
    if origins:
        assert preflight.headers["access-control-allow-origin"] == "https://app.example.org"
    else:
        assert "access-control-allow-origin" not in preflight.headers
