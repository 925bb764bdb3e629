"""API load benchmark: p50/p95 latency, throughput and error rate at 1, 10 and 50 concurrent users, then overload.

By default it starts the embedded default (`hubei-agent serve` on loopback over a temporary data directory,
with its development key); `--url` and `--key` point it at a running server instead. The overload phase sends
twice the server's turn capacity at once: the excess must get 429 within a second, and the server must
still answer afterwards. Progress goes to stderr; the report is JSON on stdout.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

QUESTIONS = (
    "武汉市办理居住证需要什么材料？",
    "高龄津贴怎么申请？",
    "异地就医备案怎么办理？",
    "孩子上小学需要准备哪些材料？",
    "社保卡丢了怎么补办？",
    "你好",
    "养老院的收费标准是多少？",
    "新生儿医保怎么办理？",
)
REJECT_WITHIN_S = 1.0


def _log(message: str) -> None:
    print(f"[bench-api] {message}", file=sys.stderr, flush=True)


def percentile(values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile (0 for no values)."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, int(round(q / 100 * len(ordered) + 0.5)) - 1))
    return ordered[rank]


@dataclass
class Tally:
    """Outcomes of one load level."""

    ok_ms: list[float] = field(default_factory=list)
    rejected_ms: list[float] = field(default_factory=list)
    errors: int = 0

    @property
    def total(self) -> int:
        """Requests sent."""
        return len(self.ok_ms) + len(self.rejected_ms) + self.errors


async def _one(client: httpx.AsyncClient, headers: dict[str, str], question: str, tally: Tally) -> None:
    started = time.perf_counter()
    try:
        response = await client.post("/api/v1/chat", json={"message": question}, headers=headers)
        status = response.status_code
    except httpx.HTTPError:
        status = 0
    ms = (time.perf_counter() - started) * 1000
    if status == 200:
        tally.ok_ms.append(ms)
    elif status == 429:
        tally.rejected_ms.append(ms)
    else:
        tally.errors += 1


async def level(url: str, key: str, users: int, seconds: float) -> dict[str, Any]:
    """`users` closed-loop clients asking for `seconds`; latency of answered turns, throughput, error rate."""
    tally = Tally()
    headers = {"Authorization": f"Bearer {key}"}
    deadline = time.monotonic() + seconds
    limits = httpx.Limits(max_connections=users + 4, max_keepalive_connections=users + 4)
    async with httpx.AsyncClient(base_url=url, timeout=120, limits=limits) as client:

        async def user(n: int) -> None:
            i = n
            while time.monotonic() < deadline:
                await _one(client, headers, QUESTIONS[i % len(QUESTIONS)], tally)
                i += 1

        started = time.perf_counter()
        await asyncio.gather(*(user(n) for n in range(users)))
        wall = time.perf_counter() - started
    return {
        "users": users, "requests": tally.total, "answered": len(tally.ok_ms), "rejected_429": len(tally.rejected_ms),
        "errors": tally.errors, "p50_ms": round(percentile(tally.ok_ms, 50), 1),
        "p95_ms": round(percentile(tally.ok_ms, 95), 1), "throughput_rps": round(len(tally.ok_ms) / wall, 2),
        "error_rate": round(tally.errors / tally.total, 4) if tally.total else 0.0,
        "reject_rate": round(len(tally.rejected_ms) / tally.total, 4) if tally.total else 0.0,
        "seconds": round(wall, 1),
    }


async def overload(url: str, key: str, capacity: int) -> dict[str, Any]:
    """2 x capacity requests at once: the excess is refused with 429 within a second, and the server lives on."""
    tally = Tally()
    headers = {"Authorization": f"Bearer {key}"}
    burst = 2 * capacity
    limits = httpx.Limits(max_connections=burst + 4, max_keepalive_connections=burst + 4)
    async with httpx.AsyncClient(base_url=url, timeout=300, limits=limits) as client:
        await asyncio.gather(*(_one(client, headers, QUESTIONS[i % len(QUESTIONS)], tally) for i in range(burst)))
        health = (await client.get("/healthz")).status_code
        after = await client.post("/api/v1/chat", json={"message": QUESTIONS[0]}, headers=headers)
    slowest_reject = max(tally.rejected_ms, default=0.0)
    return {
        "capacity": capacity, "sent": burst, "answered": len(tally.ok_ms), "rejected_429": len(tally.rejected_ms),
        "errors": tally.errors, "slowest_429_ms": round(slowest_reject, 1),
        "excess_rejected_within_1s": len(tally.rejected_ms) >= burst - capacity
        and slowest_reject <= REJECT_WITHIN_S * 1000,
        "healthz_after": health, "chat_after": after.status_code,
    }


@contextmanager
def embedded_server(home: Path, port: int) -> Iterator[tuple[str, str]]:
    """`hubei-agent serve` in a subprocess over `home`; yields its URL and development key."""
    env = {**os.environ, "HUBEI_AGENT_HOME": str(home)}
    for name in ("DATABASE_URL", "REDIS_URL", "QDRANT_URL", "LLM_BASE_URL"):
        env.pop(name, None)
    code = f"from serving.cli_serve import serve_command; serve_command('127.0.0.1', {port})"
    log = (home / "server.log").open("wb")
    proc = subprocess.Popen([sys.executable, "-c", code], env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 600
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                raise RuntimeError(f"server exited with {proc.returncode}; see {home / 'server.log'}")
            try:
                if httpx.get(url + "/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            time.sleep(0.5)
        else:
            raise RuntimeError("server did not start within 600 s")
        yield url, (home / "dev-api-key").read_text(encoding="utf-8").strip()
    finally:
        proc.terminate()
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def run(url: str, key: str, users: Sequence[int], seconds: float, do_overload: bool) -> dict[str, Any]:
    """Every load level, then the overload phase."""
    async with httpx.AsyncClient(base_url=url, timeout=30) as client:
        ready = (await client.get("/readyz")).json()
    report: dict[str, Any] = {"url": url, "levels": []}
    for n in users:
        _log(f"{n} concurrent users for {seconds:g} s")
        result = await level(url, key, n, seconds)
        _log(json.dumps(result, ensure_ascii=False))
        report["levels"].append(result)
    if do_overload:
        capacity = int(ready.get("turns", {}).get("capacity", 0))
        _log(f"overload: {2 * capacity} requests at once (capacity {capacity})")
        report["overload"] = await overload(url, key, capacity)
        _log(json.dumps(report["overload"], ensure_ascii=False))
    return report


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: `python -m evals.bench_api [--url URL --key KEY] [--users 1,10,50] [--seconds 20]`."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--url", help="已运行的服务地址；省略则启动内嵌默认配置的服务")
    parser.add_argument("--key", help="接入密钥（--url 时必填）")
    parser.add_argument("--home", type=Path, help="内嵌服务的数据目录（默认临时目录）")
    parser.add_argument("--users", default="1,10,50", help="并发用户数，逗号分隔")
    parser.add_argument("--seconds", type=float, default=20.0, help="每个并发级别持续的秒数")
    parser.add_argument("--no-overload", action="store_true", help="跳过两倍容量的过载阶段")
    args = parser.parse_args(argv)
    users = [int(u) for u in args.users.split(",") if u.strip()]
    if args.url:
        if not args.key:
            parser.error("--url 需要同时给出 --key")
        report = asyncio.run(run(args.url, args.key, users, args.seconds, not args.no_overload))
    else:
        with tempfile.TemporaryDirectory(prefix="hubei-bench-") as tmp:
            home = args.home or Path(tmp)
            home.mkdir(parents=True, exist_ok=True)
            _log(f"starting the embedded default over {home} (first start ingests the sample corpus)")
            with embedded_server(home, free_port()) as (url, key):
                report = asyncio.run(run(url, key, users, args.seconds, not args.no_overload))
    sys.stdout.write(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
    over = report.get("overload")
    return 0 if over is None or (over["excess_rejected_within_1s"] and over["chat_after"] == 200) else 1


if __name__ == "__main__":
    raise SystemExit(main())
