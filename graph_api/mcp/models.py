"""What the tools answer: typed models whose JSON schemas are the tools' output schemas.

Field names are the GraphQL API's (camelCase), so a tool answer reads like the API's answer.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field
from pydantic.alias_generators import to_camel

# The GraphQL enums' names (tests check they match the schema).
System = Literal["CPT", "HCPCS", "ICD10CM", "ICD10PCS", "ICD9CM", "ICD9PROC"]
Setting = Literal["PRACTITIONER", "HOSPITAL", "DME"]


class Out(BaseModel):
    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True)


class Citation(Out):
    """A release that states a fact of the answer: where to look it up."""

    release_id: str
    label: str
    source: str
    files: list[str]
    line: int | None = Field(None, description="The row of the source file, where the loader kept it")
    date_of_service: str = Field(description="The date of service the answer was read for (ISO date)")
    supports: list[str] = Field(description="What in the answer this release states")


class Cited(Out):
    date_of_service: str
    citations: list[Citation]


class CodeSummary(Out):
    system: str
    code: str
    display: str
    short_description: str | None = None
    status: str | None = None
    is_add_on: bool | None = None
    score: float | None = None


class Description(Out):
    kind: str
    text: str
    release: str | None = Field(None, description="Label of the release that wrote it")


class Guideline(Out):
    id: str
    title: str
    body: str
    source: str
    url: str | None = None


class AddOnLink(Out):
    system: str
    code: str
    display: str
    add_on_type: int
    effective_date: str
    deletion_date: str | None = None
    notes: str | None = None
    release: str


class PtpEdit(Out):
    column1: str
    column1_system: str
    column2: str
    column2_system: str
    setting: str
    prior1996: bool
    effective_date: str
    deletion_date: str | None = None
    modifier_indicator: int
    rationale: str
    release: str
    modifier_allowed: bool = Field(description="A modifier may make column 2 payable (modifier indicator 1)")
    bypass_modifiers: list[str] = Field(description="The NCCI-associated modifiers that may bypass the edit")
    payable: str = Field(description="What the edit means for payment, in words")


class PtpSummary(Out):
    setting: str
    total_count: int
    edits: list[PtpEdit]


class Mue(Out):
    setting: str
    value: int
    adjudication_indicator: int
    adjudication_text: str
    rationale: str
    release: str


class ApplicableModifier(Out):
    code: str
    indicator: str
    reason: str


class CrosswalkHop(Out):
    from_system: str
    from_code: str
    system: str
    code: str
    approximate: bool
    release: str


class Crosswalk(Out):
    system: str
    code: str | None = None
    display: str | None = None
    approximate: bool
    no_map: bool
    combination: bool
    scenario: int
    choice_list: int
    release: str
    hop_count: int
    via_code: str | None = None
    hops: list[CrosswalkHop]


class Note(Out):
    kind: str
    text: str
    named: str
    level: str
    from_code: str
    inherited: bool


class CodePage(Cited):
    system: str
    code: str
    display: str
    short_description: str | None = None
    long_description: str | None = None
    plain_description: str | None = None
    descriptions: list[Description]
    guidelines: list[Guideline]
    status: str
    is_billable: bool | None = None
    is_add_on: bool
    contractor_defined_primaries: bool
    added_date: str | None = None
    termination_date: str | None = None
    kind: str | None = None
    global_days: str | None = None
    ancestors: list[CodeSummary]
    children: list[CodeSummary]
    primary_codes: list[AddOnLink]
    add_on_codes: list[AddOnLink]
    ptp: list[PtpSummary] = Field(description="PTP edits naming the code per setting: their number and the first few")
    mues: list[Mue]
    modifiers: list[ApplicableModifier]
    crosswalks: list[Crosswalk]
    notes: list[Note]


class SearchResult(Cited):
    text: str
    total_count: int
    codes: list[CodeSummary]


class PrimaryCodes(Cited):
    code: CodeSummary
    contractor_defined_primaries: bool
    primary_codes: list[AddOnLink]


class AddOnCodes(Cited):
    code: CodeSummary
    add_on_codes: list[AddOnLink]


class PtpEdits(Cited):
    code: str
    other_code: str | None = None
    setting: str
    codes: list[CodeSummary] = Field(description="The code (CPT or HCPCS) the edits were read for")
    total_count: int
    truncated: bool = Field(description="More edits name the code than listed; ask for the pair with other_code")
    edits: list[PtpEdit]
    summary: str


class ChoiceList(Out):
    choice_list: int
    entries: list[Crosswalk]


class CombinationGroup(Out):
    via_code: str
    scenario: int
    choice_lists: list[ChoiceList]


class CrosswalkResult(Cited):
    source: CodeSummary
    to: str
    max_hops: int
    no_map: bool
    approximate: bool
    single_targets: list[Crosswalk]
    combinations: list[CombinationGroup]


class PathCode(Out):
    system: str
    code: str


class RelationStep(Out):
    type: str
    start: PathCode
    end: PathCode
    reversed: bool
    release: str | None = None
    source_files: list[str]
    line: int | None = None
    effective_date: str | None = None
    deletion_date: str | None = None
    summary: str


class RelationPath(Out):
    length: int
    in_words: str
    steps: list[RelationStep]


class Relations(Cited):
    source: PathCode = Field(alias="from")
    target: PathCode = Field(alias="to")
    related: bool
    paths: list[RelationPath]


class ClaimLine(BaseModel):
    """One claim line, as the validate_claim tool takes it."""

    id: str | None = None
    code: str
    system: System | None = None
    modifiers: list[str] = []
    units: int = 1
    date_of_service: str | None = Field(None, description="ISO date, when the line's differs from the claim's")


class ClaimFinding(Out):
    rule: str
    severity: str
    line_ids: list[str]
    codes: list[str]
    message: str
    remedy: str | None = None
    release: str | None = None
    path: RelationPath | None = None


class ClaimReport(Cited):
    claim_id: str | None = None
    clean: bool
    findings: list[ClaimFinding]
