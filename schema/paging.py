"""What every Relay connection shares: page size bounds and PageInfo."""

from __future__ import annotations

import strawberry

from schema.errors import BadUserInput

MAX_PAGE = 100


def page_size(first: int) -> int:
    if not 0 < first <= MAX_PAGE:
        raise BadUserInput(f"first must be between 1 and {MAX_PAGE}", argument="first")
    return first


@strawberry.type
class PageInfo:
    has_next_page: bool
    end_cursor: str | None
