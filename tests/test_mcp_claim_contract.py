"""validate_claim against the agreed validateClaim contract, before the real field is merged.

The contract's SDL extends the checked-in schema; the tool's document must validate against it, the claim the tool
sends must coerce to ClaimInput, and a report in the contract's shape must come back as findings with citations.
`test_mcp.py::test_validate_claim_over_graphql` runs the tool against the real field once it exists.
"""

from __future__ import annotations

from typing import Any

from graphql import build_schema, execute, extend_schema, parse, validate

from graph_api.mcp import documents
from graph_api.mcp.models import ClaimLine
from graph_api.mcp.tools import CasePilot
from graph_api.settings import REPO_ROOT

# The contract names the enums ClaimRule and Severity, not their values: one placeholder value each.
CONTRACT = """
extend type Query { validateClaim(claim: ClaimInput!): ClaimReport! }
input ClaimInput { dateOfService: Date!  setting: Setting! = PRACTITIONER  lines: [ClaimLineInput!]!  claimId: String }
input ClaimLineInput {
  id: String  code: String!  system: CodeSystem  modifiers: [String!]! = []  units: Int! = 1  dateOfService: Date
}
type ClaimReport { claimId: String  clean: Boolean!  findings: [ClaimFinding!]! }
type ClaimFinding {
  rule: ClaimRule!  severity: Severity!  lineIds: [String!]!  codes: [String!]!  message: String!  remedy: String
  release: Release  path: RelationPath
}
enum ClaimRule { ADD_ON_WITHOUT_PRIMARY }
enum Severity { ERROR }
"""
SCHEMA = extend_schema(build_schema((REPO_ROOT / "schema" / "schema.graphql").read_text()), parse(CONTRACT))
RELEASE = {"id": "ncci_aoc/2024Q3/1", "source": "ncci_aoc", "label": "AOC 2024Q3", "status": "current",
           "files": ["AOC_V2024Q3.xlsx"]}  # fmt: skip


class ContractCall:
    """Runs the tool's document on the contract schema; validateClaim answers from the claim it was given."""

    def __init__(self) -> None:
        self.claims: list[dict[str, Any]] = []

    def validate_claim(self, info: Any, claim: dict[str, Any]) -> dict[str, Any]:
        self.claims.append(claim)
        step = {"type": "ADDON_OF", "start": {"system": "CPT", "code": "97551"},
                "end": {"system": "CPT", "code": "97550"}, "reversed": False, "release": RELEASE,
                "sourceFiles": RELEASE["files"], "line": 12, "effectiveDate": "2024-01-01", "deletionDate": None,
                "summary": "97551 is an add-on code reported with primary 97550 (type 1)"}  # fmt: skip
        finding = {"rule": "ADD_ON_WITHOUT_PRIMARY", "severity": "ERROR", "lineIds": [claim["lines"][0]["id"]],
                   "codes": ["97551"], "message": "97551 is an add-on code without its primary", "remedy": "add 97550",
                   "release": RELEASE, "path": {"length": 1, "steps": [step]}}  # fmt: skip
        return {"claimId": claim.get("claimId"), "clean": False, "findings": [finding]}

    async def __call__(self, ctx: Any, document: str, variables: dict[str, Any]) -> dict[str, Any]:
        ast = parse(document)
        assert validate(SCHEMA, ast) == []
        result = execute(SCHEMA, ast, root_value={"validateClaim": self.validate_claim}, variable_values=variables)
        assert not isinstance(result, dict) and not hasattr(result, "__await__")
        assert result.errors is None, result.errors  # type: ignore[union-attr]
        return result.data  # type: ignore[union-attr, return-value]


def test_both_operations_validate_against_the_contract() -> None:
    assert validate(SCHEMA, parse(documents.validate_claim("query"))) == []
    assert validate(SCHEMA, parse(documents.validate_claim("mutation"))) != []  # the contract puts it in Query


async def test_validate_claim_sends_the_contract_input_and_cites_findings() -> None:
    call = ContractCall()
    pilot = CasePilot(call)  # type: ignore[arg-type]
    lines = [
        ClaimLine(id="1", code="97551"),
        ClaimLine(id="2", code="G2211", system="HCPCS", modifiers=["25"], units=2),
    ]
    report = await pilot.validate_claim("2024-06-01", "PRACTITIONER", lines, None)  # type: ignore[arg-type]

    (claim,) = call.claims
    assert claim["dateOfService"] == "2024-06-01" and claim["setting"] == "PRACTITIONER"
    assert claim["lines"][0] == {"id": "1", "code": "97551", "modifiers": [], "units": 1}
    assert claim["lines"][1] == {"id": "2", "code": "G2211", "system": "HCPCS", "modifiers": ["25"], "units": 2}

    assert report.clean is False and report.date_of_service == "2024-06-01"
    (finding,) = report.findings
    assert (finding.rule, finding.line_ids, finding.release) == ("ADD_ON_WITHOUT_PRIMARY", ["1"], "AOC 2024Q3")
    assert finding.path is not None and finding.path.in_words.startswith("97551 is an add-on code")
    cited = {(c.release_id, c.line) for c in report.citations}
    assert cited == {("ncci_aoc/2024Q3/1", None), ("ncci_aoc/2024Q3/1", 12)}
