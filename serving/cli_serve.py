"""`hubei-agent serve`, `keys`, `staff` and `purge`: run the API, manage access, delete data on request."""

from __future__ import annotations

import asyncio
import getpass
import sys
from typing import Annotated

import typer
from pydantic import ValidationError

from serving.api.settings import ApiSettings
from serving.appdb import AppDB
from serving.audit import purge, purge_idempotency
from serving.auth import (
    create_key,
    create_staff,
    list_keys,
    list_staff,
    parse_scopes,
    revoke_key,
    set_staff_disabled,
    verify_key,
)
from serving.bootstrap import checkpointer
from serving.cli_common import fail, print_json
from serving.settings import Settings

keys_app = typer.Typer(help="接入密钥（API key）管理", no_args_is_help=True)
staff_app = typer.Typer(help="工作人员账号管理", no_args_is_help=True)
DEV_KEY_FILE = "dev-api-key"


def _db(settings: Settings) -> AppDB:
    return AppDB(settings.database_url).create()


def ensure_dev_key(settings: Settings, db: AppDB) -> tuple[str, bool] | None:
    """Embedded default only: a service-scope key in `<data dir>/dev-api-key`; returns (key, created)."""
    if settings.service.database_url:
        return None
    path = settings.paths.home / DEV_KEY_FILE
    if path.exists():
        token = path.read_text(encoding="utf-8").strip()
        if verify_key(db, token) is not None:
            return token, False
    _, token = create_key(db, "dev", ("service",))
    settings.paths.home.mkdir(parents=True, exist_ok=True)
    path.write_text(token + "\n", encoding="utf-8")
    path.chmod(0o600)
    return token, True


def serve_command(
    host: Annotated[str, typer.Option(help="监听地址")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="监听端口")] = 8000,
) -> None:
    """启动 API 服务（原生接口、OpenAI 兼容接口、网页界面）。"""
    import uvicorn

    from serving.app import create_app
    from serving.observability import configure_logging

    try:
        settings, api = Settings(), ApiSettings()
    except ValidationError as exc:
        fail(f"配置无效：{exc}", 2)
    configure_logging()
    db = _db(settings)
    dev = ensure_dev_key(settings, db)
    db.close()
    if dev is not None:
        token, created = dev
        where = settings.paths.home / DEV_KEY_FILE
        note = "已创建" if created else "沿用"
        typer.echo(f"{note}开发用接入密钥（service 权限，仅限本机开发）：{token}\n密钥文件：{where}", err=True)
    base = f"http://{'127.0.0.1' if host in ('0.0.0.0', '::') else host}:{port}"
    try:
        app = create_app(settings, api=api, ui=True, api_base=base)
    except ValueError as exc:
        fail(str(exc), 2)
    typer.echo(f"服务地址：{base}  接口文档：{base}/docs", err=True)
    uvicorn.run(app, host=host, port=port, log_config=None, access_log=False, proxy_headers=api.trust_forwarded_for)


@keys_app.command("create")
def keys_create(
    name: Annotated[str, typer.Option("--name", help="密钥名称（如接入系统的名字）")],
    scope: Annotated[list[str], typer.Option("--scope", help="权限范围：citizen_app/staff/service/admin，可重复")],
    subject: Annotated[str | None, typer.Option(help="staff 密钥对应的工作人员账号")] = None,
    hall_id: Annotated[int | None, typer.Option("--hall-id", help="staff 密钥所属大厅编号")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="以 JSON 输出")] = False,
) -> None:
    """新建接入密钥；明文只显示这一次，服务端只保存其哈希。"""
    try:
        info, token = create_key(_db(Settings()), name, parse_scopes(scope), subject=subject, hall_id=hall_id)
    except ValueError as exc:
        fail(str(exc), 2)
    if as_json:
        print_json({**info.as_dict(), "key": token})
        return
    typer.echo(token)
    typer.echo(f"已创建密钥 {info.id}（{','.join(info.scopes)}）：请妥善保存，明文不会再次显示。", err=True)


@keys_app.command("list")
def keys_list(as_json: Annotated[bool, typer.Option("--json", help="以 JSON 输出")] = False) -> None:
    """列出接入密钥（不含密钥明文）。"""
    keys = list_keys(_db(Settings()))
    if as_json:
        print_json([k.as_dict() for k in keys])
        return
    for k in keys:
        state = "已吊销" if k.revoked else "有效"
        typer.echo(f"{k.id}  {k.name}  {','.join(k.scopes)}  {k.created_at}  {state}")


@keys_app.command("revoke")
def keys_revoke(key_id: Annotated[str, typer.Argument(help="密钥编号（keys list 中的第一列）")]) -> None:
    """吊销接入密钥（立即生效）。"""
    if not revoke_key(_db(Settings()), key_id):
        fail(f"没有编号为 {key_id} 的有效密钥")
    typer.echo(f"已吊销密钥 {key_id}")


@staff_app.command("create")
def staff_create(
    username: Annotated[str, typer.Argument(help="登录账号")],
    hall_id: Annotated[int, typer.Option("--hall-id", help="所属大厅编号")],
    display_name: Annotated[str, typer.Option("--name", help="显示名称")] = "",
    password_stdin: Annotated[bool, typer.Option("--password-stdin", help="从标准输入读取密码")] = False,
) -> None:
    """新建工作人员账号（密码用 scrypt 加盐哈希保存）。"""
    password = sys.stdin.readline().rstrip("\n") if password_stdin else getpass.getpass("密码（至少10位）：")
    try:
        create_staff(_db(Settings()), username, password, hall_id, display_name)
    except ValueError as exc:
        fail(str(exc), 2)
    typer.echo(f"已创建工作人员账号 {username}（大厅 {hall_id}）")


@staff_app.command("list")
def staff_list(as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """列出工作人员账号。"""
    rows = list_staff(_db(Settings()))
    if as_json:
        print_json(rows)
        return
    for r in rows:
        typer.echo(f"{r['username']}  {r['display_name']}  大厅{r['hall_id']}  {'已停用' if r['disabled'] else '正常'}")


@staff_app.command("disable")
def staff_disable(username: Annotated[str, typer.Argument(help="登录账号")]) -> None:
    """停用工作人员账号并结束其所有登录。"""
    if not set_staff_disabled(_db(Settings()), username):
        fail(f"没有账号 {username}")
    typer.echo(f"已停用 {username}")


async def _purge(settings: Settings, days: int | None, user: str | None, idem_hours: float) -> dict[str, object]:
    db = _db(settings)
    try:
        plan = purge(db, older_than_days=days, user_id=user)
        async with checkpointer(settings) as saver:
            for thread_id in plan.threads:
                await saver.adelete_thread(thread_id)
        plan.counts["idempotency"] = purge_idempotency(db, idem_hours)
    finally:
        db.close()
    return {"threads": len(plan.threads), **plan.counts}


def purge_command(
    older_than_days: Annotated[int | None, typer.Option("--older-than-days", min=0,
                                                        help="删除多少天前的记录（默认取 AUDIT_RETENTION_DAYS）")] = None,
    user: Annotated[str | None, typer.Option("--user", help="删除某个用户（X-User-Id）的全部会话与审计记录")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="以 JSON 输出")] = False,
) -> None:
    """按保留期限或按用户的删除请求，删除会话（含检查点）、审计、评价与转人工记录。"""
    settings, api = Settings(), ApiSettings()
    days = older_than_days if older_than_days is not None or user is not None else api.audit_retention_days
    counts = asyncio.run(_purge(settings, days, user, api.idempotency_hours))
    if as_json:
        print_json(counts)
        return
    typer.echo("已删除：" + "，".join(f"{k} {v}" for k, v in counts.items()))

