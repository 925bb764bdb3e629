"""Authorisation rules of the tool layer: who may write, and whose records a caller may see."""

from __future__ import annotations

from tools.errors import ToolError
from tools.identity import Caller


def require_citizen(caller: Caller, action: str) -> str:
    """The user id a write runs for; raises `forbidden` unless the caller is (or acts for) a citizen."""
    if caller.acts_for_citizen and caller.user_id is not None:
        return caller.user_id
    if caller.kind == "anonymous":
        message = f"{action}需要先登录并完成实名认证"
    elif caller.kind == "staff":
        message = f"工作人员账号不能代群众{action}，请由群众本人登录后办理"
    else:
        message = f"该服务账号未指定办理人，不能{action}"
    raise ToolError("forbidden", message)


def require_identified(caller: Caller, action: str) -> None:
    """Raise `forbidden` for callers who cannot own records (anonymous, or a service acting for no one)."""
    if caller.kind == "anonymous":
        raise ToolError("forbidden", f"{action}需要先登录")
    if caller.kind == "service" and caller.user_id is None:
        raise ToolError("forbidden", f"该服务账号未指定办理人，不能{action}")


def can_see_record(caller: Caller, owner_user_id: str, hall_id: int | None) -> bool:
    """A citizen sees their own records; staff see records of their own hall."""
    if caller.kind == "staff":
        return hall_id is not None and caller.hall_id == hall_id
    return caller.acts_for_citizen and caller.user_id == owner_user_id
