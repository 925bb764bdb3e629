"""Request and response bodies of the native API (the turn itself is `agents.assistant.TurnResult`)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from agents.pii import mask
from knowledge.regions import normalise_region
from tools.fields import CityName, DistrictName, IdNumber, LongText, MobilePhone, PersonName, ShortText
from tools.work_orders import OrderKind

THREAD_ID_PATTERN = r"^[A-Za-z0-9_\-:.]{1,128}$"


def _thread_id(value: str | None) -> str | None:
    if value is not None and mask(value)[1]:
        raise ValueError("会话编号不能包含身份证号、手机号等个人信息")
    return value


def _region(value: str | None) -> str | None:
    return normalise_region(value) if value else None


class Strict(BaseModel):
    """Unknown fields are rejected."""

    model_config = ConfigDict(extra="forbid")


class ChatRequest(Strict):
    """One citizen message."""

    message: str = Field(max_length=20000, description="市民的问题（最多2000字，超出会被拒绝）")
    thread_id: str | None = Field(default=None, pattern=THREAD_ID_PATTERN, description="会话编号；省略则新开会话")
    region: str | None = Field(default=None, max_length=32, description="地区：湖北省或17个市州之一")
    stream: bool = Field(default=False, description="true 时以 SSE 返回（route/token/citation/status/handoff/done）")

    _tid = field_validator("thread_id")(_thread_id)
    _reg = field_validator("region")(_region)


class HandoffRequest(Strict):
    """A citizen asks for a person."""

    thread_id: str | None = Field(default=None, pattern=THREAD_ID_PATTERN)
    region: str | None = Field(default=None, max_length=32)

    _tid = field_validator("thread_id")(_thread_id)
    _reg = field_validator("region")(_region)


class ThreadMessage(BaseModel):
    """One message of a thread (already masked)."""

    role: str
    content: str
    status: str | None = None


class ThreadView(BaseModel):
    """A thread's messages and whether it waits for a person."""

    thread_id: str
    messages: list[ThreadMessage]
    waiting_for_staff: bool
    handoff_summary: str | None = None


class FeedbackRequest(Strict):
    """Thumbs up or down on a thread's answers."""

    thread_id: str = Field(pattern=THREAD_ID_PATTERN)
    rating: Literal["up", "down"]
    reason: str | None = Field(default=None, max_length=500)


class Ack(BaseModel):
    """A write that returns nothing else."""

    ok: bool = True
    id: int | None = None


class StaffLogin(Strict):
    """Console sign-in."""

    username: str = Field(min_length=1, max_length=64)
    password: str = Field(min_length=1, max_length=256)


class StaffMe(BaseModel):
    """The signed-in member of staff."""

    username: str
    display_name: str
    hall_id: int


class StaffReply(Strict):
    """A person's answer to a waiting thread."""

    reply: str = Field(min_length=1, max_length=4000)


class HandoffItem(BaseModel):
    """One thread in the staff queue."""

    thread_id: str
    summary: str
    since: str


class HandoffQueue(BaseModel):
    """Threads waiting for a person, oldest first."""

    items: list[HandoffItem]
    total: int


class BookingRequest(Strict):
    """Book a hospital slot for the citizen the key acts for (`X-User-Id`)."""

    slot_id: int = Field(ge=1, le=2**31 - 1, title="号源编号", description="find_appointment_slots 返回的 slot_id")
    patient_name: PersonName = Field(title="就诊人姓名")
    patient_id_number: IdNumber = Field(title="就诊人身份证号码")
    confirm: bool = Field(default=False, description="用户明确确认后为 true；否则返回 409 confirmation_required")


class WorkOrderRequest(Strict):
    """File a 12345-style work order for the citizen the key acts for."""

    kind: OrderKind
    city: CityName
    district: DistrictName | None = None
    location: ShortText
    description: LongText
    contact_consent: bool = False
    contact_name: PersonName | None = None
    contact_phone: MobilePhone | None = None
    confirm: bool = False


class DomainSwitch(Strict):
    """Turn a domain's answers on or off in this process."""

    enabled: bool


class DomainState(BaseModel):
    """Which domains are answered."""

    domain: str | None = None
    enabled: bool | None = None
    disabled_domains: list[str]


class StaffCreate(Strict):
    """A new console account."""

    username: str = Field(min_length=2, max_length=64)
    password: str = Field(min_length=10, max_length=256)
    hall_id: int = Field(ge=1)
    display_name: str = Field(default="", max_length=64)


class KeyCreate(Strict):
    """A new API key."""

    name: str = Field(min_length=1, max_length=64)
    scopes: list[Literal["citizen_app", "staff", "service", "admin"]] = Field(min_length=1, max_length=4)
    subject: str | None = Field(default=None, min_length=1, max_length=128, description="staff 密钥的工作人员账号")
    hall_id: int | None = Field(default=None, ge=1, le=2**31 - 1, description="staff 密钥所属大厅编号")


class KeyView(BaseModel):
    """A key as listed: never its secret."""

    id: str
    name: str
    scopes: list[str]
    subject: str | None
    hall_id: int | None
    created_at: str
    revoked: bool


class KeyCreated(KeyView):
    """A key just created: the plaintext is in `key`, shown this once."""

    key: str


class KeyList(BaseModel):
    """Every key, oldest first."""

    items: list[KeyView]
    total: int


class IngestResult(BaseModel):
    """What an upload changed in the knowledge base."""

    source: str
    report: dict[str, Any]
    documents: list[dict[str, Any]]


class DocumentList(BaseModel):
    """Stored documents with their versions and validity."""

    items: list[dict[str, Any]]
    total: int

