"""The traversal API: bulk lookups, search, the SDL contract, index use of every read, bounded round trips."""

from __future__ import annotations

from schema import build_schema
from tests.data import ROOT


def test_printed_sdl_is_the_checked_in_contract() -> None:
    checked_in = (ROOT / "schema" / "schema.graphql").read_text()
    assert build_schema().as_str() + "\n" == checked_in, "the schema changed: run `make schema` and review the diff"
