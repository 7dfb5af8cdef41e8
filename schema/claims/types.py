"""The GraphQL face of claim validation: inputs, the report and its findings."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from enum import Enum
from typing import Any

import strawberry
from strawberry.types.arguments import InputContext

from schema.claims.model import Finding, Report
from schema.enums import CodeSystem, Setting
from schema.records import RelationStepRecord
from schema.relations import RelationPath, RelationStep
from schema.releases import Release


@strawberry.enum(description="The edit a finding comes from (docs/claims.md: each rule and its source).")
class ClaimRule(Enum):
    UNKNOWN_CODE = "UNKNOWN_CODE"
    CODE_NOT_IN_EFFECT = "CODE_NOT_IN_EFFECT"
    ADD_ON_WITHOUT_PRIMARY = "ADD_ON_WITHOUT_PRIMARY"
    ADD_ON_CONTRACTOR_PRIMARY = "ADD_ON_CONTRACTOR_PRIMARY"
    PTP_NOT_ALLOWED = "PTP_NOT_ALLOWED"
    PTP_MODIFIER_REQUIRED = "PTP_MODIFIER_REQUIRED"
    PTP_MODIFIER_BYPASS = "PTP_MODIFIER_BYPASS"
    MUE_EXCEEDED = "MUE_EXCEEDED"
    MODIFIER_NOT_VALID = "MODIFIER_NOT_VALID"


@strawberry.enum(description="ERROR: the claim would be denied as sent; WARNING: it may be; INFO: for the record.")
class Severity(Enum):
    ERROR = "ERROR"
    WARNING = "WARNING"
    INFO = "INFO"


@strawberry.input(description="One claim line. id defaults to its position (1, 2, ...); system to the code's shape.")
class ClaimLineInput:
    id: str | None = None
    code: str
    system: CodeSystem | None = None
    modifiers: list[str] = strawberry.field(default_factory=list)
    units: int = 1
    date_of_service: date | None = strawberry.field(
        default=None, description="The line's date of service when it is not the claim's."
    )


@strawberry.input(description="A claim: its lines, the date of service and the setting whose NCCI tables apply.")
class ClaimInput:
    date_of_service: date
    setting: Setting = Setting.PRACTITIONER
    lines: list[ClaimLineInput]
    claim_id: str | None = None


@strawberry.type(description="One thing a claim check found, with the file that states the rule.")
class ClaimFinding:
    # Plain fields, filled when the report is built: a 50-line claim has dozens of findings, and a resolver per
    # field and finding was a large share of the request's CPU.
    rule: ClaimRule
    severity: Severity
    line_ids: list[str] = strawberry.field(
        description="The lines involved, in rule order (PTP: column 1, then column 2)."
    )
    codes: list[str] = strawberry.field(description="The codes of those lines, in the same order.")
    message: str = strawberry.field(description="One sentence a coder understands.")
    remedy: str | None = strawberry.field(description="What would make it payable, when something can.")
    release: Release | None = strawberry.field(
        description="The release whose file states the rule; null for codes no source knows."
    )
    steps: strawberry.Private[tuple[RelationStepRecord, ...]]

    @strawberry.field(description="The graph path that proves it (PTP findings: the edit), as explainRelation returns.")
    def path(self) -> RelationPath | None:
        steps = self.steps
        return RelationPath(length=len(steps), steps=[RelationStep(step=s) for s in steps]) if steps else None

    @classmethod
    def of(cls, finding: Finding, releases: dict[str, Release]) -> ClaimFinding:
        release = finding.release
        if release is not None and release.id not in releases:
            releases[release.id] = Release(release=release)
        return cls(
            rule=ClaimRule(finding.rule),
            severity=Severity(finding.severity),
            line_ids=list(finding.line_ids),
            codes=list(finding.codes),
            message=finding.message,
            remedy=finding.remedy,
            release=releases[release.id] if release is not None else None,
            steps=finding.path,
        )


@strawberry.type(description="The findings on one claim, sorted by severity, then line.")
class ClaimReport:
    claim_id: str | None
    clean: bool = strawberry.field(description="No ERROR finding.")
    findings: list[ClaimFinding]

    @classmethod
    def of(cls, report: Report, releases: dict[str, Release]) -> ClaimReport:
        """`releases`: one Release object per release for the whole response."""
        return cls(
            claim_id=report.claim_id,
            clean=report.clean,
            findings=[ClaimFinding.of(f, releases) for f in report.findings],
        )


def _line_from_input(value: Mapping[str, Any]) -> ClaimLineInput:
    return ClaimLineInput(
        id=value.get("id"),
        code=value["code"],
        system=value.get("system"),
        modifiers=list(value.get("modifiers") or ()),
        units=value.get("units", 1),
        date_of_service=value.get("dateOfService"),
    )


def _claim_from_input(cls: type, value: Mapping[str, Any], context: InputContext) -> ClaimInput:
    """graphql-core has coerced the value (dates, enums, defaults) already: build the objects directly.

    Strawberry's generic conversion costs about 0.1 ms per claim line, most of a 10,000-line request."""
    return ClaimInput(
        date_of_service=value["dateOfService"],
        setting=value.get("setting", Setting.PRACTITIONER),
        lines=[_line_from_input(line) for line in value["lines"]],
        claim_id=value.get("claimId"),
    )


# The hook Strawberry documents for types that build their own value from the input (StrawberryObjectDefinition).
ClaimInput.__strawberry_definition__.from_input = _claim_from_input  # type: ignore[attr-defined]
