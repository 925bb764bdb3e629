"""Helpers shared by the command modules: readable failures, JSON on stdout, opening the knowledge base."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, NoReturn

import typer
from pydantic import ValidationError

from knowledge.base import KnowledgeBase
from knowledge.domains import DOMAINS
from knowledge.regions import normalise_region
from knowledge.store import StoreError
from serving.bootstrap import ConfigError, open_knowledge
from serving.settings import Settings


def fail(message: str, code: int = 1) -> NoReturn:
    """Print one readable error line on stderr and exit."""
    typer.echo(f"错误：{message}", err=True)
    raise typer.Exit(code)


def print_json(data: Any) -> None:
    """Print one JSON document on stdout (logs and progress go to stderr)."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


@contextmanager
def knowledge(*, auto_sample: bool = True, progress: bool = True) -> Iterator[KnowledgeBase]:
    """Open the knowledge base, turning known start-up problems into one readable line."""
    try:
        kb = open_knowledge(Settings())
        if auto_sample:
            kb.ensure_sample(progress=progress)
    except (StoreError, ConfigError, ValidationError) as exc:
        fail(str(exc))
    try:
        yield kb
    finally:
        kb.close()


def check_domain(domain: str | None) -> str | None:
    """Validate a --domain option."""
    if domain is not None and domain not in DOMAINS:
        fail(f"未知领域 {domain}，可选：{', '.join(DOMAINS)}", 2)
    return domain


def check_region(region: str | None) -> str | None:
    """Validate and normalise a --region option."""
    try:
        return normalise_region(region)
    except ValueError as exc:
        fail(str(exc), 2)
