"""Plans the keyed reads before a process takes traffic.

Neo4j plans a statement on its first run (seconds for the code page on a busy machine) and caches the plan. A cold
replica put behind a load balancer at a few hundred requests a second would otherwise plan under load: requests
pile up behind the first run of each statement, then all reach the pool at once and some time out waiting for a
connection (the soak's first minute showed it). Every read whose parameters are only a key list (and the release
ids) is run once with no keys, which plans it and reads nothing; bounded in time, and never fatal: with Neo4j down
the process starts anyway and plans on first use, as before.
"""

from __future__ import annotations

import asyncio
import logging
import time

from graph_api.store.graph import READ_PREFIX, Graph, Neo4jError
from schema.errors import ServiceUnavailable

log = logging.getLogger("graph_api.warm")

# The parameters a keyed read may take, each with its empty value.
EMPTY: dict[str, object] = {"keys": [], "codes": [], "groups": [], "settings": [], "rids": [], "releases": {}}
KEYED = frozenset({"keys", "codes"})


async def warm(graph: Graph, budget_s: float) -> list[str]:
    """The reads planned (in name order) within `budget_s` seconds."""
    names = sorted(
        n
        for n, s in graph.cypher.items()
        if n.startswith(READ_PREFIX) and s.params & KEYED and s.params <= EMPTY.keys()
    )
    planned: list[str] = []
    started = time.monotonic()
    try:
        async with asyncio.timeout(budget_s):
            for name in names:
                await graph.read(name, **{p: EMPTY[p] for p in graph.cypher[name].params})
                planned.append(name)
    except (TimeoutError, ServiceUnavailable, Neo4jError) as exc:
        log.warning("planned %d of %d reads before serving: %s", len(planned), len(names), type(exc).__name__)
    else:
        log.info("planned %d reads before serving in %.1f s", len(planned), time.monotonic() - started)
    return planned
