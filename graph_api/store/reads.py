"""The GraphReader the schema depends on, answered by named Cypher statements over Neo4j."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from graph_api.store.claim_reader import read_claim_facts
from graph_api.store.decode import (
    code_record,
    crosswalk_record,
    dated_keys,
    distinct,
    grouped,
    hop_record,
    link_record,
    mue_record,
    ptp_record,
    release_record,
    shortest_paths,
    to_date,
)
from graph_api.store.edge_diff import EdgeDiffReads
from graph_api.store.graph import Graph
from graph_api.store.history import HistoryReads
from graph_api.store.page import page_answer, page_params
from graph_api.store.version import Versions
from schema.claims.model import ClaimFacts, FactsRequest
from schema.reads import TABLE, CountKey, RelationKey, SearchKey
from schema.records import (
    AddOnLinkRecord,
    ApplicableModifierRecord,
    CodeKey,
    CodeRecord,
    CrosswalkKey,
    CrosswalkRecord,
    DatedKey,
    DescendantsKey,
    DescendantsPage,
    GuidelineRecord,
    IndexEntryRecord,
    ModifierRecord,
    MueRecord,
    NoteRecord,
    PageAnswer,
    PageKey,
    PtpKey,
    PtpPage,
    RelatedKey,
    RelatedRecord,
    RelationStepRecord,
    ReleaseRecord,
)

MAX_CROSSWALK_PATHS = 500
MAX_RELATION_PATHS = 25
RELATED_PER_RELATION = 50


Fetch = Callable[[Sequence[Any]], Awaitable[list[Any]]]


class Neo4jReader(HistoryReads, EdgeDiffReads):
    """Answers each read of schema/reads.py with the method of the same name: one statement per batch."""

    def __init__(self, graph: Graph, versions: Versions) -> None:
        self.graph = graph
        # The current release ids and labels, passed to the reads rather than matched by every statement.
        self.versions = versions
        missing = [r.name for r in TABLE if not callable(getattr(self, r.name, None))]
        if missing:
            raise TypeError(f"reads without a method: {', '.join(missing)}")

    async def codes(self, keys: Sequence[DatedKey]) -> list[CodeRecord | None]:
        rids = (await self.versions.current()).ids
        records = await self.graph.read("get_codes", keys=dated_keys(keys), rids=rids)
        return [code_record(r["code"]) for r in sorted(records, key=lambda r: r["i"])]

    async def primary_codes(self, keys: Sequence[DatedKey]) -> list[list[AddOnLinkRecord]]:
        return await self._links("get_primary_codes", keys)

    async def add_on_codes(self, keys: Sequence[DatedKey]) -> list[list[AddOnLinkRecord]]:
        return await self._links("get_add_on_codes", keys)

    async def _links(self, name: str, keys: Sequence[DatedKey]) -> list[list[AddOnLinkRecord]]:
        current = (await self.versions.current()).params()
        groups = grouped(await self.graph.read(name, keys=dated_keys(keys), **current), "links", len(keys))
        return [distinct([link_record(link) for link in group]) for group in groups]

    async def ptp_edits(self, keys: Sequence[PtpKey]) -> list[PtpPage]:
        params = [
            {
                "system": k.system,
                "code": k.code,
                "asOf": k.as_of,
                "setting": k.setting,
                "role": k.role,
                "first": k.first,
                "after": list(k.after) if k.after else None,
            }
            for k in keys
        ]
        current = (await self.versions.current()).params()
        by_index = {r["i"]: r for r in await self.graph.read("get_ptp_edits", keys=params, **current)}
        return [
            PtpPage(r["total"], tuple(ptp_record(e) for e in r["edits"])) if (r := by_index.get(i)) else PtpPage(0, ())
            for i in range(len(keys))
        ]

    async def mues(self, keys: Sequence[CodeKey]) -> list[list[MueRecord]]:
        params = [{"system": k.system, "code": k.code} for k in keys]
        groups = grouped(await self.graph.read("get_mues", keys=params), "mues", len(keys))
        return [[mue_record(m) for m in group] for group in groups]

    async def crosswalks(self, keys: Sequence[CrosswalkKey]) -> list[list[CrosswalkRecord]]:
        params = [{"system": k.system, "code": k.code, "target": k.target, "maxHops": k.max_hops} for k in keys]
        current = (await self.versions.current()).params()
        groups = grouped(await self.graph.read("get_crosswalks", keys=params, **current), "entries", len(keys))
        direct = [[crosswalk_record(e) for e in group] for group in groups]
        if all(k.max_hops == 1 for k in keys):
            return direct
        records = await self.graph.read("get_crosswalk_paths", keys=params, limit=MAX_CROSSWALK_PATHS)
        paths = grouped(records, "paths", len(keys))
        return [
            shortest_paths(entries, [[hop_record(h) for h in p] for p in found if len(p) > 1])
            for entries, found in zip(direct, paths, strict=True)
        ]

    async def descendants(self, keys: Sequence[DescendantsKey]) -> list[DescendantsPage]:
        params = [{"system": k.system, "code": k.code, "after": k.after, "limit": k.limit} for k in keys]
        by_index = {r["i"]: r for r in await self.graph.read("get_code_descendants", keys=params)}
        return [
            DescendantsPage(r["total"], tuple(r["codes"])) if (r := by_index.get(i)) else DescendantsPage(0, ())
            for i in range(len(keys))
        ]

    async def related(self, keys: Sequence[RelatedKey]) -> list[list[RelatedRecord]]:
        params = [{"system": k.system, "code": k.code, "asOf": k.as_of, "first": k.first} for k in keys]
        records = await self.graph.read("get_related_codes", keys=params, perRelation=RELATED_PER_RELATION)
        return [
            [
                RelatedRecord(
                    n["system"], n["code"], float(n["score"]), tuple((r["relation"], r["detail"]) for r in n["reasons"])
                )
                for n in group
            ]
            for group in grouped(records, "related", len(keys))
        ]

    async def relation_paths(self, keys: Sequence[RelationKey]) -> list[list[list[RelationStepRecord]]]:
        return [await self._relation_paths(k) for k in keys]

    async def _relation_paths(self, key: RelationKey) -> list[list[RelationStepRecord]]:
        records = await self.graph.read(
            "get_relation_paths",
            fromSystem=key.start.system,
            fromCode=key.start.code,
            toSystem=key.end.system,
            toCode=key.end.code,
            maxHops=key.max_hops,
            asOf=key.as_of,
            limit=MAX_RELATION_PATHS,
        )
        paths = []
        for record in records:
            walked = [CodeKey(*c.split(" ", 1)) for c in record["codes"]]
            paths.append([_step(s, walked[n]) for n, s in enumerate(record["steps"])])
        return sorted(paths, key=lambda p: [(s.type, s.start.code, s.end.code) for s in p])

    async def ancestors(self, keys: Sequence[CodeKey]) -> list[list[str]]:
        return await self._codes_of("get_code_parents", keys)

    async def children(self, keys: Sequence[CodeKey]) -> list[list[str]]:
        return await self._codes_of("get_code_children", keys)

    async def _codes_of(self, name: str, keys: Sequence[CodeKey]) -> list[list[str]]:
        params = [{"system": k.system, "code": k.code} for k in keys]
        return grouped(await self.graph.read(name, keys=params), "codes", len(keys))

    async def notes(self, keys: Sequence[CodeKey]) -> list[list[NoteRecord]]:
        params = [{"system": k.system, "code": k.code} for k in keys]
        groups = grouped(await self.graph.read("get_code_notes", keys=params), "notes", len(keys))
        return [
            [
                NoteRecord(
                    n["kind"],
                    n["text"],
                    n["named"] or "",
                    n["levelKind"] or "code",
                    n["levelCode"],
                    n["depth"],
                    CodeKey(n["targetSystem"], n["targetCode"]) if n["targetCode"] else None,
                    n["qualifier"],
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
                added_date=to_date(m.get("addedDate")),
                termination_date=to_date(m.get("terminationDate")),
                action_code=m.get("actionCode"),
            )
            if (m := r["modifier"])
            else None
            for r in records
        ]

    async def search_codes(self, keys: Sequence[SearchKey]) -> list[list[tuple[str, str, float]]]:
        return [await self._search(k) for k in keys]

    async def _search(self, key: SearchKey) -> list[tuple[str, str, float]]:
        score, system, code = key.after
        common = {"systems": list(key.systems), "asOf": key.as_of, "afterSystem": system, "afterCode": code}
        if key.prefix is not None:
            records = await self.graph.read("get_codes_by_prefix", prefix=key.prefix, limit=key.limit, **common)
        else:
            records = await self.graph.read(
                "get_codes_by_text", text=key.text, afterScore=score, limit=key.limit, **common
            )
        return [(r["system"], r["code"], float(r["score"])) for r in records]

    async def count_codes(self, keys: Sequence[CountKey]) -> list[int]:
        return [await self._count(k) for k in keys]

    async def _count(self, key: CountKey) -> int:
        systems = list(key.systems)
        if key.prefix is not None:
            records = await self.graph.read("get_prefix_count", prefix=key.prefix, systems=systems, asOf=key.as_of)
        else:
            records = await self.graph.read("get_text_count", text=key.text, systems=systems, asOf=key.as_of)
        return int(records[0]["total"])

    async def code_modifiers(self, keys: Sequence[DatedKey]) -> list[list[ApplicableModifierRecord]]:
        groups = grouped(await self.graph.read("get_code_modifiers", keys=dated_keys(keys)), "modifiers", len(keys))
        return [[ApplicableModifierRecord(m["code"], m["indicator"], m["reason"]) for m in group] for group in groups]

    async def index_entries(self, keys: Sequence[CodeKey]) -> list[list[IndexEntryRecord]]:
        params = [{"system": k.system, "code": k.code} for k in keys]
        groups = grouped(await self.graph.read("get_code_index_entries", keys=params), "entries", len(keys))
        return [[IndexEntryRecord(e["index"], e["path"], e["heading"], e["named"]) for e in group] for group in groups]

    async def guidelines(self, keys: Sequence[CodeKey]) -> list[list[GuidelineRecord]]:
        params = [{"system": k.system, "code": k.code} for k in keys]
        groups = grouped(await self.graph.read("get_code_guidelines", keys=params), "guidelines", len(keys))
        return [
            [GuidelineRecord(g["id"], g["title"], g["body"], g["source"], g.get("url")) for g in group]
            for group in groups
        ]

    async def releases(self, keys: Sequence[str]) -> list[list[ReleaseRecord]]:
        found = [release_record(r["release"]) for r in await self.graph.read("get_releases")]
        return [found for _ in keys]

    async def code_page(self, keys: Sequence[PageKey]) -> list[PageAnswer]:
        current = (await self.versions.current()).params()
        records = await self.graph.read("get_code_page", keys=[page_params(k) for k in keys], **current)
        by_index = {r["i"]: r for r in records}
        return [page_answer(k, by_index.get(i)) for i, k in enumerate(keys)]

    async def batch(self, name: str, keys: Sequence[Any]) -> list[Any]:
        fetch: Fetch = getattr(self, name)
        return await fetch(keys)

    async def claim_facts(self, keys: Sequence[FactsRequest]) -> list[ClaimFacts]:
        rids = (await self.versions.current()).ids
        return [await read_claim_facts(self.graph, k, rids) for k in keys]


def _step(row: dict[str, Any], walked_from: CodeKey) -> RelationStepRecord:
    start = CodeKey(row["fromSystem"], row["fromCode"])
    release = row.get("release")
    return RelationStepRecord(
        type=row["type"],
        start=start,
        end=CodeKey(row["toSystem"], row["toCode"]),
        reversed=start != walked_from,
        properties={k: to_date(v) for k, v in row["properties"].items() if k not in {"rid", "release"}},
        release=release_record(release) if release else None,
    )
