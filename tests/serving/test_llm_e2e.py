"""End to end over real sockets: a real model (SmolLM2 on llama.cpp) and real faulty servers on loopback."""

from __future__ import annotations

import asyncio
import json
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import AsyncIterator, Callable, Iterator, Sequence
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from agents.chat import ChatError, ChatReply
from agents.verify import MIN_OVERLAP, overlap
from knowledge.base import KnowledgeBase
from knowledge.ingest import sample_corpus_dir
from knowledge.store import open_client
from serving import llm_serve, models_local
from serving.bootstrap import open_assistant
from serving.llm_client import CircuitBreaker, OpenAIChatModel
from serving.settings import LLMSettings, PathSettings, ServiceSettings, Settings

pytestmark = pytest.mark.slow
QUESTION = "I lost my Wuhan residence permit. How do I get it reissued?"
DOC = "gov-residence-permit-wuhan-en"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def port_open(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


# ---------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("home")


@pytest.fixture(scope="module")
def kb(home: Path, embedder: Any, lexicon: Any) -> Iterator[KnowledgeBase]:
    """One English guide (SmolLM2 reads English only), so prompts stay small and fast."""
    base = KnowledgeBase(open_client(None, None, home / "qdrant"), "e2e_docs", embedder, lexicon=lexicon)
    base.ingestor.ingest_path(sample_corpus_dir() / "en" / f"{DOC}.md", progress=False)
    yield base
    base.close()


@dataclass(frozen=True)
class RealLLM:
    base_url: str
    served: str


# `make test-vllm` sets these: the same tests then run against real vLLM (CPU build) in its own venv.
ENGINE = os.environ.get("HUBEI_TEST_LLM_ENGINE", "llamacpp")
VLLM_BIN = os.environ.get("HUBEI_TEST_VLLM_BIN", ".venv-vllm/bin/vllm")


def serve_command(port: int) -> tuple[list[str], str, float]:
    """The `llm serve` command line for the engine under test, its served name, and how long it may take."""
    base = [sys.executable, "-m", "serving.llm_serve", "serve", "--port", str(port)]
    if ENGINE == "llamacpp":
        return [*base, "--engine", "llamacpp", "--model", "smollm2", "--ready-timeout", "300"], \
            "smollm2-135m-instruct", 320
    python = str(Path(VLLM_BIN).parent / "python")
    weights = models_local.export_safetensors(models_local.smollm2().path, PathSettings().home / "models", python)
    return [*base, "--engine", "vllm", "--model", str(weights), "--host", "127.0.0.1", "--vllm-bin", VLLM_BIN,
            "--ready-timeout", "1200"], "hubei-llm", 1230


@pytest.fixture(scope="module")
def real_llm(home: Path) -> Iterator[RealLLM]:
    """`llm serve` (llama.cpp with SmolLM2, or vLLM) as a separate process, read back from its stdout."""
    port = free_port()
    cmd, served, wait_s = serve_command(port)
    out, err = (home / "serve.out").open("wb"), (home / "serve.err").open("wb")
    env = {**os.environ, "HUBEI_AGENT_HOME": str(home), "VLLM_CPU_KVCACHE_SPACE": "2"}
    proc = subprocess.Popen(cmd, stdout=out, stderr=err, stdin=subprocess.DEVNULL, env=env)
    deadline = time.monotonic() + wait_s
    lines: list[str] = []
    while time.monotonic() < deadline and proc.poll() is None:
        lines = (home / "serve.out").read_text().splitlines()
        if any(line.startswith("LLM_BASE_URL=") for line in lines):
            break
        time.sleep(0.2)
    try:
        assert lines[:2] == [f"LLM_BASE_URL=http://127.0.0.1:{port}/v1", f"LLM_MODEL={served}"], (
            (home / "serve.err").read_text()[-3000:])
        yield RealLLM(f"http://127.0.0.1:{port}/v1", served)
    finally:
        proc.terminate()
        assert proc.wait(60) == 0
        out.close()
        err.close()
    assert not port_open(port)  # the engine went with its launcher


def settings_for(home: Path, base_url: str, timeout_s: float) -> Settings:
    s = Settings()
    s.paths = PathSettings(home=home)
    s.llm = LLMSettings(base_url=base_url, model="hubei-llm", timeout_s=timeout_s)
    s.service = ServiceSettings(database_url=None, redis_url=None, disabled_domains=[])
    return s


@dataclass
class Recorder:
    """Passes calls to the real client, capping generation so CI stays fast, and keeps what came back."""

    inner: OpenAIChatModel
    cap: int = 128
    replies: list[ChatReply] = field(default_factory=list)
    errors: list[ChatError] = field(default_factory=list)

    @property
    def model_id(self) -> str:
        return self.inner.model_id

    async def complete(self, messages: Sequence[dict[str, Any]], *, tools: Any = None, json_schema: Any = None,
                       max_tokens: int = 512, timeout_s: float | None = None) -> ChatReply:
        try:
            reply = await self.inner.complete(messages, tools=tools, json_schema=json_schema,
                                              max_tokens=min(max_tokens, self.cap), timeout_s=timeout_s)
        except ChatError as exc:
            self.errors.append(exc)
            raise
        self.replies.append(reply)
        return reply

    def stream(self, messages: Sequence[dict[str, Any]], *, max_tokens: int = 512,
               timeout_s: float | None = None) -> AsyncIterator[str]:
        return self.inner.stream(messages, max_tokens=min(max_tokens, self.cap), timeout_s=timeout_s)


async def ask(home: Path, kb: KnowledgeBase, chat: Any, timeout_s: float, question: str = QUESTION) -> Any:
    async with open_assistant(settings_for(home, "http://unused", timeout_s), kb, chat=chat) as assistant:
        return await assistant.ask(question)


# ---------------------------------------------------------------- tiny real servers on loopback

Handler = Callable[[dict[str, Any]], tuple[int, str, bytes]]


class TinyLLM:
    """A real HTTP server on 127.0.0.1 answering /v1/chat/completions with `handler(request_json)`."""

    def __init__(self, handler: Handler) -> None:
        outer = self

        class H(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                outer.requests.append(body)
                code, ctype, payload = handler(body)
                self.send_response(code)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *args: object) -> None:
                pass

        self.requests: list[dict[str, Any]] = []
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), H)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def reply_json(content: str = "", **message: Any) -> tuple[int, str, bytes]:
    body = {"model": "tiny", "choices": [{"index": 0, "message": {"role": "assistant", "content": content,
                                                                    **message}, "finish_reason": "stop"}]}
    return 200, "application/json", json.dumps(body).encode()


@pytest.fixture
def tiny() -> Iterator[Callable[[Handler], TinyLLM]]:
    servers: list[TinyLLM] = []

    def make(handler: Handler) -> TinyLLM:
        servers.append(TinyLLM(handler))
        return servers[-1]

    yield make
    for s in servers:
        s.close()


@pytest.fixture
def hanging() -> Iterator[str]:
    """Accepts connections (the kernel completes them) and never answers a byte."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen(16)
        yield f"http://127.0.0.1:{s.getsockname()[1]}/v1"


def client(base_url: str, timeout_s: float = 240.0, **kw: Any) -> OpenAIChatModel:
    return OpenAIChatModel(LLMSettings(base_url=base_url, model="hubei-llm", timeout_s=timeout_s), **kw)


def first_passage_line(request: dict[str, Any]) -> str:
    """What a faithful model would write: the first line of passage [1], quoted, with its marker."""
    lines = request["messages"][-1]["content"].splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("[1] "))
    text = next(line for line in lines[start + 1:] if line.strip() and not line.startswith("#"))
    return f"{text.strip()} [1]"


# ---------------------------------------------------------------- (a) the client against a real model


def test_complete_and_stream_against_a_real_model(real_llm: RealLLM) -> None:
    m = client(real_llm.base_url)

    async def run() -> tuple[ChatReply, list[str]]:
        msgs = [{"role": "user", "content": "Say hello to a new resident of Wuhan."}]
        return await m.complete(msgs, max_tokens=24), [p async for p in m.stream(msgs, max_tokens=24)]

    reply, pieces = asyncio.run(run())
    assert reply.content.strip() and reply.tool_calls == ()
    assert reply.model == real_llm.served
    assert len(pieces) > 3 and "".join(pieces).strip()
    assert m.breaker_state == "closed"
    assert m.counters["requests"] == 2 and m.counters["errors"] == 0


def test_readiness_probe_runs_a_one_token_completion(real_llm: RealLLM, hanging: str) -> None:
    assert llm_serve.probe(real_llm.base_url, real_llm.served) is None
    assert llm_serve.probe(hanging, "hubei-llm", timeout_s=0.5) == "ReadTimeout: timed out"


# ---------------------------------------------------------------- (b) the whole assistant, generative path


def test_assistant_answers_through_the_real_model_and_the_verifier_judges_it(
        real_llm: RealLLM, home: Path, kb: KnowledgeBase) -> None:
    chat = Recorder(client(real_llm.base_url))
    result = asyncio.run(ask(home, kb, chat, timeout_s=240))
    assert chat.errors == [] and len(chat.replies) == 1  # the generative path ran, no fallback
    print(f"\nmodel wrote: {chat.replies[0].content!r}\nstatus: {result.status}, downgraded: {result.downgraded}")
    assert result.model_id == "hubei-llm" and result.route == ["government"]
    if result.status == "no_basis":
        # A 135M model rarely cites well: the verifier refuses the answer rather than showing it.
        assert result.downgraded is True and result.grounded is False and result.citations == []
    else:
        assert (result.status, result.grounded, result.downgraded) == ("answered", True, False)
        passages = {(h.doc_id, h.section): h.text for h in kb.retriever.search(QUESTION, k=10).hits}
        for line in result.answer.splitlines():
            if line.endswith("]") and " [" in line:
                text, n = line.rsplit(" [", 1)
                cite = result.citations[int(n[:-1]) - 1]
                assert overlap(text, passages[(cite.doc_id, cite.section)]) >= MIN_OVERLAP


def test_invented_citation_from_the_model_is_caught(tiny: Callable[[Handler], TinyLLM], home: Path,
                                                     kb: KnowledgeBase) -> None:
    server = tiny(lambda req: reply_json("You can get a new permit at any police station. [9]"))
    result = asyncio.run(ask(home, kb, client(server.url), timeout_s=10))
    assert len(server.requests) == 1
    assert (result.status, result.downgraded, result.grounded, result.citations) == ("no_basis", True, False, [])
    assert "12345" in result.answer


def test_unsupported_sentence_from_the_model_is_caught(tiny: Callable[[Handler], TinyLLM], home: Path,
                                                        kb: KnowledgeBase) -> None:
    server = tiny(lambda req: reply_json("A replacement costs 880 yuan and arrives by drone within 2 hours. [1]"))
    result = asyncio.run(ask(home, kb, client(server.url), timeout_s=10))
    assert (result.status, result.downgraded, result.grounded) == ("no_basis", True, False)


def test_faithful_model_output_is_shown_with_its_citation(tiny: Callable[[Handler], TinyLLM], home: Path,
                                                           kb: KnowledgeBase) -> None:
    server = tiny(lambda req: reply_json(first_passage_line(req)))
    result = asyncio.run(ask(home, kb, client(server.url), timeout_s=10))
    expected = first_passage_line(server.requests[0])
    assert (result.status, result.downgraded, result.grounded) == ("answered", False, True)
    assert result.answer.splitlines() == [expected]
    assert [c.doc_id for c in result.citations] == [DOC]


# ---------------------------------------------------------------- (c) faults with real processes and sockets


def test_hanging_server_times_out_within_the_budget(hanging: str, home: Path, kb: KnowledgeBase) -> None:
    m = client(hanging)
    msgs = [{"role": "user", "content": "hello"}]
    for call in (lambda: m.complete(msgs, timeout_s=1.5), lambda: _drain(m.stream(msgs, timeout_s=1.5))):
        t0 = time.monotonic()
        with pytest.raises(ChatError, match=r"no answer within 1.5s"):
            asyncio.run(call())  # type: ignore[arg-type]
        assert 1.4 <= time.monotonic() - t0 < 3.0
    t0 = time.monotonic()
    result = asyncio.run(ask(home, kb, client(hanging), timeout_s=2))
    assert result.status == "answered" and result.grounded and result.citations[0].doc_id == DOC
    assert time.monotonic() - t0 < 2 + 20  # the model's budget plus retrieval and graph overhead


async def _drain(stream: AsyncIterator[str]) -> list[str]:
    return [p async for p in stream]


def test_garbage_and_invalid_tool_calls_are_chat_errors(tiny: Callable[[Handler], TinyLLM], home: Path,
                                                         kb: KnowledgeBase) -> None:
    garbage = tiny(lambda req: (200, "text/html", b"<html>502 upstream went away</html>"))
    bad_tool = tiny(lambda req: reply_json("", tool_calls=[
        {"id": "c1", "type": "function", "function": {"name": "find_service_hall", "arguments": "{\"city\": "}}]))
    msgs = [{"role": "user", "content": "hello"}]
    with pytest.raises(ChatError, match="not an OpenAI chat response: body is not JSON"):
        asyncio.run(client(garbage.url).complete(msgs))
    with pytest.raises(ChatError, match="stream ended before the model finished"):
        asyncio.run(_drain(client(garbage.url).stream(msgs)))
    tool = {"type": "function", "function": {"name": "find_service_hall", "parameters": {"type": "object"}}}
    with pytest.raises(ChatError, match="invalid JSON arguments"):
        asyncio.run(client(bad_tool.url).complete(msgs, tools=[tool]))
    result = asyncio.run(ask(home, kb, client(garbage.url), timeout_s=5))
    assert result.status == "answered" and result.grounded and result.downgraded is False


def test_server_killed_mid_stream_then_breaker_opens_and_closes_again(home: Path, kb: KnowledgeBase) -> None:
    port = free_port()
    log = (home / f"kill-{port}.log").open("wb")
    model = models_local.smollm2()
    server = llm_serve.start_llamacpp(model, port=port, log=log)
    m = client(server.base_url, timeout_s=60, breaker=CircuitBreaker(threshold=2, cooldown_s=2.0),
               max_retries=1, backoff_s=0.05)
    msgs = [{"role": "user", "content": "Write a long story about a river in Hubei."}]

    async def killed_mid_stream() -> tuple[str, float]:
        stream = m.stream(msgs, max_tokens=400)
        first = await anext(stream)  # type: ignore[call-overload]
        server.kill()
        t0 = time.monotonic()
        with pytest.raises(ChatError, match="connection failed|stream ended"):
            async for _ in stream:
                pass
        return str(first), time.monotonic() - t0

    try:
        first, after_kill = asyncio.run(killed_mid_stream())
        assert first and after_kill < 5.0
        assert m.breaker_state == "closed"  # one failure so far
        with pytest.raises(ChatError, match="connection failed: ConnectError"):
            asyncio.run(m.complete(msgs, max_tokens=4))
        assert m.breaker_state == "open"
        t0 = time.monotonic()
        with pytest.raises(ChatError, match="circuit open"):
            asyncio.run(m.complete(msgs, max_tokens=4))
        assert time.monotonic() - t0 < 0.05  # fails fast, no connection attempted
        # While the breaker is open the assistant still answers, from the passages.
        result = asyncio.run(ask(home, kb, m, timeout_s=5))
        assert result.status == "answered" and result.grounded
        assert m.counters["fast_fail"] == 2 and m.counters["breaker_opened"] == 1
        server = llm_serve.start_llamacpp(model, port=port, log=log)  # the same address comes back
        time.sleep(max(0.0, 2.0 - (time.monotonic() - t0)))
        assert m.breaker_state == "half_open"
        reply = asyncio.run(m.complete(msgs, max_tokens=4))
        assert reply.content and m.breaker_state == "closed"
    finally:
        server.stop()
        log.close()
    assert not port_open(port)


# ---------------------------------------------------------------- Qwen 1.5B (by hand: HUBEI_TEST_QWEN=1)


@pytest.mark.llm
@pytest.mark.skipif(os.environ.get("HUBEI_TEST_QWEN") != "1", reason="Qwen 1.5B is slow: set HUBEI_TEST_QWEN=1")
def test_qwen_answers_a_chinese_question(home: Path, sample_kb: KnowledgeBase) -> None:
    model = models_local.qwen(PathSettings().home / "models")
    port = free_port()
    with (home / "qwen.log").open("wb") as log, llm_serve.start_llamacpp(model, port=port, log=log) as server:
        chat = Recorder(client(server.base_url, timeout_s=600), cap=300)
        result = asyncio.run(ask(home, sample_kb, chat, timeout_s=600, question="武汉的居住证丢了，怎么补办？"))
    assert chat.errors == [] and len(chat.replies) >= 1
    assert result.status in ("answered", "no_basis")
    assert result.downgraded is (result.status == "no_basis")
    print(json.dumps({"status": result.status, "answer": result.answer, "reply": chat.replies[0].content,
                      "timings": result.timings}, ensure_ascii=False, indent=2))
