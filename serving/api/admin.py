"""Admin: the per-domain kill switch, API keys and staff accounts."""

from __future__ import annotations

import logging
from typing import Annotated

from fastapi import APIRouter, Depends, Path

from knowledge.domains import DOMAINS
from serving.api.deps import CurrentServices, Principal, Services, require
from serving.api.errors import ApiError
from serving.api.schemas import (
    Ack,
    DomainState,
    DomainSwitch,
    KeyCreate,
    KeyCreated,
    KeyList,
    KeyView,
    StaffCreate,
    StaffMe,
)
from serving.auth import create_key, create_staff, list_keys, revoke_key

log = logging.getLogger("serving.admin")
router = APIRouter(prefix="/api/v1/admin", tags=["admin"])
Admin = Annotated[Principal, Depends(require("admin"))]


def set_domain(svc: Services, domain: str, enabled: bool) -> None:
    """Switch a domain on or off for this process; the graph reads the set on every turn."""
    if enabled:
        svc.disabled_domains.discard(domain)
    else:
        svc.disabled_domains.add(domain)
    if svc.agent_deps is not None:
        svc.agent_deps.disabled_domains = frozenset(svc.disabled_domains)


@router.get("/domains", response_model=DomainState, summary="各领域开关")
async def domains(who: Admin, svc: CurrentServices) -> DomainState:
    """Which domains are switched off."""
    return DomainState(disabled_domains=sorted(svc.disabled_domains))


@router.post("/domains/{domain}", response_model=DomainState, summary="开启或关闭一个领域")
async def switch(body: DomainSwitch, who: Admin, svc: CurrentServices,
                 domain: str = Path(max_length=32)) -> DomainState:
    """Kill switch: a disabled domain answers with its fixed notice and hotline until switched back on."""
    if domain not in DOMAINS:
        raise ApiError(404, "unknown_domain", f"未知领域，可选：{'、'.join(DOMAINS)}。")
    set_domain(svc, domain, body.enabled)
    log.warning("domain switched", extra={"ctx": {"event": "domain_switch", "key_id": who.key_id,
                                                  "outcome": f"{domain}={'on' if body.enabled else 'off'}"}})
    return DomainState(domain=domain, enabled=body.enabled, disabled_domains=sorted(svc.disabled_domains))


@router.post("/staff", response_model=StaffMe, status_code=201, summary="新建工作人员账号")
async def new_staff(body: StaffCreate, who: Admin, svc: CurrentServices) -> StaffMe:
    """Create a console account (password stored with scrypt)."""
    try:
        info = await svc.run_db(create_staff, svc.db, body.username, body.password, body.hall_id, body.display_name)
    except ValueError as exc:
        raise ApiError(409 if "已存在" in str(exc) else 422, "invalid_staff", str(exc)) from None
    return StaffMe(username=info.username, display_name=info.display_name, hall_id=info.hall_id)


@router.get("/keys", response_model=KeyList, summary="接入密钥列表")
async def keys(who: Admin, svc: CurrentServices) -> KeyList:
    """Every key with its scopes and state (never the secret)."""
    items = [KeyView(**k.as_dict()) for k in await svc.run_db(list_keys, svc.db)]  # type: ignore[arg-type]
    return KeyList(items=items, total=len(items))


@router.post("/keys", response_model=KeyCreated, status_code=201, summary="新建接入密钥")
async def new_key(body: KeyCreate, who: Admin, svc: CurrentServices) -> KeyCreated:
    """Create a key; its plaintext is in `key`, shown this once (the server keeps only a salted hash)."""
    try:
        info, token = await svc.run_db(create_key, svc.db, body.name, tuple(dict.fromkeys(body.scopes)),
                                       subject=body.subject, hall_id=body.hall_id)
    except ValueError as exc:
        raise ApiError(422, "invalid_key", str(exc)) from None
    log.warning("api key created", extra={"ctx": {"event": "key_created", "key_id": who.key_id,
                                                  "outcome": info.id}})
    return KeyCreated(**info.as_dict(), key=token)  # type: ignore[arg-type]


@router.delete("/keys/{key_id}", response_model=Ack, summary="吊销接入密钥")
async def drop_key(who: Admin, svc: CurrentServices, key_id: str = Path(pattern="^[0-9a-f]{12}$")) -> Ack:
    """Revoke a key at once."""
    if not await svc.run_db(revoke_key, svc.db, key_id):
        raise ApiError(404, "key_not_found", "没有这个有效的接入密钥。")
    log.warning("api key revoked", extra={"ctx": {"event": "key_revoked", "key_id": who.key_id, "outcome": key_id}})
    return Ack()
