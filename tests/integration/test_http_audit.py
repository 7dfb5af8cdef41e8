"""The GraphQL-over-HTTP audit (graphql-http's serverAudits, tests/http_audit/) against a live `graph-api serve`:
every MUST and every SHOULD passes (`make test` installs the audit with `npm ci`)."""

from __future__ import annotations

import asyncio
import json
import shutil
from pathlib import Path

import pytest

from graph_api.settings import Settings
from graph_api.store.graph import Graph
from tests.integration.processes import servers

AUDIT = Path(__file__).parents[1] / "http_audit"


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed (.ci/run installs it)")
async def test_graphql_over_http_audit(sample_graph: Graph, settings: Settings, tmp_path: Path) -> None:
    assert (AUDIT / "node_modules" / "graphql-http").is_dir(), "run `make http-audit` (npm ci in tests/http_audit)"
    log = tmp_path / "serve.log"
    async with servers(settings, 1, log=log) as urls:
        node = await asyncio.create_subprocess_exec(
            "node", "audit.mjs", f"{urls[0]}/graphql", cwd=AUDIT, stdout=asyncio.subprocess.PIPE
        )
        out, _ = await asyncio.wait_for(node.communicate(), timeout=120)
    results = [json.loads(line) for line in out.decode().splitlines() if line.startswith("{")]
    assert len(results) >= 50
    failing = [
        f"{r['name']}: {r['reason']}" for r in results if r["status"] != "ok" and not r["name"].startswith("MAY")
    ]
    assert not failing, failing
    assert all(r["status"] == "ok" for r in results), [r for r in results if r["status"] != "ok"]
    # Dozens of malformed requests: each one log line from graph_api, never a traceback.
    text = log.read_text()
    assert "Traceback" not in text and "INTERNAL_SERVER_ERROR" not in text
    assert "graph_api" in text or "refused" in text, text[-2000:]
