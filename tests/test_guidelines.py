"""Guidelines: the YAML format, links to codes and ranges, and metering of the field."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from graph_api.graph import Graph
from graph_api.loading import load
from loaders.errors import LoadError
from loaders.guidelines import SAMPLE_GUIDELINES, parse_guidelines
from tests.conftest import gql

QUERY = "query($s: CodeSystem!, $c: String!) { code(system: $s, code: $c) { guidelines { id title source } } }"


def test_sample_guidelines_parse() -> None:
    parsed = {g.id: g for g in parse_guidelines(SAMPLE_GUIDELINES)}
    assert set(parsed) == {"addon-reported-with-primary", "ncci-modifiers-need-documentation", "office-visit-level"}
    assert ("CPT", "97551") in parsed["addon-reported-with-primary"].codes
    assert parsed["office-visit-level"].ranges == [("CPT", "99202", "99215")]


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("guidelines: [{id: x, title: t}]", "guidelines[1].body"),
        ("guidelines: [{id: x, title: t, body: b}]", "guidelines[1]"),
        ("guidelines: [{id: x, title: t, body: b, codes: [{system: LOINC, code: '1'}]}]", "guidelines[1].codes.system"),
        ("nothing: here", "guidelines"),
    ],
)
def test_bad_files_name_the_field(tmp_path: Path, text: str, field: str) -> None:
    path = tmp_path / "g.yaml"
    path.write_text(text)
    with pytest.raises(LoadError) as caught:
        list(parse_guidelines(path))
    assert caught.value.field == field and "g.yaml" in str(caught.value)


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
