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
    # True: the code in any status (a page for a deleted code); traversals still use as_of
    any_status: bool = False


@dataclass(frozen=True, slots=True)
class ReleaseRecord:
    id: str
    source: str
    label: str
    loaded_at: str | None = None
    status: str | None = None
    rows: int | None = None
    files: tuple[str, ...] = ()
    superseded_by: str | None = None


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
    # Which release wrote each description: property name -> release id
    text_sources: dict[str, str] = field(default_factory=dict)


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
    # (column 1, column 2, effective date, deletion date or 9999-12-31) of the last edit already seen
    after: tuple[str, str, str, str] | None = None


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
class PtpPage:
    total: int  # every edit for the key's code, setting, role and date, not only this page
    edits: tuple[PtpEditRecord, ...]


@dataclass(frozen=True, slots=True)
class MueRecord:
    setting: str
    value: int
    adjudication_indicator: int
    adjudication_text: str
    rationale: str
    release: str


@dataclass(frozen=True, slots=True)
class CrosswalkHopRecord:
    """One GEM entry on a multi-hop path: from one code to the next."""

    from_system: str
    from_code: str
    system: str
    code: str
    display: str | None
    approximate: bool
    combination: bool
    scenario: int
    choice_list: int
    release: str


@dataclass(frozen=True, slots=True)
class CrosswalkRecord:
    """A GEM entry from a source code, or a path of entries (hops); target None: the source has no map.

    On a path, `approximate` is true when any hop is; `scenario` and `choice_list` come from the first
    combination hop, whose source (`via`) names the combination group the entry belongs to. A target reached
    by several shortest paths is one entry: its flags are those of its best path (alone before a
    combination, then exact before approximate)."""

    system: str
    code: str | None
    display: str | None
    approximate: bool
    no_map: bool
    combination: bool
    scenario: int
    choice_list: int
    release: str
    hops: tuple[CrosswalkHopRecord, ...] = ()
    via: CodeKey | None = None
    # A target reached only through other codes: every shortest path to it, `hops` (the best) first.
    paths: tuple[tuple[CrosswalkHopRecord, ...], ...] = ()


@dataclass(frozen=True, slots=True)
class CrosswalkKey:
    system: str
    code: str
    target: str
    max_hops: int = 1


@dataclass(frozen=True, slots=True)
class DescendantsKey:
    system: str
    code: str
    after: str
    limit: int


@dataclass(frozen=True, slots=True)
class DescendantsPage:
    total: int
    codes: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class RelatedKey:
    system: str
    code: str
    as_of: date
    first: int


@dataclass(frozen=True, slots=True)
class RelatedRecord:
    """A neighbour of a code, its rank score, and each relation that makes it one: (relation, detail)."""

    system: str
    code: str
    score: float
    reasons: tuple[tuple[str, str | None], ...]


@dataclass(frozen=True, slots=True)
class RelationStepRecord:
    """One stored relationship on a path between two codes, as stored (from -> to), with its provenance."""

    type: str
    start: CodeKey
    end: CodeKey
    reversed: bool  # walked against its stored direction
    properties: dict[str, object]
    release: ReleaseRecord | None


@dataclass(frozen=True, slots=True)
class NoteRecord:
    """An instructional note (naming another code, or not), and the level of the hierarchy it was written at."""

    kind: str
    text: str
    named: str
    level_kind: str
    level_code: str
    depth: int
    target: CodeKey | None  # None: the note names no code or block the graph has
    qualifier: str | None = None  # what the note adds to the code it names: "with 7th character B"


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


@dataclass(frozen=True, slots=True)
class IndexEntryRecord:
    """A line of an ICD-10-CM index or table that leads to a code."""

    index: str
    path: str
    heading: str | None
    named: str


@dataclass(frozen=True, slots=True)
class PageKey:
    """A code page asked at once: the code and the parts its selection will load, as (read name, read key)."""

    code: DatedKey
    parts: tuple[tuple[str, object], ...] = ()
    # False when the selection shows no release of the code: its record then comes without them (not a CODES answer)
    releases: bool = True


@dataclass(frozen=True, slots=True)
class PageAnswer:
    code: CodeRecord | None
    # (read name, read key, answer): what the part's DataLoader would have answered; empty when code is None
    parts: tuple[tuple[str, object, object], ...] = ()
