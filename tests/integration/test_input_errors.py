"""Variable values GraphQL cannot coerce are the caller's input errors, not unexpected ones."""

from __future__ import annotations

import httpx
import pytest

from graph_api.store.graph import Graph
from tests.integration.support import gql


@pytest.mark.parametrize(
    ("query", "variables", "says"),
    [
        (
            'query($d: Date) { code(system: CPT, code: "97551", asOf: $d) { code } }',
            {"d": "2024-13-01"},
            "Variable '$d' has invalid value: Value cannot represent a Date: \"2024-13-01\"",
        ),
        (
            'query($n: Int!) { searchCodes(text: "caregiver", first: $n) { totalCount } }',
            {"n": "ten"},
            "Variable '$n' has invalid value: Int cannot represent non-integer value",
        ),
    ],
)
async def test_uncoercible_variables_are_bad_user_input(
    sample_graph: Graph, client: httpx.AsyncClient, query: str, variables: dict[str, str], says: str
) -> None:
    answer = await gql(client, query, **variables)
    (error,) = answer["errors"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert error["message"].startswith(says)
