"""Every error a client can cause, as `{"error": {"code", "message"}}` in Chinese; no stack trace leaves."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from agents.intake import BadInput
from serving.limits import send_json
from tools.errors import ToolError

log = logging.getLogger("serving.errors")

INTERNAL_MESSAGE = "服务暂时出现问题，请稍后再试，或拨打12345政务服务便民热线咨询。"
_TYPES = {401: "authentication_error", 403: "permission_error", 404: "not_found_error", 429: "rate_limit_error"}
_HTTP = {
    400: ("bad_request", "请求格式不正确。"),
    401: ("unauthorized", "需要有效的接入密钥（Authorization: Bearer ...）。"),
    403: ("forbidden", "没有权限访问该接口。"),
    404: ("not_found", "请求的地址不存在。"),
    405: ("method_not_allowed", "该接口不支持这种请求方式。"),
    406: ("not_acceptable", "无法按要求的格式返回结果。"),
    409: ("conflict", "请求与当前状态冲突，请刷新后再试。"),
    413: ("payload_too_large", "提交的内容过大，请精简后再提交。"),
    415: ("unsupported_media_type", "不支持该内容格式，请使用 JSON。"),
    422: ("invalid_request", "请求参数不正确。"),
    429: ("rate_limited", "请求太频繁，请稍后再试。"),
    503: ("unavailable", "服务暂时不可用，请稍后再试。"),
}
_TOOL_STATUS = {"invalid_input": 422, "not_found": 404, "slot_taken": 409, "forbidden": 403,
                "confirmation_required": 409, "conflict": 409, "unavailable": 503}
_FIELD_PROBLEMS = {
    "missing": "缺少必填项", "string_too_long": "内容过长", "string_too_short": "内容过短", "too_long": "条目过多",
    "too_short": "条目过少", "string_pattern_mismatch": "格式不正确", "literal_error": "取值不在允许范围内",
    "enum": "取值不在允许范围内", "json_invalid": "不是合法的 JSON", "extra_forbidden": "包含不支持的字段",
}


class ApiError(StarletteHTTPException):
    """An HTTP error with a stable code and a citizen-readable Chinese message."""

    def __init__(self, status: int, code: str, message: str, *, headers: dict[str, str] | None = None,
                 details: dict[str, Any] | None = None) -> None:
        super().__init__(status_code=status, detail=message, headers=headers)
        self.code = code
        self.message = message
        self.details = details or {}


def error_response(status: int, code: str, message: str, *, headers: dict[str, str] | None = None,
                   details: dict[str, Any] | None = None) -> JSONResponse:
    """The one JSON shape of every error (its `type` lets OpenAI clients read it too)."""
    error: dict[str, Any] = {"code": code, "message": message,
                             "type": _TYPES.get(status, "server_error" if status >= 500 else "invalid_request_error")}
    if details:
        error["details"] = details
    return JSONResponse({"error": error}, status_code=status, headers=headers)


def _where(loc: tuple[Any, ...]) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "header")]
    return ".".join(parts) or "请求体"


def validation_message(exc: RequestValidationError) -> str:
    """A Chinese summary naming the fields, never echoing the values sent."""
    problems = []
    for err in exc.errors()[:5]:
        loc = tuple(err.get("loc", ()))
        kind = str(err.get("type", ""))
        problems.append(f"{_where(loc)}：{_FIELD_PROBLEMS.get(kind, '格式或取值不正确')}")
    return "请求参数不正确（" + "；".join(problems) + "）。"


async def _validation(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    return error_response(422, "invalid_request", validation_message(exc))


async def _http(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    headers = dict(exc.headers) if exc.headers else None
    if isinstance(exc, ApiError):
        return error_response(exc.status_code, exc.code, exc.message, headers=headers, details=exc.details)
    code, message = _HTTP.get(exc.status_code, ("http_error", "请求无法处理。"))
    return error_response(exc.status_code, code, message, headers=headers)


async def _bad_input(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, BadInput)
    return error_response(422, exc.key, str(exc))


async def _tool(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ToolError)
    details = {k: v for k, v in exc.details.items() if k in ("action", "summary")}
    return error_response(_TOOL_STATUS.get(exc.code, 400), exc.code, exc.message, details=details or None)


def install_handlers(app: FastAPI) -> None:
    """Register the handlers for validation, HTTP, bad input and tool errors."""
    app.add_exception_handler(RequestValidationError, _validation)
    app.add_exception_handler(StarletteHTTPException, _http)
    app.add_exception_handler(BadInput, _bad_input)
    app.add_exception_handler(ToolError, _tool)


class CatchAllMiddleware:
    """The last line: an unexpected exception is logged (masked) and answered with a fixed 500 message."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Run the app; turn a crash into a JSON 500 when the response has not started."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def _send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, _send)
        except Exception:
            log.exception("unhandled error", extra={"ctx": {"request_id": scope.get("state", {}).get("request_id")}})
            if not started:
                body = error_response(500, "internal_error", INTERNAL_MESSAGE).body
                await send_json(send, 500, bytes(body))
