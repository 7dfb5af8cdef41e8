"""NCCI add-on edit windows, seen from either end."""

from __future__ import annotations

from datetime import date

import strawberry

from schema.enums import CodeSystem
from schema.records import AddOnLinkRecord


@strawberry.type(description="An NCCI add-on edit window linking an add-on code and a primary code.")
class AddOnLink:
    # Plain fields, not resolvers: graphql-core answers a plain field far faster, and a page holds many links.
    system: CodeSystem
    code: str
    display: str
    add_on_type: int = strawberry.field(description="NCCI add-on edit type: 1, 2 or 3.")
    effective_date: date
    deletion_date: date | None
    notes: str | None = strawberry.field(description="The edit's special instruction notes.")
    release: str = strawberry.field(description="Label of the release the edit was loaded from.")

    @classmethod
    def of(cls, link: AddOnLinkRecord) -> AddOnLink:
        return cls(
            system=CodeSystem(link.system),
            code=link.code,
            display=link.display,
            add_on_type=link.add_on_type,
            effective_date=link.effective_date,
            deletion_date=link.deletion_date,
            notes=link.notes,
            release=link.release,
        )
