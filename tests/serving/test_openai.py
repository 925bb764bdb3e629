"""The OpenAI-compatible endpoint driven by the official `openai` client and by raw SSE over httpx."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import openai
import pytest

from knowledge.base import KnowledgeBase
from serving.api.settings import ApiSettings
from tests.serving.server import Server, start_server
from tests.serving.support import key, parse_sse

QUESTION = "武汉市办理居住证需要什么材料？"
HUBEI = {"status", "domains", "citations", "grounded", "emergency", "handoff", "ai_label", "thread_id"}


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, serving_kb: KnowledgeBase, router_cache: Path) -> Iterator[Server]:
    srv = start_server(tmp_path_factory.mktemp("openai-home"), serving_kb, router_cache,
                       ApiSettings(rate_limit_ip_burst=1000))
    yield srv
    srv.stop()


@pytest.fixture(scope="module")
def token(server: Server) -> str:
    return key(server.services.db, "service", name="openai-test")


@pytest.fixture(scope="module")
def client(server: Server, token: str) -> openai.OpenAI:
    return openai.OpenAI(base_url=server.url + "/v1", api_key=token, max_retries=0, timeout=120)


def extra(model: Any) -> dict[str, Any]:
    data: dict[str, Any] = model.model_extra or {}
    return data


def test_models(client: openai.OpenAI) -> None:
    assert [m.id for m in client.models.list()] == ["hubei-agent"]
    assert client.models.retrieve("hubei-agent").id == "hubei-agent"


def test_non_streaming_carries_hubei_fields(client: openai.OpenAI) -> None:
    done = client.chat.completions.create(model="hubei-agent", messages=[{"role": "user", "content": QUESTION}])
    message = done.choices[0].message
    hubei = extra(message)["hubei"]
    assert set(hubei) >= HUBEI
    assert hubei["status"] == "answered" and hubei["grounded"] is True and hubei["domains"] == ["government"]
    assert hubei["citations"] and hubei["citations"][0]["doc_version"]
    assert message.content is not None and "[1]" in message.content
    assert "参考依据：" in message.content and message.content.endswith(hubei["ai_label"])
    assert extra(done)["hubei"] == hubei
    assert done.choices[0].finish_reason == "stop"


def test_streaming_final_chunk_carries_hubei_fields(client: openai.OpenAI) -> None:
    stream = client.chat.completions.create(model="hubei-agent", stream=True,
                                            messages=[{"role": "user", "content": QUESTION}])
    chunks = list(stream)
    text = "".join(c.choices[0].delta.content or "" for c in chunks)
    last = chunks[-1]
    hubei = extra(last.choices[0].delta)["hubei"]
    assert last.choices[0].finish_reason == "stop"
    assert extra(last)["hubei"] == hubei
    assert set(hubei) >= HUBEI and hubei["status"] == "answered" and hubei["citations"]
    assert "[1]" in text and text.endswith(hubei["ai_label"])
    assert all("hubei" not in extra(c.choices[0].delta) for c in chunks[:-1])


def test_raw_sse_over_httpx(server: Server, token: str) -> None:
    body = {"model": "hubei-agent", "stream": True, "messages": [{"role": "user", "content": QUESTION}]}
    with httpx.Client(timeout=120) as http, http.stream(
            "POST", server.url + "/v1/chat/completions", json=body, headers={"Authorization": f"Bearer {token}"}) as r:
        assert r.headers["content-type"].startswith("text/event-stream")
        events = parse_sse(r.read().decode())
    assert events[-1] == (None, "[DONE]")
    final = events[-2][1]
    assert final["object"] == "chat.completion.chunk"
    assert final["hubei"]["citations"] == final["choices"][0]["delta"]["hubei"]["citations"]
    assert final["hubei"]["citations"][0]["title"]


def test_replayed_history_continues_the_thread(client: openai.OpenAI, server: Server) -> None:
    first = client.chat.completions.create(model="hubei-agent", messages=[{"role": "user", "content": QUESTION}])
    tid = extra(first.choices[0].message)["hubei"]["thread_id"]
    history = [{"role": "system", "content": "你是助手"}, {"role": "user", "content": QUESTION},
               {"role": "assistant", "content": first.choices[0].message.content}]
    second = client.chat.completions.create(model="hubei-agent",
                                            messages=[*history, {"role": "user", "content": "那要去哪里办？"}])
    assert extra(second.choices[0].message)["hubei"]["thread_id"] == tid
    other_key = openai.OpenAI(base_url=server.url + "/v1", api_key=key(server.services.db, "service"), max_retries=0)
    foreign = other_key.chat.completions.create(model="hubei-agent",
                                                messages=[*history[1:], {"role": "user", "content": "那要去哪里办？"}])
    assert extra(foreign.choices[0].message)["hubei"]["thread_id"] != tid


def test_user_field_and_metadata_continue_a_thread(client: openai.OpenAI) -> None:
    def ask(**kwargs: Any) -> str:
        done = client.chat.completions.create(model="hubei-agent", messages=[{"role": "user", "content": QUESTION}],
                                              **kwargs)
        return str(extra(done.choices[0].message)["hubei"]["thread_id"])

    by_user = ask(user="wechat-user-1")
    assert ask(user="wechat-user-1") == by_user
    assert ask(user="wechat-user-2") != by_user
    assert "wechat-user-1" not in by_user
    assert not any(ch.isdigit() for ch in by_user)  # never read as a phone or card number when sent back
    assert ask(metadata={"thread_id": by_user}) == by_user


def test_errors_reach_the_client_as_openai_errors(client: openai.OpenAI, server: Server) -> None:
    with pytest.raises(openai.NotFoundError) as missing:
        client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": QUESTION}])
    assert "hubei-agent" in str(missing.value)
    bad = openai.OpenAI(base_url=server.url + "/v1", api_key="hk_000000000000_" + "x" * 40, max_retries=0)
    with pytest.raises(openai.AuthenticationError):
        bad.chat.completions.create(model="hubei-agent", messages=[{"role": "user", "content": QUESTION}])
    with pytest.raises(openai.UnprocessableEntityError):
        client.chat.completions.create(model="hubei-agent", messages=[{"role": "user", "content": " "}])
    with pytest.raises(openai.BadRequestError):
        client.chat.completions.create(model="hubei-agent", messages=[{"role": "assistant", "content": "hi"}])
