"""The hall-staff console: log in, the live handoff queue, a thread with a draft answer, checklist and QR."""

from __future__ import annotations

import contextlib
from typing import Any

import gradio as gr

from ui import desk
from ui.client import ApiError
from ui.desk import Desk
from ui.staff_pages import admin_tab, knowledge_tab
from ui.text import REGIONS

QUEUE_POLL_S = 5.0


def _empty_staff() -> dict[str, Any]:
    return {"cookies": {}, "user": "", "thread": None, "question": ""}


def build_staff_ui(api_base: str) -> gr.Blocks:
    """The staff console as a Gradio Blocks app talking to the API at `api_base` (login required)."""
    office = Desk(api_base)
    with gr.Blocks(title="湖北政务民生服务助手 · 工作人员台", analytics_enabled=False) as demo:
        staff = gr.State(_empty_staff)
        with gr.Column(elem_id="staff-root"):
            gr.Markdown("# 工作人员工作台\n转人工队列、回答草稿、办事清单与知识库管理。")
            with gr.Group(visible=True, elem_id="login-box") as login_box:
                username = gr.Textbox(label="账号", elem_id="staff-username")
                password = gr.Textbox(label="密码", type="password", elem_id="staff-password")
                login_btn = gr.Button("登录", variant="primary", elem_id="staff-login")
                login_note = gr.Markdown(elem_id="login-note")
            with gr.Column(visible=False, elem_id="console") as console:
                with gr.Row():
                    who = gr.Markdown(elem_id="staff-who")
                    admin_key = gr.Textbox(label="管理员密钥（上传文档、领域开关、密钥管理需要；只保存在本次登录中）",
                                           type="password", elem_id="admin-key", scale=2)
                    logout_btn = gr.Button("退出登录", variant="secondary", elem_id="staff-logout", scale=0)
                with gr.Tabs():
                    with gr.Tab("转人工队列", elem_id="tab-queue"):
                        queue = gr.Dataframe(headers=desk.QUEUE_HEADERS, value=[], interactive=False,
                                             label="等待人工的会话", elem_id="queue", wrap=True)
                        with gr.Row():
                            pick = gr.Dropdown([], label="选择会话", elem_id="pick-thread", scale=3)
                            open_btn = gr.Button("打开会话", variant="primary", elem_id="open-thread", scale=1)
                            refresh_btn = gr.Button("刷新队列", elem_id="refresh-queue", scale=1)
                        queue_note = gr.Markdown(elem_id="queue-note")
                        thread_note = gr.Markdown(elem_id="thread-note")
                        thread_view = gr.HTML(elem_id="thread-view", js_on_load=None)
                        with gr.Row():
                            take_btn = gr.Button("接管此会话", variant="primary", elem_id="take-over")
                            release_btn = gr.Button("交还（不回复）", elem_id="release")
                            draft_btn = gr.Button("生成回答草稿", elem_id="make-draft")
                        draft_region = gr.Dropdown(list(REGIONS), value=REGIONS[0], label="草稿查询地区",
                                                   elem_id="draft-region")
                        reply = gr.Textbox(label="回复草稿（可编辑，发送给市民）", lines=6, elem_id="reply")
                        send_btn = gr.Button("发送回复并交还助手", variant="primary", elem_id="send-reply")
                        draft_info = gr.HTML(elem_id="draft-sources", js_on_load=None)
                        checklist = gr.Textbox(label="办事清单（每行一项，可编辑）", lines=5, elem_id="checklist")
                        with gr.Row():
                            qr_btn = gr.Button("生成二维码", elem_id="make-qr")
                            print_btn = gr.Button("打印清单", elem_id="print")
                        card = gr.HTML(elem_id="print-area", js_on_load=None)
                        with gr.Group():
                            gap_note = gr.Textbox(label="回答有误：说明（进入知识缺口清单）", elem_id="gap-note")
                            gap_btn = gr.Button("标记回答有误", variant="stop", elem_id="mark-wrong")
                        gaps = gr.Dataframe(headers=desk.GAP_HEADERS, value=[], interactive=False,
                                            label="知识缺口清单", elem_id="gaps", wrap=True)
                    knowledge_tab(office, staff, admin_key)
                    admin_tab(office, staff, admin_key)
        timer = gr.Timer(QUEUE_POLL_S, active=False)

        async def login(name: str, secret: str) -> tuple[Any, ...]:
            client = office.client({})
            try:
                cookies = await client.login(name.strip(), secret)
            except ApiError as exc:
                return (_empty_staff(), exc.message, gr.update(), gr.update(), "", gr.Timer(active=False), "")
            s = {**_empty_staff(), "cookies": cookies, "user": name.strip()}
            return (s, "", gr.update(visible=False), gr.update(visible=True), f"已登录：**{name.strip()}**",
                    gr.Timer(active=True), "")

        outs = [staff, login_note, login_box, console, who, timer, password]
        gr.on([login_btn.click, password.submit], login, [username, password], outs)

        async def logout(s: dict[str, Any]) -> tuple[Any, ...]:
            with contextlib.suppress(ApiError):
                await office.client(s).logout()
            return (_empty_staff(), "已退出登录。", gr.update(visible=True), gr.update(visible=False), "",
                    gr.Timer(active=False), "")

        logout_btn.click(logout, staff, outs)

        async def refresh(s: dict[str, Any]) -> tuple[Any, ...]:
            try:
                rows, choices = await office.queue(s)
            except ApiError as exc:
                return gr.skip(), gr.skip(), exc.message
            return rows, gr.update(choices=choices), f"当前等待人工：{len(rows)} 个会话"

        gr.on([refresh_btn.click, timer.tick], refresh, staff, [queue, pick, queue_note])

        async def open_thread(s: dict[str, Any], tid: str | None) -> tuple[Any, ...]:
            if not tid:
                return s, "请先在列表中选择一个会话。", gr.skip()
            try:
                data = await office.client(s).thread(tid)
            except ApiError as exc:
                return s, exc.message, gr.skip()
            s = {**s, "thread": tid, "question": desk.citizen_question(data)}
            holder = office.claims.get(tid)
            note = f"会话 `{tid}`" + (f"，由 {holder} 处理中" if holder else "，尚无人接管")
            return s, note, desk.thread_html(data)

        open_btn.click(open_thread, [staff, pick], [staff, thread_note, thread_view])

        def take(s: dict[str, Any]) -> tuple[str, Any]:
            if not s.get("thread"):
                return "请先打开一个会话。", gr.skip()
            holder = office.take(s["thread"], s["user"])
            if holder != s["user"]:
                return f"该会话已由 {holder} 接管。", gr.skip()
            return f"您已接管会话 `{s['thread']}`：编辑下面的回复后发送。", office.gap_rows()

        take_btn.click(take, staff, [thread_note, gaps])

        def release(s: dict[str, Any]) -> str:
            if s.get("thread"):
                office.release(s["thread"], s["user"])
            return "已交还：会话回到队列，其他工作人员可以接管。"

        release_btn.click(release, staff, thread_note)

        async def make_draft(s: dict[str, Any], region: str) -> tuple[Any, ...]:
            if not s.get("thread"):
                return gr.skip(), "<p>请先打开一个会话。</p>", gr.skip()
            return await desk.draft(office.client(s), s.get("question", ""), region)

        draft_btn.click(make_draft, [staff, draft_region], [reply, draft_info, checklist])

        async def send_reply(s: dict[str, Any], text: str) -> tuple[Any, ...]:
            tid = s.get("thread")
            if not tid or not text.strip():
                return "请先打开会话并填写回复。", gr.skip(), gr.skip()
            holder = office.take(tid, s["user"])
            if holder != s["user"]:
                return f"该会话已由 {holder} 接管，不能重复回复。", gr.skip(), gr.skip()
            try:
                await office.client(s).reply(tid, text.strip())
                data = await office.client(s).thread(tid)
            except ApiError as exc:
                return exc.message, gr.skip(), gr.skip()
            finally:
                office.release(tid, s["user"])
            return "回复已发送，会话已交还助手。", desk.thread_html(data), ""

        send_btn.click(send_reply, [staff, reply], [thread_note, thread_view, reply]).then(
            refresh, staff, [queue, pick, queue_note])

        qr_btn.click(desk.print_card, checklist, card)
        print_btn.click(desk.print_card, checklist, card).then(None, None, None, js="() => { window.print(); }")

        async def mark_wrong(s: dict[str, Any], note: str) -> tuple[Any, ...]:
            if not s.get("thread") or not note.strip():
                return "请先打开会话，并写明哪里有误。", gr.skip(), gr.skip()
            office.add_gap(s["thread"], s.get("question", ""), s["user"], note.strip())
            try:
                await office.client(s).feedback(s["thread"], "down", f"工作人员标记有误：{note.strip()}")
            except ApiError as exc:
                return f"已记入知识缺口清单（反馈未送达：{exc.message}）", office.gap_rows(), ""
            return "已记入知识缺口清单。", office.gap_rows(), ""

        gap_btn.click(mark_wrong, [staff, gap_note], [thread_note, gaps, gap_note])
    return demo
