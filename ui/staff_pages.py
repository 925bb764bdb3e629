"""The staff console's knowledge page (upload, documents, re-index) and admin page (domains, API keys)."""

from __future__ import annotations

import html
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import gradio as gr

from ui.client import ApiError
from ui.desk import Desk
from ui.text import DOMAIN_NAMES, DOMAINS, REGIONS

DOC_HEADERS = ["文档编号", "版本", "标题", "领域", "地区", "生效日期", "失效日期", "分块数", "示例数据"]
KEY_HEADERS = ["编号", "名称", "权限范围", "创建时间", "已吊销"]
FILE_TYPES = [".md", ".txt", ".html", ".htm", ".pdf", ".docx"]
AUTO = "自动识别"
SCOPE_CHOICES = ["citizen_app", "service", "staff", "admin"]


def doc_rows(docs: list[dict[str, Any]]) -> list[list[str]]:
    """Documents as table rows."""
    def cell(v: Any) -> str:
        if isinstance(v, list):
            return "、".join(DOMAIN_NAMES.get(str(x), {"zh": str(x)})["zh"] for x in v)
        return "" if v is None else str(v)

    return [[cell(d.get(k)) if k != "domain" else cell(d.get("domain") or d.get("domains"))
             for k in ("doc_id", "doc_version", "title", "domain", "region", "valid_from", "valid_to", "chunks")]
            + ["是" if d.get("sample") else ""] for d in docs]


def ingest_summary(report: dict[str, Any]) -> str:
    """One line about what an upload did."""
    nested = report.get("report")
    inner: dict[str, Any] = nested if isinstance(nested, dict) else report
    parts = [f"{label} {inner[key]}" for key, label in (
        ("documents", "文档"), ("embedded", "重新嵌入"), ("unchanged", "未变跳过"), ("chunks", "写入分块"),
        ("removed", "删除"), ("seconds", "用时（秒）")) if key in inner]
    failed = inner.get("failed") or []
    line = "导入完成：" + ("，".join(parts) if parts else "已提交") + "。"
    for d in report.get("documents") or []:
        line += (f"\n\n- 《{html.escape(str(d.get('title', '')))}》 版本 {html.escape(str(d.get('doc_version', '')))}，"
                 f"有效期 {d.get('valid_from') or '—'} ~ {d.get('valid_to') or '—'}，{d.get('chunks', 0)} 个分块")
    return line + ("\n\n失败：" + "；".join(html.escape(str(f)) for f in failed) if failed else "")


def knowledge_tab(office: Desk, staff: gr.State, admin_key: gr.Textbox) -> None:
    """The knowledge page: upload a document and watch it ingest; documents with versions and validity."""
    with gr.Tab("知识库", elem_id="tab-knowledge"):
        upload = gr.File(label="上传文档（Markdown、TXT、HTML、PDF、DOCX）", file_types=FILE_TYPES,
                         elem_id="upload-file")
        with gr.Row():
            domain = gr.Dropdown([AUTO, *[(DOMAIN_NAMES[d]["zh"], d) for d in DOMAINS]], value=AUTO,
                                 label="所属领域", elem_id="upload-domain")
            region = gr.Dropdown(list(REGIONS), value=REGIONS[0], label="适用地区", elem_id="upload-region")
        with gr.Row():
            ingest_btn = gr.Button("上传并导入", variant="primary", elem_id="upload-go")
            reindex_btn = gr.Button("重新索引所选文件", elem_id="reindex")
        progress = gr.Markdown(elem_id="upload-progress")
        docs_btn = gr.Button("刷新文档列表", elem_id="refresh-docs")
        docs = gr.Dataframe(headers=DOC_HEADERS, value=[], interactive=False, label="知识库文档（版本与有效期）",
                            elem_id="documents", wrap=True)

        async def ingest(s: dict[str, Any], key: str, file: str | None, dom: str,
                         reg: str) -> AsyncIterator[tuple[Any, Any]]:
            if not file:
                yield "请先选择要上传的文件。", gr.skip()
                return
            path = Path(file)
            yield f"正在上传并导入《{html.escape(path.name)}》：读取、分块、向量化……", gr.skip()
            client = office.client(s, key)
            try:
                report = await client.upload(path, None if dom == AUTO else dom, reg)
                listed = await client.documents()
                new = {(d.get("doc_id"), d.get("doc_version")) for d in report.get("documents") or []}
                # The new document first: a long list only shows its first rows.
                rows = doc_rows(sorted(listed, key=lambda d: (d.get("doc_id"), d.get("doc_version")) not in new))
            except ApiError as exc:
                yield f"导入失败：{html.escape(exc.message)}", gr.skip()
                return
            yield ingest_summary(report), rows

        gr.on([ingest_btn.click, reindex_btn.click], ingest, [staff, admin_key, upload, domain, region], [progress, docs])

        async def list_docs(s: dict[str, Any]) -> tuple[Any, str]:
            try:
                rows = doc_rows(await office.client(s).documents())
            except ApiError as exc:
                return gr.skip(), exc.message
            return rows, f"共 {len(rows)} 个文档版本。"

        docs_btn.click(list_docs, staff, [docs, progress])


def admin_tab(office: Desk, staff: gr.State, admin_key: gr.Textbox) -> None:
    """The admin page: switch each domain on or off; list and create API keys."""
    with gr.Tab("管理", elem_id="tab-admin"):
        gr.Markdown("### 领域开关\n关闭后，该领域的问题将直接给出相应热线，不再检索作答。")
        with gr.Row():
            switches = [gr.Checkbox(value=True, label=f"{DOMAIN_NAMES[d]['zh']}：开启", elem_id=f"domain-{d}")
                        for d in DOMAINS]
        domain_note = gr.Markdown(elem_id="domain-note")
        domains_btn = gr.Button("读取当前开关状态", elem_id="refresh-domains")
        gr.Markdown("### 接入密钥")
        keys_btn = gr.Button("刷新密钥列表", elem_id="refresh-keys")
        keys = gr.Dataframe(headers=KEY_HEADERS, value=[], interactive=False, label="接入密钥", elem_id="keys")
        with gr.Row():
            key_name = gr.Textbox(label="新密钥名称", elem_id="key-name")
            key_scopes = gr.CheckboxGroup(SCOPE_CHOICES, value=["citizen_app"], label="权限范围",
                                          elem_id="key-scopes")
        key_btn = gr.Button("新建密钥", variant="primary", elem_id="create-key")
        key_note = gr.Markdown(elem_id="key-note")

        def switcher(name: str) -> Any:
            async def switch(s: dict[str, Any], key: str, on: bool) -> str:
                try:
                    await office.client(s, key).set_domain(name, on)
                except ApiError as exc:
                    return exc.message
                return f"{DOMAIN_NAMES[name]['zh']}已{'开启' if on else '关闭'}。"
            return switch

        for name, box in zip(DOMAINS, switches, strict=True):
            box.input(switcher(name), [staff, admin_key, box], domain_note)

        async def read_domains(s: dict[str, Any], key: str) -> list[Any]:
            try:
                off = await office.client(s, key).disabled_domains()
            except ApiError as exc:
                return [*[gr.skip() for _ in DOMAINS], exc.message]
            return [*[d not in off for d in DOMAINS], "已读取当前状态。"]

        domains_btn.click(read_domains, [staff, admin_key], [*switches, domain_note])

        async def list_keys(s: dict[str, Any], key: str) -> tuple[Any, str]:
            try:
                items = await office.client(s, key).keys()
            except ApiError as exc:
                return gr.skip(), exc.message
            rows = [[str(k.get("id", "")), str(k.get("name", "")), "、".join(k.get("scopes") or []),
                     str(k.get("created_at", "")), "是" if k.get("revoked") else ""] for k in items]
            return rows, f"共 {len(rows)} 个密钥。"

        keys_btn.click(list_keys, [staff, admin_key], [keys, key_note])

        async def create(s: dict[str, Any], key: str, name: str, scopes: list[str]) -> str:
            if not name.strip():
                return "请填写密钥名称。"
            try:
                made = await office.client(s, key).create_key(name.strip(), scopes or ["citizen_app"])
            except ApiError as exc:
                return exc.message
            secret = made.get("key") or made.get("token") or made.get("secret") or ""
            return f"已新建密钥 **{html.escape(name.strip())}**。密钥只显示这一次，请妥善保存：\n\n`{secret}`"

        key_btn.click(create, [staff, admin_key, key_name, key_scopes], key_note).then(
            list_keys, [staff, admin_key], [keys, key_note])
