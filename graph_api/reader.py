"""The GraphReader the schema depends on, answered by named Cypher statements over Neo4j."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any, TypeVar

from neo4j.time import Date

from graph_api.graph import Graph
from schema.records import (
    AddOnLinkRecord,
    ApplicableModifierRecord,
    CodeKey,
    CodeRecord,
    CrosswalkKey,
    CrosswalkRecord,
    DatedKey,
    GuidelineRecord,
    ModifierRecord,
    MueRecord,
    NoteRecord,
    PtpEditRecord,
    PtpKey,
    ReleaseRecord,
)


def _date(value: Any) -> date | None:
    return value.to_native() if isinstance(value, Date) else value


def _keys(keys: Sequence[DatedKey]) -> list[dict[str, Any]]:
    return [{"system": k.system, "code": k.code, "asOf": k.as_of} for k in keys]


_CORE = {
    "system",
    "code",
    "display",
    "shortDescription",
    "longDescription",
    "plainDescription",
    "isBillable",
    "isAddOn",
    "contractorDefinedPrimaries",
    "addedDate",
    "terminationDate",
    "kind",
    "releaseList",
    "releases",
    "createdBy",
    "textRelease",
    "codeRelease",
    "closedBy",
}


def _release(row: Mapping[str, Any]) -> ReleaseRecord:
    loaded = row.get("loadedAt")
    return ReleaseRecord(
        id=row["id"],
        source=row["source"],
        label=row["label"],
        loaded_at=str(loaded) if loaded else None,
        status=row.get("status"),
        rows=row.get("rows"),
        files=tuple(row.get("files") or ()),
    )


def _code(row: Mapping[str, Any] | None) -> CodeRecord | None:
    if row is None:
        return None
    return CodeRecord(
        kind=row.get("kind"),
        releases=tuple(_release(r) for r in row.get("releaseList") or [] if r),
        details={k: _date(v) for k, v in row.items() if k not in _CORE},
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


def _ptp(row: Mapping[str, Any]) -> PtpEditRecord:
    return PtpEditRecord(
        column1=row["column1"],
        column1_system=row["column1System"],
        column2=row["column2"],
        column2_system=row["column2System"],
        setting=row["setting"],
        prior_1996=bool(row["prior1996"]),
        effective_date=_date(row["effectiveDate"]),  # type: ignore[arg-type]
        deletion_date=_date(row["deletionDate"]),
        modifier_indicator=row["modifierIndicator"],
        rationale=row["rationale"] or "",
        release=row["release"] or "",
    )


def _mue(row: Mapping[str, Any]) -> MueRecord:
    return MueRecord(
        setting=row["setting"],
        value=row["value"],
        adjudication_indicator=row["adjudicationIndicator"],
        adjudication_text=row["adjudicationText"] or "",
        rationale=row["rationale"] or "",
        release=row["release"] or "",
    )


def _crosswalk(row: Mapping[str, Any]) -> CrosswalkRecord:
    return CrosswalkRecord(
        system=row["system"],
        code=row["code"],
        display=row["display"],
        approximate=bool(row["approximate"]),
        no_map=bool(row["noMap"]),
        combination=bool(row["combination"]),
        scenario=row["scenario"],
        choice_list=row["choiceList"],
        release=row["release"] or "",
    )


_Edit = TypeVar("_Edit", AddOnLinkRecord, PtpEditRecord)


def _distinct(records: list[_Edit]) -> list[_Edit]:
    """The same edit stated by two current releases (the sample and an official file) is one answer;
    the statements order the official release first, so it is the one kept."""
    seen: set[tuple[object, ...]] = set()
    kept = []
    for record in records:
        fact = tuple(getattr(record, f) for f in record.__slots__ if f != "release")
        if fact not in seen:
            seen.add(fact)
            kept.append(record)
    return kept


def _grouped(records: list[Any], column: str, size: int) -> list[list[Any]]:
    by_index = {r["i"]: r[column] for r in records}
    return [by_index.get(i, []) for i in range(size)]


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
        groups = _grouped(await self.graph.read(name, keys=_keys(keys)), "links", len(keys))
        return [_distinct([_link(link) for link in group]) for group in groups]

    async def ptp_edits(self, keys: Sequence[PtpKey]) -> list[list[PtpEditRecord]]:
        params = [
            {
                "system": k.system,
                "code": k.code,
                "asOf": k.as_of,
                "setting": k.setting,
                "role": k.role,
                "first": k.first,
            }
            for k in keys
        ]
        groups = _grouped(await self.graph.read("get_ptp_edits", keys=params), "edits", len(keys))
        return [_distinct([_ptp(e) for e in group]) for group in groups]

    async def mues(self, keys: Sequence[CodeKey]) -> list[list[MueRecord]]:
        params = [{"system": k.system, "code": k.code} for k in keys]
        groups = _grouped(await self.graph.read("get_mues", keys=params), "mues", len(keys))
        return [[_mue(m) for m in group] for group in groups]

    async def crosswalks(self, keys: Sequence[CrosswalkKey]) -> list[list[CrosswalkRecord]]:
        params = [{"system": k.system, "code": k.code, "target": k.target} for k in keys]
        groups = _grouped(await self.graph.read("get_crosswalks", keys=params), "entries", len(keys))
        return [[_crosswalk(e) for e in group] for group in groups]

    async def ancestors(self, keys: Sequence[CodeKey]) -> list[list[str]]:
        return await self._codes_of("get_code_parents", keys)

    async def children(self, keys: Sequence[CodeKey]) -> list[list[str]]:
        return await self._codes_of("get_code_children", keys)

    async def _codes_of(self, name: str, keys: Sequence[CodeKey]) -> list[list[str]]:
        params = [{"system": k.system, "code": k.code} for k in keys]
        return _grouped(await self.graph.read(name, keys=params), "codes", len(keys))

    async def notes(self, keys: Sequence[CodeKey]) -> list[list[NoteRecord]]:
        params = [{"system": k.system, "code": k.code} for k in keys]
        groups = _grouped(await self.graph.read("get_code_notes", keys=params), "notes", len(keys))
        return [
            [
                NoteRecord(
                    n["kind"],
                    n["text"],
                    n["named"],
                    n["levelKind"] or "code",
                    n["levelCode"],
                    n["depth"],
                    CodeKey(n["targetSystem"], n["targetCode"]),
                )
                for n in group
            ]
            for group in groups
        ]

    async def modifiers(self, codes: Sequence[str]) -> list[ModifierRecord | None]:
        records = sorted(await self.graph.read("get_modifiers", codes=list(codes)), key=lambda r: r["i"])
        return [
            ModifierRecord(
                code=m["code"],
                description=m.get("description"),
                short_description=m.get("shortDescription"),
                kind=m.get("kind"),
                added_date=_date(m.get("addedDate")),
                termination_date=_date(m.get("terminationDate")),
                action_code=m.get("actionCode"),
            )
            if (m := r["modifier"])
            else None
            for r in records
        ]

    async def search_codes(
        self, prefix: str | None, text: str | None, systems: list[str], after: tuple[float, str, str], limit: int
    ) -> list[tuple[str, str, float]]:
        score, system, code = after
        if prefix is not None:
            records = await self.graph.read(
                "get_codes_by_prefix", prefix=prefix, systems=systems, afterSystem=system, afterCode=code, limit=limit
            )
        else:
            records = await self.graph.read(
                "get_codes_by_text",
                text=text,
                systems=systems,
                afterScore=score,
                afterSystem=system,
                afterCode=code,
                limit=limit,
            )
        return [(r["system"], r["code"], float(r["score"])) for r in records]

    async def count_codes(self, prefix: str | None, text: str | None, systems: list[str]) -> int:
        if prefix is not None:
            records = await self.graph.read("get_prefix_count", prefix=prefix, systems=systems)
        else:
            records = await self.graph.read("get_text_count", text=text, systems=systems)
        return int(records[0]["total"])

    async def code_modifiers(self, keys: Sequence[DatedKey]) -> list[list[ApplicableModifierRecord]]:
        groups = _grouped(await self.graph.read("get_code_modifiers", keys=_keys(keys)), "modifiers", len(keys))
        return [[ApplicableModifierRecord(m["code"], m["indicator"], m["reason"]) for m in group] for group in groups]

    async def guidelines(self, keys: Sequence[CodeKey]) -> list[list[GuidelineRecord]]:
        params = [{"system": k.system, "code": k.code} for k in keys]
        groups = _grouped(await self.graph.read("get_code_guidelines", keys=params), "guidelines", len(keys))
        return [
            [GuidelineRecord(g["id"], g["title"], g["body"], g["source"], g.get("url")) for g in group]
            for group in groups
        ]

    async def releases(self) -> list[ReleaseRecord]:
        return [_release(r["release"]) for r in await self.graph.read("get_releases")]
