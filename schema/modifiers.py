"""Modifiers (CPT and HCPCS Level II)."""

from __future__ import annotations

from datetime import date

import strawberry

from schema.records import ApplicableModifierRecord, ModifierRecord


@strawberry.type(description="A modifier that applies to a code, and the indicator or edit that makes it apply.")
class ApplicableModifier:
    applicable: strawberry.Private[ApplicableModifierRecord]

    @strawberry.field
    def code(self) -> str:
        return self.applicable.code

    @strawberry.field(description="What implies it: a fee-schedule indicator ('CO-SURG 2') or an NCCI PTP edit.")
    def indicator(self) -> str:
        return self.applicable.indicator

    @strawberry.field
    def reason(self) -> str:
        return self.applicable.reason


@strawberry.type(description="A procedure modifier (25, 59, XE, LT, ...).")
class Modifier:
    modifier: strawberry.Private[ModifierRecord]

    @strawberry.field
    def code(self) -> str:
        return self.modifier.code

    @strawberry.field
    def description(self) -> str | None:
        return self.modifier.description

    @strawberry.field
    def short_description(self) -> str | None:
        return self.modifier.short_description

    @strawberry.field(description="CPT or HCPCS (Level II)")
    def kind(self) -> str | None:
        return self.modifier.kind

    @strawberry.field
    def added_date(self) -> date | None:
        return self.modifier.added_date

    @strawberry.field
    def termination_date(self) -> date | None:
        return self.modifier.termination_date

    @strawberry.field
    def action_code(self) -> str | None:
        return self.modifier.action_code
