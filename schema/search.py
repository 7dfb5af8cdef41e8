"""Search and bulk lookup: Relay connections with keyset cursors."""

from __future__ import annotations

import re
from dataclasses import dataclass

import strawberry

from schema.codes import Code
from schema.errors import BadUserInput
from schema.normalize import normalize_code
from schema.paging import PageInfo, decode_cursor, encode_cursor

_CODE_LIKE = re.compile(r"^[A-Za-z0-9]{1,3}(\.?[A-Za-z0-9]{0,4})$")
_STOP_WORDS = frozenset({"a", "an", "and", "by", "for", "in", "of", "on", "or", "the", "to", "with"})
_WORD = re.compile(r"[^\W_]+")  # letters and digits: whatever else is typed separates words, never Lucene syntax
MAX_WORDS = 16
MAX_TEXT = 500


@dataclass(frozen=True, slots=True)
class SearchCursor:
    score: float
    system: str
    code: str

    def encode(self) -> str:
        return encode_cursor("search", self.score, self.system, self.code)

    @classmethod
    def decode(cls, raw: str | None) -> SearchCursor:
        if raw is None:
            return cls(float("inf"), "", "")
        score, system, code = decode_cursor("search", raw, 3)
        try:
            return cls(float(score), str(system), str(code))
        except (ValueError, TypeError) as exc:
            raise BadUserInput("after is not a cursor this API returned", argument="after") from exc


def code_prefix(text: str) -> str | None:
    """'9755' or 'E11.6' reads as a code prefix; words read as full-text."""
    stripped = text.strip()
    return normalize_code(stripped) if _CODE_LIKE.match(stripped) and any(ch.isdigit() for ch in stripped) else None


def lucene_terms(text: str) -> str:
    """The words typed (letters and digits, lower-cased: AND, NOT or a quote are words like any other),
    each required to match as a word or a word prefix."""
    if len(text) > MAX_TEXT:
        raise BadUserInput(f"text must be at most {MAX_TEXT} characters", argument="text")
    typed = [w.lower() for w in _WORD.findall(text)]
    # "neoplasm of colon": the connecting words are rarely in the index entry ("Neoplasm > colon").
    words = [w for w in typed if w not in _STOP_WORDS] or typed
    if not words:
        raise BadUserInput("text must contain at least one word or code", argument="text")
    if len(words) > MAX_WORDS:
        raise BadUserInput(f"text must have at most {MAX_WORDS} words", argument="text")
    return " AND ".join(f"({w} OR {w}*)" for w in dict.fromkeys(words))


@strawberry.type
class CodeEdge:
    cursor: str
    score: float
    node: Code


@strawberry.type(description="A page of codes.")
class CodeConnection:
    edges: list[CodeEdge]
    page_info: PageInfo
    total_count: int
