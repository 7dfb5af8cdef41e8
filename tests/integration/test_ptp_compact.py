"""The PTP load sends its edges compactly (create_ptp_edges_compact): the graph it writes is the one the plain
statement (create_ptp_edges, full rows, as the bench's floor sends them) writes for the same rows."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import neo4j.time
import pytest

from graph_api.ingest.kinds import load
from graph_api.settings import Settings
from graph_api.store.graph import Graph
from loaders.code_forms import display_form, procedure_ref
from loaders.ptp import parse_ptp, ptp_row
from tests.data import FIXTURES, shared
from tests.integration.test_traversals import SCANS, _operators
from tests.unit.test_ptp_fast_path import _table
from tests.unit.test_ptp_mue import PTP_EXCERPT

FLOOR = "floor"  # the rid of the edges the plain statement writes beside the load's
VARIED = [  # field tails repeated across lines and batches: starred and empty cells, every indicator
    "0001A\t36591\t\t20220101\t20231231\t0\tCPT Manual or CMS manual coding instruction",
    "0001A\t99211\t*\t19960101\t*\t1\tMisuse of Column Two code with Column One code",
    "0001A\tG0008\t\t20220101\t20220101\t9\tMutually exclusive procedures",
    "11042\t97597\t*\t19960101\t*\t1\t",
    "11042\t11000\t\t20020101\t*\t1",
    " 11042 \t 36591 \t\t20020101\t*\t1\tMore extensive procedure ",
]


def _varied(tmp_path: Path) -> Path:
    lines = [VARIED[i % len(VARIED)].replace("\t36591", f"\t{36590 + i % 3}", 1) for i in range(40)]
    return _table(tmp_path, *lines, *VARIED)


async def _edges(graph: Graph, rid: str) -> dict[str, Counter[tuple[Any, ...]]]:
    """The PTP edges of the load's release and of the floor's rows: (column 1, column 2, sorted properties)."""
    found: dict[str, Counter[tuple[Any, ...]]] = {rid: Counter(), FLOOR: Counter()}
    after = ""
    while True:
        page = await graph.read(
            "get_edge_diff_codes",
            **{"from": rid, "to": FLOOR},
            types=["PTP"],
            afterCode=after,
            afterSystem="",
            limit=500,
            maxEdges=100_000,
        )
        for record in page:
            for edge in record["edges"]:
                props = {k: v for k, v in edge["props"].items() if k != "rid"}
                assert edge["props"]["rid"] == edge["rid"]
                key = (record["code"], edge["code"], tuple(sorted((k, type(v).__name__, v) for k, v in props.items())))
                found[edge["rid"]][key] += 1
        if not page or not page[-1]["more"]:
            return found
        after = page[-1]["code"] + "\x00"  # past the last code of the page, whatever its system


@pytest.mark.parametrize("source", ["varied", "fixtures", pytest.param(PTP_EXCERPT, id="excerpt")])
async def test_the_load_writes_the_edges_the_plain_statement_writes(
    empty_graph: Graph, settings: Settings, tmp_path: Path, source: str
) -> None:
    if source == "varied":
        paths = [_varied(tmp_path)]
    elif source == "fixtures":
        paths = [FIXTURES / "ptp_part1.txt", FIXTURES / "ptp_part2.txt"]
    else:
        paths = [shared(source)]
    # small batches and two writers: tails are indexed per batch, over many batches in flight
    small = Graph(settings.model_copy(update={"load_batch_size": 7}), empty_graph.cypher)
    try:
        (summary,) = await load(small, "ptp", paths, setting="hospital")
    finally:
        await small.close()
    edits = [edit for path in paths for edit in parse_ptp(path)]
    assert summary.rows == len(edits)

    # the same rows as full dicts through the plain statement, as bench/ptp_load.py's floor sends them
    refs = [(procedure_ref(e.column1), procedure_ref(e.column2)) for e in edits]
    codes = sorted({ref for pair in refs for ref in pair})
    merged = await empty_graph.write(
        "merge_code_ids", rows=[{"system": s, "code": c, "display": display_form(s, c)} for s, c in codes], rid=FLOOR
    )
    ids = {(s, c): i for s, c, i in merged[0]["ids"]}
    rows = [{**ptp_row(e, "hospital"), "a": ids[a], "b": ids[b]} for e, (a, b) in zip(edits, refs, strict=True)]
    await empty_graph.write("create_ptp_edges", rows=rows, rid=FLOOR)

    found = await _edges(empty_graph, summary.release_id)
    loaded, plain = found[summary.release_id], found[FLOOR]
    assert sum(loaded.values()) == len(edits)
    assert loaded == plain  # same endpoints, same properties, same types, edge for edge
    for _, _, props in loaded:
        values = {k: v for k, _, v in props}
        assert values["setting"] == "hospital" and isinstance(values["modifierIndicator"], int)
        assert isinstance(values["prior1996"], bool) and isinstance(values["rationale"], str)
        assert all(isinstance(values[k], neo4j.time.Date) for k in ("effectiveDate", "validFrom", "validTo"))
        assert isinstance(values.get("deletionDate", neo4j.time.Date(1, 1, 1)), neo4j.time.Date)
    if source == "varied":  # every kind of tail made it: starred dates are absent, empty rationales kept
        assert sum("deletionDate" not in {k for k, _, _ in p} for _, _, p in loaded) > 0
        assert {dict((k, v) for k, _, v in p)["rationale"] for _, _, p in loaded} >= {"", "More extensive procedure"}
        assert {dict((k, v) for k, _, v in p)["modifierIndicator"] for _, _, p in loaded} == {0, 1, 9}


async def test_compact_rows_find_their_endpoints_by_element_id(empty_graph: Graph, settings: Settings) -> None:
    """A batch's codes are found by element id, as `row.a` is: neither statement scans the nodes."""
    params = {"rows": [[0], [1], [0]], "ids": ["4:x:1", "4:x:2"], "tails": [{"setting": "practitioner"}], "rid": "x"}
    async with empty_graph.driver.session(database=settings.neo4j_database) as session:
        for name in ("create_ptp_edges_compact", "create_ptp_edges"):
            statement = empty_graph.cypher[name]
            result = await session.run("EXPLAIN " + statement.text, {p: params[p] for p in statement.params})  # type: ignore[operator]
            operators = _operators((await result.consume()).plan)
            assert "NodeByElementIdSeek" in operators and not operators & SCANS, (name, operators)


async def test_a_code_gone_since_its_merge_writes_nothing(empty_graph: Graph) -> None:
    """Rows address codes by their place in `$ids`: with one code missing, every later place would shift, so the
    statement writes no edge at all (and the batcher's `written` check fails the load)."""
    rows = [{"system": "CPT", "code": c, "display": c} for c in ("10000", "10001", "10002")]
    merged = await empty_graph.write("merge_code_ids", rows=rows, rid=FLOOR)
    ids = [i for _, _, i in merged[0]["ids"]]
    tails = [
        {
            "setting": "hospital",
            "prior1996": False,
            "effectiveDate": "2024-01-01",
            "deletionDate": None,
            "validFrom": "2024-01-01",
            "validTo": "9999-12-31",
            "modifierIndicator": 1,
            "rationale": "",
        }
    ]
    columns = [[0, 1, 0], [1, 2, 2], [0, 0, 0]]  # three edges: (10000, 10001), (10001, 10002), (10000, 10002)
    whole = await empty_graph.write("create_ptp_edges_compact", rows=columns, tails=tails, ids=ids, rid=FLOOR)
    assert whole[0]["written"] == 3
    gone = [ids[0], "4:00000000-0000-0000-0000-000000000000:999999", ids[2]]
    partial = await empty_graph.write("create_ptp_edges_compact", rows=columns, tails=tails, ids=gone, rid="other")
    assert partial[0]["written"] == 0
    counted = await empty_graph.read(
        "get_edge_diff_codes",
        **{"from": FLOOR, "to": "other"},
        types=["PTP"],
        afterCode="",
        afterSystem="",
        limit=500,
        maxEdges=100,
    )
    assert sorted((r["code"], e["code"], e["rid"]) for r in counted for e in r["edges"]) == [
        ("10000", "10001", FLOOR),
        ("10000", "10002", FLOOR),
        ("10001", "10002", FLOOR),
    ]
