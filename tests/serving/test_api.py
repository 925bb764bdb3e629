"""The native API against a real uvicorn server on loopback: chat (JSON and SSE), threads, staff, tools, admin."""

from __future__ import annotations

import datetime as dt
import json
import time
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from knowledge.base import KnowledgeBase
from serving.api.settings import ApiSettings
from serving.audit import audit_rows
from serving.webhooks import SIGNATURE_HEADER, verify
from tests.serving.server import Server, start_server
from tests.serving.support import Receiver, bearer, canary_phone, key, parse_sse
from tools.idcard import check_char
from tools.models import Slot

SECRET = "test-webhook-secret"
QUESTION = "武汉市办理居住证需要什么材料？"


@pytest.fixture(scope="module")
def receiver() -> Iterator[Receiver]:
    rec = Receiver(fail_first=1)  # the first delivery fails: the sender must retry
    yield rec
    rec.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, serving_kb: KnowledgeBase, router_cache: Path,
           receiver: Receiver) -> Iterator[Server]:
    api = ApiSettings(webhook_urls=[receiver.url], webhook_secret=SECRET, rate_limit_ip_burst=1000)
    srv = start_server(tmp_path_factory.mktemp("api-home"), serving_kb, router_cache, api)
    yield srv
    srv.stop()


@pytest.fixture(scope="module")
def client(server: Server) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, timeout=120) as c:
        yield c


@pytest.fixture(scope="module")
def admin(server: Server) -> str:
    return key(server.services.db, "admin", name="admin")


@pytest.fixture(scope="module")
def service(server: Server) -> str:
    return key(server.services.db, "service", name="service")


def test_health_ready_and_metrics(client: httpx.Client) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}
    ready = client.get("/readyz")
    assert ready.status_code == 200
    assert ready.json()["checks"] == {"qdrant": "ok", "database": "ok"}
    client.post("/api/v1/chat", json={"message": QUESTION})
    metrics = client.get("/metrics").text
    assert 'hubei_http_requests_total{method="POST",route="/api/v1/chat",status="200"}' in metrics
    assert 'hubei_turns_total{channel="chat",status="answered"}' in metrics
    assert 'hubei_graph_node_duration_seconds_count{node="route"}' in metrics


def test_chat_json_carries_citations_and_status(client: httpx.Client) -> None:
    body = client.post("/api/v1/chat", json={"message": QUESTION, "region": "武汉"}).json()
    assert body["status"] == "answered"
    assert body["domains"] == ["government"]
    assert body["grounded"] is True
    assert body["citations"] and body["citations"][0]["doc_version"]
    assert "[1]" in body["answer"]
    assert body["ai_label"] == "本回答由人工智能生成，请以官方发布的信息为准。"
    assert set(body["timings"]) >= {"intake", "route", "total"}


@pytest.mark.parametrize("how", ["body", "accept"])
def test_chat_sse_streams_the_verified_answer(client: httpx.Client, how: str) -> None:
    payload = {"message": QUESTION, "stream": True} if how == "body" else {"message": QUESTION}
    headers = {"Accept": "text/event-stream"} if how == "accept" else {}
    with client.stream("POST", "/api/v1/chat", json=payload, headers=headers) as response:
        assert response.headers["content-type"].startswith("text/event-stream")
        text = response.read().decode()
    events = parse_sse(text)
    names = [e for e, _ in events]
    assert names[0] == "route" and names[-1] == "done"
    assert names.index("status") > max(i for i, n in enumerate(names) if n == "token")
    done = events[-1][1]
    assert "".join(d["text"] for e, d in events if e == "token") == done["answer"]
    assert [d for e, d in events if e == "citation"] == done["citations"]
    assert len(done["citations"]) >= 1
    status = next(d for e, d in events if e == "status")
    assert status == {k: done[k] for k in ("status", "grounded", "emergency", "handoff", "ai_label")}
    assert "handoff" not in names


def test_thread_continues_and_is_readable(client: httpx.Client) -> None:
    first = client.post("/api/v1/chat", json={"message": QUESTION}).json()
    tid = first["thread_id"]
    second = client.post("/api/v1/chat", json={"message": "那要去哪里办？", "thread_id": tid}).json()
    assert second["thread_id"] == tid
    view = client.get(f"/api/v1/threads/{tid}").json()
    assert view["waiting_for_staff"] is False
    assert [m["role"] for m in view["messages"]] == ["user", "assistant", "user", "assistant"]
    assert view["messages"][0]["content"] == unicodedata.normalize("NFKC", QUESTION)
    assert client.get("/api/v1/threads/unknown-thread-0").status_code == 404


def test_client_errors_are_json_in_chinese(client: httpx.Client) -> None:
    empty = client.post("/api/v1/chat", json={"message": "   "})
    assert empty.status_code == 422
    assert empty.json()["error"]["code"] == "bad_input_empty"
    assert empty.json()["error"]["message"] == "您还没有输入问题，请输入您想咨询的内容。"
    broken = client.post("/api/v1/chat", content=b"{not json", headers={"Content-Type": "application/json"})
    assert broken.status_code == 422 and broken.json()["error"]["code"] == "invalid_request"
    missing = client.post("/api/v1/chat", json={"text": "x"}).json()["error"]
    assert missing["code"] == "invalid_request" and "message" in missing["message"]
    assert "Traceback" not in json.dumps(missing)
    region = client.post("/api/v1/chat", json={"message": QUESTION, "region": "火星"})
    assert region.status_code == 422
    assert client.get("/nowhere").json()["error"] == {"code": "not_found", "message": "请求的地址不存在。",
                                                      "type": "not_found_error"}
    assert client.put("/api/v1/chat", json={}).json()["error"]["code"] == "method_not_allowed"


def test_security_headers_and_cors_off(client: httpx.Client) -> None:
    api = client.get("/healthz", headers={"Origin": "https://example.org"})
    assert api.headers["x-content-type-options"] == "nosniff"
    assert api.headers["x-frame-options"] == "DENY"
    assert api.headers["referrer-policy"] == "no-referrer"
    assert "default-src 'none'" in api.headers["content-security-policy"]
    assert "access-control-allow-origin" not in api.headers
    page = client.get("/")
    assert page.status_code == 200 and "/docs" in page.text
    assert "x-frame-options" not in page.headers
    assert page.headers["x-content-type-options"] == "nosniff"


def test_feedback(client: httpx.Client, server: Server) -> None:
    tid = client.post("/api/v1/chat", json={"message": QUESTION}).json()["thread_id"]
    ok = client.post("/api/v1/feedback", json={"thread_id": tid, "rating": "down", "reason": "没有说清楚地址"})
    assert ok.status_code == 201 and ok.json()["ok"] is True
    assert client.post("/api/v1/feedback", json={"thread_id": "never-seen-1", "rating": "up"}).status_code == 404
    assert client.post("/api/v1/feedback", json={"thread_id": tid, "rating": "meh"}).status_code == 422


def _wait_for(receiver: Receiver, kind: str, count: int = 1, timeout: float = 15.0) -> list[dict[str, object]]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = receiver.events(kind)
        if len(found) >= count:
            return found
        time.sleep(0.05)
    raise AssertionError(f"no {kind} webhook within {timeout} s")


def test_handoff_staff_console_and_webhooks(client: httpx.Client, server: Server, admin: str,
                                            receiver: Receiver) -> None:
    made = client.post("/api/v1/admin/staff", headers=bearer(admin),
                       json={"username": "clerk1", "password": "correct-horse-1", "hall_id": 1, "display_name": "窗口"})
    assert made.status_code == 201
    first = client.post("/api/v1/chat", json={"message": QUESTION}).json()
    tid = first["thread_id"]
    handed = client.post("/api/v1/handoff", json={"thread_id": tid}).json()
    assert handed["status"] == "handoff" and handed["handoff"] is True
    assert client.get(f"/api/v1/threads/{tid}").json()["waiting_for_staff"] is True
    with httpx.Client(base_url=server.url, timeout=60) as staff:
        assert staff.post("/api/v1/staff/login", json={"username": "clerk1", "password": "wrong-password"}
                          ).status_code == 401
        login = staff.post("/api/v1/staff/login", json={"username": "clerk1", "password": "correct-horse-1"})
        assert login.status_code == 200 and login.json()["hall_id"] == 1
        cookie = login.headers["set-cookie"].lower()
        assert "httponly" in cookie and "samesite=strict" in cookie
        queue = staff.get("/api/v1/staff/handoffs").json()
        assert tid in [item["thread_id"] for item in queue["items"]]
        answer = staff.post(f"/api/v1/staff/threads/{tid}/reply", json={"reply": "您好，请带身份证到一号窗口办理。"})
        assert answer.status_code == 200 and answer.json()["answer"] == "您好，请带身份证到一号窗口办理。"
        assert tid not in [i["thread_id"] for i in staff.get("/api/v1/staff/handoffs").json()["items"]]
        again = staff.post(f"/api/v1/staff/threads/{tid}/reply", json={"reply": "再说一次"})
        assert again.status_code == 404 and again.json()["error"]["code"] == "not_waiting"
        assert staff.post("/api/v1/staff/logout").status_code == 200
        assert staff.get("/api/v1/staff/handoffs").status_code == 401
    view = client.get(f"/api/v1/threads/{tid}").json()
    assert view["waiting_for_staff"] is False
    assert view["messages"][-1] == {"role": "staff", "content": "您好，请带身份证到一号窗口办理。", "status": None}
    requested = [e for e in _wait_for(receiver, "handoff.requested") if e["data"]["thread_id"] == tid]  # type: ignore[index]
    assert len(requested) == 1
    _wait_for(receiver, "handoff.answered")
    for headers, body in receiver.received:
        assert verify(SECRET, body, headers[SIGNATURE_HEADER])


def _order(city: str = "武汉") -> dict[str, object]:
    return {"kind": "求助", "city": city, "location": "某小区东门", "description": "路灯不亮，夜间出行不便", "confirm": True}


def test_work_orders_are_idempotent_and_announced(client: httpx.Client, service: str, receiver: Receiver) -> None:
    headers = bearer(service, **{"X-User-Id": "citizen-42", "Idempotency-Key": "order-key-0001"})
    assert client.post("/api/v1/work-orders", json=_order(), headers=bearer(service, **{"X-User-Id": "citizen-42"})
                       ).json()["error"]["code"] == "idempotency_key_required"
    first = client.post("/api/v1/work-orders", json=_order(), headers=headers)
    assert first.status_code == 201
    again = client.post("/api/v1/work-orders", json=_order(), headers=headers)
    assert again.status_code == 201 and again.content == first.content
    assert again.headers["idempotent-replayed"] == "true"
    other = client.post("/api/v1/work-orders", json=_order("襄阳"), headers=headers)
    assert other.status_code == 422 and other.json()["error"]["code"] == "idempotency_key_reused"
    no = first.json()["order_no"]
    seen = client.get(f"/api/v1/work-orders/{no}", headers=bearer(service, **{"X-User-Id": "citizen-42"}))
    assert seen.status_code == 200 and seen.json()["status_text"] == "已受理"
    unconfirmed = client.post("/api/v1/work-orders", json={**_order(), "confirm": False},
                              headers=bearer(service, **{"X-User-Id": "citizen-42", "Idempotency-Key": "order-key-0002"}))
    assert unconfirmed.status_code == 409
    assert unconfirmed.json()["error"]["code"] == "confirmation_required"
    assert unconfirmed.json()["error"]["details"]["summary"]
    created = [e for e in _wait_for(receiver, "work_order.created") if e["data"]["order_no"] == no]  # type: ignore[index]
    assert len(created) == 1
    assert set(created[0]["data"]) == {"order_no", "kind", "city", "hall", "status", "created_at"}  # type: ignore[arg-type]


def _slot(server: Server) -> int:
    tools = server.services.tools
    assert tools is not None
    with tools.context.session_factory() as session:
        day = dt.date.today() + dt.timedelta(days=2)
        slot = session.scalars(select(Slot).where(Slot.day == day, Slot.booked < Slot.capacity)).first()
        assert slot is not None
        return slot.id


def test_bookings_as_the_citizen_the_key_acts_for(client: httpx.Client, server: Server, service: str) -> None:
    first17 = "42010619800101123"
    patient = {"slot_id": _slot(server), "patient_name": "张三", "patient_id_number": first17 + check_char(first17)}
    citizen = {"X-User-Id": "citizen-7"}
    ask = client.post("/api/v1/bookings", json=patient, headers=bearer(service, **citizen, **{"Idempotency-Key": "book-0001"}))
    assert ask.status_code == 409 and ask.json()["error"]["code"] == "confirmation_required"
    booked = client.post("/api/v1/bookings", json={**patient, "confirm": True},
                         headers=bearer(service, **citizen, **{"Idempotency-Key": "book-0002"}))
    assert booked.status_code == 201
    info = booked.json()
    assert info["patient_id"].startswith("420") and "*" in info["patient_id"]
    mine = client.get("/api/v1/bookings", headers=bearer(service, **citizen)).json()
    assert [b["booking_no"] for b in mine["items"]] == [info["booking_no"]]
    assert client.get("/api/v1/bookings", headers=bearer(service, **{"X-User-Id": "citizen-8"})).json()["total"] == 0
    cancel = client.delete(f"/api/v1/bookings/{info['booking_no']}", params={"confirm": True},
                           headers=bearer(service, **citizen, **{"Idempotency-Key": "cancel-0001"}))
    assert cancel.status_code == 200 and cancel.json()["status"] == "cancelled"
    no_user = client.get("/api/v1/bookings", headers=bearer(service))
    assert no_user.status_code == 403


MD = """---
doc_id: test-upload-guide
doc_version: "2026-02"
title: 测试市便民服务指南
domain: government
region: 武汉市
valid_from: "2026-02-01"
---
# 测试市便民服务指南

## 办理材料
申请人携带本人居民身份证到政务服务大厅综合窗口办理。
"""


def test_knowledge_upload_and_list(client: httpx.Client, admin: str, service: str, server: Server) -> None:
    staff_key = key(server.services.db, "staff", subject="clerk9", hall_id=1)
    files = {"file": ("测试指南.md", MD.encode(), "text/markdown")}
    assert client.post("/api/v1/knowledge/documents", files=files, headers=bearer(service)).status_code == 403
    up = client.post("/api/v1/knowledge/documents", files=files, data={"domain": "government"}, headers=bearer(admin))
    assert up.status_code == 201, up.text
    body = up.json()
    assert body["source"] == "uploads/测试指南.md"
    assert body["report"]["documents"] == 1 and body["report"]["failed"] == []
    assert [(d["doc_id"], d["doc_version"], d["valid_from"]) for d in body["documents"]] == [
        ("test-upload-guide", "2026-02", "2026-02-01")]
    listed = client.get("/api/v1/knowledge/documents", headers=bearer(staff_key)).json()
    assert "test-upload-guide" in [d["doc_id"] for d in listed["items"]]
    assert (server.settings.paths.home / "uploads" / "测试指南.md").exists()
    bad = client.post("/api/v1/knowledge/documents", files={"file": ("x.exe", b"MZ", "application/octet-stream")},
                      headers=bearer(admin))
    assert bad.status_code == 415 and bad.json()["error"]["code"] == "unsupported_file"
    phone = canary_phone()
    personal = client.post("/api/v1/knowledge/documents", headers=bearer(admin),
                           files={"file": ("p.md", f"# 名单\n\n联系电话 {phone}\n".encode(), "text/markdown")})
    assert personal.status_code == 422 and personal.json()["error"]["code"] == "personal_data"
    assert not (server.settings.paths.home / "uploads" / "p.md").exists()


def test_domain_kill_switch(client: httpx.Client, admin: str, service: str) -> None:
    question = {"message": "异地就医备案怎么办理？"}
    assert client.post("/api/v1/admin/domains/healthcare", json={"enabled": False}, headers=bearer(service)
                       ).status_code == 403
    off = client.post("/api/v1/admin/domains/healthcare", json={"enabled": False}, headers=bearer(admin))
    assert off.json() == {"domain": "healthcare", "enabled": False, "disabled_domains": ["healthcare"]}
    turned_off = client.post("/api/v1/chat", json=question).json()
    assert turned_off["status"] == "domain_off" and "12393" in turned_off["answer"]
    client.post("/api/v1/admin/domains/healthcare", json={"enabled": True}, headers=bearer(admin))
    assert client.post("/api/v1/chat", json=question).json()["status"] != "domain_off"
    assert client.post("/api/v1/admin/domains/astrology", json={"enabled": False}, headers=bearer(admin)
                       ).status_code == 404


def test_audit_rows_and_user_purge(client: httpx.Client, server: Server, service: str,
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from serving.cli_serve import purge_command

    as_user = bearer(service, **{"X-User-Id": "leaving-citizen"})
    tid = client.post("/api/v1/chat", json={"message": QUESTION}, headers=as_user).json()["thread_id"]
    rows = audit_rows(server.services.db, tid)
    assert len(rows) == 1
    row = rows[0]
    assert row["status"] == "answered" and row["route"] == ["government"] and row["model_id"] == "extractive"
    assert row["citations"][0]["doc_version"] and row["key_id"] and row["user_hash"]
    assert row["question"] == QUESTION and "total" in row["timings"]
    monkeypatch.setenv("HUBEI_AGENT_HOME", str(server.settings.paths.home))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    import typer

    cli = typer.Typer()
    cli.command()(purge_command)
    done = CliRunner().invoke(cli, ["--user", "leaving-citizen", "--json"])
    assert done.exit_code == 0, done.output
    counts = json.loads(done.stdout)
    assert counts["threads"] == 1 and counts["audit"] == 1
    assert audit_rows(server.services.db, tid) == []
    assert client.get(f"/api/v1/threads/{tid}", headers=as_user).status_code == 404


def test_admin_manages_keys_over_http(client: httpx.Client, admin: str, service: str) -> None:
    body = {"name": "医院公众号", "scopes": ["citizen_app"]}
    assert client.post("/api/v1/admin/keys", json=body, headers=bearer(service)).status_code == 403
    made = client.post("/api/v1/admin/keys", json=body, headers=bearer(admin))
    assert made.status_code == 201
    created = made.json()
    assert created["scopes"] == ["citizen_app"] and created["key"].startswith(f"hk_{created['id']}_")
    listed = client.get("/api/v1/admin/keys", headers=bearer(admin)).json()["items"]
    assert {k["id"]: k["revoked"] for k in listed}[created["id"]] is False
    assert all("key" not in k for k in listed)
    as_app = bearer(created["key"], **{"X-User-Id": "patient-1"})
    assert client.get("/api/v1/bookings", headers=as_app).status_code == 200
    assert client.delete(f"/api/v1/admin/keys/{created['id']}", headers=bearer(admin)).json() == {"ok": True, "id": None}
    assert client.get("/api/v1/bookings", headers=as_app).status_code == 401
    assert client.delete(f"/api/v1/admin/keys/{created['id']}", headers=bearer(admin)).status_code == 404
    staff_key = client.post("/api/v1/admin/keys", json={"name": "x", "scopes": ["staff"]}, headers=bearer(admin))
    assert staff_key.status_code == 422 and staff_key.json()["error"]["code"] == "invalid_key"
