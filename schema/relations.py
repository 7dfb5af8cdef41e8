"""How two codes are related: ranked neighbours (relatedCodes) and typed paths (explainRelation)."""

from __future__ import annotations

from datetime import date
from enum import Enum
from typing import TYPE_CHECKING, Annotated

import strawberry

from schema.enums import CodeSystem
from schema.records import RelatedRecord, RelationStepRecord
from schema.releases import Release

if TYPE_CHECKING:
    from schema.codes import Code


@strawberry.enum(description="Why a code is a neighbour of another.")
class Relation(Enum):
    PRIMARY_CODE = "PRIMARY_CODE"
    ADD_ON_CODE = "ADD_ON_CODE"
    PARENT = "PARENT"
    CHILD = "CHILD"
    SIBLING = "SIBLING"
    CROSSWALK = "CROSSWALK"
    PTP_EDIT = "PTP_EDIT"
    EXCLUDES1 = "EXCLUDES1"
    EXCLUDES2 = "EXCLUDES2"
    CODE_FIRST = "CODE_FIRST"
    USE_ADDITIONAL_CODE = "USE_ADDITIONAL_CODE"
    CODE_ALSO = "CODE_ALSO"


@strawberry.type
class RelationReason:
    relation: Relation
    detail: str | None = strawberry.field(description="add-on type, GEM flag, PTP modifier indicator, level, ...")


@strawberry.type(description="A neighbour of a code and every relation that makes it one.")
class RelatedCode:
    code: Annotated[Code, strawberry.lazy("schema.codes")]
    score: float = strawberry.field(description="Sum of the weights of its relations; higher is closer.")
    reasons: list[RelationReason]


def related_code(record: RelatedRecord, code: Code) -> RelatedCode:
    reasons = [RelationReason(relation=Relation(r), detail=d) for r, d in record.reasons]
    return RelatedCode(code=code, score=record.score, reasons=reasons)


@strawberry.type(description="A code on a relation path, as stored.")
class PathCode:
    system: CodeSystem
    code: str


@strawberry.type(description="One stored relationship on a path between two codes, with its provenance.")
class RelationStep:
    step: strawberry.Private[RelationStepRecord]

    @strawberry.field(
        description="ADDON_OF, PTP, MAPS_TO, CHILD_OF, EXCLUDES1, EXCLUDES2, CODE_FIRST, USE_ADDITIONAL_CODE, ..."
    )
    def type(self) -> str:
        return self.step.type

    @strawberry.field(description="The relationship's start as stored (add-on, column 1, GEM source, child, ...).")
    def start(self) -> PathCode:
        return PathCode(system=CodeSystem(self.step.start.system), code=self.step.start.code)

    @strawberry.field(description="The relationship's end as stored (primary, column 2, GEM target, parent, ...).")
    def end(self) -> PathCode:
        return PathCode(system=CodeSystem(self.step.end.system), code=self.step.end.code)

    @strawberry.field(description="The path walks this relationship from its end to its start.")
    def reversed(self) -> bool:
        return self.step.reversed

    @strawberry.field(description="The release that stated it; null for hierarchy links of the sample graph.")
    def release(self) -> Release | None:
        return Release(release=self.step.release) if self.step.release else None

    @strawberry.field(description="The files of that release: where to look it up.")
    def source_files(self) -> list[str]:
        return list(self.step.release.files) if self.step.release else []

    @strawberry.field(description="The row of the source file that stated it, where the loader kept it.")
    def line(self) -> int | None:
        value = self.step.properties.get("line")
        return value if isinstance(value, int) else None

    @strawberry.field
    def effective_date(self) -> date | None:
        return self._date("effectiveDate")

    @strawberry.field
    def deletion_date(self) -> date | None:
        return self._date("deletionDate")

    def _date(self, name: str) -> date | None:
        value = self.step.properties.get(name)
        return value if isinstance(value, date) else None

    @strawberry.field(description="What the relationship says, in words.")
    def summary(self) -> str:
        return summarize(self.step)


@strawberry.type(description="A shortest path between two codes.")
class RelationPath:
    length: int
    steps: list[RelationStep]


_PHRASES = {
    "ADDON_OF": "{a} is an add-on code reported with primary {b}",
    "PTP": "NCCI PTP edit: column 1 {a}, column 2 {b}",
    "MAPS_TO": "GEM maps {a} to {b}",
    "CHILD_OF": "{a} sits under {b}",
}


def summarize(step: RelationStepRecord) -> str:
    a, b = step.start.code, step.end.code
    text = _PHRASES.get(step.type, "{a}: " + step.type.lower().replace("_", " ") + " note names {b}").format(a=a, b=b)
    props = step.properties
    if step.type == "ADDON_OF":
        text += f" (type {props.get('type')})"
    elif step.type == "PTP":
        text += f" (modifier indicator {props.get('modifierIndicator')})"
    elif step.type == "MAPS_TO":
        text += " (approximate)" if props.get("approximate") else " (identical)"
    return text
