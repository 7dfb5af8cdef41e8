"""Descendants of a code as a Relay connection, keyset-paginated by code."""

from __future__ import annotations

import base64
from typing import TYPE_CHECKING, Annotated

import strawberry

from schema.errors import BadUserInput
from schema.paging import PageInfo

if TYPE_CHECKING:
    from schema.codes import Code

_PREFIX = "code:"


def encode_cursor(code: str) -> str:
    return base64.urlsafe_b64encode(f"{_PREFIX}{code}".encode()).decode()


def decode_cursor(raw: str | None) -> str:
    """The code after which the page starts; '' for the first page."""
    if raw is None:
        return ""
    try:
        text = base64.urlsafe_b64decode(raw.encode()).decode()
    except (ValueError, UnicodeDecodeError) as exc:
        raise BadUserInput("after is not a cursor this API returned", argument="after") from exc
    if not text.startswith(_PREFIX):
        raise BadUserInput("after is not a cursor this API returned", argument="after")
    return text.removeprefix(_PREFIX)


@strawberry.type
class DescendantEdge:
    cursor: str
    node: Annotated[Code, strawberry.lazy("schema.codes")]


@strawberry.type(description="A page of the codes below a code, at every level, in code order.")
class DescendantConnection:
    edges: list[DescendantEdge]
    page_info: PageInfo
    total_count: int
