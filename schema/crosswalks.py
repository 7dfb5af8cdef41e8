"""GEM crosswalk entries."""

from __future__ import annotations

import strawberry

from schema.enums import CodeSystem
from schema.records import CrosswalkRecord


@strawberry.type(description="One General Equivalence Mapping entry from a code to another code set.")
class Crosswalk:
    entry: strawberry.Private[CrosswalkRecord]

    @strawberry.field
    def system(self) -> CodeSystem:
        return CodeSystem(self.entry.system)

    @strawberry.field(description="Target code; null when the source has no map (noMap).")
    def code(self) -> str | None:
        return self.entry.code

    @strawberry.field
    def display(self) -> str | None:
        return self.entry.display

    @strawberry.field(description="The target is an approximate, not an identical, equivalent.")
    def approximate(self) -> bool:
        return self.entry.approximate

    @strawberry.field(description="The source code has no equivalent in the target code set.")
    def no_map(self) -> bool:
        return self.entry.no_map

    @strawberry.field(description="Part of a combination: every choice list of the scenario is needed together.")
    def combination(self) -> bool:
        return self.entry.combination

    @strawberry.field(description="Combination scenario number (0 when not a combination).")
    def scenario(self) -> int:
        return self.entry.scenario

    @strawberry.field(description="Choice list within the scenario: pick one target from each list.")
    def choice_list(self) -> int:
        return self.entry.choice_list

    @strawberry.field
    def release(self) -> str:
        return self.entry.release
