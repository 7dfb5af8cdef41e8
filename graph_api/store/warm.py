"""Plans the keyed reads before a process takes traffic.

Neo4j plans a statement on its first run (seconds for the code page on a busy machine) and caches the plan. A cold
replica put behind a load balancer at a few hundred requests a second would otherwise plan under load: requests
pile up behind the first run of each statement, then all reach the pool at once and some time out waiting for a
connection (the soak's first minute showed it). Every read whose parameters are only a key list (and the release
ids) is run once with a key that matches nothing, which plans it and reads nothing. A plan is not all: the first run
of the page statement that finds a code took 0.75 s on a fresh stack (then 8 ms, whatever the code), so one whole
page of a real code is read last. Bounded in time, and never fatal: with Neo4j down the process starts anyway and
plans on first use, as before.
"""

from __future__ import annotations

import asyncio
import logging
import time
from datetime import date

from graph_api.store.graph import READ_PREFIX, Graph, Neo4jError
from graph_api.store.reads import Neo4jReader
from graph_api.store.version import Versions
from schema import reads
from schema.edits import ptp_page_key
from schema.enums import CodeSystem, PtpRole, Setting
from schema.errors import ServiceUnavailable
from schema.records import CodeKey, CrosswalkKey, DatedKey, PageKey

log = logging.getLogger("graph_api.warm")

# The parameters a keyed read may take, each with a value of the type real reads send that matches nothing. Neo4j
# keeps a plan per statement and parameter types: on a fresh stack, the first real get_codes after a run with an empty
# key list took 0.23 to 0.26 s (planned again), after a run with such a key 18 ms.
PROBES: dict[str, object] = {
    "keys": [{"system": "", "code": ""}],
    "codes": [""],
    "groups": [[0]],
    "settings": [""],
    "rids": [""],
    "releases": {"": {"label": "", "source": ""}},
}
KEYED = frozenset({"keys", "codes"})


async def warm(graph: Graph, budget_s: float) -> list[str]:
    """The reads planned (in name order) within `budget_s` seconds."""
    names = sorted(
        n
        for n, s in graph.cypher.items()
        if n.startswith(READ_PREFIX) and s.params & KEYED and s.params <= PROBES.keys()
    )
    planned: list[str] = []
    started = time.monotonic()
    try:
        async with asyncio.timeout(budget_s):
            for name in names:
                await graph.read(name, **{p: PROBES[p] for p in graph.cypher[name].params})
                planned.append(name)
            await _read_one_page(graph)
    except (TimeoutError, ServiceUnavailable, Neo4jError) as exc:
        log.warning("planned %d of %d reads before serving: %s", len(planned), len(names), type(exc).__name__)
    else:
        log.info("planned %d reads before serving in %.1f s", len(planned), time.monotonic() - started)
    return planned


def full_page_key(system: str, code: str) -> PageKey:
    """The page of a code with every part the page statement reads, as a full code page asks for them."""
    dated = DatedKey(system, code, date.today())
    return PageKey(
        dated,
        (
            (reads.PRIMARY_CODES.name, dated),
            (reads.ADD_ON_CODES.name, dated),
            (reads.PTP_EDITS.name, ptp_page_key(dated, Setting.PRACTITIONER, PtpRole.ANY, 20, None)),
            (reads.MUES.name, CodeKey(system, code)),
            (reads.CROSSWALKS.name, CrosswalkKey(system, code, CodeSystem.ICD10CM.value)),
        ),
    )


async def _read_one_page(graph: Graph) -> None:
    found = await graph.read("get_warm_code")
    if not found:
        return  # an empty graph: nothing to warm with
    system, code = found[0]["system"], found[0]["code"]
    try:
        await Neo4jReader(graph, Versions(graph, 0)).code_page([full_page_key(system, code)])
    except (ServiceUnavailable, Neo4jError):
        raise
    except Exception:  # never fatal: the process serves, and the first page a caller asks pays as before
        log.warning("could not read the page of %s %s before serving", system, code, exc_info=True)
