"""Canary: a unique fake ID number and phone numbers sent through every endpoint never come to rest anywhere.

Checked: the log output, the audit rows, the checkpoint database's bytes, the Qdrant payloads and the
webhook bodies.
"""

from __future__ import annotations

import io
import json
import logging
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import openai
import pytest

from knowledge.base import KnowledgeBase
from serving.api.settings import ApiSettings
from serving.audit import audit_rows
from serving.observability import JsonFormatter
from tests.serving.server import Server, start_server
from tests.serving.support import Receiver, bearer, canary_id, canary_phone, key

ID = canary_id()
PHONE, PHONE2 = canary_phone(), canary_phone()
SECRETS = (ID, PHONE, PHONE2)


@pytest.fixture(scope="module")
def logs() -> Iterator[io.StringIO]:
    buffer = io.StringIO()
    handler = logging.StreamHandler(buffer)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    yield buffer
    root.removeHandler(handler)
    root.setLevel(old_level)


@pytest.fixture(scope="module")
def receiver() -> Iterator[Receiver]:
    rec = Receiver()
    yield rec
    rec.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, serving_kb: KnowledgeBase, router_cache: Path,
           logs: io.StringIO, receiver: Receiver) -> Iterator[Server]:
    api = ApiSettings(rate_limit_ip_burst=1000, webhook_urls=[receiver.url], webhook_secret="canary-secret")
    srv = start_server(tmp_path_factory.mktemp("canary-home"), serving_kb, router_cache, api)
    yield srv
    srv.stop()


def _send_everywhere(server: Server) -> None:
    db = server.services.db
    admin, service = key(db, "admin"), key(db, "service")
    as_citizen = bearer(service, **{"X-User-Id": "canary-user"})
    text = f"我的身份证号是{ID}，手机{PHONE}，想问社保卡怎么补办？"
    with httpx.Client(base_url=server.url, timeout=120) as c:
        tid = c.post("/api/v1/chat", json={"message": text}).json()["thread_id"]
        c.post("/api/v1/chat", json={"message": f"联系电话 {PHONE2}，身份证 {ID}", "thread_id": tid, "stream": True})
        c.post("/api/v1/chat", json={"message": text}, headers=as_citizen)
        c.post("/api/v1/chat", json={"message": text, "thread_id": PHONE})
        c.post("/api/v1/chat", json={"message": text, "region": ID})
        c.get(f"/api/v1/threads/{tid}")
        c.post("/api/v1/feedback", json={"thread_id": tid, "rating": "down", "reason": f"请回电 {PHONE} 身份证{ID}"})
        c.post("/api/v1/handoff", json={"thread_id": tid})
        c.post(f"/api/v1/staff/threads/{tid}/reply", headers=bearer(admin),
               json={"reply": f"已记录您的号码{PHONE2}和证件{ID}，稍后回电。"})
        c.post("/api/v1/work-orders", headers={**as_citizen, "Idempotency-Key": PHONE},
               json={"kind": "求助", "city": "武汉", "location": "某街道", "description": f"请联系{PHONE}，证件{ID}",
                     "contact_consent": True, "contact_name": "李四", "contact_phone": PHONE2, "confirm": True})
        c.post("/api/v1/bookings", headers={**as_citizen, "Idempotency-Key": "canary-book-1"},
               json={"slot_id": 1, "patient_name": "李四", "patient_id_number": ID, "confirm": True})
        c.post("/api/v1/knowledge/documents", headers=bearer(admin),
               files={"file": ("canary.md", f"# 名单\n\n身份证 {ID}\n电话 {PHONE}\n".encode(), "text/markdown")})
        c.post("/api/v1/staff/login", json={"username": PHONE, "password": ID})
        c.get(f"/api/v1/work-orders/{PHONE}", headers=as_citizen)
    client = openai.OpenAI(base_url=server.url + "/v1", api_key=service, max_retries=0, timeout=120)
    messages = [{"role": "user", "content": text}]
    client.chat.completions.create(model="hubei-agent", messages=messages, user=PHONE)  # type: ignore[arg-type]
    list(client.chat.completions.create(model="hubei-agent", messages=messages, stream=True))  # type: ignore[arg-type]
    with pytest.raises(openai.UnprocessableEntityError):
        client.chat.completions.create(model="hubei-agent", messages=messages,  # type: ignore[arg-type]
                                       metadata={"thread_id": ID})


def test_canary_never_comes_to_rest(server: Server, logs: io.StringIO, serving_kb: KnowledgeBase,
                                    receiver: Receiver) -> None:
    _send_everywhere(server)
    assert server.services.webhooks._queue is not None  # noqa: SLF001 - wait for deliveries to finish
    deadline = time.monotonic() + 10
    while server.services.webhooks._queue.qsize() and time.monotonic() < deadline:  # noqa: SLF001
        time.sleep(0.05)
    home = server.settings.paths.home
    rows = audit_rows(server.services.db)
    points, _ = serving_kb.store.client.scroll(serving_kb.store.collection, limit=10_000, with_payload=True)
    places = {
        "logs": logs.getvalue(),
        "audit": json.dumps(rows, ensure_ascii=False, default=str),
        "checkpoints": b"".join(p.read_bytes() for p in home.glob("checkpoints.db*")).decode("latin-1"),
        "qdrant payloads": json.dumps([p.payload for p in points], ensure_ascii=False),
        "webhooks": b"".join(body for _, body in receiver.received).decode(),
    }
    assert len(rows) >= 6 and any(r["question"].count("[身份证号]") for r in rows)
    assert "[手机号]" in places["checkpoints"].encode("latin-1").decode("utf-8", "ignore")
    assert receiver.events("handoff.requested")
    assert "\"msg\": \"turn\"" in places["logs"]
    for place, content in places.items():
        for secret in SECRETS:
            assert secret not in content, f"canary found in {place}"
    assert "canary.md" not in places["qdrant payloads"]
