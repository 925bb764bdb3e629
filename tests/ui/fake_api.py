"""A small stand-in for the API (`/api/v1`), same shapes, in memory: fast UI tests without the real graph."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from typing import Annotated, Any

from fastapi import FastAPI, File, Form, Request, UploadFile
from fastapi.responses import JSONResponse, StreamingResponse

AI = "本回答由人工智能生成，请以官方发布的信息为准。"
EMERGENCY = ("请立即拨打120急救电话。\n说清楚：详细地址、病人年龄、现在的症状。\n"
             "等待时：让病人就地保持安静，不要随意搬动。")
CITE = {"id": 1, "doc_id": "life-birth", "doc_version": "2026-01", "title": "湖北省新生儿出生“一件事”联办指南",
        "section": "四、申请材料", "snippet": "1. 父母双方有效居民身份证；2. 落户地的居民户口簿；",
        "source": "sample_corpus/life_events/life-birth.md", "region": "湖北省", "valid_from": "2026-01-01",
        "valid_to": None}
ANSWER = ("根据《湖北省新生儿出生“一件事”联办指南》（湖北省）：\n四、申请材料\n"
          "1. 父母双方有效居民身份证； [1]\n2. 落户地的居民户口簿； [1]\n3. 父母结婚证。 [1]")


ADMIN_KEY = "hk_fake_admin"


def _err(status: int, code: str, message: str) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status)


def _result(tid: str, **kw: Any) -> dict[str, Any]:
    base = {"thread_id": tid, "status": "answered", "domains": ["government"], "answer": ANSWER,
            "citations": [CITE], "grounded": True, "emergency": False, "handoff": False, "ai_label": AI,
            "timings": {}, "language": "zh", "route": ["government"], "complaint": False, "offer": "",
            "handoff_summary": "", "tools": [], "masked": [], "downgraded": False, "model_id": "fake"}
    return {**base, **kw}


def create_fake_api() -> FastAPI:
    """The stand-in app: staff account `staff` / `staff-pass`."""
    app = FastAPI()
    threads: dict[str, list[dict[str, Any]]] = {}
    waiting: dict[str, str] = {}
    docs: list[dict[str, Any]] = []
    feedback: list[dict[str, Any]] = []
    app.state.feedback = feedback

    def answer(tid: str, text: str) -> dict[str, Any]:
        threads.setdefault(tid, []).append({"role": "user", "content": text})
        if tid in waiting:
            return _result(tid, status="handoff", handoff=True, answer="已为您转接人工服务，请稍候。", citations=[])
        if "嘴巴歪" in text:
            waiting[tid] = "紧急情况，已给出120急救指引，请人工回访。"
            return _result(tid, status="emergency", emergency=True, handoff=True, answer=EMERGENCY, citations=[])
        if "人工" in text:
            waiting[tid] = f"市民要求人工服务：{text}"
            return _result(tid, status="handoff", handoff=True, answer="已为您转接人工服务，请稍候。", citations=[])
        for d in docs:
            if any(text[i:i + 4] in d["title"] for i in range(len(text) - 3)):
                cite = {**CITE, "doc_id": d["doc_id"], "title": d["title"], "source": d["source"]}
                return _result(tid, answer=f"{d['text']} [1]", citations=[cite])
        if "材料" in text or "新生儿" in text:
            return _result(tid)
        return _result(tid, status="no_basis", grounded=False, citations=[],
                       answer="抱歉，我没有找到能回答这个问题的官方依据，不能凭猜测回答。")

    def staff(request: Request) -> bool:
        return request.cookies.get("staff_session") == "ok"

    @app.post("/api/v1/chat")
    async def chat(request: Request) -> Any:
        body = await request.json()
        text = str(body.get("message", ""))
        if not text.strip():
            return _err(422, "bad_input_empty", "您还没有输入问题，请输入您想咨询的内容。")
        result = answer(body.get("thread_id") or uuid.uuid4().hex, text)
        threads[result["thread_id"]].append({"role": "assistant", "content": result["answer"],
                                             "status": result["status"]})
        if not body.get("stream"):
            return result

        def events() -> Iterator[str]:
            yield f"event: route\ndata: {json.dumps({'routes': result['route']})}\n\n"
            for ch in result["answer"]:
                yield f"event: token\ndata: {json.dumps({'text': ch}, ensure_ascii=False)}\n\n"
            for c in result["citations"]:
                yield f"event: citation\ndata: {json.dumps(c, ensure_ascii=False)}\n\n"
            yield f"event: status\ndata: {json.dumps({'status': result['status']})}\n\n"
            yield f"event: done\ndata: {json.dumps(result, ensure_ascii=False)}\n\n"

        return StreamingResponse(events(), media_type="text/event-stream")

    @app.post("/api/v1/feedback")
    async def give_feedback(request: Request) -> Any:
        feedback.append(await request.json())
        return {"ok": True}

    @app.post("/api/v1/handoff")
    async def handoff(request: Request) -> Any:
        body = await request.json()
        tid = body.get("thread_id") or uuid.uuid4().hex
        threads.setdefault(tid, []).append({"role": "user", "content": "我要转人工"})
        waiting[tid] = "市民要求人工服务"
        return _result(tid, status="handoff", handoff=True, answer="已为您转接人工服务，请稍候。", citations=[])

    @app.get("/api/v1/threads/{tid}")
    async def thread(tid: str) -> Any:
        return {"thread_id": tid, "messages": threads.get(tid, []), "waiting_for_staff": tid in waiting,
                "handoff_summary": waiting.get(tid)}

    @app.post("/api/v1/staff/login")
    async def login(request: Request) -> Any:
        body = await request.json()
        if body.get("username") != "staff" or body.get("password") != "staff-pass":
            return _err(401, "unauthorized", "账号或密码不正确。")
        resp = JSONResponse({"username": "staff"})
        resp.set_cookie("staff_session", "ok", httponly=True)
        return resp

    @app.post("/api/v1/staff/logout")
    async def logout() -> Any:
        return {"ok": True}

    @app.get("/api/v1/staff/handoffs")
    async def handoffs(request: Request) -> Any:
        if not staff(request):
            return _err(401, "unauthorized", "请先登录。")
        items = [{"thread_id": t, "summary": s, "since": "2026-01-01T09:00:00"} for t, s in waiting.items()]
        return {"items": items, "total": len(items)}

    @app.post("/api/v1/staff/threads/{tid}/reply")
    async def reply(tid: str, request: Request) -> Any:
        if not staff(request):
            return _err(401, "unauthorized", "请先登录。")
        body = await request.json()
        threads.setdefault(tid, []).append({"role": "staff", "content": body["reply"]})
        waiting.pop(tid, None)
        return _result(tid, status="handoff", answer=body["reply"], citations=[])

    @app.get("/api/v1/knowledge/documents")
    async def documents(request: Request) -> Any:
        if not staff(request):
            return _err(401, "unauthorized", "请先登录。")
        items = [{k: v for k, v in d.items() if k != "text"} for d in docs]
        return {"items": items, "total": len(items)}

    @app.post("/api/v1/knowledge/documents")
    async def upload(request: Request, file: Annotated[UploadFile, File()],
                     domain: Annotated[str | None, Form()] = None, region: Annotated[str | None, Form()] = None) -> Any:
        if request.headers.get("authorization") != f"Bearer {ADMIN_KEY}":
            return _err(401, "unauthorized", "请先登录。")
        text = (await file.read()).decode()
        title = text.splitlines()[0].lstrip("# ").strip()
        docs.append({"doc_id": file.filename, "doc_version": "1", "title": title, "domain": domain or "government",
                     "region": region, "valid_from": "2026-01-01", "valid_to": None, "chunks": 1, "sample": False,
                     "source": f"uploads/{file.filename}", "text": text.splitlines()[-1]})
        report = {"documents": 1, "embedded": 1, "unchanged": 0, "chunks": 1, "removed": 0, "failed": [], "seconds": 0.1}
        return {"source": f"uploads/{file.filename}", "report": report,
                "documents": [{k: v for k, v in docs[-1].items() if k != "text"}]}

    @app.get("/api/v1/admin/domains")
    async def domain_state() -> Any:
        return {"disabled_domains": []}

    @app.post("/api/v1/admin/domains/{domain}")
    async def switch(domain: str, request: Request) -> Any:
        body = await request.json()
        return {"domain": domain, "enabled": bool(body.get("enabled"))}

    @app.get("/api/v1/admin/keys")
    async def keys() -> Any:
        return {"items": [{"id": "abc123", "name": "大厅终端", "scopes": ["citizen_app"], "created_at": "2026-01-01",
                 "revoked": False}]}

    @app.post("/api/v1/admin/keys")
    async def new_key(request: Request) -> Any:
        body = await request.json()
        return {"id": "def456", "name": body["name"], "key": "hk_def456_xxxxxxxxxxxxxxxxxxxxxxxx"}

    return app
