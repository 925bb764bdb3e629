"""Settings of the HTTP API (webhooks, limits, CORS, retention), read from the environment once at start-up."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

MIB = 1024 * 1024


def _split(value: object) -> object:
    if isinstance(value, str):
        return [v.strip() for v in value.split(",") if v.strip()]
    return value


class ApiSettings(BaseSettings):
    """Switches and limits of the API process; every value has a safe default for the embedded set-up."""

    model_config = SettingsConfigDict(extra="ignore")

    webhook_urls: Annotated[list[str], NoDecode] = Field(default_factory=list)
    webhook_secret: str = ""
    webhook_attempts: int = Field(default=4, ge=1, le=10)
    webhook_timeout_s: float = Field(default=5.0, gt=0, le=60)
    cors_origins: Annotated[list[str], NoDecode] = Field(default_factory=list)
    audit_retention_days: int = Field(default=180, ge=1, le=3650)
    rate_limit_ip_per_min: float = Field(default=60, gt=0)
    rate_limit_ip_burst: int = Field(default=20, ge=1)
    rate_limit_key_per_min: float = Field(default=1200, gt=0)
    rate_limit_key_burst: int = Field(default=200, ge=1)
    api_max_inflight: int = Field(default=4, ge=1, le=256)
    api_max_queue: int = Field(default=60, ge=0, le=10000)
    api_max_json_bytes: int = Field(default=1 * MIB, ge=1024)
    api_max_upload_bytes: int = Field(default=20 * MIB, ge=1024)
    trust_forwarded_for: bool = False
    session_hours: float = Field(default=8.0, gt=0, le=24 * 30)
    idempotency_hours: float = Field(default=24.0, gt=0, le=24 * 30)

    @field_validator("webhook_urls", "cors_origins", mode="before")
    @classmethod
    def _comma_list(cls, value: object) -> object:
        return _split(value)

    @field_validator("webhook_urls")
    @classmethod
    def _http_only(cls, value: list[str]) -> list[str]:
        bad = [v for v in value if not v.startswith(("http://", "https://"))]
        if bad:
            raise ValueError(f"WEBHOOK_URLS 只能是 http(s) 地址，无效：{bad}")
        return value

    @property
    def capacity(self) -> int:
        """Turns admitted at once: running plus waiting; beyond it a turn gets 429 at once."""
        return self.api_max_inflight + self.api_max_queue
