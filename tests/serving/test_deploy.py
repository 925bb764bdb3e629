"""The deployment files parse and say what the product needs: kinds, probes, resources, pinned images, env names."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic_settings import BaseSettings

from serving import settings as core_settings
from serving.api import settings as api_settings
from serving.llm_serve import vllm_command

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
K8S = DEPLOY / "k8s"
API_VERSIONS = {
    "Namespace": "v1", "ConfigMap": "v1", "Secret": "v1", "Service": "v1", "PersistentVolumeClaim": "v1",
    "Deployment": "apps/v1", "StatefulSet": "apps/v1", "Job": "batch/v1", "Ingress": "networking.k8s.io/v1",
    "HorizontalPodAutoscaler": "autoscaling/v2", "PodDisruptionBudget": "policy/v1",
    "Kustomization": "kustomize.config.k8s.io/v1beta1",
}
WORKLOADS = ("Deployment", "StatefulSet", "Job")
PINNED = re.compile(r"^[a-z0-9./_-]+:(?!latest$)[A-Za-z0-9._-]+$")


def docs() -> list[dict[str, Any]]:
    out = []
    for path in sorted(K8S.glob("*.yaml")):
        out += [d for d in yaml.safe_load_all(path.read_text(encoding="utf-8")) if d]
    return out


def find(kind: str, name: str) -> dict[str, Any]:
    matches = [d for d in docs() if d["kind"] == kind and d["metadata"]["name"] == name]
    assert len(matches) == 1, f"{kind}/{name}"
    return matches[0]


def containers(doc: dict[str, Any]) -> list[dict[str, Any]]:
    return list(doc["spec"]["template"]["spec"]["containers"])


def known_env_names() -> set[str]:
    """Every environment variable our settings classes read (prefix + field name)."""
    names = set()
    for module in (core_settings, api_settings):
        for obj in vars(module).values():
            if isinstance(obj, type) and issubclass(obj, BaseSettings) and obj is not BaseSettings:
                prefix = obj.model_config.get("env_prefix", "")
                names |= {f"{prefix}{field}".upper() for field in obj.model_fields}
    return names


def test_every_manifest_has_a_known_kind_and_api_version() -> None:
    seen = docs()
    assert len(seen) >= 20
    for d in seen:
        assert API_VERSIONS[d["kind"]] == d["apiVersion"], d["kind"]
        if d["kind"] not in ("Namespace", "Kustomization"):
            assert d["metadata"]["namespace"] == "hubei-agent", d["metadata"]["name"]


def test_kustomization_lists_every_manifest_but_the_secret_example_and_the_job() -> None:
    kust = yaml.safe_load((K8S / "kustomization.yaml").read_text())
    files = {p.name for p in K8S.glob("*.yaml")} - {"kustomization.yaml"}
    assert set(kust["resources"]) == files - {"secret.example.yaml", "qdrant-collection-job.yaml"}


@pytest.mark.parametrize("doc", [d for d in docs() if d["kind"] in WORKLOADS],
                         ids=lambda d: f"{d['kind']}/{d['metadata']['name']}")
def test_workloads_pin_images_and_set_resources(doc: dict[str, Any]) -> None:
    for c in containers(doc):
        assert PINNED.match(c["image"]), c["image"]
        for part in ("requests", "limits"):
            assert {"cpu", "memory"} <= set(c["resources"][part]), (c["name"], part)
        if doc["kind"] != "Job":
            assert "readinessProbe" in c and "livenessProbe" in c, c["name"]
    if doc["kind"] != "Job":
        labels = doc["spec"]["template"]["metadata"]["labels"]
        assert doc["spec"]["selector"]["matchLabels"].items() <= labels.items()


def test_every_service_selects_a_workload_and_targets_a_named_port() -> None:
    pods = [(containers(d), d["spec"]["template"]["metadata"]["labels"]) for d in docs()
            if d["kind"] in ("Deployment", "StatefulSet")]
    for svc in (d for d in docs() if d["kind"] == "Service"):
        matched = [cs for cs, labels in pods if svc["spec"]["selector"].items() <= labels.items()]
        assert len(matched) == 1, svc["metadata"]["name"]
        port_names = {p["name"] for c in matched[0] for p in c["ports"]}
        for port in svc["spec"]["ports"]:
            assert port.get("targetPort", port["name"]) in port_names | {p["containerPort"] for c in matched[0]
                                                                          for p in c["ports"]}


def test_api_replicas_probes_and_load_balancer() -> None:
    api = find("Deployment", "api")
    assert api["spec"]["replicas"] >= 2
    (c,) = containers(api)
    assert c["livenessProbe"]["httpGet"] == {"path": "/healthz", "port": "http"}
    assert c["readinessProbe"]["httpGet"] == {"path": "/readyz", "port": "http"}
    assert c["command"] == ["hubei-agent", "serve", "--host", "0.0.0.0", "--port", "8000"]
    hpa = find("HorizontalPodAutoscaler", "api")
    assert hpa["spec"]["scaleTargetRef"]["name"] == "api" and hpa["spec"]["minReplicas"] == api["spec"]["replicas"]
    ingress = find("Ingress", "api")
    backend = ingress["spec"]["rules"][0]["http"]["paths"][0]["backend"]["service"]
    assert backend == {"name": "api", "port": {"name": "http"}}
    assert find("PodDisruptionBudget", "api")["spec"]["minAvailable"] < api["spec"]["replicas"]


def test_api_environment_uses_our_setting_names() -> None:
    (c,) = containers(find("Deployment", "api"))
    refs = {next(iter(e.values()))["name"] for e in c["envFrom"]}
    assert refs == {"hubei-agent-config", "hubei-agent-secrets"}
    config = find("ConfigMap", "hubei-agent-config")["data"]
    secret = yaml.safe_load((K8S / "secret.example.yaml").read_text())["stringData"]
    env = set(config) | set(secret)
    assert {"QDRANT_URL", "LLM_BASE_URL", "DATABASE_URL", "REDIS_URL"} <= env
    outside = {"POSTGRES_PASSWORD", "HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE"}  # read by other programs
    assert env - outside <= known_env_names()
    assert config["QDRANT_URL"] == "http://qdrant:6333"
    assert config["LLM_BASE_URL"] == "http://vllm:8001/v1"
    assert config["REDIS_URL"] == "redis://redis:6379/0"
    assert secret["DATABASE_URL"].startswith("postgresql+psycopg://hubei:")
    assert secret["DATABASE_URL"].endswith("@postgres:5432/hubei")


def test_vllm_runs_the_printed_command_on_a_gpu_with_a_token_readiness_probe() -> None:
    vllm = find("Deployment", "vllm")
    (c,) = containers(vllm)
    assert [*c["command"], *c["args"]] == vllm_command("/models/Qwen2.5-7B-Instruct", host="0.0.0.0", port=8001)
    assert c["resources"]["requests"]["nvidia.com/gpu"] == c["resources"]["limits"]["nvidia.com/gpu"] == 1
    assert "nvidia.com/gpu" in {t["key"] for t in vllm["spec"]["template"]["spec"]["tolerations"]}
    probe = "\n".join(c["readinessProbe"]["exec"]["command"])
    assert '"max_tokens": 1' in probe and "/v1/chat/completions" in probe
    assert c["livenessProbe"]["httpGet"]["path"] == "/health"
    config = find("ConfigMap", "hubei-agent-config")["data"]
    assert config["LLM_MODEL"] == c["args"][c["args"].index("--served-model-name") + 1]


def test_qdrant_is_a_three_node_cluster_and_the_job_shards_and_replicates() -> None:
    sts = find("StatefulSet", "qdrant")
    assert sts["spec"]["replicas"] == 3 and sts["spec"]["serviceName"] == "qdrant-headless"
    (c,) = containers(sts)
    env = {e["name"]: e.get("value") for e in c["env"]}
    assert env["QDRANT__CLUSTER__ENABLED"] == "true" and env["QDRANT__CLUSTER__P2P__PORT"] == "6335"
    assert {p["containerPort"] for p in c["ports"]} == {6333, 6334, 6335}
    assert "--bootstrap" in c["args"][0]
    assert find("Service", "qdrant-headless")["spec"]["clusterIP"] == "None"
    script = containers(find("Job", "qdrant-create-collection"))[0]["args"][0]
    compile(script, "job", "exec")
    assert "SHARDS, REPLICAS = 6, 2" in script and "ChunkStore(" in script


def test_postgres_and_redis_are_present() -> None:
    pg = find("StatefulSet", "postgres")
    (c,) = containers(pg)
    env = {e["name"]: e for e in c["env"]}
    assert env["POSTGRES_PASSWORD"]["valueFrom"]["secretKeyRef"]["name"] == "hubei-agent-secrets"
    assert find("Deployment", "redis")["spec"]["replicas"] == 1


def test_compose_has_the_same_services_pinned_and_healthchecked() -> None:
    compose = yaml.safe_load((DEPLOY / "docker-compose.yml").read_text())
    services = compose["services"]
    assert set(services) == {"api", "vllm", "qdrant", "postgres", "redis"}
    for name, svc in services.items():
        assert PINNED.match(svc["image"]), name
        assert svc["healthcheck"]["test"], name
    api = services["api"]
    assert {"QDRANT_URL", "LLM_BASE_URL", "REDIS_URL"} <= set(api["environment"])
    assert set(api["environment"]) <= known_env_names()
    secrets = dict(line.split("=", 1) for line in (DEPLOY / "secrets.env.example").read_text().splitlines()
                   if line and not line.startswith("#"))
    assert "DATABASE_URL" in secrets
    assert all(v["condition"] == "service_healthy" for v in api["depends_on"].values())
    assert services["vllm"]["command"] == vllm_command("/models/Qwen2.5-7B-Instruct", host="0.0.0.0", port=8001)
    assert services["vllm"]["deploy"]["resources"]["reservations"]["devices"][0]["capabilities"] == ["gpu"]
