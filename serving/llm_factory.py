"""Builds the chat model from settings: none (extractive answers) unless `LLM_BASE_URL` is set."""

from __future__ import annotations

from agents.chat import ChatModel
from serving.settings import Settings


def build_chat(settings: Settings) -> ChatModel | None:
    """The OpenAI-compatible client for the configured server, or None."""
    if not settings.llm.base_url:
        return None
    from serving.llm_client import OpenAIChatModel

    return OpenAIChatModel(settings.llm)
