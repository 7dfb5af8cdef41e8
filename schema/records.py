"""Plain records the graph reader returns. The schema builds GraphQL objects from these."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True, slots=True)
class CodeKey:
    system: str
    code: str


@dataclass(frozen=True, slots=True)
class DatedKey:
    """A code and the date of service the question is asked for: the unit DataLoaders batch on."""

    system: str
    code: str
    as_of: date


@dataclass(frozen=True, slots=True)
class ReleaseRecord:
    id: str
    source: str
    label: str
    loaded_at: str | None = None
    status: str | None = None
    rows: int | None = None
    files: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class CodeRecord:
    system: str
    code: str
    display: str
    short_description: str | None
    long_description: str | None
    plain_description: str | None
    is_billable: bool | None
    is_add_on: bool
    contractor_defined_primaries: bool
    added_date: date | None
    termination_date: date | None
    kind: str | None = None
    releases: tuple[ReleaseRecord, ...] = ()
    # Properties particular to one code set (HCPCS coverage code, BETOS, PFS global days, ...)
    details: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class AddOnLinkRecord:
    """One add-on edit window: the add-on code, the primary it is reported with, and the edit's terms."""

    system: str
    code: str
    display: str
    add_on_type: int
    effective_date: date
    deletion_date: date | None
    notes: str | None
    release: str


@dataclass(frozen=True, slots=True)
class PtpKey:
    system: str
    code: str
    as_of: date
    setting: str
    role: str
    first: int


@dataclass(frozen=True, slots=True)
class PtpEditRecord:
    column1: str
    column1_system: str
    column2: str
    column2_system: str
    setting: str
    prior_1996: bool
    effective_date: date
    deletion_date: date | None
    modifier_indicator: int
    rationale: str
    release: str


@dataclass(frozen=True, slots=True)
class MueRecord:
    setting: str
    value: int
    adjudication_indicator: int
    adjudication_text: str
    rationale: str
    release: str


@dataclass(frozen=True, slots=True)
class CrosswalkRecord:
    """One GEM entry from a source code; target None means the source has no map in that direction."""

    system: str
    code: str | None
    display: str | None
    approximate: bool
    no_map: bool
    combination: bool
    scenario: int
    choice_list: int
    release: str


@dataclass(frozen=True, slots=True)
class CrosswalkKey:
    system: str
    code: str
    target: str


@dataclass(frozen=True, slots=True)
class NoteRecord:
    """An instructional note naming another code, and the level of the hierarchy it was written at."""

    kind: str
    text: str
    named: str
    level_kind: str
    level_code: str
    depth: int
    target: CodeKey


@dataclass(frozen=True, slots=True)
class GuidelineRecord:
    id: str
    title: str
    body: str
    source: str
    url: str | None


@dataclass(frozen=True, slots=True)
class ApplicableModifierRecord:
    code: str
    indicator: str
    reason: str


@dataclass(frozen=True, slots=True)
class ModifierRecord:
    code: str
    description: str | None
    short_description: str | None
    kind: str | None
    added_date: date | None
    termination_date: date | None
    action_code: str | None
