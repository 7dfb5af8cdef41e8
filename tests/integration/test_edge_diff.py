"""One fact, one answer across the sample and official releases; edgeDiff, `graph-api diff/export` and the
partners' HTTP export over MUE releases built in the test."""

from __future__ import annotations

import csv
import io
import json
import time
from pathlib import Path
from typing import Any

import httpx
from redis.asyncio import Redis

from graph_api.access import api_keys
from graph_api.access.identity import issue_token
from graph_api.ingest.kinds import load
from graph_api.settings import Settings
from graph_api.store.graph import Graph
from tests.data import FIXTURES
from tests.integration.support import gql
from tests.integration.test_cli import run

EDGE_DIFF = """query($s: String!, $f: String!, $t: String!, $after: String) {
  edgeDiff(source: $s, from: $f, to: $t, first: 2, after: $after) {
    totalCount edges { node { type from { code } to { code } key change fields before after } }
    pageInfo { endCursor hasNextPage } } }"""


async def test_crosswalks_answer_a_gem_row_once(sample_graph: Graph, client: httpx.AsyncClient) -> None:
    query = '{ code(system: ICD10CM, code: "I25111") { crosswalks(to: ICD9CM) { code scenario release } } }'
    before = (await gql(client, query))["data"]["code"]["crosswalks"]
    assert [e["code"] for e in before] == ["41401", "4139"]
    await load(sample_graph, "gem", [FIXTURES / "gem_i10_to_i9.txt"])
    after = (await gql(client, query))["data"]["code"]["crosswalks"]
    assert [e["code"] for e in after] == ["41401", "4139"]
    assert {e["release"] for e in after} == {"gem_i10_to_i9"}


async def test_mues_answer_an_mue_once(sample_graph: Graph, client: httpx.AsyncClient) -> None:
    query = '{ code(system: CPT, code: "0001U") { mues { setting value release } } }'
    await load(sample_graph, "mue", [FIXTURES / "mue_practitioner.csv"], setting="practitioner")
    found = (await gql(client, query))["data"]["code"]["mues"]
    assert found == [{"setting": "PRACTITIONER", "value": 1, "release": "mue_practitioner"}]


def _mue_v2(out: Path) -> Path:
    """The MUE fixture with one value changed, one row dropped and one added."""
    text = (FIXTURES / "mue_practitioner.csv").read_text(encoding="utf-8")
    lines = text.splitlines()
    kept = [line for line in lines if not line.startswith("0009U,")]
    kept = [line.replace("0001U,1,", "0001U,3,") for line in kept]
    kept.append("0002U,4,3 Date of Service Edit: Clinical,Nature of Analyte")
    out.write_text("\n".join(kept) + "\n", encoding="utf-8")
    return out


async def _two_mue_releases(graph: Graph, tmp_path: Path) -> tuple[str, str]:
    first = (await load(graph, "mue", [FIXTURES / "mue_practitioner.csv"], setting="practitioner"))[0]
    second = (await load(graph, "mue", [_mue_v2(tmp_path / "mue_practitioner_v2.csv")], setting="practitioner"))[0]
    return first.release_id, second.release_id


async def test_edge_diff_pages_through_mue_changes(
    empty_graph: Graph, client: httpx.AsyncClient, tmp_path: Path
) -> None:
    old, new = await _two_mue_releases(empty_graph, tmp_path)
    after, nodes = None, []
    for _ in range(10):
        page = (await gql(client, EDGE_DIFF, s="ncci_mue/practitioner", f=old, t=new, after=after))["data"]
        nodes += page["edgeDiff"]["edges"]
        if not page["edgeDiff"]["pageInfo"]["hasNextPage"]:
            break
        after = page["edgeDiff"]["pageInfo"]["endCursor"]
    assert page["edgeDiff"]["totalCount"] == 3
    changes = [(n["node"]["from"]["code"], n["node"]["change"], n["node"]["fields"]) for n in nodes]
    assert changes == [("0001U", "CHANGED", ["value"]), ("0002U", "ADDED", []), ("0009U", "REMOVED", [])]
    assert nodes[0]["node"]["before"]["value"] == 1 and nodes[0]["node"]["after"]["value"] == 3
    wrong = await gql(client, EDGE_DIFF, s="hcpcs", f=old, t=new, after=None)
    assert wrong["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_cli_diff_and_export_stream_rows(empty_graph: Graph, tmp_path: Path) -> None:
    old, new = await _two_mue_releases(empty_graph, tmp_path)
    done = run("diff", "ncci_mue/practitioner", "mue_practitioner", "mue_practitioner_v2", "--format", "csv")
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    assert [(r["fromCode"], r["change"]) for r in rows] == [
        ("0001U", "CHANGED"),
        ("0002U", "ADDED"),
        ("0009U", "REMOVED"),
    ]
    done = run("export", "ncci_mue/practitioner", "--release", old)
    assert done.returncode == 0, done.stderr
    exported = [json.loads(line) for line in done.stdout.splitlines()]
    assert {r["fromCode"] for r in exported} == {"0001U", "0009U", "J1100"}
    assert all(r["release"] == "mue_practitioner" for r in exported)
    unknown = run("diff", "ncci_mue/practitioner", "nope", new)
    assert unknown.returncode == 3 and "Traceback" not in unknown.stderr


async def test_http_export_is_for_partners_and_premium_users(
    empty_graph: Graph, client: httpx.AsyncClient, settings: Settings, redis: Redis, tmp_path: Path
) -> None:
    await _two_mue_releases(empty_graph, tmp_path)
    url = "/export/ncci_mue/practitioner.ndjson"
    assert (await client.get(url)).status_code == 403
    registered = {"authorization": f"Bearer {issue_token(settings, 'reg', 'registered')}"}
    assert (await client.get(url, headers=registered)).status_code == 403
    premium = {"authorization": f"Bearer {issue_token(settings, 'prem', 'premium')}"}
    response = await client.get(url, headers=premium)
    assert response.status_code == 200
    rows: list[dict[str, Any]] = [json.loads(line) for line in response.text.splitlines()]
    assert {r["fromCode"] for r in rows} == {"0001U", "0002U", "J1100"}
    key, _ = await api_keys.create(redis, "exporter", quota=5, rpm=1)
    partner = {"x-api-key": key}
    minute = int(time.time() // 60)
    first = await client.get(url + "?release=mue_practitioner", headers=partner)
    assert first.status_code == 200 and first.headers["ratelimit-remaining"] == "0"
    assert {json.loads(line)["fromCode"] for line in first.text.splitlines()} == {"0001U", "0009U", "J1100"}
    second = await client.get(url, headers=partner)
    if int(time.time() // 60) == minute:  # the rate counts requests per clock minute
        assert second.status_code == 429
    assert (await client.get("/export/nothing.ndjson", headers=premium)).status_code == 404
