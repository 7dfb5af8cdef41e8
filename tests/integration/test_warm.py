"""A starting process plans its keyed reads before it serves (graph_api/store/warm.py)."""

from __future__ import annotations

from typing import Any

from graph_api.settings import Settings
from graph_api.store.graph import Graph
from graph_api.store.version import Versions
from graph_api.store.warm import warm


async def test_keyed_reads_are_planned_and_read_nothing(sample_graph: Graph, settings: Settings) -> None:
    graph = Graph(settings)
    try:
        planned = await warm(graph, 120)
        assert {"get_code_page", "get_codes", "get_ptp_edits", "get_claim_facts"} <= set(planned)
        assert "get_codes_by_text" not in planned  # not keyed: planned on first use
        assert set(planned) <= graph._planned  # later reads run under the normal query timeout
    finally:
        await graph.close()


async def test_a_graph_that_does_not_answer_plans_nothing_and_does_not_fail(settings: Settings) -> None:
    graph = Graph(settings.model_copy(update={"neo4j_uri": "bolt://127.0.0.1:1", "neo4j_retry_time_s": 0.1}))
    try:
        assert await warm(graph, 10) == []
    finally:
        await graph.close()


async def test_a_whole_page_of_a_real_code_is_read_last(sample_graph: Graph, settings: Settings) -> None:
    """A plan is not all: the page statement's first run that finds a code is slow, so warm reads one whole page."""
    graph = Graph(settings)
    sent: list[tuple[str, dict[str, Any], list[Any]]] = []
    read = graph.read

    async def recording(name: str, **params: Any) -> list[Any]:
        records = await read(name, **params)
        sent.append((name, params, records))
        return records

    graph.read = recording  # type: ignore[method-assign]
    try:
        await warm(graph, 120)
    finally:
        await graph.close()
    (found,) = next(records for name, _, records in sent if name == "get_warm_code")
    name, params, records = sent[-1]
    assert name == "get_code_page"
    (key,) = params["keys"]
    assert (key["system"], key["code"]) == (found["system"], found["code"])
    assert key["primaries"] and key["addOns"] and key["ptp"] and key["mues"] and key["crosswalkTarget"] == "ICD10CM"
    assert [r["i"] for r in records] == [0]  # the code was found: its page was read, not only planned
    assert params["rids"] == (await Versions(sample_graph, 0).current()).params()["rids"]  # not a probe's
