"""The foundation's contract queries, over HTTP against the real Neo4j holding the sample graph."""

from __future__ import annotations

import httpx

from graph_api.store.graph import Graph
from tests.integration.support import PRIMARY_QUERY, gql

ADD_ONS = '{ code(system: CPT, code: "97550") { addOnCodes { code system addOnType } } }'


async def test_add_on_names_its_primary(sample_graph: Graph, client: httpx.AsyncClient) -> None:
    body = await gql(client, PRIMARY_QUERY)
    assert "errors" not in body
    code = body["data"]["code"]
    assert code["system"] == "CPT" and code["code"] == "97551" and code["isAddOn"] is True
    assert {"code": "97550", "system": "CPT", "addOnType": 1} in code["primaryCodes"]


async def test_primary_names_its_add_on(sample_graph: Graph, client: httpx.AsyncClient) -> None:
    body = await gql(client, ADD_ONS)
    assert {"code": "97551", "system": "CPT", "addOnType": 1} in body["data"]["code"]["addOnCodes"]


async def test_primary_is_not_an_add_on(sample_graph: Graph, client: httpx.AsyncClient) -> None:
    body = await gql(client, '{ code(system: CPT, code: "97550") { isAddOn primaryCodes { code } } }')
    assert body["data"]["code"] == {"isAddOn": False, "primaryCodes": []}


async def test_unknown_code_is_null_without_error(sample_graph: Graph, client: httpx.AsyncClient) -> None:
    body = await gql(client, '{ code(system: CPT, code: "00000") { code } }')
    assert body["data"] == {"code": None} and "errors" not in body


async def test_code_in_the_wrong_system_is_null(sample_graph: Graph, client: httpx.AsyncClient) -> None:
    body = await gql(client, '{ code(system: HCPCS, code: "97551") { code } }')
    assert body["data"] == {"code": None} and "errors" not in body


async def test_unknown_system_is_a_validation_error(sample_graph: Graph, client: httpx.AsyncClient) -> None:
    response = await client.post("/graphql", json={"query": '{ code(system: LOINC, code: "1") { code } }'})
    body = response.json()
    assert body.get("data") is None  # refused before execution: no data entry (GraphQL spec)
    assert "LOINC" in body["errors"][0]["message"] and "CodeSystem" in body["errors"][0]["message"]


async def test_code_systems(client: httpx.AsyncClient) -> None:
    body = await gql(client, '{ __type(name: "CodeSystem") { enumValues { name } } }')
    names = {v["name"] for v in body["data"]["__type"]["enumValues"]}
    assert {"CPT", "HCPCS", "ICD10CM", "ICD10PCS", "ICD9CM", "ICD9PROC"} <= names


async def test_icd_code_found_with_or_without_dot(sample_graph: Graph, client: httpx.AsyncClient) -> None:
    for typed in ("E11.65", "e1165"):
        body = await gql(client, "query($c: String!) { code(system: ICD10CM, code: $c) { code display } }", c=typed)
        assert body["data"]["code"] == {"code": "E1165", "display": "E11.65"}


async def test_as_of_before_and_after_a_deletion(sample_graph: Graph, client: httpx.AsyncClient) -> None:
    query = 'query($d: Date) { code(system: CPT, code: "99356", asOf: $d) { isAddOn primaryCodes { code } } }'
    before = (await gql(client, query, d="2022-12-31"))["data"]["code"]
    after = (await gql(client, query, d="2023-01-01"))["data"]["code"]
    assert before == {"isAddOn": True, "primaryCodes": [{"code": "99223"}]}
    assert after is None  # the code itself was deleted on 2022-12-31: on a later date of service it is no code
    status = '{ code(system: CPT, code: "99356", asOf: "2022-06-01") { status terminationDate } }'
    assert (await gql(client, status))["data"]["code"] == {"status": "TERMINATED", "terminationDate": "2022-12-31"}


async def test_retroactively_deleted_window_is_never_in_effect(sample_graph: Graph, client: httpx.AsyncClient) -> None:
    # G2211 + 99202 has one open window from 2024-01-01 and one deleted the day it took effect (2024-10-01).
    query = '{ code(system: HCPCS, code: "G2211") { primaryCodes(asOf: "2024-10-01") { code effectiveDate } } }'
    links = (await gql(client, query))["data"]["code"]["primaryCodes"]
    assert [link for link in links if link["code"] == "99202"] == [{"code": "99202", "effectiveDate": "2024-01-01"}]


async def test_contractor_defined_primaries_is_a_flag_not_a_code(
    sample_graph: Graph, client: httpx.AsyncClient
) -> None:
    query = '{ code(system: CPT, code: "0054T") { isAddOn contractorDefinedPrimaries primaryCodes { code } } }'
    body = await gql(client, query)
    assert body["data"]["code"] == {"isAddOn": True, "contractorDefinedPrimaries": True, "primaryCodes": []}
    assert (await gql(client, '{ code(system: CPT, code: "CCCCC") { code } }'))["data"]["code"] is None
