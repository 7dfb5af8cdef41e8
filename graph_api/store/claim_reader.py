"""The graph facts a claim is checked against: one statement for all the codes of all the claims."""

from __future__ import annotations

from datetime import date
from typing import Any

from graph_api.store.decode import release_record
from graph_api.store.graph import Graph
from schema.claims.model import AddOnWindow, ClaimFacts, CodeFacts, FactsRequest, MueFact, PtpFact

# The order of the fee-schedule indicators in get_claim_facts: the PFS RVU file columns.
PFS_COLUMNS = ("PCTC IND", "MULT PROC", "BILAT SURG", "ASST SURG", "CO-SURG", "TEAM SURG")


def facts_params(request: FactsRequest, rids: list[str]) -> dict[str, Any]:
    """The parameters of get_claim_facts (the bench's floor sends the same)."""
    return {
        "keys": [{"system": system, "code": code} for system, code in request.codes],
        "groups": [list(group) for group in request.groups],
        "settings": list(request.settings),
        "rids": rids,
    }


async def read_claim_facts(graph: Graph, request: FactsRequest, rids: list[str]) -> ClaimFacts:
    if not request.codes:
        return ClaimFacts({}, {}, {})
    row = (await graph.read("get_claim_facts", **facts_params(request, rids)))[0]
    facts = {request.codes[c[0]]: _code_facts(request.codes[c[0]], c) for c in row["codes"]}
    edits: dict[tuple[str, str], list[PtpFact]] = {}
    for values in row["edits"]:
        fact = _ptp(values)
        edits.setdefault((fact.column1_system, fact.column1), []).append(fact)
    releases = {r["id"]: release_record(r) for r in row["releases"]}
    return ClaimFacts(facts, {code: tuple(rows) for code, rows in edits.items()}, releases)


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _code_facts(key: tuple[str, str], row: list[Any]) -> CodeFacts:
    if not row[1]:
        return CodeFacts(key[0], key[1], known=False)
    _, _, added, terminated, code_release, add_ons, mues, pfs_release, indicators = row
    return CodeFacts(
        system=key[0],
        code=key[1],
        known=True,
        added_date=_day(added),
        termination_date=_day(terminated),
        code_release=code_release,
        add_ons=tuple(
            AddOnWindow(kind, system, code, date.fromisoformat(start), date.fromisoformat(end), rid)
            for kind, system, code, start, end, rid in add_ons
        ),
        mues=tuple(
            MueFact(setting, value, indicator, text or "", rationale or "", rid)
            for setting, value, indicator, text, rationale, rid in mues
        ),
        pfs={c: str(v) for c, v in zip(PFS_COLUMNS, indicators, strict=True) if v is not None} if pfs_release else {},
        pfs_release=pfs_release,
    )


def _ptp(values: list[Any]) -> PtpFact:
    one_system, one, two_system, two, setting, indicator, effective, deletion, start, end, why, prior, rid = values
    return PtpFact(
        column1_system=one_system,
        column1=one,
        column2_system=two_system,
        column2=two,
        setting=setting,
        modifier_indicator=indicator,
        effective_date=date.fromisoformat(effective),
        deletion_date=_day(deletion),
        valid_from=date.fromisoformat(start),
        valid_to=date.fromisoformat(end),
        rationale=why or "",
        prior_1996=bool(prior),
        release=rid,
    )
