"""Building citations from retrieved passages and tool results."""

from __future__ import annotations

from typing import Any

from agents.state import Citation
from knowledge.retrieval import Hit

SNIPPET_CHARS = 160


def from_hit(hit: Hit) -> Citation:
    """A citation for a retrieved chunk (its number is assigned when the answer is merged)."""
    return Citation(
        id=0,
        doc_id=hit.doc_id,
        doc_version=hit.doc_version,
        title=hit.title,
        section=hit.section,
        snippet=hit.text[:SNIPPET_CHARS],
        source=hit.source,
        region=hit.region,
        valid_from=hit.valid_from,
        valid_to=hit.valid_to,
        chunk_id=hit.chunk_id,
    )


def from_tool(name: str, result: dict[str, Any], summary: str) -> Citation:
    """A citation for a tool result: the service database record it came from."""
    return Citation(
        id=0,
        doc_id=f"tool:{name}",
        doc_version="",
        title=str(result.get("source", name)),
        section=name,
        snippet=summary[:SNIPPET_CHARS],
        source="湖北省政务服务事项数据库（示例数据）",
        region=str(result.get("city") or ""),
        valid_from=None,
        valid_to=None,
        chunk_id=f"tool:{name}",
    )
