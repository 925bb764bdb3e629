"""Base classes for tool arguments and results, and the `source` line results carry."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

DATABASE_NAME = "湖北省政务服务事项数据库"


def source_for(title: str, sample: bool = True) -> str:
    """The citation line for a result, e.g. 湖北省政务服务事项数据库（示例数据）·襄阳市高龄津贴标准."""
    return f"{DATABASE_NAME}{'（示例数据）' if sample else ''}·{title}"


class ToolArgs(BaseModel):
    """Arguments of a tool: unknown keys are rejected, surrounding spaces stripped."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class ToolResult(BaseModel):
    """What every tool returns: its data plus the line to cite and whether it is sample data."""

    source: str = Field(title="数据来源")
    sample: bool = Field(default=True, title="是否为示例数据")
