"""Knowledge admin: upload and ingest a document (one at a time), list documents with versions and validity."""

from __future__ import annotations

import asyncio
import re
import shutil
import uuid
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, UploadFile

from agents.pii import mask
from knowledge.documents import SUPPORTED_SUFFIXES, BadDocument, load_file
from knowledge.domains import DOMAINS
from knowledge.regions import normalise_region
from serving.api.deps import CurrentServices, Principal, require
from serving.api.errors import ApiError
from serving.api.schemas import DocumentList, IngestResult

router = APIRouter(prefix="/api/v1/knowledge", tags=["knowledge"])
Admin = Annotated[Principal, Depends(require("admin"))]
Reader = Annotated[Principal, Depends(require("staff"))]
UPLOAD_LABEL = "uploads"
_NAME = re.compile(r"[^0-9A-Za-z_.\-\u4e00-\u9fff]")
# An official document names no citizen: these kinds mean the file holds someone's personal data.
_PERSONAL = frozenset({"id_card", "mobile", "bank_card", "social_security"})


def safe_name(filename: str | None) -> str:
    """A file name safe to store: the base name, odd characters replaced, a supported suffix required."""
    base = Path((filename or "").replace("\\", "/")).name
    name = _NAME.sub("_", base).lstrip(".")[:120]
    if not name or Path(name).suffix.lower() not in SUPPORTED_SUFFIXES:
        allowed = "、".join(sorted(s.lstrip(".") for s in SUPPORTED_SUFFIXES))
        raise ApiError(415, "unsupported_file", f"不支持的文件类型，请上传 {allowed} 文件。")
    return name


def _check(path: Path, source: str, max_bytes: int, domain: str | None, region: str | None) -> None:
    try:
        doc = load_file(path, source, max_bytes, domain=domain, region=region)
    except BadDocument as exc:
        raise ApiError(422, "bad_document", str(exc).replace(str(path), source)) from None
    if set(mask(doc.text)[1]) & _PERSONAL:
        raise ApiError(422, "personal_data", "文档中含有身份证号、手机号、银行卡号等个人信息，请删除后再上传。")


@router.post("/documents", response_model=IngestResult, status_code=201, summary="上传并导入文档",
             responses={413: {"description": "文件过大"}, 415: {"description": "文件类型不支持"},
                        422: {"description": "文档无法导入或含个人信息"}})
async def upload(who: Admin, svc: CurrentServices, file: Annotated[UploadFile, File(description="文档文件")],
                 domain: Annotated[str | None, Form(max_length=32)] = None,
                 region: Annotated[str | None, Form(max_length=32)] = None) -> IngestResult:
    """Store the file under the data directory and ingest it (a new version replaces the old one)."""
    if domain is not None and domain not in DOMAINS:
        raise ApiError(422, "invalid_domain", f"未知领域，可选：{'、'.join(DOMAINS)}。")
    try:
        region = normalise_region(region) if region else None
    except ValueError as exc:
        raise ApiError(422, "invalid_region", str(exc)) from None
    name = safe_name(file.filename)
    folder = svc.settings.paths.home / UPLOAD_LABEL
    incoming = folder / ".incoming"
    incoming.mkdir(parents=True, exist_ok=True)
    temp = incoming / f"{uuid.uuid4().hex}{Path(name).suffix.lower()}"
    source = f"{UPLOAD_LABEL}/{name}"
    max_bytes = svc.kb.ingestor.max_bytes
    try:
        with temp.open("wb") as out:
            await asyncio.to_thread(shutil.copyfileobj, file.file, out)
        await asyncio.to_thread(_check, temp, source, max_bytes, domain, region)
        async with svc.ingest_lock:
            final = folder / name
            await asyncio.to_thread(temp.replace, final)
            report = await asyncio.to_thread(svc.kb.ingestor.ingest_path, final, domain=domain, region=region,
                                              progress=False, label=UPLOAD_LABEL)
            rows = await asyncio.to_thread(svc.kb.store.documents)
    finally:
        temp.unlink(missing_ok=True)
    if report.failed:
        raise ApiError(422, "bad_document", "；".join(report.failed)[:500])
    return IngestResult(source=source, report=report.as_dict(), documents=[r for r in rows if r.get("source") == source])


@router.get("/documents", response_model=DocumentList, summary="文档列表")
async def documents(who: Reader, svc: CurrentServices) -> DocumentList:
    """Every stored document version: id, version, title, domains, region, validity, chunk count."""
    rows: list[dict[str, Any]] = await asyncio.to_thread(svc.kb.store.documents)
    return DocumentList(items=rows, total=len(rows))
