"""Guidelines: the YAML format, links to codes and ranges, and metering of the field."""

from __future__ import annotations

from pathlib import Path

import pytest

from loaders.errors import LoadError
from loaders.guidelines import SAMPLE_GUIDELINES, parse_guidelines


def test_sample_guidelines_parse() -> None:
    parsed = {g.id: g for g in parse_guidelines(SAMPLE_GUIDELINES)}
    assert set(parsed) == {"addon-reported-with-primary", "ncci-modifiers-need-documentation", "office-visit-level"}
    assert ("CPT", "97551") in parsed["addon-reported-with-primary"].codes
    assert parsed["office-visit-level"].ranges == [("CPT", "99202", "99215")]


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("guidelines: [{id: x, title: t}]", "guidelines[1].body"),
        ("guidelines: [{id: x, title: t, body: b}]", "guidelines[1]"),
        ("guidelines: [{id: x, title: t, body: b, codes: [{system: LOINC, code: '1'}]}]", "guidelines[1].codes.system"),
        ("nothing: here", "guidelines"),
    ],
)
def test_bad_files_name_the_field(tmp_path: Path, text: str, field: str) -> None:
    path = tmp_path / "g.yaml"
    path.write_text(text)
    with pytest.raises(LoadError) as caught:
        list(parse_guidelines(path))
    assert caught.value.field == field and "g.yaml" in str(caught.value)
