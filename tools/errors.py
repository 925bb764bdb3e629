"""Tool errors: a stable code for programs and a Simplified Chinese message for citizens."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ValidationError

ErrorCode = Literal[
    "invalid_input",
    "not_found",
    "slot_taken",
    "forbidden",
    "confirmation_required",
    "conflict",
    "unavailable",
]


class ToolError(Exception):
    """A failure a citizen can read: `code` for programs, `message` in Simplified Chinese.

    `details` carries structured data for the caller (e.g. what needs confirming); it never
    holds personal data.
    """

    def __init__(self, code: ErrorCode, message: str, details: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.code: ErrorCode = code
        self.message = message
        self.details: dict[str, Any] = details or {}

    def __repr__(self) -> str:
        return f"ToolError({self.code!r}, {self.message!r})"

    def as_dict(self) -> dict[str, Any]:
        """The error as JSON-ready data (for tool-call replies and the API)."""
        return {"code": self.code, "message": self.message, "details": self.details}


def _label(model: type[BaseModel] | None, loc: tuple[int | str, ...]) -> str:
    """The Chinese title of the field at `loc`, or its name when it has none."""
    if not loc:
        return "参数"
    name = str(loc[0])
    if model is not None:
        field = model.model_fields.get(name)
        if field is not None and field.title:
            return field.title
    return name


def _expected(ctx: dict[str, Any]) -> str:
    """Pydantic's "'a' or 'b'" list of expected literals as "a、b"."""
    text = str(ctx.get("expected", ""))
    return text.replace("' or '", "、").replace("', '", "、").strip("'")


def _message(model: type[BaseModel] | None, error: Any) -> str:
    """One pydantic error as a Chinese sentence."""
    kind: str = error["type"]
    loc: tuple[int | str, ...] = tuple(error.get("loc", ()))
    ctx: dict[str, Any] = error.get("ctx") or {}
    label = _label(model, loc)
    value = error.get("input")
    if kind == "missing":
        return f"缺少必填项：{label}"
    if kind == "extra_forbidden":
        return f"不支持的参数：{loc[0] if loc else label}"
    if kind == "string_too_long":
        size = len(value) if isinstance(value, str) else 0
        return f"{label}过长：最多{ctx.get('max_length')}个字，当前{size}个字"
    if kind == "string_too_short":
        return f"{label}不能为空"
    if kind in ("string_type", "string_unicode"):
        return f"{label}应为文字"
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return f"{label}应为整数"
    if kind in ("bool_parsing", "bool_type"):
        return f"{label}应为是或否（true/false）"
    if kind.startswith("date") or kind.startswith("datetime"):
        return f"{label}应为有效日期，格式如 2025-06-10"
    if kind in ("greater_than_equal", "greater_than"):
        return f"{label}不能小于{ctx.get('ge', ctx.get('gt'))}"
    if kind in ("less_than_equal", "less_than"):
        return f"{label}不能大于{ctx.get('le', ctx.get('lt'))}"
    if kind == "literal_error":
        return f"{label}取值无效，可选：{_expected(ctx)}"
    if kind in ("value_error", "assertion_error"):
        return str(ctx.get("error", "")) or f"{label}格式不正确"
    if kind in ("list_type", "too_long", "too_short"):
        return f"{label}的数量或格式不正确"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return "参数格式不正确：应为键值对象（JSON object）"
    return f"{label}格式不正确"


def from_validation_error(exc: ValidationError, model: type[BaseModel] | None = None) -> ToolError:
    """Turn a pydantic ValidationError into one `invalid_input` ToolError with a Chinese message."""
    messages: list[str] = []
    for error in exc.errors(include_url=False):
        text = _message(model, error)
        if text not in messages:
            messages.append(text)
    fields = [".".join(str(p) for p in e.get("loc", ())) for e in exc.errors(include_url=False)]
    return ToolError("invalid_input", "；".join(messages), {"fields": fields})
