"""Irregular references in ICD-10-CM notes: each resolved as well as it can be, with its qualifier kept."""

from __future__ import annotations

import pytest

from loaders.icd10cm_tabular import references


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("identify drug (T36-T50 with fifth or sixth character 5)",
         [("T36-T50", "T36-T50 with fifth or sixth character 5", "with fifth or sixth character 5")]),
        ("(I01.0 -I01.9)", [("I010-I019", "I01.0 -I01.9", None)]),
        ("(S92.-with 7th character B)", [("S92", "S92.-with 7th character B", "with 7th character B")]),
        ("(R10.1-R10.3-)", [("R101-R103", "R10.1-R10.3-", None)]),
        ("(E08-E13 with .29)", [("E08-E13", "E08-E13 with .29", "with .29")]),
        ("(V01-V09 with 5th character 9)", [("V01-V09", "V01-V09 with 5th character 9", "with 5th character 9")]),
        ("(J00-J06; J20-J22)", [("J00-J06", "J00-J06", None), ("J20-J22", "J20-J22", None)]),
        ("(I60.-. I61.-)", [("I60", "I60.-", None), ("I61", "I61.-", None)]),
        ("(E08.-, C00-C96)", [("E08", "E08.-", None), ("C00-C96", "C00-C96", None)]),
        ("(with C3 glomerulopathy)", []),
    ],
)  # fmt: skip
def test_references(text: str, found: list[tuple[str, str, str | None]]) -> None:
    assert references(text) == found
