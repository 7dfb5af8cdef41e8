"""Physician Fee Schedule RVU file: global days and the modifiers its indicators allow."""

from __future__ import annotations

from loaders.pfs import modifier_rows, parse_pfs
from tests.data import FIXTURES


def test_parse_fixture() -> None:
    rows = {r.code: r for r in parse_pfs(FIXTURES / "pprrvu_fixture.csv")}
    assert set(rows) == {"22612", "22614", "71046", "27447"}  # the 71046 TC row is a component, not a code
    assert rows["22614"].global_days == "ZZZ"
    assert {(m["modifier"], m["field"]) for m in modifier_rows(rows["71046"])} == {
        ("26", "PCTC IND"),
        ("TC", "PCTC IND"),
    }
    # MULT PROC 2, BILAT SURG 1, CO-SURG 1 (with documentation); ASST SURG 1 refuses 80/82/AS
    assert {m["modifier"] for m in modifier_rows(rows["27447"])} == {"51", "50", "62"}
