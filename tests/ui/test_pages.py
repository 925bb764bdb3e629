"""The pages over HTTP without a browser: nothing fetched from outside, and the conversation logic end to end."""

from __future__ import annotations

import asyncio
import copy
import re
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
from fastapi import FastAPI

from tests.ui.conftest import Site
from ui import conversation, desk
from ui.client import ApiClient, ApiError
from ui.desk import Desk

OUTSIDE = re.compile(r"fonts\.googleapis|fonts\.gstatic|cdn\.|jsdelivr|unpkg|googletagmanager|huggingface\.co/api")


def run(coro: Any) -> Any:
    """Run a coroutine on its own loop in a worker thread (the browser tests keep a loop on the main one)."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coro).result()


def collect(agen: Any) -> list[Any]:
    async def gather() -> list[Any]:
        return [copy.deepcopy(s) async for s in agen]
    return list(run(gather()))


def test_mount_ui_mounts_both_pages() -> None:
    from ui.app import mount_ui

    app = FastAPI()
    mount_ui(app, "http://127.0.0.1:9")
    paths = {getattr(r, "path", "") for r in app.routes}
    assert {"/staff", ""} <= paths or {"/staff", "/"} <= paths


def test_served_pages_load_nothing_from_outside(fake_site: Site) -> None:
    for path in ("/", "/staff/"):
        page = httpx.get(fake_site.base + path, timeout=30, trust_env=False)
        assert page.status_code == 200
        assert not OUTSIDE.search(page.text), OUTSIDE.search(page.text)
        assert '<link rel="stylesheet" href="http' not in page.text.replace(fake_site.base, "")
        assets = set(re.findall(r'(?:src|href)="([^"]+)"', page.text))
        assert all(a.startswith(("/", fake_site.base, "./", "data:", "#")) for a in assets), assets
        assert "share=True" not in page.text


def test_streamed_answer_builds_the_session(fake_site: Site) -> None:
    client = ApiClient(fake_site.base)
    session = conversation.new_session()
    states = collect(conversation.send(client, session, "新生儿落户需要什么材料", "武汉市", "zh"))
    assert states[0]["entries"][-1] == {"role": "assistant", "text": "正在查找官方依据……"}
    assert len(states) >= 2
    final = states[-1]
    assert final["last"]["status"] == "answered" and final["thread_id"] and final["sample"]
    assert final["entries"][-1]["result"]["citations"][0]["doc_id"] == "life-birth"
    html = conversation.html(final, "zh", False)
    assert "依据已核实" in html and "checkbox" in html


def test_bad_input_never_reaches_the_api() -> None:
    client = ApiClient("http://127.0.0.1:9")
    for text, line in (("", "您还没有输入问题"), ("\x00\x01\x02\x03", "乱码"), ("问" * 3000, "太长了")):
        session = conversation.new_session()
        states = collect(conversation.send(client, session, text, None, "zh"))
        assert line in states[-1]["entries"][-1]["text"]


def test_unreachable_api_gives_the_fixed_message() -> None:
    session = conversation.new_session()
    states = collect(conversation.send(ApiClient("http://127.0.0.1:9"), session, "社保卡怎么办", None, "zh"))
    assert states[-1]["entries"][-1]["text"].startswith("系统暂时繁忙")


def test_handoff_reply_and_feedback(fake_site: Site) -> None:
    client = ApiClient(fake_site.base)
    session = conversation.new_session()
    session = run(conversation.handoff(client, session, "湖北省", "zh"))
    assert session["waiting"] and session["last"]["status"] == "handoff"
    assert run(conversation.poll(client, session))[1] is False

    office = Desk(fake_site.base)
    staff = {"cookies": run(office.client({}).login("staff", "staff-pass"))}
    rows, choices = run(office.queue(staff))
    assert (f"市民要求人工服务（{session['thread_id'][:8]}）", session["thread_id"]) in choices
    data = run(office.client(staff).thread(session["thread_id"]))
    assert desk.citizen_question(data) == "我要转人工"
    assert office.take(session["thread_id"], "staff") == "staff" and office.take(session["thread_id"], "b") == "staff"
    run(office.client(staff).reply(session["thread_id"], "请到一号窗口"))
    session, changed = run(conversation.poll(client, session))
    assert changed and session["entries"][-1] == {"role": "staff", "text": "请到一号窗口"} and not session["waiting"]
    assert run(conversation.rate(client, session, "down", "没说办理时间", "zh")) == "感谢您的反馈。"


def test_staff_calls_need_login(fake_site: Site) -> None:
    try:
        run(ApiClient(fake_site.base).handoffs())
    except ApiError as exc:
        assert exc.status == 401 and exc.message == "请先登录。"
    else:
        raise AssertionError("handoffs without login must fail")
    try:
        run(ApiClient(fake_site.base).login("staff", "wrong"))
    except ApiError as exc:
        assert exc.message == "账号或密码不正确。"
    else:
        raise AssertionError("a wrong password must fail")


def test_print_card_has_checklist_and_qr() -> None:
    card = desk.print_card("1. 居民身份证\n2. 户口簿\n")
    assert "☐ 居民身份证" in card and "☐ 户口簿" in card and "<svg" in card
    assert "清单为空" in desk.print_card("  \n")
