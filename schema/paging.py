"""What every Relay connection shares: page size bounds and PageInfo."""

from __future__ import annotations

import base64
import json
from typing import Any

import strawberry

from schema.errors import BadUserInput

MAX_PAGE = 100
MAX_CURSOR = 512  # cursors this API returns are far shorter


def page_size(first: int) -> int:
    if not 0 < first <= MAX_PAGE:
        raise BadUserInput(f"first must be between 1 and {MAX_PAGE}", argument="first")
    return first


@strawberry.type
class PageInfo:
    has_next_page: bool
    end_cursor: str | None


def encode_cursor(kind: str, *values: Any) -> str:
    """An opaque keyset cursor: which list it belongs to, and the sort key of the last item shown."""
    return base64.urlsafe_b64encode(json.dumps([kind, *values]).encode()).decode()


def decode_cursor(kind: str, raw: str, size: int) -> list[Any]:
    """The sort key a cursor of this kind holds; BAD_USER_INPUT for anything else."""
    if len(raw) > MAX_CURSOR:
        raise BadUserInput("after is not a cursor this API returned", argument="after")
    try:
        found = json.loads(base64.urlsafe_b64decode(raw.encode()))
    except (ValueError, TypeError, RecursionError) as exc:
        raise BadUserInput("after is not a cursor this API returned", argument="after") from exc
    if not isinstance(found, list) or len(found) != size + 1 or found[0] != kind:
        raise BadUserInput("after is not a cursor this API returned", argument="after")
    return found[1:]
