"""One async Neo4j driver per process; every statement is run by its name in cypher/."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

import neo4j
from neo4j import AsyncGraphDatabase, Query, RoutingControl
from neo4j.exceptions import DriverError, Neo4jError, ServiceUnavailable, SessionExpired, TransientError

from graph_api import metrics
from graph_api.settings import Settings
from graph_api.store.statements import CypherLibrary
from schema.errors import ServiceUnavailable as GraphUnavailable

_UNAVAILABLE = (ServiceUnavailable, SessionExpired, OSError, asyncio.TimeoutError, DriverError)
_TIMED_OUT = frozenset(
    {
        "Neo.ClientError.Transaction.TransactionTimedOut",
        "Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration",
    }
)

# Neo4j plans a statement on its first run and caches the plan; a large read (the code page) can take seconds to
# plan on a busy machine, so each statement's first run in a process may take this long.
FIRST_RUN_TIMEOUT_S = 60.0

# Told of every statement sent: its name and the seconds it took (metrics, tests that count round trips).
Observer = Callable[[str, float], None]
# Reads run as read transactions (routed to cluster readers); they are the statements named get_*.
READ_PREFIX = "get_"


class Graph:
    def __init__(self, settings: Settings, cypher: CypherLibrary | None = None) -> None:
        self.settings = settings
        self.cypher = cypher or CypherLibrary()
        self.database = settings.neo4j_database
        self.observers: list[Observer] = [metrics.observe_cypher]
        self._planned: set[str] = set()
        self._first_runs: dict[str, asyncio.Lock] = {}
        self._runs: dict[str, int] = {}  # runs of each read statement in this process
        self._read_slots = asyncio.Semaphore(max(1, min(settings.neo4j_max_reads, settings.neo4j_pool_size)))
        self.driver = AsyncGraphDatabase.driver(
            settings.neo4j_uri,
            auth=(settings.neo4j_user, settings.neo4j_password.get_secret_value()),
            connection_timeout=settings.neo4j_connect_timeout_s,
            connection_acquisition_timeout=settings.neo4j_acquire_timeout_s,
            max_transaction_retry_time=settings.neo4j_retry_time_s,
            max_connection_pool_size=settings.neo4j_pool_size,
            notifications_min_severity="OFF",
        )

    def _timeout(self, name: str) -> float:
        timeout = self.settings.neo4j_query_timeout_s
        return timeout if name in self._planned else max(timeout, FIRST_RUN_TIMEOUT_S)

    def _query(self, name: str) -> Query:
        return Query(self.cypher.text(name), timeout=self._timeout(name))

    def _session(self, access: str = neo4j.WRITE_ACCESS) -> neo4j.AsyncSession:
        # The bookmark manager execute_query uses: a read after a load's switch sees the switch on any cluster member.
        return self.driver.session(
            database=self.database,
            default_access_mode=access,
            bookmark_manager=self.driver.execute_query_bookmark_manager,
        )

    async def read(self, name: str, **params: Any) -> list[neo4j.Record]:
        """Runs a read statement with retries; Neo4j down or too slow becomes SERVICE_UNAVAILABLE."""
        if not name.startswith(READ_PREFIX):
            raise ValueError(f"{name} is not a read statement (get_*); run it with write()")
        if name not in self._planned:
            # Until a statement has run once, concurrent callers wait for that first run (Neo4j plans it then),
            # rather than each holding a connection while the plan is made.
            async with self._first_runs.setdefault(name, asyncio.Lock()):
                if name not in self._planned:
                    return await self._timed_read(name, params)
        return await self._timed_read(name, params)

    @asynccontextmanager
    async def _read_slot(self) -> AsyncIterator[None]:
        """One of the process's read slots (neo4j_max_reads), waited for at most neo4j_read_queue_s."""
        try:
            async with asyncio.timeout(self.settings.neo4j_read_queue_s):
                await self._read_slots.acquire()
        except TimeoutError:
            metrics.READ_QUEUE_TIMEOUTS.inc()
            raise GraphUnavailable("the code graph is busy: no read slot within the queue time") from None
        try:
            yield
        finally:
            self._read_slots.release()

    async def _timed_read(self, name: str, params: dict[str, Any]) -> list[neo4j.Record]:
        async with self._read_slot():
            return await self._timed_read_in_slot(name, params)

    async def _timed_read_in_slot(self, name: str, params: dict[str, Any]) -> list[neo4j.Record]:
        started = time.perf_counter()
        budget = self._timeout(name) + self.settings.neo4j_retry_time_s
        try:
            async with asyncio.timeout(budget):
                records = await self._read(name, params)
        except _UNAVAILABLE as exc:
            raise GraphUnavailable(f"the code graph is unavailable: {type(exc).__name__}") from exc
        except Neo4jError as exc:
            if exc.code not in _TIMED_OUT:
                raise
            # The server ended the statement at the query timeout: too slow now, not a fault of the request.
            raise GraphUnavailable("the code graph is unavailable: the statement timed out") from exc
        self._planned.add(name)
        self.observe(name, started)
        return records

    async def _read(self, name: str, params: dict[str, Any]) -> list[neo4j.Record]:
        """One auto-commit read: RUN and PULL in one round trip (a managed transaction adds BEGIN and COMMIT).
        A read changes nothing, so a transient failure is simply run again until the retry time is spent.
        A statement's first run and one in `cypher_profile_every` after it are PROFILEd: their db hits go to
        /metrics (what each statement costs Neo4j)."""
        every = self.settings.cypher_profile_every
        runs = self._runs[name] = self._runs.get(name, 0) + 1
        profile = every > 0 and runs % every == 1 % every
        text = self.cypher.text(name)
        query = Query("PROFILE " + text if profile else text, timeout=self._timeout(name))
        deadline = time.monotonic() + self.settings.neo4j_retry_time_s
        delay = 0.05
        while True:
            try:
                async with self._session(neo4j.READ_ACCESS) as s:
                    result = await s.run(query, params)
                    records = [record async for record in result]
                    if profile:
                        metrics.observe_db_hits(name, _db_hits((await result.consume()).profile))
                    return records
            except (TransientError, ServiceUnavailable, SessionExpired):
                if time.monotonic() + delay > deadline:
                    raise
                await asyncio.sleep(delay)
                delay *= 2

    async def write(self, name: str, **params: Any) -> list[neo4j.Record]:
        """Runs a write statement in its own managed transaction (retried on transient errors)."""
        if name.startswith(READ_PREFIX):
            raise ValueError(f"{name} is a read statement; run it with read()")
        started = time.perf_counter()
        result = await self.driver.execute_query(
            self._query(name), params, database_=self.database, routing_=RoutingControl.WRITE
        )
        self.observe(name, started)
        return result.records

    async def run_autocommit(self, name: str, **params: Any) -> None:
        """For statements that manage their own transactions (CALL ... IN TRANSACTIONS): no query timeout."""
        started = time.perf_counter()
        async with self._session() as session:
            result = await session.run(self.cypher.text(name), params)
            await result.consume()
        self.observe(name, started)

    def observe(self, name: str, started: float) -> None:
        if self.observers:
            elapsed = time.perf_counter() - started
            for observer in self.observers:
                observer(name, elapsed)

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[Transaction]:
        """One explicit write transaction: everything in it commits together or not at all."""
        async with self._session() as session:
            tx = await session.begin_transaction(timeout=None)
            try:
                yield Transaction(self, tx)
            except BaseException:
                await tx.rollback()
                raise
            else:
                await tx.commit()

    async def ping(self) -> None:
        await self.read("get_server_ping")

    async def current_releases(self) -> list[str]:
        ids: list[str] = (await self.read("get_release_version"))[0]["ids"]
        return ids

    def pool_in_use(self) -> int | None:
        """Connections in use in this process's pool; None when the driver's internals are not as expected."""
        try:
            pools = self.driver._pool.connections.values()
            return sum(1 for connections in pools for c in list(connections) if c.in_use)
        except (AttributeError, TypeError):
            return None

    async def close(self) -> None:
        await self.driver.close()


def _db_hits(plan: dict[str, Any] | None) -> int:
    if not plan:
        return 0
    return int(plan.get("dbHits", 0)) + sum(_db_hits(child) for child in plan.get("children", ()))


class Transaction:
    def __init__(self, graph: Graph, tx: neo4j.AsyncTransaction) -> None:
        self.graph = graph
        self.tx = tx

    async def run(self, name: str, **params: Any) -> list[neo4j.Record]:
        started = time.perf_counter()
        result = await self.tx.run(self.graph.cypher.text(name), params)
        records = [record async for record in result]
        self.graph.observe(name, started)
        return records


__all__ = ["Graph", "Neo4jError", "Transaction"]
