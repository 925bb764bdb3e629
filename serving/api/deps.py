"""What the routes receive: the running services, and the authenticated, rate-limited principal."""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator, Callable, Coroutine
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Annotated, Any

from fastapi import Depends, Header, Request

from agents.assistant import Assistant
from agents.deps import AgentDeps
from knowledge.base import KnowledgeBase
from serving.api.errors import ApiError
from serving.api.settings import ApiSettings
from serving.appdb import AppDB
from serving.audit import Owner, user_hash
from serving.auth import KeyInfo, Scope, StaffInfo, session_staff, verify_key
from serving.limits import Admission, Limit, Overloaded, RateLimiter, retry_after
from serving.observability import Metrics
from serving.settings import Settings
from serving.webhooks import WebhookSender
from tools.identity import Caller
from tools.registry import ToolRegistry

SESSION_COOKIE = "hubei_staff"
USER_HEADER = "X-User-Id"
USER_ID_PATTERN = r"^[A-Za-z0-9_.:@\-]{1,128}$"
_USER_ID = re.compile(USER_ID_PATTERN)


@dataclass
class Services:
    """Everything built at start-up (one per process); routes reach it through `request.app.state`."""

    settings: Settings
    api: ApiSettings
    kb: KnowledgeBase
    assistant: Assistant
    tools: ToolRegistry | None
    db: AppDB
    limiter: RateLimiter
    admission: Admission
    webhooks: WebhookSender
    metrics: Metrics
    agent_deps: AgentDeps | None
    disabled_domains: set[str] = field(default_factory=set)
    ingest_lock: asyncio.Lock = field(default_factory=asyncio.Lock)

    async def run_db(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """Run a blocking database call off the event loop."""
        return await asyncio.to_thread(fn, *args, **kwargs)


def services(request: Request) -> Services:
    """The process's services."""
    svc: Services = request.app.state.services
    return svc


@dataclass(frozen=True)
class Principal:
    """The caller of one request: anonymous, an API key (maybe acting for a user), or a staff session."""

    kind: str  # "anonymous" | "key" | "staff_session"
    ip: str
    key: KeyInfo | None = None
    staff: StaffInfo | None = None
    user_id: str | None = None

    @property
    def scopes(self) -> tuple[Scope, ...]:
        """Scopes held; a console session holds `staff`."""
        if self.key is not None:
            return self.key.scopes
        return ("staff",) if self.staff is not None else ()

    def has(self, *scopes: Scope) -> bool:
        """True when any of `scopes` is held (admin holds them all)."""
        return "admin" in self.scopes or any(s in self.scopes for s in scopes)

    @property
    def is_staff(self) -> bool:
        """Staff and admins may read every thread and answer the handoff queue."""
        return self.has("staff")

    @property
    def owner(self) -> Owner:
        """The owner recorded for threads this principal starts."""
        if self.key is not None:
            return Owner(self.key.id, user_hash(self.user_id))
        if self.staff is not None:
            return Owner(None, user_hash("staff:" + self.staff.username))
        return Owner(None, None)

    @property
    def key_id(self) -> str | None:
        """The key id for audit rows and logs."""
        return self.key.id if self.key is not None else None

    def caller(self) -> Caller:
        """The identity tool calls run as."""
        if self.staff is not None:
            return Caller.staff(self.staff.username, self.staff.hall_id)
        if self.key is None:
            return Caller.anonymous()
        if "staff" in self.key.scopes and self.key.subject and self.key.hall_id is not None:
            return Caller.staff(self.key.subject, self.key.hall_id)
        if self.user_id is not None and "citizen_app" in self.key.scopes:
            return Caller.citizen(self.user_id)
        return Caller.service(self.user_id)


def client_ip(request: Request, trust_forwarded: bool) -> str:
    """The client address; `X-Forwarded-For` only when the deployment says a proxy sets it."""
    if trust_forwarded:
        forwarded = request.headers.get("x-forwarded-for", "")
        if forwarded:
            return forwarded.split(",")[0].strip()[:64]
    return request.client.host if request.client else "unknown"


async def _limit(svc: Services, bucket: str, limit: Limit, reason: str) -> None:
    wait = await svc.limiter.hit(bucket, limit)
    if wait > 0:
        svc.metrics.rejected.labels(reason).inc()
        raise ApiError(429, "rate_limited", "请求太频繁，请稍后再试。", headers={"Retry-After": retry_after(wait)})


async def principal(
    request: Request,
    svc: Annotated[Services, Depends(services)],
    x_user_id: Annotated[str | None, Header(alias=USER_HEADER, pattern=USER_ID_PATTERN,
                                           description="citizen_app / service 密钥代表的用户编号")] = None,
) -> Principal:
    """Authenticate (Bearer key, else console cookie, else anonymous), then apply the rate limit."""
    api = svc.api
    ip = client_ip(request, api.trust_forwarded_for)
    auth = request.headers.get("authorization")
    ip_limit = Limit(api.rate_limit_ip_per_min, api.rate_limit_ip_burst)
    key_limit = Limit(api.rate_limit_key_per_min, api.rate_limit_key_burst)
    if auth is not None:
        scheme, _, token = auth.partition(" ")
        key = await svc.run_db(verify_key, svc.db, token.strip()) if scheme.lower() == "bearer" else None
        if key is None:
            await _limit(svc, "ip:" + ip, ip_limit, "ip")
            raise ApiError(401, "invalid_api_key", "接入密钥无效或已被吊销。", headers={"WWW-Authenticate": "Bearer"})
        request.state.key_id = key.id
        await _limit(svc, "key:" + key.id, key_limit, "key")
        return Principal("key", ip, key=key, user_id=_user_id(x_user_id, key))
    cookie = request.cookies.get(SESSION_COOKIE)
    staff = await svc.run_db(session_staff, svc.db, cookie) if cookie else None
    if x_user_id is not None:
        raise ApiError(403, "user_header_not_allowed", f"只有 citizen_app 或 service 权限的密钥可以使用 {USER_HEADER}。")
    if staff is not None:
        await _limit(svc, "staff:" + staff.username, key_limit, "key")
        return Principal("staff_session", ip, staff=staff)
    await _limit(svc, "ip:" + ip, ip_limit, "ip")
    return Principal("anonymous", ip)


def _user_id(value: str | None, key: KeyInfo) -> str | None:
    if value is None:
        return None
    if not ({"citizen_app", "service"} & set(key.scopes)):
        raise ApiError(403, "user_header_not_allowed", f"只有 citizen_app 或 service 权限的密钥可以使用 {USER_HEADER}。")
    if not _USER_ID.fullmatch(value):
        raise ApiError(422, "invalid_user_id", "用户编号格式不正确：应为1到128位字母、数字或 _ . : @ -。")
    return value


CurrentPrincipal = Annotated[Principal, Depends(principal)]
CurrentServices = Annotated[Services, Depends(services)]


def require(*scopes: Scope) -> Callable[..., Coroutine[Any, Any, Principal]]:
    """A dependency that admits only principals holding one of `scopes` (admin always)."""

    async def _check(who: CurrentPrincipal) -> Principal:
        if who.kind == "anonymous":
            raise ApiError(401, "unauthorized", "该接口需要接入密钥（Authorization: Bearer ...）或工作人员登录。",
                           headers={"WWW-Authenticate": "Bearer"})
        if not who.has(*scopes):
            raise ApiError(403, "forbidden", f"该接入密钥没有访问此接口的权限（需要：{'、'.join(scopes)}）。")
        return who

    return _check


@asynccontextmanager
async def admitted(svc: Services) -> AsyncIterator[None]:
    """Admission for turns: 429 at once when the process already has its fill of running and waiting turns."""
    try:
        async with svc.admission.slot():
            yield
    except Overloaded:
        svc.metrics.rejected.labels("capacity").inc()
        raise ApiError(429, "overloaded", "当前咨询人数较多，请稍后再试，或拨打12345政务服务便民热线。",
                       headers={"Retry-After": "1"}) from None
