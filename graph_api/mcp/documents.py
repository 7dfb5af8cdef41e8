"""The GraphQL documents the MCP tools run: every tool answer is an answer of the API's own schema."""

from __future__ import annotations

RELEASE = "fragment R on Release { id source label status files }"
LINK = "fragment L on AddOnLink { system code display addOnType effectiveDate deletionDate notes release }"
EDIT = (
    "fragment E on PtpEdit { column1 column1System column2 column2System setting prior1996 effectiveDate"
    " deletionDate modifierIndicator rationale release }"
)
CROSSWALK = (
    "fragment X on Crosswalk { system code display approximate noMap combination scenario choiceList release"
    " hopCount viaCode hops { fromSystem fromCode system code approximate release } }"
)
STEPS = (
    "fragment S on RelationPath { length steps { type start { system code } end { system code } reversed"
    " release { ...R } sourceFiles line effectiveDate deletionDate summary } }"
)

SEARCH_CODES = (
    """
query SearchCodes($text: String!, $systems: [CodeSystem!], $first: Int!, $asOf: Date!) {
  searchCodes(text: $text, systems: $systems, first: $first, asOf: $asOf) {
    totalCount
    edges { score node { system code display shortDescription status isAddOn releases { ...R } } }
  }
}
"""
    + RELEASE
)

GET_CODE = (
    """
query GetCode($system: CodeSystem!, $code: String!, $asOf: Date!,
              $crosswalkTo: CodeSystem!, $withCrosswalks: Boolean!) {
  code(system: $system, code: $code, asOf: $asOf) {
    system code display shortDescription longDescription plainDescription
    descriptions { kind text release { ...R } }
    guidelines { id title body source url }
    status isBillable isAddOn contractorDefinedPrimaries addedDate terminationDate kind globalDays
    releases { ...R }
    ancestors { system code display shortDescription }
    children { system code display shortDescription }
    primaryCodes { ...L }
    addOnCodes { ...L }
    practitionerPtp: ptpEditPage(setting: PRACTITIONER, first: 5) { totalCount edges { node { ...E } } }
    hospitalPtp: ptpEditPage(setting: HOSPITAL, first: 5) { totalCount edges { node { ...E } } }
    mues { setting value adjudicationIndicator adjudicationText rationale release }
    modifiers { code indicator reason }
    crosswalks(to: $crosswalkTo) @include(if: $withCrosswalks) { ...X }
    notes { kind text named level fromCode inherited }
  }
  releases { ...R }
}
"""
    + RELEASE
    + LINK
    + EDIT
    + CROSSWALK
)

ADDON_LINKS = (
    """
query AddOnLinks($system: CodeSystem!, $code: String!, $asOf: Date!, $primaries: Boolean!) {
  code(system: $system, code: $code, asOf: $asOf) {
    system code display shortDescription status isAddOn contractorDefinedPrimaries releases { ...R }
    primaryCodes @include(if: $primaries) { ...L }
    addOnCodes @skip(if: $primaries) { ...L }
  }
  releases { ...R }
}
"""
    + RELEASE
    + LINK
)

PTP_EDITS = (
    """
query PtpEdits($refs: [CodeRef!]!, $otherRefs: [CodeRef!]!, $pair: Boolean!, $setting: Setting!, $asOf: Date!,
               $first: Int!, $afterAsColumn1: String, $afterAsColumn2: String) {
  codes(refs: $refs, asOf: $asOf) {
    system code display shortDescription status isAddOn releases { ...R }
    modifiers { code indicator reason }
    all: ptpEditPage(setting: $setting, first: $first) @skip(if: $pair) {
      totalCount edges { node { ...E } } pageInfo { hasNextPage }
    }
    asColumn1: ptpEditPage(setting: $setting, role: COLUMN1, first: $first, after: $afterAsColumn1)
      @include(if: $pair) {
      edges { node { ...E } }
    }
    asColumn2: ptpEditPage(setting: $setting, role: COLUMN2, first: $first, after: $afterAsColumn2)
      @include(if: $pair) {
      edges { node { ...E } }
    }
  }
  others: codes(refs: $otherRefs, asOf: $asOf) @include(if: $pair) {
    system code display shortDescription status releases { ...R }
  }
  releases { ...R }
}
"""
    + RELEASE
    + EDIT
)

CROSSWALK_CODES = (
    """
query Crosswalk($from: [CodeRef!]!, $to: CodeSystem!, $maxHops: Int!, $asOf: Date!) {
  crosswalk(from: $from, to: $to, maxHops: $maxHops, asOf: $asOf) {
    source { system code display shortDescription status releases { ...R } }
    noMap approximate
    singleTargets { ...X }
    combinations { viaCode scenario choiceLists { choiceList entries { ...X } } }
  }
  releases { ...R }
}
"""
    + RELEASE
    + CROSSWALK
)

EXPLAIN_RELATION = (
    """
query ExplainRelation($from: CodeRef!, $to: CodeRef!, $asOf: Date!) {
  explainRelation(from: $from, to: $to, asOf: $asOf) { ...S }
}
"""
    + RELEASE
    + STEPS
)

# Claim validation (another engineer's field): the tool is registered only when the schema has it.
CLAIM_DOCUMENT = (
    """
OPERATION ValidateClaim($claim: ClaimInput!) {
  validateClaim(claim: $claim) {
    claimId clean
    findings { rule severity lineIds codes message remedy release { ...R } path { ...S } }
  }
}
"""
    + RELEASE
    + STEPS
)


def validate_claim(operation: str) -> str:
    """The claim document as a `query` or a `mutation`, wherever the schema puts validateClaim."""
    return CLAIM_DOCUMENT.replace("OPERATION", operation, 1)
