"""The graph facts a claim is checked against: two batched statements for all the codes of all the claims."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from datetime import date
from typing import Any

from graph_api.graph import Graph
from graph_api.rows import release_record, to_date
from schema.claims.model import AddOnWindow, ClaimFacts, CodeFacts, FactsRequest, MueFact, PtpFact

# Graph property -> the PFS RVU file column it holds (loaders/pfs.py INDICATOR_PROPS).
PFS_COLUMNS = {
    "pctcIndicator": "PCTC IND",
    "multipleProcedure": "MULT PROC",
    "bilateralSurgery": "BILAT SURG",
    "assistantSurgery": "ASST SURG",
    "coSurgery": "CO-SURG",
    "teamSurgery": "TEAM SURG",
}


async def read_claim_facts(graph: Graph, request: FactsRequest) -> ClaimFacts:
    codes = [{"system": s, "code": c} for s, c in request.codes]
    if not codes:
        return ClaimFacts({}, {}, {})
    reads = [graph.read("get_claim_code_facts", codes=codes)]
    if any(request.partners):
        partners = [list(p) for p in request.partners]
        settings = list(request.settings)
        reads.append(graph.read("get_claim_ptp_edits", codes=codes, partners=partners, settings=settings))
    found = await asyncio.gather(*reads)
    row = found[0][0]
    facts = {request.codes[c["i"]]: _code_facts(request.codes[c["i"]], c) for c in row["codes"]}
    edits: dict[tuple[str, str], list[PtpFact]] = {}
    for record in found[1] if len(found) > 1 else ():
        fact = _ptp(record)
        edits.setdefault((fact.column1_system, fact.column1), []).append(fact)
    releases = {r["id"]: release_record(r) for r in row["releases"]}
    return ClaimFacts(facts, {code: tuple(rows) for code, rows in edits.items()}, releases)


def _day(value: Any) -> date:
    day = to_date(value)
    assert isinstance(day, date)
    return day


def _code_facts(key: tuple[str, str], row: Mapping[str, Any]) -> CodeFacts:
    if not row["known"]:
        return CodeFacts(key[0], key[1], known=False)
    windows = [
        AddOnWindow(a["type"], a["system"], a["code"], _day(a["validFrom"]), _day(a["validTo"]), a["release"])
        for a in row["addOns"]
    ] + [
        AddOnWindow(a["type"], None, None, _day(a["validFrom"]), _day(a["validTo"]), a["release"])
        for a in row["contractorPrimaries"]
    ]
    mues = tuple(
        MueFact(
            m["setting"],
            m["value"],
            m["adjudicationIndicator"],
            m["adjudicationText"] or "",
            m["rationale"] or "",
            m["release"],
        )
        for m in row["mues"]
    )
    pfs_release = row["pfsRelease"]
    pfs = {PFS_COLUMNS[k]: str(v) for k, v in row["pfs"].items() if v is not None} if pfs_release else {}
    return CodeFacts(
        system=key[0],
        code=key[1],
        known=True,
        added_date=to_date(row["addedDate"]),
        termination_date=to_date(row["terminationDate"]),
        code_release=row["codeRelease"],
        add_ons=tuple(windows),
        mues=mues,
        pfs=pfs,
        pfs_release=pfs_release,
    )


def _ptp(r: Mapping[str, Any]) -> PtpFact:
    return PtpFact(
        column1_system=r["column1System"],
        column1=r["column1"],
        column2_system=r["column2System"],
        column2=r["column2"],
        setting=r["setting"],
        modifier_indicator=r["modifierIndicator"],
        effective_date=_day(r["effectiveDate"]),
        deletion_date=to_date(r["deletionDate"]),
        valid_from=_day(r["validFrom"]),
        valid_to=_day(r["validTo"]),
        rationale=r["rationale"] or "",
        prior_1996=bool(r["prior1996"]),
        release=r["release"],
    )
