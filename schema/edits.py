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
    # Plain fields, not resolvers: a page holds many edits, and graphql-core answers a plain field far faster.
    column1: str
    column1_system: CodeSystem
    column2: str
    column2_system: CodeSystem
    setting: Setting
    prior_1996: bool = strawberry.field(description="The edit existed before 1996 (the file's `*`).")
    effective_date: date
    deletion_date: date | None = strawberry.field(
        description="Last day in effect; null when open. Equal to effectiveDate: never in effect."
    )
    modifier_indicator: int = strawberry.field(
        description="0: no modifier bypasses the edit; 1: an NCCI-associated modifier may; 9: n/a."
    )
    rationale: str
    release: str

    @classmethod
    def of(cls, edit: PtpEditRecord) -> PtpEdit:
        return cls(
            column1=edit.column1,
            column1_system=CodeSystem(edit.column1_system),
            column2=edit.column2,
            column2_system=CodeSystem(edit.column2_system),
            setting=Setting(edit.setting),
            prior_1996=edit.prior_1996,
            effective_date=edit.effective_date,
            deletion_date=edit.deletion_date,
            modifier_indicator=edit.modifier_indicator,
            rationale=edit.rationale,
            release=edit.release,
        )


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
    edges = [PtpEditEdge(cursor=encode_edit_cursor(e), node=PtpEdit.of(e)) for e in shown]
    more = len(page.edits) > first
    return PtpEditConnection(
        edges=edges,
        page_info=PageInfo(has_next_page=more, end_cursor=edges[-1].cursor if edges else None),
        total_count=page.total,
    )
