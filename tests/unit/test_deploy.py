"""The deployment files parse and fit together (no docker or cluster here: their structure is what is checked)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from tests.data import ROOT

KUBE = ROOT / "deploy" / "kubernetes" / "graph-api.yaml"


def _kinds() -> dict[str, dict[str, Any]]:
    return {doc["kind"]: doc for doc in yaml.safe_load_all(KUBE.read_text(encoding="utf-8"))}


def test_kubernetes_deployment_probes_and_autoscaler() -> None:
    kinds = _kinds()
    assert set(kinds) == {"Deployment", "Service", "HorizontalPodAutoscaler"}
    deployment = kinds["Deployment"]
    pod = deployment["spec"]["template"]
    (container,) = pod["spec"]["containers"]
    assert container["readinessProbe"]["httpGet"]["path"] == "/readyz"
    assert container["livenessProbe"]["httpGet"]["path"] == "/healthz"
    assert deployment["spec"]["selector"]["matchLabels"].items() <= pod["metadata"]["labels"].items()
    assert kinds["Service"]["spec"]["selector"].items() <= pod["metadata"]["labels"].items()
    env = {e["name"]: e for e in container["env"]}
    assert env["NEO4J_URI"]["value"].startswith("neo4j") and env["REDIS_CLUSTER"]["value"] == "1"
    assert "valueFrom" in env["NEO4J_PASSWORD"] and "valueFrom" in env["GRAPH_API_SECRET"]
    hpa = kinds["HorizontalPodAutoscaler"]["spec"]
    assert hpa["scaleTargetRef"]["name"] == deployment["metadata"]["name"]
    assert hpa["metrics"][0]["resource"]["name"] == "cpu" and hpa["minReplicas"] >= 2
    assert "resources" in container and container["resources"]["requests"]["cpu"]  # the HPA needs a CPU request


def test_compose_scale_profile_has_two_replicas_behind_a_proxy() -> None:
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))
    services = compose["services"]
    scale = {name for name, s in services.items() if "scale" in s.get("profiles", [])}
    assert scale == {"api-1", "api-2", "proxy"}
    for name in ("api-1", "api-2"):
        replica = services[name]
        assert "/readyz" in " ".join(replica["healthcheck"]["test"])
        assert replica["environment"]["GRAPH_API_ENV"] == "production"  # GraphiQL off, Secure cookies, secrets checked
    proxy = services["proxy"]
    assert proxy["image"].startswith("caddy:") and "healthcheck" in proxy
    mounted = Path(proxy["volumes"][0].split(":")[0])
    caddyfile = (ROOT / mounted).read_text(encoding="utf-8")
    assert "api-1:8000" in caddyfile and "api-2:8000" in caddyfile and "health_uri /readyz" in caddyfile
    assert all("healthcheck" in s for s in services.values())
