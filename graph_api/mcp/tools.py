"""The CasePilot tools: each runs one GraphQL document of `documents` and shapes the answer, with citations."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from mcp.server.mcpserver import Context
from mcp.server.mcpserver.exceptions import ToolError
from pydantic import Field

from graph_api.mcp import documents, shaping
from graph_api.mcp.calls import GraphQLCall
from graph_api.mcp.citations import Citations
from graph_api.mcp.models import (
    AddOnCodes,
    AddOnLink,
    ClaimFinding,
    ClaimLine,
    ClaimReport,
    CodePage,
    CodeSummary,
    CombinationGroup,
    CrosswalkResult,
    PathCode,
    PrimaryCodes,
    PtpEdit,
    PtpEdits,
    PtpSummary,
    Relations,
    SearchResult,
    Setting,
    System,
)
from schema.normalize import normalize_code
from schema.paging import encode_cursor

AsOf = Annotated[
    str | None,
    Field(description="Date of service, ISO (2024-10-01); today when omitted", json_schema_extra={"format": "date"}),
]
SystemArg = Annotated[System, Field(description="The code set")]
CodeArg = Annotated[str, Field(description="The code as printed (E11.65) or stored (E1165)")]
# GEMs lead between ICD-10 and ICD-9 in both directions; CPT and HCPCS have none.
GEM_TARGET = {"ICD10CM": "ICD9CM", "ICD9CM": "ICD10CM", "ICD10PCS": "ICD9PROC", "ICD9PROC": "ICD10PCS"}
PAIR_PAGE = 20
# A guest's cost budget (COST_LIMIT_GUEST) fits this many edits per call; more pages: ask again with a pair.
EDIT_PAGE = 40


def _day(as_of: str | None) -> str:
    return as_of or date.today().isoformat()


class CasePilot:
    """The tools. Every method is one MCP tool; `call` runs its GraphQL document as the caller."""

    def __init__(self, call: GraphQLCall) -> None:
        self.call = call
        self.claim_document = documents.validate_claim("query")

    async def search_codes(
        self,
        text: Annotated[str, Field(description="A code prefix ('9755'), words ('caregiver training') or index terms")],
        ctx: Context,
        systems: Annotated[list[System] | None, Field(description="Code sets to search; all when omitted")] = None,
        limit: Annotated[int, Field(description="At most this many codes (1-100)")] = 10,
    ) -> SearchResult:
        """Find codes by number prefix, words of their descriptions, or ICD-10-CM index terms, best first."""
        day = _day(None)
        data = await self.call(
            ctx, documents.SEARCH_CODES, {"text": text, "systems": systems, "first": limit, "asOf": day}
        )
        cite = Citations(day)
        codes = []
        for edge in data["searchCodes"]["edges"]:
            cite.codes(edge["node"])
            codes.append(CodeSummary.model_validate({**edge["node"], "score": edge["score"]}))
        total = data["searchCodes"]["totalCount"]
        return SearchResult(text=text, date_of_service=day, total_count=total, codes=codes, citations=cite.all())

    async def get_code(self, system: SystemArg, code: CodeArg, ctx: Context, as_of: AsOf = None) -> CodePage:
        """The code page: descriptions (a metered page view, like the API's), status and dates, hierarchy,
        add-on/primary links, PTP and MUE summaries, modifiers that apply, crosswalks and notes."""
        day = _day(as_of)
        to = GEM_TARGET.get(system)
        variables = {
            "system": system,
            "code": code,
            "asOf": day,
            "crosswalkTo": to or "ICD9CM",
            "withCrosswalks": bool(to),
        }
        data = await self.call(ctx, documents.GET_CODE, variables)
        page = shaping.known(data["code"], system, code, day)
        cite = Citations(day, data["releases"])
        cite.codes(page)
        for d in page["descriptions"]:
            cite.release(d["release"], f"{d['kind'].lower()} description of {page['display']}")
        for link in page["primaryCodes"] + page["addOnCodes"]:
            cite.label(link["release"], f"add-on edit with {link['code']} (type {link['addOnType']})")
        bypass = shaping.ptp_bypass(page["modifiers"])
        ptp = [
            PtpSummary(
                setting=setting.upper(),
                total_count=page[f"{setting}Ptp"]["totalCount"],
                edits=[shaping.edit(e["node"], bypass, cite) for e in page[f"{setting}Ptp"]["edges"]],
            )
            for setting in ("practitioner", "hospital")
        ]
        for mue in page["mues"]:
            cite.label(mue["release"], f"MUE {mue['value']} ({mue['setting'].lower()})")
        crosswalks = [shaping.crosswalk(x, cite) for x in page.get("crosswalks") or []]
        descriptions = [{**d, "release": d["release"]["label"] if d["release"] else None} for d in page["descriptions"]]
        fields = {**page, "descriptions": descriptions, "guidelines": page["guidelines"] or []}
        return CodePage.model_validate(
            {**fields, "ptp": ptp, "crosswalks": crosswalks, "dateOfService": day, "citations": cite.all()}
        )

    async def _links(self, ctx: Context, system: str, code: str, as_of: str | None, primaries: bool) -> Any:
        day = _day(as_of)
        variables = {"system": system, "code": code, "asOf": day, "primaries": primaries}
        data = await self.call(ctx, documents.ADDON_LINKS, variables)
        found = shaping.known(data["code"], system, code, day)
        cite = Citations(day, data["releases"])
        cite.codes(found)
        links = found["primaryCodes"] if primaries else found["addOnCodes"]
        for link in links:
            add_on, primary = (found["display"], link["code"]) if primaries else (link["code"], found["display"])
            cite.label(link["release"], f"{add_on} is an add-on code of primary {primary} (type {link['addOnType']})")
        return found, [AddOnLink.model_validate(x) for x in links], day, cite.all()

    async def primary_codes(self, system: SystemArg, code: CodeArg, ctx: Context, as_of: AsOf = None) -> PrimaryCodes:
        """The primary codes an add-on code may be reported with on the date of service (NCCI add-on edits)."""
        found, links, day, citations = await self._links(ctx, system, code, as_of, primaries=True)
        return PrimaryCodes(
            code=CodeSummary.model_validate(found),
            contractor_defined_primaries=found["contractorDefinedPrimaries"],
            primary_codes=links,
            date_of_service=day,
            citations=citations,
        )

    async def add_on_codes(self, system: SystemArg, code: CodeArg, ctx: Context, as_of: AsOf = None) -> AddOnCodes:
        """The add-on codes that may be reported with a primary code on the date of service."""
        found, links, day, citations = await self._links(ctx, system, code, as_of, primaries=False)
        return AddOnCodes(
            code=CodeSummary.model_validate(found), add_on_codes=links, date_of_service=day, citations=citations
        )

    async def ptp_edits(
        self,
        code: Annotated[str, Field(description="A CPT or HCPCS code")],
        ctx: Context,
        other_code: Annotated[
            str | None, Field(description="The other code of the pair; all edits when omitted")
        ] = None,
        setting: Annotated[
            Setting, Field(description="The NCCI table: practitioner, hospital (outpatient) or DME")
        ] = "PRACTITIONER",
        as_of: AsOf = None,
    ) -> PtpEdits:
        """NCCI procedure-to-procedure edits naming a code (or one pair), in effect on the date of service, and
        which modifier, if any, makes the column 2 code payable."""
        day = _day(as_of)
        mine, other = normalize_code(code), normalize_code(other_code) if other_code else None
        refs = [{"system": s, "code": mine} for s in ("CPT", "HCPCS")]
        variables: dict[str, Any] = {
            "refs": refs,
            "setting": setting,
            "asOf": day,
            "pair": other is not None,
            "first": PAIR_PAGE if other else EDIT_PAGE,
            "otherRefs": [{"system": s, "code": other} for s in ("CPT", "HCPCS")] if other else [],
            # Keyset cursors that start each page at the pair: (code, other) as column 1, (other, code) as column 2.
            "afterAsColumn1": encode_cursor("ptp", mine, other, "", "") if other else None,
            "afterAsColumn2": encode_cursor("ptp", other, mine, "", "") if other else None,
        }
        data = await self.call(ctx, documents.PTP_EDITS, variables)
        found = [c for c in data["codes"] if c]
        if not found:
            raise ToolError(f"NOT_FOUND: {code} is neither a CPT nor an HCPCS code on {day}")
        if other and not any(data["others"]):
            raise ToolError(f"NOT_FOUND: {other_code} is neither a CPT nor an HCPCS code on {day}")
        cite = Citations(day, data["releases"])
        edits: list[PtpEdit] = []
        total, truncated = 0, False
        for c in found:
            cite.codes(c)
            bypass = shaping.ptp_bypass(c["modifiers"])
            if other is None:
                nodes = [e["node"] for e in c["all"]["edges"]]
                total += c["all"]["totalCount"]
                truncated = truncated or c["all"]["pageInfo"]["hasNextPage"]
            else:
                pairs = [e["node"] for e in c["asColumn1"]["edges"] if e["node"]["column2"] == other]
                pairs += [e["node"] for e in c["asColumn2"]["edges"] if e["node"]["column1"] == other]
                nodes, total = pairs, total + len(pairs)
            edits += [shaping.edit(n, bypass, cite) for n in nodes]
        for c in data.get("others") or []:
            if c:
                cite.codes(c)
        about = f"{mine} and {other}" if other else mine
        summary = (
            " ".join(e.payable for e in edits)
            if other and edits
            else f"No {setting.lower()} PTP edit names {about} on {day}."
            if not edits
            else f"{total} {setting.lower()} PTP edits name {mine} on {day}"
            + (f"; the first {len(edits)} are listed." if truncated else ".")
        )
        return PtpEdits(
            code=mine,
            other_code=other,
            setting=setting,
            codes=[CodeSummary.model_validate(c) for c in found],
            total_count=total,
            truncated=truncated,
            edits=edits,
            summary=summary,
            date_of_service=day,
            citations=cite.all(),
        )

    async def crosswalk(
        self,
        system: SystemArg,
        code: CodeArg,
        to: Annotated[System, Field(description="The code set to map into (GEMs: ICD-10 <-> ICD-9)")],
        ctx: Context,
        max_hops: Annotated[int, Field(description="Follow up to this many GEM entries (1-3)")] = 1,
    ) -> CrosswalkResult:
        """Where a code leads in another code set over the CMS GEMs: approximate flags, combination scenarios
        (one target from each choice list, reported together) and no-maps."""
        day = _day(None)
        variables = {"from": [{"system": system, "code": code}], "to": to, "maxHops": max_hops, "asOf": day}
        data = await self.call(ctx, documents.CROSSWALK_CODES, variables)
        result = data["crosswalk"][0]
        cite = Citations(day, data["releases"])
        cite.codes(result["source"])
        singles = [shaping.crosswalk(x, cite) for x in result["singleTargets"]]
        groups = [
            CombinationGroup.model_validate(
                {
                    **g,
                    "choiceLists": [
                        {**c, "entries": [shaping.crosswalk(x, cite) for x in c["entries"]]} for c in g["choiceLists"]
                    ],
                }
            )
            for g in result["combinations"]
        ]
        return CrosswalkResult(
            source=CodeSummary.model_validate(result["source"]),
            to=to,
            max_hops=max_hops,
            no_map=result["noMap"],
            approximate=result["approximate"],
            single_targets=singles,
            combinations=groups,
            date_of_service=day,
            citations=cite.all(),
        )

    async def explain_relation(
        self,
        from_system: SystemArg,
        from_code: CodeArg,
        to_system: SystemArg,
        to_code: CodeArg,
        ctx: Context,
        as_of: AsOf = None,
    ) -> Relations:
        """How two codes are related: the shortest typed paths (up to 3 steps) over add-on and PTP edits, GEMs,
        hierarchy and notes in effect on the date of service, each step in words with the release and line."""
        day = _day(as_of)
        start, end = {"system": from_system, "code": from_code}, {"system": to_system, "code": to_code}
        data = await self.call(ctx, documents.EXPLAIN_RELATION, {"from": start, "to": end, "asOf": day})
        cite = Citations(day)
        paths = [shaping.relation_path(p, cite) for p in data["explainRelation"]]
        return Relations(
            source=PathCode(system=from_system, code=normalize_code(from_code)),
            target=PathCode(system=to_system, code=normalize_code(to_code)),
            related=bool(paths),
            paths=paths,
            date_of_service=day,
            citations=cite.all(),
        )

    async def validate_claim(
        self,
        date_of_service: Annotated[str, Field(description="The claim's date of service, ISO (2024-10-01)")],
        setting: Annotated[Setting, Field(description="The NCCI setting the claim is billed in")],
        lines: Annotated[list[ClaimLine], Field(description="The claim lines: code, modifiers, units")],
        ctx: Context,
    ) -> ClaimReport:
        """Check a claim against the graph's edits: findings per line (add-on without primary, PTP pairs, MUE
        units, ...), each with its rule, remedy and the release that states it."""
        claim = {
            "dateOfService": date_of_service,
            "setting": setting,
            "lines": [
                {
                    k: v
                    for k, v in {
                        "id": x.id,
                        "code": x.code,
                        "system": x.system,
                        "modifiers": x.modifiers,
                        "units": x.units,
                        "dateOfService": x.date_of_service,
                    }.items()
                    if v is not None
                }
                for x in lines
            ],
        }
        data = await self.call(ctx, self.claim_document, {"claim": claim})
        report = data["validateClaim"]
        cite = Citations(date_of_service)
        findings = []
        for f in report["findings"]:
            cite.release(f["release"], f["message"])
            path = shaping.relation_path(f["path"], cite) if f["path"] else None
            label = f["release"]["label"] if f["release"] else None
            findings.append(ClaimFinding.model_validate({**f, "release": label, "path": path}))
        return ClaimReport(
            claim_id=report["claimId"],
            clean=report["clean"],
            findings=findings,
            date_of_service=date_of_service,
            citations=cite.all(),
        )
