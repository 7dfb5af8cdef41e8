"""Neo4j db hits per code page: the engine path's one statement vs the reference product's, over peer-bench's mix.

    python -m bench.page_hits            # after peer-bench's make_codes.py, against the graph it was made from

PROFILEs cypher/get_code_page.cypher with the parameters the service sends for peer-bench's code page (its
PROJECT query: the code, both add-on directions, the first PTP page of 20, the MUEs, direct crosswalks; the
releases of the code are not selected), and the peer's one statement (peer_code_page.cypher, as
../shared/peer-bench/profile_cypher.py sends it), for every code of .peer-bench/codes.json. Prints the mean.
"""

from __future__ import annotations

import asyncio
import json
import sys
from datetime import date
from typing import Any

from bench.common import graph
from bench.peer import PEER_BENCH, ROOT
from graph_api.store.page import page_params
from graph_api.store.version import Versions
from schema import reads
from schema.enums import PtpRole, Setting
from schema.records import CodeKey, CrosswalkKey, DatedKey, PageKey

TARGET = {"ICD10CM": "ICD9CM", "ICD9CM": "ICD10CM", "ICD10PCS": "ICD9PROC", "ICD9PROC": "ICD10PCS"}


def _hits(plan: Any) -> int:
    return int(plan.get("dbHits", 0)) + sum(_hits(c) for c in plan.get("children", []))


def page_key(system: str, code: str) -> PageKey:
    """The page key schema/page.py builds for peer-bench's PROJECT query (any status: no asOf)."""
    from schema.edits import ptp_page_key

    day = date.today()
    dated = DatedKey(system, code, day)
    parts: tuple[tuple[str, object], ...] = (
        (reads.PRIMARY_CODES.name, dated),
        (reads.ADD_ON_CODES.name, dated),
        (reads.PTP_EDITS.name, ptp_page_key(dated, Setting.PRACTITIONER, PtpRole.ANY, 20, None)),
        (reads.MUES.name, CodeKey(system, code)),
        (reads.CROSSWALKS.name, CrosswalkKey(system, code, TARGET.get(system, "ICD9CM"), 1)),
    )
    return PageKey(DatedKey(system, code, day, any_status=True), parts, releases=False)


async def main() -> None:
    codes_file = ROOT / ".peer-bench" / "codes.json"
    if not codes_file.exists() or not (PEER_BENCH / "peer_code_page.cypher").exists():
        print(f"page_hits: skipped: needs {PEER_BENCH} and {codes_file} (peer-bench's make_codes.py)")
        return
    spec = json.loads(codes_file.read_text())
    sys.path.insert(0, str(PEER_BENCH))
    import profile_cypher  # type: ignore[import-not-found]

    g = graph()
    ours = peers = 0
    try:
        current = (await Versions(g, 0).current()).params()
        text = g.cypher.text("get_code_page")
        peer_text = (PEER_BENCH / "peer_code_page.cypher").read_text().replace("CYPHER 5", "CYPHER 5 PROFILE", 1)
        async with g.driver.session(database=g.database) as session:
            for ref in spec["mix"]:
                params = {"keys": [page_params(page_key(ref["system"], ref["code"]))], **current}
                result = await session.run("PROFILE " + text, params)
                ours += _hits((await result.consume()).profile)
                day, to, rids = date.today(), TARGET.get(ref["system"], "ICD9CM"), current["rids"]
                values = [ref["system"], ref["code"], day, day, 1, rids, day, day, True, day, day, rids, day, day,
                          rids, "practitioner", day, day, 20, rids, "practitioner", day, day, 20, True,
                          "practitioner", to, rids, True, to]  # fmt: skip
                result = await session.run(peer_text, {f"param{i}": v for i, v in enumerate(values)})
                peers += _hits((await result.consume()).profile)
    finally:
        await g.close()
    n = len(spec["mix"])
    assert profile_cypher.TARGET == TARGET  # the peer's targets are ours
    print(f"db hits per code page, mean over the {n}-code mix of {codes_file}:")
    print(f"  graph-api get_code_page (one statement)   {ours / n:8.1f}")
    print(f"  @neo4j/graphql (one statement)             {peers / n:8.1f}")


if __name__ == "__main__":
    asyncio.run(main())
