"""The one table of named reads the schema asks of the graph: keys in, one answer per key out, in key order.

Each Read names a statement family the service answers (graph_api/store/reads.py) and carries the key and
answer types, so resolvers stay typed. DataLoaders and the read cache are derived from this table: a new
traversal is a Cypher file, a record type, one line here and a resolver.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass
from datetime import date
from typing import Generic, TypeVar

from schema.claims.model import ClaimFacts, FactsRequest
from schema.history_records import (
    CodeChangeRecord,
    CodeVersionRecord,
    DiffCountKey,
    DiffKey,
    EdgeChangeRecord,
    EdgeDiffKey,
    ReplacementsRecord,
)
from schema.records import (
    AddOnLinkRecord,
    ApplicableModifierRecord,
    CodeKey,
    CodeRecord,
    CrosswalkKey,
    CrosswalkRecord,
    DatedKey,
    DescendantsKey,
    DescendantsPage,
    GuidelineRecord,
    IndexEntryRecord,
    ModifierRecord,
    MueRecord,
    NoteRecord,
    PageAnswer,
    PageKey,
    PtpKey,
    PtpPage,
    RelatedKey,
    RelatedRecord,
    RelationStepRecord,
    ReleaseRecord,
)

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


@dataclass(frozen=True, slots=True)
class Read(Generic[K, V]):
    name: str
    # Cached reads keep their answers until the set of current releases changes; searches, paths and
    # the release list always go to the graph.
    cached: bool = True


@dataclass(frozen=True, slots=True)
class SearchKey:
    prefix: str | None  # a code-number prefix, or
    text: str | None  # the words of a full-text search
    systems: tuple[str, ...]
    as_of: date | None  # None: codes in any status
    after: tuple[float, str, str]  # (score, system, code) of the last hit already seen
    limit: int


@dataclass(frozen=True, slots=True)
class CountKey:
    prefix: str | None
    text: str | None
    systems: tuple[str, ...]
    as_of: date | None


@dataclass(frozen=True, slots=True)
class RelationKey:
    start: CodeKey
    end: CodeKey
    max_hops: int
    as_of: date


ALL = "all"  # the one key of reads that take no argument

CODES: Read[DatedKey, CodeRecord | None] = Read("codes")
PRIMARY_CODES: Read[DatedKey, list[AddOnLinkRecord]] = Read("primary_codes")
ADD_ON_CODES: Read[DatedKey, list[AddOnLinkRecord]] = Read("add_on_codes")
PTP_EDITS: Read[PtpKey, PtpPage] = Read("ptp_edits")
MUES: Read[CodeKey, list[MueRecord]] = Read("mues")
CROSSWALKS: Read[CrosswalkKey, list[CrosswalkRecord]] = Read("crosswalks")
ANCESTORS: Read[CodeKey, list[str]] = Read("ancestors")
CHILDREN: Read[CodeKey, list[str]] = Read("children")
DESCENDANTS: Read[DescendantsKey, DescendantsPage] = Read("descendants")
RELATED: Read[RelatedKey, list[RelatedRecord]] = Read("related")
NOTES: Read[CodeKey, list[NoteRecord]] = Read("notes")
MODIFIERS: Read[str, ModifierRecord | None] = Read("modifiers")
CODE_MODIFIERS: Read[DatedKey, list[ApplicableModifierRecord]] = Read("code_modifiers")
GUIDELINES: Read[CodeKey, list[GuidelineRecord]] = Read("guidelines")
INDEX_ENTRIES: Read[CodeKey, list[IndexEntryRecord]] = Read("index_entries")
SEARCH: Read[SearchKey, list[tuple[str, str, float]]] = Read("search_codes", cached=False)
COUNT: Read[CountKey, int] = Read("count_codes", cached=False)
RELATION_PATHS: Read[RelationKey, list[list[RelationStepRecord]]] = Read("relation_paths", cached=False)
RELEASES: Read[str, list[ReleaseRecord]] = Read("releases", cached=False)
# The facts of one or many claims (codes, add-on links, PTP pairs among them, MUEs, PFS indicators).
CLAIM_FACTS: Read[FactsRequest, ClaimFacts] = Read("claim_facts", cached=False)

CODE_HISTORY: Read[CodeKey, list[CodeVersionRecord]] = Read("code_history")
RELEASE_DIFF: Read[DiffKey, list[CodeChangeRecord]] = Read("release_diff")
RELEASE_DIFF_COUNT: Read[DiffCountKey, int] = Read("release_diff_count")
REPLACEMENTS: Read[CodeKey, ReplacementsRecord] = Read("replacements")
EDGE_DIFF: Read[EdgeDiffKey, list[EdgeChangeRecord]] = Read("edge_diff")
EDGE_DIFF_COUNT: Read[EdgeDiffKey, int] = Read("edge_diff_count")
# A code and the parts of its page in one statement; the read cache answers the parts it holds itself.
CODE_PAGE: Read[PageKey, PageAnswer] = Read("code_page", cached=False)

TABLE: tuple[Read[object, object], ...] = (  # type: ignore[assignment]
    CODES, PRIMARY_CODES, ADD_ON_CODES, PTP_EDITS, MUES, CROSSWALKS, ANCESTORS, CHILDREN, DESCENDANTS, RELATED,
    NOTES, MODIFIERS, CODE_MODIFIERS, GUIDELINES, INDEX_ENTRIES, SEARCH, COUNT, RELATION_PATHS, RELEASES,
    CLAIM_FACTS, CODE_HISTORY, RELEASE_DIFF, RELEASE_DIFF_COUNT, REPLACEMENTS, EDGE_DIFF, EDGE_DIFF_COUNT,
    CODE_PAGE,
)  # fmt: skip
UNCACHED = frozenset(r.name for r in TABLE if not r.cached)
