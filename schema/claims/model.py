"""Plain records of a claim, the graph facts it is checked against, and the findings: no GraphQL, no services."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from schema.records import RelationStepRecord, ReleaseRecord

SEVERITIES = ("ERROR", "WARNING", "INFO")  # the order findings are sorted in


@dataclass(frozen=True, slots=True)
class ClaimLine:
    id: str
    position: int  # 0-based place on the claim: findings are sorted by it
    system: str
    code: str  # stored form: upper-case, no dot
    modifiers: tuple[str, ...]
    units: int
    date_of_service: date


@dataclass(frozen=True, slots=True)
class Claim:
    claim_id: str | None
    date_of_service: date
    setting: str  # practitioner, hospital, dme
    lines: tuple[ClaimLine, ...]


@dataclass(frozen=True, slots=True)
class AddOnWindow:
    """One AOC row for an add-on code: its primary (None: contractor-defined, the file's CCCCC) and window."""

    add_on_type: int
    primary_system: str | None
    primary: str | None
    valid_from: date
    valid_to: date
    release: str  # release id


@dataclass(frozen=True, slots=True)
class PtpFact:
    column1_system: str
    column1: str
    column2_system: str
    column2: str
    setting: str
    modifier_indicator: int
    effective_date: date
    deletion_date: date | None
    valid_from: date
    valid_to: date
    rationale: str
    prior_1996: bool
    release: str  # release id


@dataclass(frozen=True, slots=True)
class MueFact:
    setting: str
    value: int
    adjudication_indicator: int
    adjudication_text: str
    rationale: str
    release: str  # release id


@dataclass(frozen=True, slots=True)
class CodeFacts:
    """What the graph knows about one code, whatever the date: the rules pick what is in effect."""

    system: str
    code: str
    known: bool
    added_date: date | None = None
    termination_date: date | None = None
    code_release: str | None = None  # release id of the code set that names it, when one does
    add_ons: tuple[AddOnWindow, ...] = ()
    mues: tuple[MueFact, ...] = ()
    # Fee-schedule indicators as the PFS RVU file states them: {"BILAT SURG": "1", ...}; empty when not in it.
    pfs: dict[str, str] = field(default_factory=dict)
    pfs_release: str | None = None


@dataclass(frozen=True, slots=True)
class ClaimFacts:
    codes: dict[tuple[str, str], CodeFacts]
    ptp: dict[tuple[str, str], tuple[PtpFact, ...]]  # by column 1: edits between codes that share a claim
    releases: dict[str, ReleaseRecord]  # by id: the current releases the facts name


@dataclass(frozen=True, slots=True)
class FactsRequest:
    """The distinct codes of one or many claims and the sets of them that share a date of service on a claim."""

    codes: tuple[tuple[str, str], ...]
    # per claim and date of service with two codes or more: indexes into codes, ascending; each set once
    groups: tuple[tuple[int, ...], ...]
    settings: tuple[str, ...]  # the claims' settings: the PTP tables to read


@dataclass(frozen=True, slots=True)
class Finding:
    rule: str
    severity: str
    line_ids: tuple[str, ...]
    codes: tuple[str, ...]
    message: str
    remedy: str | None
    release: ReleaseRecord | None
    path: tuple[RelationStepRecord, ...] = ()
    position: int = 0  # the first line's place on the claim


@dataclass(frozen=True, slots=True)
class Report:
    claim_id: str | None
    findings: tuple[Finding, ...]

    @property
    def clean(self) -> bool:
        return not any(f.severity == "ERROR" for f in self.findings)
