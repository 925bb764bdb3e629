"""Property-based fuzzing of every operation in the OpenAPI spec: at least 1,000 cases, not one 5xx."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import hypothesis
import pytest
import schemathesis
from hypothesis import HealthCheck, Phase

from knowledge.base import KnowledgeBase
from serving.api.settings import ApiSettings
from tests.serving.server import Server, start_server
from tests.serving.support import key

TARGET_CASES = 1000
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, serving_kb: KnowledgeBase, router_cache: Path) -> Iterator[Server]:
    api = ApiSettings(rate_limit_ip_burst=100_000, rate_limit_key_burst=100_000, rate_limit_key_per_min=100_000,
                      rate_limit_ip_per_min=100_000, api_max_queue=1000)
    srv = start_server(tmp_path_factory.mktemp("fuzz-home"), serving_kb, router_cache, api)
    yield srv
    srv.stop()


def test_no_generated_request_gets_a_server_error(server: Server) -> None:
    admin = key(server.services.db, "admin", name="fuzz")
    service = key(server.services.db, "service", name="fuzz-app")
    schema = schemathesis.openapi.from_url(server.url + "/openapi.json")
    operations = [result.ok() for result in schema.get_all_operations()]
    modes = list(schemathesis.GenerationMode)
    per_run = math.ceil(TARGET_CASES * 1.6 / (len(operations) * len(modes)))
    sent: list[str] = []
    server_errors: list[str] = []
    for operation in operations:
        for mode in modes:
            @hypothesis.given(case=operation.as_strategy(generation_mode=mode))
            @hypothesis.settings(max_examples=per_run, deadline=None, database=None, derandomize=True,
                                 phases=[Phase.generate], suppress_health_check=list(HealthCheck))
            def run(case: schemathesis.Case) -> None:
                # X-User-Id belongs to app and service keys; everything else runs as admin to reach every route.
                who = service if "X-User-Id" in (case.headers or {}) else admin
                headers = {"Authorization": f"Bearer {who}", **(case.headers or {})}
                response = case.call(headers=headers, timeout=60)
                sent.append(f"{response.status_code // 100}xx")
                if response.status_code >= 500:
                    server_errors.append(f"{case.method} {case.path} -> {response.status_code}: {response.text[:200]}")

            try:
                run()
            except hypothesis.errors.Unsatisfiable:
                continue  # e.g. no negative input exists for an operation without parameters
    print(f"{len(sent)} cases over {len(operations)} operations:", dict(Counter(sent)))
    assert server_errors == []
    assert len(sent) >= TARGET_CASES, f"only {len(sent)} cases over {len(operations)} operations"
