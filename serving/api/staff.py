"""The staff console's API: sign in and out, the handoff queue, and answering a waiting thread."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Request, Response

from agents.assistant import TurnResult
from serving.api.chat import after_turn
from serving.api.deps import SESSION_COOKIE, CurrentPrincipal, CurrentServices, Principal, admitted, require
from serving.api.errors import ApiError
from serving.api.schemas import THREAD_ID_PATTERN, Ack, HandoffQueue, StaffLogin, StaffMe, StaffReply
from serving.audit import answer_handoff, waiting_handoffs
from serving.auth import login, logout

router = APIRouter(prefix="/api/v1/staff", tags=["staff"])
Staff = Annotated[Principal, Depends(require("staff"))]


@router.post("/login", response_model=StaffMe, summary="工作人员登录",
             responses={401: {"description": "用户名或密码不正确"}})
async def staff_login(body: StaffLogin, request: Request, response: Response, who: CurrentPrincipal,
                      svc: CurrentServices) -> StaffMe:
    """Check the password (scrypt) and set the session cookie (HttpOnly, SameSite=Strict)."""
    done = await svc.run_db(login, svc.db, body.username, body.password, svc.api.session_hours)
    if done is None:
        raise ApiError(401, "login_failed", "用户名或密码不正确。")
    info, token = done
    response.set_cookie(SESSION_COOKIE, token, max_age=int(svc.api.session_hours * 3600), httponly=True,
                        samesite="strict", secure=request.url.scheme == "https", path="/")
    return StaffMe(username=info.username, display_name=info.display_name, hall_id=info.hall_id)


@router.post("/logout", response_model=Ack, summary="退出登录")
async def staff_logout(request: Request, response: Response, svc: CurrentServices) -> Ack:
    """End the session and clear the cookie."""
    token = request.cookies.get(SESSION_COOKIE)
    if token:
        await svc.run_db(logout, svc.db, token)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return Ack()


@router.get("/me", response_model=StaffMe, summary="当前登录的工作人员")
async def me(who: Staff) -> StaffMe:
    """Who the session (or staff key) belongs to."""
    if who.staff is not None:
        return StaffMe(username=who.staff.username, display_name=who.staff.display_name, hall_id=who.staff.hall_id)
    key = who.key
    assert key is not None
    return StaffMe(username=key.subject or key.name, display_name=key.name, hall_id=key.hall_id or 0)


@router.get("/handoffs", response_model=HandoffQueue, summary="转人工队列")
async def handoffs(who: Staff, svc: CurrentServices) -> HandoffQueue:
    """Threads waiting for a person, oldest first."""
    items = await svc.run_db(waiting_handoffs, svc.db)
    return HandoffQueue(items=items, total=len(items))


@router.post("/threads/{thread_id}/reply", response_model=TurnResult, summary="人工回复",
             responses={404: {"description": "会话没有等待人工回复"}})
async def reply(body: StaffReply, who: Staff, svc: CurrentServices,
                thread_id: str = Path(pattern=THREAD_ID_PATTERN)) -> TurnResult:
    """Answer a waiting thread as a person; the citizen's thread then continues as before."""
    staff_id = who.staff.username if who.staff else (who.key.subject or who.key.id if who.key else "")
    async with admitted(svc):
        try:
            result = await svc.assistant.staff_reply(thread_id, body.reply, staff_id)
        except LookupError:
            raise ApiError(404, "not_waiting", "该会话没有等待人工回复的转接。") from None
    await svc.run_db(answer_handoff, svc.db, thread_id, staff_id)
    await after_turn(svc, who, result, body.reply, "staff", queue=False)
    svc.webhooks.emit("handoff.answered", {"thread_id": thread_id, "staff_id": staff_id,
                                           "at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds")})
    return result
