"""GEM crosswalk entries."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry

from schema.enums import CodeSystem
from schema.records import CrosswalkHopRecord, CrosswalkRecord

if TYPE_CHECKING:
    from schema.codes import Code

MAX_HOPS = 3


@strawberry.type(description="One published GEM entry on a crosswalk path.")
class CrosswalkHop:
    hop: strawberry.Private[CrosswalkHopRecord]

    @strawberry.field
    def from_system(self) -> CodeSystem:
        return CodeSystem(self.hop.from_system)

    @strawberry.field
    def from_code(self) -> str:
        return self.hop.from_code

    @strawberry.field
    def system(self) -> CodeSystem:
        return CodeSystem(self.hop.system)

    @strawberry.field
    def code(self) -> str:
        return self.hop.code

    @strawberry.field
    def approximate(self) -> bool:
        return self.hop.approximate

    @strawberry.field
    def combination(self) -> bool:
        return self.hop.combination

    @strawberry.field
    def scenario(self) -> int:
        return self.hop.scenario

    @strawberry.field
    def choice_list(self) -> int:
        return self.hop.choice_list

    @strawberry.field
    def release(self) -> str:
        return self.hop.release


@strawberry.type(description="One way to a crosswalk target: the GEM entries walked, source first.")
class CrosswalkPath:
    path: strawberry.Private[tuple[CrosswalkHopRecord, ...]]

    @strawberry.field
    def hops(self) -> list[CrosswalkHop]:
        return [CrosswalkHop(hop=h) for h in self.path]

    @strawberry.field(description="Some entry on the path is approximate.")
    def approximate(self) -> bool:
        return any(h.approximate for h in self.path)

    @strawberry.field(description="Some entry on the path belongs to a combination.")
    def combination(self) -> bool:
        return any(h.combination for h in self.path)


@strawberry.type(description="One General Equivalence Mapping entry from a code to another code set.")
class Crosswalk:
    # The entry's own values are plain fields (graphql-core answers them far faster than resolvers); the paths
    # are computed from the record.
    entry: strawberry.Private[CrosswalkRecord]
    system: CodeSystem
    code: str | None = strawberry.field(description="Target code; null when the source has no map (noMap).")
    display: str | None
    approximate: bool = strawberry.field(description="The target is an approximate, not an identical, equivalent.")
    no_map: bool = strawberry.field(description="The source code has no equivalent in the target code set.")
    combination: bool = strawberry.field(
        description="Part of a combination: every choice list of the scenario is needed together."
    )
    scenario: int = strawberry.field(description="Combination scenario number (0 when not a combination).")
    choice_list: int = strawberry.field(description="Choice list within the scenario: pick one target from each list.")
    release: str = strawberry.field(description="Label of the release (on a path: of each release it went through).")

    @classmethod
    def of(cls, entry: CrosswalkRecord) -> Crosswalk:
        return cls(
            entry=entry,
            system=CodeSystem(entry.system),
            code=entry.code,
            display=entry.display,
            approximate=entry.approximate,
            no_map=entry.no_map,
            combination=entry.combination,
            scenario=entry.scenario,
            choice_list=entry.choice_list,
            release=entry.release,
        )

    @strawberry.field(description="How many GEM entries lead from the source to this target (1: published directly).")
    def hop_count(self) -> int:
        return max(len(self.entry.hops), 1)

    @strawberry.field(description="The GEM entries walked, source first (the best path); empty for a no-map entry.")
    def hops(self) -> list[CrosswalkHop]:
        return [CrosswalkHop(hop=h) for h in self.entry.hops]

    @strawberry.field(
        description="Every shortest way to the target (each once, however many releases state it), the one"
        " `hops` gives first; one path for an entry published directly, none for a no-map entry."
    )
    def paths(self) -> list[CrosswalkPath]:
        found = self.entry.paths or ((self.entry.hops,) if self.entry.hops else ())
        return [CrosswalkPath(path=p) for p in found]

    @strawberry.field(description="For a combination: the code whose GEM scenario this entry belongs to.")
    def via_code(self) -> str | None:
        return self.entry.via.code if self.entry.via else None


@strawberry.type(description="One choice list of a combination scenario: pick one of its targets.")
class ChoiceList:
    choice_list: int
    entries: list[Crosswalk]


@strawberry.type(description="A combination scenario: one target from each choice list, all reported together.")
class CombinationGroup:
    via_code: str = strawberry.field(description="The code whose GEM entries state the scenario.")
    scenario: int
    choice_lists: list[ChoiceList]


@strawberry.type(description="Where one source code leads in the target code set.")
class CrosswalkResult:
    source: Annotated[Code, strawberry.lazy("schema.codes")]
    entries: list[Crosswalk] = strawberry.field(description="Every entry: single targets, combinations, no-maps.")
    single_targets: list[Crosswalk] = strawberry.field(description="Targets that stand alone (no combination).")
    combinations: list[CombinationGroup] = strawberry.field(description="Combination scenarios, kept together.")
    no_map: bool = strawberry.field(description="The GEM says the source has no equivalent.")
    approximate: bool = strawberry.field(description="Every target reached is only approximate.")


def crosswalk_result(source: Code, records: list[CrosswalkRecord]) -> CrosswalkResult:
    entries = [Crosswalk.of(r) for r in records]
    groups: dict[tuple[str, int], dict[int, list[Crosswalk]]] = {}
    for entry in entries:
        if entry.entry.combination and entry.entry.via is not None:
            lists = groups.setdefault((entry.entry.via.code, entry.entry.scenario), {})
            lists.setdefault(entry.entry.choice_list, []).append(entry)
    combinations = [
        CombinationGroup(
            via_code=via,
            scenario=scenario,
            choice_lists=[ChoiceList(choice_list=n, entries=lists[n]) for n in sorted(lists)],
        )
        for (via, scenario), lists in sorted(groups.items())
    ]
    mapped = [r for r in records if not r.no_map]
    return CrosswalkResult(
        source=source,
        entries=entries,
        single_targets=[e for e in entries if not e.entry.combination and not e.entry.no_map],
        combinations=combinations,
        no_map=any(r.no_map for r in records),
        approximate=bool(mapped) and all(r.approximate for r in mapped),
    )
