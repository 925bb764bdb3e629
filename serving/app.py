"""The FastAPI app factory: services opened once at start-up, routes, middleware, error handlers, the UI."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import Any

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import HTMLResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from agents.assistant import Assistant
from agents.chat import ChatModel
from agents.deps import AgentDeps
from agents.graph import build_graph
from knowledge.base import KnowledgeBase
from serving.api import admin, chat, health, knowledge, openai_compat, services, staff
from serving.api.deps import Services
from serving.api.errors import ApiError, CatchAllMiddleware, install_handlers
from serving.api.idempotency import IdempotencyMiddleware
from serving.api.settings import ApiSettings
from serving.appdb import AppDB
from serving.bootstrap import build_deps, build_tools, checkpointer, open_knowledge
from serving.limits import Admission, BodyLimitMiddleware, build_limiter
from serving.llm_factory import build_chat
from serving.observability import AccessMiddleware, Metrics
from serving.settings import Settings
from serving.webhooks import WebhookSender
from tools.registry import ToolRegistry

log = logging.getLogger(__name__)

Made = Assistant | tuple[Assistant, AgentDeps]
AssistantFactory = Callable[[Settings, KnowledgeBase, ToolRegistry | None], AbstractAsyncContextManager[Made]]
API_PREFIXES = ("/api/", "/v1/", "/healthz", "/readyz", "/metrics")
DOCS_PREFIXES = ("/docs", "/redoc", "/openapi.json")
_API_CSP = b"default-src 'none'; frame-ancestors 'none'"
_DOCS_CSP = (b"default-src 'self'; script-src 'self' 'unsafe-inline' https:; style-src 'self' 'unsafe-inline' https:; "
             b"img-src 'self' data: https:; frame-ancestors 'none'")
_UI_CSP = b"object-src 'none'; base-uri 'self'"
PLACEHOLDER = """<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>湖北政务与民生服务智能助手</title></head>
<body><h1>湖北政务与民生服务智能助手</h1><p>服务已启动。网页界面未安装；接口文档请见 <a href="/docs">/docs</a>。</p>
<p>本服务的回答由人工智能生成，请以官方发布的信息为准。</p></body></html>"""


DESCRIPTION = """湖北政务、医疗、教育、养老问答接口：每个回答都带官方文件引用、分流结果、安全标记和转人工信号。

- 原生接口 `/api/v1`：`POST /chat`（JSON 或 SSE）、会话、评价、转人工、工作人员、预约挂号、工单、知识库管理。
- OpenAI 兼容接口 `/v1/chat/completions`、`/v1/models`：官方 `openai` 客户端可直接使用；引用、状态等在消息的 `hubei` 字段中。
- 认证：`Authorization: Bearer hk_...`（权限范围 citizen_app、staff、service、admin）；网页对话可匿名（按 IP 限流）。
  citizen_app 与 service 密钥可用请求头 `X-User-Id` 指定所代表的用户（预约、工单按该用户办理）。
- 写操作支持 `Idempotency-Key` 请求头：同一键的重试返回第一次的结果。
"""


def default_assistant_factory(chat_model: ChatModel | None) -> AssistantFactory:
    """The graph over the knowledge base and tools, with its checkpointer; yields the deps for the kill switch."""

    @asynccontextmanager
    async def factory(settings: Settings, kb: KnowledgeBase, tools: ToolRegistry | None) -> AsyncIterator[Made]:
        deps = await asyncio.to_thread(build_deps, settings, kb, tools, chat_model)
        async with checkpointer(settings) as saver:
            model_id = chat_model.model_id if chat_model else "extractive"
            yield Assistant(build_graph(deps), saver, model_id=model_id), deps

    return factory


class SecurityHeadersMiddleware:
    """nosniff, Referrer-Policy and a CSP everywhere; X-Frame-Options DENY except on the UI's pages."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Add the headers when the response starts."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        api = path.startswith(API_PREFIXES)
        docs = path.startswith(DOCS_PREFIXES)

        async def _send(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = message.setdefault("headers", [])
                headers += [(b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"no-referrer")]
                if api or docs:
                    headers += [(b"x-frame-options", b"DENY"),
                                (b"content-security-policy", _API_CSP if api else _DOCS_CSP)]
                else:
                    headers.append((b"content-security-policy", _UI_CSP))
            await send(message)

        await self.app(scope, receive, _send)


async def _no_route(rest: str) -> None:
    raise ApiError(404, "not_found", "请求的地址不存在。")


def _mount_ui(app: FastAPI, api_base: str) -> bool:
    try:
        from ui.app import mount_ui  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        return False
    try:
        mount_ui(app, api_base)
    except Exception:
        log.exception("the web UI failed to mount; serving the API only")
        return False
    return True


def create_app(settings: Settings, *, kb: KnowledgeBase | None = None,
               assistant_factory: AssistantFactory | None = None, tools: ToolRegistry | None = None,
               chat_model: ChatModel | None = None, api: ApiSettings | None = None, ui: bool = False,
               api_base: str | None = None) -> FastAPI:
    """The app; clients not given here are built at start-up from `settings` and closed at shutdown."""
    api = api or getattr(settings, "api", None) or ApiSettings()
    metrics = Metrics()
    db = AppDB(settings.database_url)
    webhooks = WebhookSender(api.webhook_urls, api.webhook_secret, metrics, attempts=api.webhook_attempts,
                             timeout_s=api.webhook_timeout_s)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        the_kb = kb
        if the_kb is None:
            the_kb = await asyncio.to_thread(open_knowledge, settings)
            await asyncio.to_thread(the_kb.ensure_sample, progress=False)
        registry = tools if tools is not None else await asyncio.to_thread(build_tools, settings)
        await asyncio.to_thread(db.create)
        limiter = build_limiter(settings.service.redis_url)
        factory = assistant_factory or default_assistant_factory(
            chat_model if chat_model is not None else build_chat(settings))
        webhooks.start()
        try:
            async with factory(settings, the_kb, registry) as made:
                assistant, deps = made if isinstance(made, tuple) else (made, None)
                app.state.services = Services(
                    settings=settings, api=api, kb=the_kb, assistant=assistant, tools=registry, db=db,
                    limiter=limiter, admission=Admission(api.api_max_inflight, api.api_max_queue),
                    webhooks=webhooks, metrics=metrics, agent_deps=deps,
                    disabled_domains=set(settings.service.disabled_domains),
                )
                yield
        finally:
            await webhooks.stop()
            await limiter.close()
            db.close()
            if kb is None and the_kb is not None:
                the_kb.close()

    app = FastAPI(title="湖北政务与民生服务智能助手 API", version="1.0.0", lifespan=lifespan,
                  description=DESCRIPTION)
    install_handlers(app)
    for module in (chat, openai_compat, staff, services, knowledge, admin, health):
        app.include_router(module.router)
    if ui:
        # The UI is mounted at "/": unknown API paths must still get the JSON 404, not a page.
        for prefix in ("/api", "/v1"):
            app.add_api_route(prefix + "/{rest:path}", _no_route, methods=["GET", "POST", "PUT", "PATCH", "DELETE"],
                              include_in_schema=False)
    if not (ui and _mount_ui(app, api_base or "")):
        app.add_api_route("/", lambda: HTMLResponse(PLACEHOLDER), include_in_schema=False)
    app.add_middleware(IdempotencyMiddleware, db=db, hours=api.idempotency_hours,
                       exclude=("/staff/login", "/staff/logout"))
    app.add_middleware(BodyLimitMiddleware, json_bytes=api.api_max_json_bytes, upload_bytes=api.api_max_upload_bytes,
                       upload_paths=("/knowledge/documents",))
    if api.cors_origins:
        app.add_middleware(CORSMiddleware, allow_origins=api.cors_origins, allow_methods=["GET", "POST", "DELETE"],
                           allow_headers=["Authorization", "Content-Type", "Idempotency-Key", "X-User-Id", "Accept"])
    app.add_middleware(CatchAllMiddleware)
    app.add_middleware(SecurityHeadersMiddleware)
    app.add_middleware(AccessMiddleware, metrics=metrics)
    app.openapi = lambda: _openapi(app)  # type: ignore[method-assign]
    return app


def _openapi(app: FastAPI) -> dict[str, Any]:
    if app.openapi_schema is None:
        from fastapi.openapi.utils import get_openapi

        schema = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
        schema.setdefault("components", {})["securitySchemes"] = {
            "bearerAuth": {"type": "http", "scheme": "bearer", "description": "hk_ 开头的接入密钥"}}
        schema["security"] = [{}, {"bearerAuth": []}]
        app.openapi_schema = schema
    return app.openapi_schema

