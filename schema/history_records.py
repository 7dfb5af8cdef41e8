"""Records of code history and release diffs (what graph_api/store/history.py returns)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from schema.records import CodeKey, ReleaseRecord

# The Code fields a release states of a code, compared between releases, as the schema spells them: the five
# every code set states, then those the HCPCS file revises release by release (cypher/create_code_versions).
VERSION_FIELDS = (
    "shortDescription",
    "longDescription",
    "isBillable",
    "addedDate",
    "terminationDate",
    "coverageCode",
    "betos",
    "pricingIndicators",
    "typeOfService",
    "actionCode",
    "actionEffectiveDate",
)


@dataclass(frozen=True, slots=True)
class CodeVersionRecord:
    """What one release stated of a code. `closed`: the release did not name the code (it closed it)."""

    release: ReleaseRecord
    effective: date
    values: dict[str, object]
    closed: bool = False


@dataclass(frozen=True, slots=True)
class DiffKey:
    from_release: str
    to_release: str
    changes: tuple[str, ...]
    after: tuple[str, str, str]  # (code, system, change) of the last change already seen
    limit: int


@dataclass(frozen=True, slots=True)
class DiffCountKey:
    from_release: str
    to_release: str
    changes: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class CodeChangeRecord:
    system: str
    code: str
    change: str
    fields: tuple[str, ...]
    before: dict[str, object] | None
    after: dict[str, object] | None


@dataclass(frozen=True, slots=True)
class ReplacementsRecord:
    replaced_by: tuple[CodeKey, ...]
    replaces: tuple[CodeKey, ...]


@dataclass(frozen=True, slots=True)
class EdgeDiffKey:
    from_release: str
    to_release: str
    types: tuple[str, ...]  # relationship types compared (PTP, ADDON_OF, MUE, MAPS_TO, ...)
    after: tuple[str, str, str]  # (code, system, rest of the sort key) of the last change already seen
    limit: int


@dataclass(frozen=True, slots=True)
class EdgeChangeRecord:
    """An edge (a PTP pair, an add-on pair, an MUE, a GEM row) added, removed or changed between two releases."""

    type: str
    from_system: str
    from_code: str
    to_system: str | None
    to_code: str | None
    key: str  # what else tells two edges of one pair apart: effective date, MUE setting, GEM scenario/choice list
    change: str  # ADDED, REMOVED, CHANGED
    fields: tuple[str, ...]
    before: dict[str, object] | None
    after: dict[str, object] | None

    @property
    def rest(self) -> str:
        """The sort key after (code, system): pages go in (code, system, rest) order."""
        return "\x1f".join((self.type, self.to_system or "", self.to_code or "", self.key, self.change))
