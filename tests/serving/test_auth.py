"""Authentication and limits: scopes, ownership of threads and orders, 429 with Retry-After, 413, overload."""

from __future__ import annotations

import asyncio
import itertools
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from knowledge.base import KnowledgeBase
from serving.api.settings import ApiSettings
from serving.auth import revoke_key
from tests.serving.server import Server, start_server
from tests.serving.support import bearer, key

QUESTION = "武汉市办理居住证需要什么材料？"
CAPACITY = 4
_ips = itertools.count(1)


def ip() -> dict[str, str]:
    """A distinct client address per test (the server trusts X-Forwarded-For in this module)."""
    return {"X-Forwarded-For": f"198.51.100.{next(_ips)}"}


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, serving_kb: KnowledgeBase, router_cache: Path) -> Iterator[Server]:
    api = ApiSettings(rate_limit_ip_per_min=6, rate_limit_ip_burst=3, trust_forwarded_for=True,
                      api_max_inflight=1, api_max_queue=CAPACITY - 1, api_max_json_bytes=64 * 1024)
    srv = start_server(tmp_path_factory.mktemp("auth-home"), serving_kb, router_cache, api)
    yield srv
    srv.stop()


@pytest.fixture(scope="module")
def client(server: Server) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, timeout=120) as c:
        yield c


def test_missing_or_wrong_scope(client: httpx.Client, server: Server) -> None:
    db = server.services.db
    service, citizen = key(db, "service"), key(db, "citizen_app")
    staff = key(db, "staff", subject="clerk", hall_id=1)
    assert client.get("/api/v1/staff/handoffs", headers=ip()).status_code == 401
    denied = client.get("/api/v1/staff/handoffs", headers=bearer(service, **ip()))
    assert denied.status_code == 403 and denied.json()["error"]["code"] == "forbidden"
    files = {"file": ("a.md", b"# a\n\ntext\n", "text/markdown")}
    assert client.post("/api/v1/knowledge/documents", files=files, headers=bearer(citizen)).status_code == 403
    assert client.post("/api/v1/admin/domains/education", json={"enabled": False}, headers=bearer(staff)
                       ).status_code == 403
    assert client.get("/api/v1/bookings", headers=bearer(staff)).status_code == 403
    assert client.get("/api/v1/staff/handoffs", headers=bearer(staff)).status_code == 200


def test_user_header_only_for_app_and_service_keys(client: httpx.Client, server: Server) -> None:
    admin = key(server.services.db, "admin")
    for headers in (bearer(admin, **{"X-User-Id": "u1"}), {"X-User-Id": "u1", **ip()}):
        refused = client.post("/api/v1/chat", json={"message": QUESTION}, headers=headers)
        assert refused.status_code == 403 and refused.json()["error"]["code"] == "user_header_not_allowed"


def test_a_citizen_key_cannot_read_another_users_thread(client: httpx.Client, server: Server) -> None:
    citizen = key(server.services.db, "citizen_app", name="鄂汇办")
    other_app = key(server.services.db, "citizen_app", name="other")
    alice, bob = bearer(citizen, **{"X-User-Id": "alice"}), bearer(citizen, **{"X-User-Id": "bob"})
    tid = client.post("/api/v1/chat", json={"message": QUESTION}, headers=alice).json()["thread_id"]
    assert client.get(f"/api/v1/threads/{tid}", headers=alice).status_code == 200
    for intruder in (bob, bearer(other_app, **{"X-User-Id": "alice"}), ip()):
        view = client.get(f"/api/v1/threads/{tid}", headers=intruder)
        assert view.status_code == 404 and view.json()["error"]["code"] == "thread_not_found"
        write = client.post("/api/v1/chat", json={"message": "你好", "thread_id": tid}, headers=intruder)
        assert write.status_code == 404
        assert client.post("/api/v1/feedback", json={"thread_id": tid, "rating": "up"}, headers=intruder
                           ).status_code == 404
    staff = key(server.services.db, "staff", subject="clerk", hall_id=1)
    assert client.get(f"/api/v1/threads/{tid}", headers=bearer(staff)).status_code == 200


def test_a_citizen_key_cannot_read_another_users_work_order(client: httpx.Client, server: Server) -> None:
    citizen = key(server.services.db, "citizen_app")
    order = {"kind": "建议", "city": "宜昌", "location": "某公园", "description": "建议增加座椅", "confirm": True}
    made = client.post("/api/v1/work-orders", json=order,
                       headers=bearer(citizen, **{"X-User-Id": "alice", "Idempotency-Key": "auth-order-1"}))
    assert made.status_code == 201
    no = made.json()["order_no"]
    assert client.get(f"/api/v1/work-orders/{no}", headers=bearer(citizen, **{"X-User-Id": "alice"})).status_code == 200
    other = client.get(f"/api/v1/work-orders/{no}", headers=bearer(citizen, **{"X-User-Id": "bob"}))
    assert other.status_code == 404 and other.json()["error"]["code"] == "not_found"
    listed = client.get("/api/v1/work-orders", headers=bearer(citizen, **{"X-User-Id": "bob"})).json()
    assert listed["total"] == 0


def test_revoked_and_malformed_keys(client: httpx.Client, server: Server) -> None:
    token = key(server.services.db, "service")
    assert client.get("/api/v1/bookings", headers=bearer(token, **{"X-User-Id": "u"})).status_code == 200
    assert revoke_key(server.services.db, token.split("_")[1])
    gone = client.get("/api/v1/bookings", headers=bearer(token, **{"X-User-Id": "u"}))
    assert gone.status_code == 401 and gone.json()["error"]["code"] == "invalid_api_key"
    assert gone.headers["www-authenticate"] == "Bearer"
    assert client.get("/v1/models", headers={"Authorization": "Basic abc", **ip()}).status_code == 401


def test_rate_limit_per_ip_answers_429_with_retry_after(client: httpx.Client) -> None:
    me = ip()
    codes = [client.get("/v1/models", headers=me).status_code for _ in range(6)]
    assert codes[:3] == [200, 200, 200] and 429 in codes
    limited = client.get("/v1/models", headers=me)
    assert limited.status_code == 429
    assert int(limited.headers["retry-after"]) >= 1
    assert limited.json()["error"]["code"] == "rate_limited"
    assert client.get("/v1/models", headers=ip()).status_code == 200


def test_rate_limit_per_key(server: Server, client: httpx.Client) -> None:
    from serving.limits import Limit

    token = key(server.services.db, "service")
    limiter = server.services.limiter
    key_id = token.split("_")[1]
    for _ in range(1000):
        if asyncio.run(limiter.hit("key:" + key_id, Limit(1, 1))) > 0:
            break
    # the bucket is drained: the next keyed request is refused (the key's own limit, not the IP's)
    assert client.get("/v1/models", headers=bearer(token)).status_code == 429


def test_oversize_bodies_get_413(client: httpx.Client) -> None:
    big = {"message": "你" * 40_000}
    declared = client.post("/api/v1/chat", json=big, headers=ip())
    assert declared.status_code == 413
    assert declared.json()["error"] == {"code": "payload_too_large", "type": "invalid_request_error",
                                        "message": "提交的内容过大（上限 64 KiB），请精简或拆分后再提交。"}

    def chunked() -> Iterator[bytes]:
        yield b'{"message": "'
        for _ in range(100):
            yield b"x" * 1024
        yield b'"}'

    streamed = client.post("/api/v1/chat", content=chunked(), headers={"Content-Type": "application/json", **ip()})
    assert streamed.status_code == 413


async def _burst(url: str, token: str, n: int) -> list[tuple[int, float, str | None]]:
    async with httpx.AsyncClient(base_url=url, timeout=120, limits=httpx.Limits(max_connections=n)) as c:
        await asyncio.gather(*(c.get("/healthz") for _ in range(n)))  # open the connections first

        async def one(i: int) -> tuple[int, float, str | None]:
            started = time.perf_counter()
            r = await c.post("/api/v1/chat", json={"message": f"{QUESTION}（{i}）"}, headers=bearer(token))
            return r.status_code, time.perf_counter() - started, r.headers.get("retry-after")

        return list(await asyncio.gather(*(one(i) for i in range(n))))


def test_twice_capacity_gets_429_within_a_second_and_serving_goes_on(client: httpx.Client, server: Server) -> None:
    token = key(server.services.db, "service")
    results = asyncio.run(_burst(server.url, token, 2 * CAPACITY))
    rejected = [r for r in results if r[0] == 429]
    assert {r[0] for r in results} <= {200, 429}
    assert len(rejected) >= CAPACITY - 1
    assert all(seconds < 1.0 and retry == "1" for _, seconds, retry in rejected)
    assert client.get("/healthz").status_code == 200
    assert client.post("/api/v1/chat", json={"message": QUESTION}, headers=bearer(token)).status_code == 200
    assert 'hubei_rejected_total{reason="capacity"}' in client.get("/metrics").text
