"""The GraphReader the schema depends on, answered by named Cypher statements over Neo4j."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from neo4j.time import Date

from graph_api.graph import Graph
from schema.records import AddOnLinkRecord, CodeRecord, DatedKey


def _date(value: Any) -> date | None:
    return value.to_native() if isinstance(value, Date) else value


def _keys(keys: Sequence[DatedKey]) -> list[dict[str, Any]]:
    return [{"system": k.system, "code": k.code, "asOf": k.as_of} for k in keys]


def _code(row: Mapping[str, Any] | None) -> CodeRecord | None:
    if row is None:
        return None
    return CodeRecord(
        system=row["system"],
        code=row["code"],
        display=row.get("display") or row["code"],
        short_description=row.get("shortDescription"),
        long_description=row.get("longDescription"),
        plain_description=row.get("plainDescription"),
        is_billable=row.get("isBillable"),
        is_add_on=bool(row.get("isAddOn")),
        contractor_defined_primaries=bool(row.get("contractorDefinedPrimaries")),
        added_date=_date(row.get("addedDate")),
        termination_date=_date(row.get("terminationDate")),
    )


def _link(row: Mapping[str, Any]) -> AddOnLinkRecord:
    return AddOnLinkRecord(
        system=row["system"],
        code=row["code"],
        display=row.get("display") or row["code"],
        add_on_type=row["type"],
        effective_date=_date(row["effectiveDate"]),  # type: ignore[arg-type]
        deletion_date=_date(row.get("deletionDate")),
        notes=row.get("notes"),
        release=row.get("release") or "",
    )


class Neo4jReader:
    def __init__(self, graph: Graph) -> None:
        self.graph = graph

    async def codes(self, keys: Sequence[DatedKey]) -> list[CodeRecord | None]:
        records = await self.graph.read("get_codes", keys=_keys(keys))
        return [_code(r["code"]) for r in sorted(records, key=lambda r: r["i"])]

    async def primary_codes(self, keys: Sequence[DatedKey]) -> list[list[AddOnLinkRecord]]:
        return await self._links("get_primary_codes", keys)

    async def add_on_codes(self, keys: Sequence[DatedKey]) -> list[list[AddOnLinkRecord]]:
        return await self._links("get_add_on_codes", keys)

    async def _links(self, name: str, keys: Sequence[DatedKey]) -> list[list[AddOnLinkRecord]]:
        by_index = {r["i"]: r["links"] for r in await self.graph.read(name, keys=_keys(keys))}
        return [[_link(link) for link in by_index.get(i, [])] for i in range(len(keys))]
