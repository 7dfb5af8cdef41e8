"""NCCI procedure-to-procedure edits and medically unlikely edits."""

from __future__ import annotations

from datetime import date

import strawberry

from schema.enums import CodeSystem, PtpRole, Setting
from schema.errors import BadUserInput
from schema.paging import PageInfo, decode_cursor, encode_cursor, page_size
from schema.records import DatedKey, MueRecord, PtpEditRecord, PtpKey, PtpPage

MAX_EDITS = 1000


def ptp_list_key(code: DatedKey, setting: Setting, role: PtpRole, first: int) -> PtpKey:
    """What Code.ptpEdits reads (and a page prefetch asks for it): the first `first` edits."""
    if not 0 < first <= MAX_EDITS:
        raise BadUserInput(f"first must be between 1 and {MAX_EDITS}", argument="first")
    return PtpKey(code.system, code.code, code.as_of, setting.value, role.value, first)


def ptp_page_key(code: DatedKey, setting: Setting, role: PtpRole, first: int, after: str | None) -> PtpKey:
    """What Code.ptpEditPage reads: one edit more than the page, to know whether another page follows."""
    size, position = page_size(first), decode_edit_cursor(after)
    return PtpKey(code.system, code.code, code.as_of, setting.value, role.value, size + 1, position)


@strawberry.type(description="An NCCI PTP edit: column 2 is not paid with column 1 unless a modifier allows it.")
class PtpEdit:
    edit: strawberry.Private[PtpEditRecord]

    @strawberry.field
    def column1(self) -> str:
        return self.edit.column1

    @strawberry.field
    def column1_system(self) -> CodeSystem:
        return CodeSystem(self.edit.column1_system)

    @strawberry.field
    def column2(self) -> str:
        return self.edit.column2

    @strawberry.field
    def column2_system(self) -> CodeSystem:
        return CodeSystem(self.edit.column2_system)

    @strawberry.field
    def setting(self) -> Setting:
        return Setting(self.edit.setting)

    @strawberry.field(description="The edit existed before 1996 (the file's `*`).")
    def prior_1996(self) -> bool:
        return self.edit.prior_1996

    @strawberry.field
    def effective_date(self) -> date:
        return self.edit.effective_date

    @strawberry.field(description="Last day in effect; null when open. Equal to effectiveDate: never in effect.")
    def deletion_date(self) -> date | None:
        return self.edit.deletion_date

    @strawberry.field(description="0: no modifier bypasses the edit; 1: an NCCI-associated modifier may; 9: n/a.")
    def modifier_indicator(self) -> int:
        return self.edit.modifier_indicator

    @strawberry.field
    def rationale(self) -> str:
        return self.edit.rationale

    @strawberry.field
    def release(self) -> str:
        return self.edit.release


@strawberry.type(description="A medically unlikely edit: the most units of service a claim line may report.")
class Mue:
    mue: strawberry.Private[MueRecord]

    @strawberry.field
    def setting(self) -> Setting:
        return Setting(self.mue.setting)

    @strawberry.field
    def value(self) -> int:
        return self.mue.value

    @strawberry.field(description="MUE adjudication indicator: 1 claim line, 2 date of service (policy), 3 (clinical).")
    def adjudication_indicator(self) -> int:
        return self.mue.adjudication_indicator

    @strawberry.field(description="The indicator as the file states it, e.g. '2 Date of Service Edit: Policy'.")
    def adjudication_text(self) -> str:
        return self.mue.adjudication_text

    @strawberry.field
    def rationale(self) -> str:
        return self.mue.rationale

    @strawberry.field
    def release(self) -> str:
        return self.mue.release


def encode_edit_cursor(edit: PtpEditRecord) -> str:
    return encode_cursor("ptp", edit.column1, edit.column2, edit.effective_date.isoformat(), _deleted(edit))


def decode_edit_cursor(raw: str | None) -> tuple[str, str, str, str] | None:
    if raw is None:
        return None
    column1, column2, effective, deleted = (str(v) for v in decode_cursor("ptp", raw, 4))
    return column1, column2, effective, deleted


def _deleted(edit: PtpEditRecord) -> str:
    return edit.deletion_date.isoformat() if edit.deletion_date else "9999-12-31"


@strawberry.type
class PtpEditEdge:
    cursor: str
    node: PtpEdit


@strawberry.type(description="A page of PTP edits in (column 1, column 2, effective date) order.")
class PtpEditConnection:
    edges: list[PtpEditEdge]
    page_info: PageInfo
    total_count: int


def ptp_edit_connection(page: PtpPage, first: int) -> PtpEditConnection:
    shown = page.edits[:first]
    edges = [PtpEditEdge(cursor=encode_edit_cursor(e), node=PtpEdit(edit=e)) for e in shown]
    more = len(page.edits) > first
    return PtpEditConnection(
        edges=edges,
        page_info=PageInfo(has_next_page=more, end_cursor=edges[-1].cursor if edges else None),
        total_count=page.total,
    )
