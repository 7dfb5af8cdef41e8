"""NCCI add-on edit windows, seen from either end."""

from __future__ import annotations

from datetime import date

import strawberry

from schema.enums import CodeSystem
from schema.records import AddOnLinkRecord


@strawberry.type(description="An NCCI add-on edit window linking an add-on code and a primary code.")
class AddOnLink:
    link: strawberry.Private[AddOnLinkRecord]

    @strawberry.field
    def system(self) -> CodeSystem:
        return CodeSystem(self.link.system)

    @strawberry.field
    def code(self) -> str:
        return self.link.code

    @strawberry.field
    def display(self) -> str:
        return self.link.display

    @strawberry.field(description="NCCI add-on edit type: 1, 2 or 3.")
    def add_on_type(self) -> int:
        return self.link.add_on_type

    @strawberry.field
    def effective_date(self) -> date:
        return self.link.effective_date

    @strawberry.field
    def deletion_date(self) -> date | None:
        return self.link.deletion_date

    @strawberry.field(description="The edit's special instruction notes.")
    def notes(self) -> str | None:
        return self.link.notes

    @strawberry.field(description="Label of the release the edit was loaded from.")
    def release(self) -> str:
        return self.link.release
