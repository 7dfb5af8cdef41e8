"""The Code type: one code of one code set, as of a date of service, and its traversals."""

from __future__ import annotations

from datetime import date

import strawberry
from strawberry.types import Info

from schema.context import Context
from schema.crosswalks import Crosswalk
from schema.edits import Mue, PtpEdit
from schema.enums import CodeSystem, PtpRole, Setting
from schema.errors import BadUserInput
from schema.records import AddOnLinkRecord, CodeKey, CodeRecord, CrosswalkKey, DatedKey, PtpKey

MAX_EDITS = 1000


@strawberry.type(description="A code, seen as of one date of service (the asOf of the root field).")
class Code:
    record: strawberry.Private[CodeRecord]
    as_of: strawberry.Private[date]

    @strawberry.field
    def system(self) -> CodeSystem:
        return CodeSystem(self.record.system)

    @strawberry.field(description="The code as stored and matched: no dot (E1165).")
    def code(self) -> str:
        return self.record.code

    @strawberry.field(description="The code as printed in the code book (E11.65).")
    def display(self) -> str:
        return self.record.display

    @strawberry.field
    def short_description(self) -> str | None:
        return self.record.short_description

    @strawberry.field(description="The official long descriptor; empty for CPT unless a licensee loaded AMA files.")
    def long_description(self) -> str | None:
        return self.record.long_description

    @strawberry.field(description="A plain-language description written for this service.")
    def plain_description(self) -> str | None:
        return self.record.plain_description

    @strawberry.field
    def is_billable(self) -> bool | None:
        return self.record.is_billable

    @strawberry.field(description="True when an NCCI add-on edit for this code is in effect on asOf.")
    def is_add_on(self) -> bool:
        return self.record.is_add_on

    @strawberry.field(description="The add-on's primary codes are defined by the Medicare contractor (CCCCC).")
    def contractor_defined_primaries(self) -> bool:
        return self.record.contractor_defined_primaries

    @strawberry.field
    def added_date(self) -> date | None:
        return self.record.added_date

    @strawberry.field
    def termination_date(self) -> date | None:
        return self.record.termination_date

    @strawberry.field(description="Primary codes this add-on code may be reported with, on asOf.")
    async def primary_codes(self, info: Info[Context, None], as_of: date | None = None) -> list[AddOnLink]:
        key = DatedKey(self.record.system, self.record.code, as_of or self.as_of)
        return [AddOnLink(link=link) for link in await info.context.loaders.primary_codes.load(key)]

    @strawberry.field(description="Add-on codes that may be reported with this primary code, on asOf.")
    async def add_on_codes(self, info: Info[Context, None], as_of: date | None = None) -> list[AddOnLink]:
        key = DatedKey(self.record.system, self.record.code, as_of or self.as_of)
        return [AddOnLink(link=link) for link in await info.context.loaders.add_on_codes.load(key)]

    @strawberry.field(description="NCCI PTP edits naming this code, in effect on asOf, ordered by column 1, column 2.")
    async def ptp_edits(
        self,
        info: Info[Context, None],
        setting: Setting = Setting.PRACTITIONER,
        role: PtpRole = PtpRole.ANY,
        as_of: date | None = None,
        first: int = 100,
    ) -> list[PtpEdit]:
        if not 0 < first <= MAX_EDITS:
            raise BadUserInput(f"first must be between 1 and {MAX_EDITS}", argument="first")
        key = PtpKey(self.record.system, self.record.code, as_of or self.as_of, setting.value, role.value, first)
        return [PtpEdit(edit=e) for e in await info.context.loaders.ptp_edits.load(key)]

    @strawberry.field(description="The medically unlikely edit for this code in one setting (current release).")
    async def mue(self, info: Info[Context, None], setting: Setting = Setting.PRACTITIONER) -> Mue | None:
        found = [m for m in await self._mues(info) if m.mue.setting == setting.value]
        return found[0] if found else None

    @strawberry.field(description="Medically unlikely edits for this code in every setting loaded.")
    async def mues(self, info: Info[Context, None]) -> list[Mue]:
        return await self._mues(info)

    async def _mues(self, info: Info[Context, None]) -> list[Mue]:
        records = await info.context.loaders.mues.load(CodeKey(self.record.system, self.record.code))
        return [Mue(mue=m) for m in records]

    @strawberry.field(description="GEM entries from this code into another code set; no-map entries have no code.")
    async def crosswalks(self, info: Info[Context, None], to: CodeSystem) -> list[Crosswalk]:
        key = CrosswalkKey(self.record.system, self.record.code, to.value)
        return [Crosswalk(entry=e) for e in await info.context.loaders.crosswalks.load(key)]


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
