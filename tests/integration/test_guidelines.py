"""Guidelines: the YAML format, links to codes and ranges, and metering of the field."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from graph_api.ingest.kinds import load
from graph_api.store.graph import Graph
from loaders.errors import LoadError
from tests.integration.support import gql

QUERY = "query($s: CodeSystem!, $c: String!) { code(system: $s, code: $c) { guidelines { id title source } } }"


async def test_guidelines_link_codes_and_ranges(sample_graph: Graph, client: httpx.AsyncClient) -> None:
    own = (await gql(client, QUERY, s="CPT", c="97551"))["data"]["code"]["guidelines"]
    assert [g["id"] for g in own] == ["addon-reported-with-primary"]
    ranged = (await gql(client, QUERY, s="CPT", c="99213"))["data"]["code"]["guidelines"]
    assert [g["id"] for g in ranged] == ["office-visit-level"]
    assert (await gql(client, QUERY, s="CPT", c="97550"))["data"]["code"]["guidelines"] == []
    assert (await gql(client, QUERY, s="CPT", c="99291"))["data"]["code"]["guidelines"] == []  # outside the range


async def test_failed_guidelines_load_changes_nothing(sample_graph: Graph, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("guidelines:\n  - {id: x, title: t, body: b, codes: [{system: CPT, code: '97550'}]}\n  - {id: y}\n")
    before = await sample_graph.read("get_current_release", source="guidelines")
    with pytest.raises(LoadError):
        await load(sample_graph, "guidelines", [bad])
    assert await sample_graph.read("get_current_release", source="guidelines") == before
