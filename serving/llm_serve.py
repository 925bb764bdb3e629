"""Model-server launchers: vLLM in production, llama.cpp (xllamacpp) on loopback for development and CI."""

from __future__ import annotations

import json
import os
import shlex
import shutil
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from enum import StrEnum
from typing import IO, Annotated, Any

import httpx
import typer

from serving import models_local
from serving.settings import LLMSettings, PathSettings

DEFAULT_VLLM_MODEL = "Qwen/Qwen2.5-7B-Instruct"
llm_app = typer.Typer(help="大模型服务：生产用 vLLM，开发与测试用本机 llama.cpp", no_args_is_help=True)


class Engine(StrEnum):
    """Which server runs the model."""

    vllm = "vllm"
    llamacpp = "llamacpp"


class ServeError(RuntimeError):
    """The model server did not start or did not become ready."""


def tool_parser_for(model: str) -> str:
    """The tool-call parser vLLM needs for a model family (Qwen2.5 uses the Hermes format)."""
    name = model.lower()
    if "llama-3" in name or "llama3" in name:
        return "llama3_json"
    if "mistral" in name:
        return "mistral"
    return "hermes"


def vllm_command(model: str = DEFAULT_VLLM_MODEL, *, served_name: str = "hubei-llm", host: str = "0.0.0.0",
                 port: int = 8001, tp: int = 1, gpu_mem: float = 0.90, max_len: int = 8192,
                 vllm_bin: str = "vllm") -> list[str]:
    """The production vLLM command: tool calling on, prefix caching on, one served name for every replica."""
    return [vllm_bin, "serve", model, "--served-model-name", served_name,
            "--enable-auto-tool-choice", "--tool-call-parser", tool_parser_for(model),
            "--max-model-len", str(max_len), "--enable-prefix-caching",
            "--gpu-memory-utilization", f"{gpu_mem:g}", "--tensor-parallel-size", str(tp),
            "--host", host, "--port", str(port)]


def probe(base_url: str, model: str, *, api_key: str = "", timeout_s: float = 30.0) -> str | None:
    """Ask for a one-token completion (a hung engine passes /health but fails this); None when it works."""
    headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
    body = {"model": model, "messages": [{"role": "user", "content": "ping"}], "max_tokens": 1}
    try:
        resp = httpx.post(base_url.rstrip("/") + "/chat/completions", json=body, headers=headers,
                          timeout=timeout_s, trust_env=False)
    except httpx.HTTPError as exc:
        return f"{type(exc).__name__}: {exc}"
    if resp.status_code != 200:
        return f"HTTP {resp.status_code}: {resp.text[:120]}"
    try:
        ok = bool(resp.json()["choices"])
    except (ValueError, KeyError, TypeError):
        ok = False
    return None if ok else f"not a chat completion: {resp.text[:120]}"


@dataclass
class ModelServer:
    """A model server in a child process; `stop()` ends it gracefully, `kill()` at once."""

    process: subprocess.Popen[bytes]
    base_url: str
    model: str

    def stop(self, grace_s: float = 10.0) -> None:
        """SIGTERM, then SIGKILL after `grace_s`."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(grace_s)
            except subprocess.TimeoutExpired:
                self.kill()

    def kill(self) -> None:
        """SIGKILL and reap."""
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()

    def __enter__(self) -> ModelServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def wait_ready(server: ModelServer, timeout_s: float, api_key: str = "") -> None:
    """Block until a one-token completion works; raise ServeError if the process dies or time runs out."""
    deadline = time.monotonic() + timeout_s
    last = "not started"
    while time.monotonic() < deadline:
        code = server.process.poll()
        if code is not None:
            raise ServeError(f"模型服务进程已退出（退出码 {code}）：{last}")
        last = probe(server.base_url, server.model, api_key=api_key,
                     timeout_s=max(1.0, min(60.0, deadline - time.monotonic()))) or ""
        if not last:
            return
        time.sleep(0.5)
    raise ServeError(f"模型服务 {timeout_s:g} 秒内未就绪：{last}")


def start_server(cmd: list[str], base_url: str, model: str, *, ready_timeout_s: float = 900.0,
                 log: IO[bytes] | None = None, env: dict[str, str] | None = None, api_key: str = "") -> ModelServer:
    """Start any OpenAI-compatible server command and wait until it answers; it is stopped on failure."""
    # The engine's own output goes to `log` or to our stderr: our stdout carries only LLM_BASE_URL lines.
    out: IO[bytes] | int | None = log
    if log is None:
        try:
            out = sys.stderr.fileno()
        except (AttributeError, OSError, ValueError):
            out = None
    proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=out, stderr=out, env=env)
    server = ModelServer(proc, base_url, model)
    try:
        wait_ready(server, ready_timeout_s, api_key=api_key)
    except BaseException:
        server.stop(grace_s=5.0)
        raise
    return server


def start_llamacpp(model: models_local.LocalModel, *, port: int, host: str = "127.0.0.1",
                   threads: int | None = None, ready_timeout_s: float = 300.0,
                   log: IO[bytes] | None = None) -> ModelServer:
    """llama.cpp (xllamacpp) serving one GGUF file on `host:port/v1`, in a child that dies with its parent.

    `log` receives the engine's output (our stderr when None).
    """
    spec = {"path": str(model.path), "alias": model.alias, "host": host, "port": port, "n_ctx": model.n_ctx,
            "threads": threads, "parent": os.getpid()}
    cmd = [sys.executable, "-m", "serving.llm_serve", "--worker", json.dumps(spec)]
    return start_server(cmd, f"http://{host}:{port}/v1", model.alias, ready_timeout_s=ready_timeout_s, log=log)


def _worker(spec: dict[str, Any]) -> None:
    """Child process: run the in-process llama.cpp HTTP server until SIGTERM or until the parent dies."""
    import xllamacpp as xlc

    params = xlc.CommonParams()
    params.model.path = spec["path"]
    params.model_alias = {spec["alias"]}
    params.hostnames = [spec["host"]]
    params.port = spec["port"]
    params.n_ctx = spec["n_ctx"]
    params.n_parallel = 1
    if spec.get("threads"):
        params.cpuparams.n_threads = spec["threads"]
        params.cpuparams_batch.n_threads = spec["threads"]
    server = xlc.Server(params)  # noqa: F841 - serves HTTP from its own threads while referenced
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):  # after the engine starts: it installs handlers of its own
        signal.signal(sig, lambda *_: stop.set())
    while not stop.wait(0.5):
        if spec.get("parent") and os.getppid() != spec["parent"]:
            break  # the launcher died without stopping us: do not linger as an orphan
    os._exit(0)  # skip the engine's slow teardown; the OS frees memory and sockets


def _exit_on_term(server: ModelServer) -> None:
    """Wait for the child; SIGTERM or Ctrl-C on this launcher stops it (SIGKILL after 10 s)."""
    def on_term(*_: object) -> None:
        # Only signal here: the main thread is inside wait(), whose lock a handler must not take again.
        server.process.terminate()
        timer = threading.Timer(10.0, server.process.kill)
        timer.daemon = True
        timer.start()

    signal.signal(signal.SIGTERM, on_term)
    try:
        code = server.process.wait()
    except KeyboardInterrupt:
        server.stop()
        code = 0
    raise typer.Exit(0 if code in (0, -signal.SIGTERM) else 1)


@llm_app.command("serve")
def serve(
    engine: Annotated[Engine, typer.Option(help="vllm（生产，GPU）或 llamacpp（本机开发与测试）")] = Engine.llamacpp,
    model: Annotated[str | None, typer.Option(help="vllm：模型名或目录；llamacpp：qwen、smollm2 或 .gguf 路径")] = None,
    served_name: Annotated[str, typer.Option(help="对外的模型名（LLM_MODEL）")] = "hubei-llm",
    host: Annotated[str | None, typer.Option(help="监听地址（vllm 默认 0.0.0.0，llamacpp 固定本机回环）")] = None,
    port: Annotated[int, typer.Option(min=1, max=65535)] = 8001,
    tp: Annotated[int, typer.Option("--tp", min=1, help="张量并行 GPU 数")] = 1,
    gpu_mem: Annotated[float, typer.Option(min=0.1, max=0.99, help="显存占用比例")] = 0.90,
    max_len: Annotated[int, typer.Option(min=512, help="最大上下文长度")] = 8192,
    threads: Annotated[int | None, typer.Option(min=1, help="llamacpp 的 CPU 线程数")] = None,
    vllm_bin: Annotated[str, typer.Option(help="vllm 可执行文件")] = "vllm",
    ready_timeout: Annotated[float, typer.Option(min=1, help="等待就绪的秒数")] = 900.0,
    print_only: Annotated[bool, typer.Option("--print", help="只打印 vLLM 启动命令")] = False,
) -> None:
    """启动模型服务，等到能生成一个 token 后打印 LLM_BASE_URL。"""
    if engine == Engine.vllm:
        cmd = vllm_command(model or DEFAULT_VLLM_MODEL, served_name=served_name, host=host or "0.0.0.0",
                           port=port, tp=tp, gpu_mem=gpu_mem, max_len=max_len, vllm_bin=vllm_bin)
        if print_only:
            typer.echo(shlex.join(cmd))
            return
        if shutil.which(vllm_bin) is None:
            typer.echo(f"错误：未找到 {vllm_bin}；vLLM 需要 GPU 节点（见 deploy/）", err=True)
            raise typer.Exit(1)
        local = "127.0.0.1" if (host or "0.0.0.0") in ("0.0.0.0", "::") else host
        key = LLMSettings().api_key  # vLLM started with VLLM_API_KEY checks it on the readiness call too
        launch = lambda: start_server(cmd, f"http://{local}:{port}/v1", served_name,  # noqa: E731
                                      ready_timeout_s=ready_timeout, api_key=key)
    else:
        if print_only:
            typer.echo("错误：--print 只适用于 --engine vllm", err=True)
            raise typer.Exit(2)
        if host not in (None, "127.0.0.1", "localhost"):
            typer.echo("错误：本机 llama.cpp 只监听 127.0.0.1", err=True)
            raise typer.Exit(2)
        try:
            local_model = models_local.resolve(model or "qwen", PathSettings().home / "models")
        except models_local.ModelError as exc:
            typer.echo(f"错误：{exc}", err=True)
            raise typer.Exit(1) from None
        launch = lambda: start_llamacpp(local_model, port=port, threads=threads,  # noqa: E731
                                        ready_timeout_s=ready_timeout)
    started = time.monotonic()
    try:
        server = launch()
    except ServeError as exc:
        typer.echo(f"错误：{exc}", err=True)
        raise typer.Exit(1) from None
    typer.echo(f"模型服务已就绪（{time.monotonic() - started:.1f} 秒），按 Ctrl-C 停止", err=True)
    typer.echo(f"LLM_BASE_URL={server.base_url}\nLLM_MODEL={server.model}")
    sys.stdout.flush()
    _exit_on_term(server)


@llm_app.command("probe")
def probe_command(
    base_url: Annotated[str | None, typer.Option(help="默认取 LLM_BASE_URL")] = None,
    model: Annotated[str | None, typer.Option(help="默认取 LLM_MODEL")] = None,
    wait: Annotated[float, typer.Option(min=0, help="最多等待的秒数（0 表示只试一次）")] = 0.0,
) -> None:
    """就绪检查：请求生成一个 token，成功退出码 0。"""
    cfg = LLMSettings()
    url, name = base_url or cfg.base_url, model or cfg.model
    if not url:
        typer.echo("错误：请设置 LLM_BASE_URL 或 --base-url", err=True)
        raise typer.Exit(2)
    deadline = time.monotonic() + wait
    while (problem := probe(url, name, api_key=cfg.api_key, timeout_s=min(cfg.timeout_s, 60.0))) is not None:
        if time.monotonic() >= deadline:
            typer.echo(f"未就绪：{problem}", err=True)
            raise typer.Exit(1)
        time.sleep(1.0)
    typer.echo("就绪")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--worker"]:
        _worker(json.loads(sys.argv[2]))
    else:
        llm_app()
