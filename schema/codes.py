"""The Code type: one code of one code set, as of a date of service, and its traversals."""

from __future__ import annotations

from datetime import date

import strawberry
from strawberry.types import Info

from schema import reads
from schema.addons import AddOnLink
from schema.context import Context
from schema.crosswalks import MAX_HOPS, Crosswalk
from schema.descriptions import CodeStatus, Description, descriptions_of, descriptions_on, status_of
from schema.edits import Mue, PtpEdit, PtpEditConnection, ptp_edit_connection, ptp_list_key, ptp_page_key
from schema.enums import CodeSystem, PtpRole, Setting
from schema.errors import BadUserInput
from schema.guidelines import Guideline
from schema.hierarchy import DescendantConnection, DescendantEdge, decode_cursor, encode_cursor
from schema.history import CodeEvent, events_of, version_on
from schema.metering import ViewLimitReached
from schema.modifiers import ApplicableModifier
from schema.notes import IndexEntry, Note, NoteKind, index_entry
from schema.paging import PageInfo, page_size
from schema.records import CodeKey, CodeRecord, CrosswalkKey, DatedKey, DescendantsKey, RelatedKey
from schema.relations import RelatedCode, related_code
from schema.releases import Release


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

    @strawberry.field(
        description="The official long descriptor; empty for CPT unless a licensee loaded AMA files. Metered."
    )
    async def long_description(self, info: Info[Context, None]) -> str | None:
        await self._page_view(info)
        return self.record.long_description

    @strawberry.field(
        description="Every description of the code, each with the release that wrote it. With asOf: the short and"
        " long descriptions in effect on that date (the release that took effect last before it). Metered."
    )
    async def descriptions(self, info: Info[Context, None], as_of: date | None = None) -> list[Description]:
        await self._page_view(info)
        if as_of is None:
            return descriptions_of(self.record)
        versions = await info.context.load(reads.CODE_HISTORY, CodeKey(self.record.system, self.record.code))
        return descriptions_on(version_on(versions, as_of))

    @strawberry.field(description="What each release changed of this code, oldest first.")
    async def history(self, info: Info[Context, None]) -> list[CodeEvent]:
        return events_of(await info.context.load(reads.CODE_HISTORY, CodeKey(self.record.system, self.record.code)))

    @strawberry.field(description="Codes the files name as replacing this one (HCPCS cross references, GEMs).")
    async def replaced_by(self, info: Info[Context, None]) -> list[Code]:
        found = await info.context.load(reads.REPLACEMENTS, CodeKey(self.record.system, self.record.code))
        return await self._any_status(info, found.replaced_by)

    @strawberry.field(description="Codes the files name this one as replacing (HCPCS cross references, GEMs).")
    async def replaces(self, info: Info[Context, None]) -> list[Code]:
        found = await info.context.load(reads.REPLACEMENTS, CodeKey(self.record.system, self.record.code))
        return await self._any_status(info, found.replaces)

    async def _any_status(self, info: Info[Context, None], keys: tuple[CodeKey, ...]) -> list[Code]:
        dated = [DatedKey(k.system, k.code, self.as_of, any_status=True) for k in keys]
        return [Code(record=r, as_of=self.as_of) for r in await info.context.load_many(reads.CODES, dated) if r]

    @strawberry.field(description="ACTIVE, or TERMINATED when the code has a last day (see terminationDate).")
    def status(self) -> CodeStatus:
        return status_of(self.record)

    @strawberry.field(description="A plain-language description written for this service. Metered.")
    async def plain_description(self, info: Info[Context, None]) -> str | None:
        await self._page_view(info)
        return self.record.plain_description

    @strawberry.field(description="Coding guidelines that apply to this code. Metered.")
    async def guidelines(self, info: Info[Context, None]) -> list[Guideline] | None:
        await self._page_view(info)
        found = await info.context.load(reads.GUIDELINES, CodeKey(self.record.system, self.record.code))
        return [Guideline(guideline=g) for g in found]

    async def _page_view(self, info: Info[Context, None]) -> None:
        """A code page view: admitted by the meter (free again within the period) or refused."""
        context = info.context
        key = CodeKey(self.record.system, self.record.code)
        context.viewed.add(key)
        if context.views is None or context.meter is None:
            return
        if not await context.views.load(key):
            status = context.meter.last_status
            assert status is not None
            raise ViewLimitReached(status)

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

    @strawberry.field(description="chapter, block, category, code (ICD-10-CM); section, bodySystem, table (PCS)")
    def kind(self) -> str | None:
        return self.record.kind

    @strawberry.field(description="HCPCS coverage code (C, D, I, M, S).")
    def coverage_code(self) -> str | None:
        return self._text("coverageCode")

    @strawberry.field(description="Berenson-Eggers type of service (HCPCS).")
    def betos(self) -> str | None:
        return self._text("betos")

    @strawberry.field(description="HCPCS pricing indicators.")
    def pricing_indicators(self) -> list[str]:
        return [str(v) for v in self.record.details.get("pricingIndicators") or []]  # type: ignore[attr-defined]

    @strawberry.field(description="HCPCS type-of-service codes.")
    def type_of_service(self) -> list[str]:
        return [str(v) for v in self.record.details.get("typeOfService") or []]  # type: ignore[attr-defined]

    @strawberry.field(
        description="HCPCS action code of the latest change (A added, C changed, D discontinued, N none, ...)."
    )
    def action_code(self) -> str | None:
        return self._text("actionCode")

    @strawberry.field
    def action_effective_date(self) -> date | None:
        value = self._detail("actionEffectiveDate")
        return value if isinstance(value, date) else None

    @strawberry.field(description="Physician Fee Schedule global surgery days: 000, 010, 090, XXX, YYY, ZZZ, MMM.")
    def global_days(self) -> str | None:
        return self._text("globalDays")

    @strawberry.field(description="Modifiers that apply to this code on asOf, each with what makes it apply.")
    async def modifiers(self, info: Info[Context, None], as_of: date | None = None) -> list[ApplicableModifier]:
        key = DatedKey(self.record.system, self.record.code, as_of or self.as_of)
        return [ApplicableModifier(applicable=m) for m in await info.context.load(reads.CODE_MODIFIERS, key)]

    @strawberry.field(description="The releases that stated this code: its provenance.")
    def releases(self) -> list[Release]:
        return [Release(release=r) for r in self.record.releases]

    def _detail(self, name: str) -> object:
        return self.record.details.get(name)

    def _text(self, name: str) -> str | None:
        value = self.record.details.get(name)
        return str(value) if value is not None else None

    @strawberry.field(description="The code one level up (category, block, chapter for ICD-10-CM).")
    async def parent(self, info: Info[Context, None]) -> Code | None:
        ancestors = await self.ancestors(info)
        return ancestors[0] if ancestors else None

    @strawberry.field(description="Every level above this code, nearest first.")
    async def ancestors(self, info: Info[Context, None]) -> list[Code]:
        codes = await info.context.load(reads.ANCESTORS, CodeKey(self.record.system, self.record.code))
        return await self._codes(info, codes)

    @strawberry.field(description="The codes one level down, in code order.")
    async def children(self, info: Info[Context, None]) -> list[Code]:
        codes = await info.context.load(reads.CHILDREN, CodeKey(self.record.system, self.record.code))
        return await self._codes(info, codes)

    @strawberry.field(description="Every code below this one, at any level, in code order; keyset-paginated.")
    async def descendants(
        self, info: Info[Context, None], first: int = 20, after: str | None = None
    ) -> DescendantConnection:
        limit = page_size(first)
        key = DescendantsKey(self.record.system, self.record.code, decode_cursor(after), limit + 1)
        page = await info.context.load(reads.DESCENDANTS, key)
        nodes = await self._codes(info, list(page.codes[:limit]))
        edges = [DescendantEdge(cursor=encode_cursor(n.record.code), node=n) for n in nodes]
        # The cursor is the last code fetched, shown or not (a code outside asOf is skipped, not repeated).
        end = encode_cursor(page.codes[:limit][-1]) if page.codes else None
        info_ = PageInfo(has_next_page=len(page.codes) > limit, end_cursor=end)
        return DescendantConnection(edges=edges, page_info=info_, total_count=page.total)

    @strawberry.field(
        description="Neighbours across relation types (add-on, hierarchy, GEM, notes, PTP), closest first, with why."
    )
    async def related_codes(self, info: Info[Context, None], first: int = 20) -> list[RelatedCode]:
        key = RelatedKey(self.record.system, self.record.code, self.as_of, page_size(first))
        found = await info.context.load(reads.RELATED, key)
        records = await info.context.load_many(reads.CODES, [DatedKey(r.system, r.code, self.as_of) for r in found])
        return [related_code(r, Code(record=c, as_of=self.as_of)) for r, c in zip(found, records, strict=True) if c]

    async def _codes(self, info: Info[Context, None], codes: list[str]) -> list[Code]:
        keys = [DatedKey(self.record.system, c, self.as_of) for c in codes]
        records = await info.context.load_many(reads.CODES, keys)
        return [Code(record=r, as_of=self.as_of) for r in records if r]

    @strawberry.field(description="Instructional notes that apply, with those inherited from category, block, chapter.")
    async def notes(self, info: Info[Context, None], kinds: list[NoteKind] | None = None) -> list[Note]:
        found = await info.context.load(reads.NOTES, CodeKey(self.record.system, self.record.code))
        wanted = {k.value for k in kinds} if kinds else None
        return [Note(note=n) for n in found if wanted is None or n.kind in wanted]

    @strawberry.field(description="ICD-10-CM index and table lines that lead to this code.")
    async def index_entries(self, info: Info[Context, None]) -> list[IndexEntry]:
        found = await info.context.load(reads.INDEX_ENTRIES, CodeKey(self.record.system, self.record.code))
        return [index_entry(e) for e in found]

    async def _named(self, info: Info[Context, None], kind: NoteKind) -> list[Code]:
        notes = await info.context.load(reads.NOTES, CodeKey(self.record.system, self.record.code))
        targets = list(dict.fromkeys(n.target for n in notes if n.kind == kind.value and n.target))
        records = await info.context.load_many(reads.CODES, [DatedKey(t.system, t.code, self.as_of) for t in targets])
        return [Code(record=r, as_of=self.as_of) for r in records if r]

    @strawberry.field(description="Codes an Excludes1 note names (never coded together), own and inherited.")
    async def excludes1(self, info: Info[Context, None]) -> list[Code]:
        return await self._named(info, NoteKind.EXCLUDES1)

    @strawberry.field(description="Codes an Excludes2 note names (not included here; may be coded together).")
    async def excludes2(self, info: Info[Context, None]) -> list[Code]:
        return await self._named(info, NoteKind.EXCLUDES2)

    @strawberry.field(description="Codes a 'code first' note names: the underlying condition to sequence first.")
    async def code_first(self, info: Info[Context, None]) -> list[Code]:
        return await self._named(info, NoteKind.CODE_FIRST)

    @strawberry.field(description="Codes a 'use additional code' note names.")
    async def use_additional_code(self, info: Info[Context, None]) -> list[Code]:
        return await self._named(info, NoteKind.USE_ADDITIONAL_CODE)

    @strawberry.field(description="Codes a 'code also' note names.")
    async def code_also(self, info: Info[Context, None]) -> list[Code]:
        return await self._named(info, NoteKind.CODE_ALSO)

    @strawberry.field(description="Primary codes this add-on code may be reported with, on asOf.")
    async def primary_codes(self, info: Info[Context, None], as_of: date | None = None) -> list[AddOnLink]:
        key = DatedKey(self.record.system, self.record.code, as_of or self.as_of)
        return [AddOnLink.of(link) for link in await info.context.load(reads.PRIMARY_CODES, key)]

    @strawberry.field(description="Add-on codes that may be reported with this primary code, on asOf.")
    async def add_on_codes(self, info: Info[Context, None], as_of: date | None = None) -> list[AddOnLink]:
        key = DatedKey(self.record.system, self.record.code, as_of or self.as_of)
        return [AddOnLink.of(link) for link in await info.context.load(reads.ADD_ON_CODES, key)]

    @strawberry.field(description="NCCI PTP edits naming this code, in effect on asOf, ordered by column 1, column 2.")
    async def ptp_edits(
        self,
        info: Info[Context, None],
        setting: Setting = Setting.PRACTITIONER,
        role: PtpRole = PtpRole.ANY,
        as_of: date | None = None,
        first: int = 100,
    ) -> list[PtpEdit]:
        key = ptp_list_key(self._dated(as_of), setting, role, first)
        return [PtpEdit.of(e) for e in (await info.context.load(reads.PTP_EDITS, key)).edits]

    @strawberry.field(description="The same edits as ptpEdits, as a Relay connection with keyset cursors.")
    async def ptp_edit_page(
        self,
        info: Info[Context, None],
        setting: Setting = Setting.PRACTITIONER,
        role: PtpRole = PtpRole.ANY,
        as_of: date | None = None,
        first: int = 20,
        after: str | None = None,
    ) -> PtpEditConnection:
        key = ptp_page_key(self._dated(as_of), setting, role, first, after)
        return ptp_edit_connection(await info.context.load(reads.PTP_EDITS, key), page_size(first))

    def _dated(self, as_of: date | None) -> DatedKey:
        return DatedKey(self.record.system, self.record.code, as_of or self.as_of)

    @strawberry.field(description="The medically unlikely edit for this code in one setting (current release).")
    async def mue(self, info: Info[Context, None], setting: Setting = Setting.PRACTITIONER) -> Mue | None:
        found = [m for m in await self._mues(info) if m.mue.setting == setting.value]
        return found[0] if found else None

    @strawberry.field(description="Medically unlikely edits for this code in every setting loaded.")
    async def mues(self, info: Info[Context, None]) -> list[Mue]:
        return await self._mues(info)

    async def _mues(self, info: Info[Context, None]) -> list[Mue]:
        records = await info.context.load(reads.MUES, CodeKey(self.record.system, self.record.code))
        return [Mue(mue=m) for m in records]

    @strawberry.field(
        description="GEM entries from this code into another code set; no-map entries have no code. With maxHops"
        " up to 3, also the targets only reached through other codes (each by its shortest paths)."
    )
    async def crosswalks(self, info: Info[Context, None], to: CodeSystem, max_hops: int = 1) -> list[Crosswalk]:
        if not 1 <= max_hops <= MAX_HOPS:
            raise BadUserInput(f"maxHops must be between 1 and {MAX_HOPS}", argument="maxHops")
        key = CrosswalkKey(self.record.system, self.record.code, to.value, max_hops)
        return [Crosswalk.of(e) for e in await info.context.load(reads.CROSSWALKS, key)]
