"""Liveness, readiness (Qdrant, database, Redis and the LLM when configured) and Prometheus metrics."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
from fastapi import APIRouter
from fastapi.responses import JSONResponse, Response

from serving.api.deps import CurrentServices, Services
from serving.limits import RedisRateLimiter

router = APIRouter(tags=["health"])
CHECK_TIMEOUT_S = 3.0


@router.get("/healthz", summary="进程存活")
async def healthz() -> dict[str, str]:
    """The process is up and its event loop answers."""
    return {"status": "ok"}


async def _check(name: str, coro: Any) -> tuple[str, str]:
    try:
        await asyncio.wait_for(coro, CHECK_TIMEOUT_S)
    except Exception as exc:  # noqa: BLE001 - any failure means "not ready"; the type is enough to report
        return name, f"error: {type(exc).__name__}"
    return name, "ok"


async def _llm(svc: Services) -> None:
    base = (svc.settings.llm.base_url or "").rstrip("/")
    headers = {"Authorization": f"Bearer {svc.settings.llm.api_key}"} if svc.settings.llm.api_key else {}
    async with httpx.AsyncClient(timeout=CHECK_TIMEOUT_S) as client:
        (await client.get(base + "/models", headers=headers)).raise_for_status()


@router.get("/readyz", summary="依赖就绪检查")
async def readyz(svc: CurrentServices) -> JSONResponse:
    """200 when Qdrant and the database (and Redis when configured) answer; the LLM's state is reported only."""
    checks = [_check("qdrant", asyncio.to_thread(svc.kb.store.count)),
              _check("database", asyncio.to_thread(svc.db.ping))]
    if isinstance(svc.limiter, RedisRateLimiter):
        checks.append(_check("redis", svc.limiter.ping()))
    if svc.settings.llm.base_url:
        checks.append(_check("llm", _llm(svc)))
    results = dict(await asyncio.gather(*checks))
    # The LLM is reported but never makes a replica unready: without it, answers come from the passages
    # (extractive mode), and failing every replica's probe at once would take the whole API offline.
    ready = all(v == "ok" for k, v in results.items() if k != "llm")
    capacity = {"max_inflight": svc.admission.max_inflight, "capacity": svc.admission.capacity,
                "admitted": svc.admission.admitted}
    return JSONResponse({"status": "ready" if ready else "not_ready", "checks": results, "turns": capacity},
                        status_code=200 if ready else 503)


@router.get("/metrics", summary="Prometheus 指标", response_class=Response)
async def metrics(svc: CurrentServices) -> Response:
    """Requests, latency, turn statuses, per-node timings, LLM errors, refusals by limit, webhooks."""
    return Response(svc.metrics.render(), media_type="text/plain; version=0.0.4; charset=utf-8")
