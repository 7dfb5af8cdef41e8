"""What integration tests share: a clean graph, counts, and one GraphQL call."""

from __future__ import annotations

import httpx

from graph_api.ingest.kinds import load
from graph_api.store.graph import Graph
from graph_api.store.indexes import ensure_graph_model

PRIMARY_QUERY = '{ code(system: CPT, code: "97551") { system code isAddOn primaryCodes { code system addOnType } } }'


async def reset(graph: Graph) -> None:
    await graph.run_autocommit("delete_all_relationships")
    await graph.run_autocommit("delete_all_nodes")
    await ensure_graph_model(graph)


async def load_sample(graph: Graph) -> None:
    await load(graph, "sample")


async def graph_counts(graph: Graph) -> tuple[int, int]:
    record = (await graph.read("get_graph_counts"))[0]
    return record["nodes"], record["relationships"]


async def gql(client: httpx.AsyncClient, query: str, **variables: object) -> dict:  # type: ignore[type-arg]
    response = await client.post("/graphql", json={"query": query, "variables": variables})
    assert response.status_code == 200, response.text
    return response.json()  # type: ignore[no-any-return]
