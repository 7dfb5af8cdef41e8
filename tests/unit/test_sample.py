"""The sample graph: loads idempotently, stays within its promises (own words, no AMA text)."""

from __future__ import annotations

from loaders.sample import parse_sample


def test_sample_size_and_content() -> None:
    sample = parse_sample()
    assert 50 <= len(sample.codes) + len(sample.modifiers) <= 150
    systems = {c["system"] for c in sample.codes}
    assert {"CPT", "HCPCS", "ICD10CM", "ICD9CM"} <= systems
    assert {m["code"] for m in sample.modifiers} >= {"25", "59", "XE", "XS", "XP", "XU", "LT", "RT"}
    assert all("long" not in c for c in sample.codes), "a sample CPT code must not carry a long descriptor"
