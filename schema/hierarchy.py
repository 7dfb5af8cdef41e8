"""Descendants of a code as a Relay connection, keyset-paginated by code."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry

from schema.paging import PageInfo
from schema.paging import decode_cursor as decode_any
from schema.paging import encode_cursor as encode_any

if TYPE_CHECKING:
    from schema.codes import Code


def encode_cursor(code: str) -> str:
    return encode_any("code", code)


def decode_cursor(raw: str | None) -> str:
    """The code after which the page starts; '' for the first page."""
    return "" if raw is None else str(decode_any("code", raw, 1)[0])


@strawberry.type
class DescendantEdge:
    cursor: str
    node: Annotated[Code, strawberry.lazy("schema.codes")]


@strawberry.type(description="A page of the codes below a code, at every level, in code order.")
class DescendantConnection:
    edges: list[DescendantEdge]
    page_info: PageInfo
    total_count: int
