"""Root query fields."""

from __future__ import annotations

from datetime import date

import strawberry
from strawberry.types import Info

from schema.codes import Code
from schema.context import Context
from schema.enums import CodeSystem
from schema.metering import MeterStatus, Viewer
from schema.modifiers import Modifier
from schema.normalize import normalize_code
from schema.records import DatedKey
from schema.releases import Release


@strawberry.type
class Query:
    @strawberry.field(description="One code; null when the code set has no such code. asOf defaults to today.")
    async def code(
        self, info: Info[Context, None], system: CodeSystem, code: str, as_of: date | None = None
    ) -> Code | None:
        day = as_of or date.today()
        record = await info.context.loaders.codes.load(DatedKey(system.value, normalize_code(code), day))
        return Code(record=record, as_of=day) if record else None

    @strawberry.field(description="One modifier; null when unknown.")
    async def modifier(self, info: Info[Context, None], code: str) -> Modifier | None:
        record = await info.context.loaders.modifiers.load(code.strip().upper())
        return Modifier(modifier=record) if record else None

    @strawberry.field(description="Every release loaded, newest first.")
    async def releases(self, info: Info[Context, None]) -> list[Release]:
        return [Release(release=r) for r in await info.context.reader.releases()]

    @strawberry.field(description="The caller's code page allowance; consumes nothing.")
    async def viewer(self, info: Info[Context, None]) -> Viewer:
        meter = info.context.meter
        status = await meter.status() if meter else MeterStatus("unmetered", None, 0, None)
        return Viewer(meter=status)
