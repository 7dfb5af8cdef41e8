"""Coding guidelines linked to codes and code ranges."""

from __future__ import annotations

import strawberry

from schema.records import GuidelineRecord


@strawberry.type(description="A coding guideline that applies to a code.")
class Guideline:
    guideline: strawberry.Private[GuidelineRecord]

    @strawberry.field
    def id(self) -> str:
        return self.guideline.id

    @strawberry.field
    def title(self) -> str:
        return self.guideline.title

    @strawberry.field
    def body(self) -> str:
        return self.guideline.body

    @strawberry.field
    def source(self) -> str:
        return self.guideline.source

    @strawberry.field
    def url(self) -> str | None:
        return self.guideline.url
