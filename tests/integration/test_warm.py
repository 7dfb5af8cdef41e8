"""A starting process plans its keyed reads before it serves (graph_api/store/warm.py)."""

from __future__ import annotations

from graph_api.settings import Settings
from graph_api.store.graph import Graph
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
