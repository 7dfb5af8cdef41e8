"""CMS GEMs: the four directions, five flags, no-map facts and combinations."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from loaders.gem import detect_direction, parse_gem
from tests.data import FIXTURES, shared


def test_direction_from_content() -> None:
    assert detect_direction(FIXTURES / "gem_i9_to_i10.txt") == "icd9cm-icd10cm"
    assert detect_direction(FIXTURES / "gem_i10_to_i9.txt") == "icd10cm-icd9cm"
    assert detect_direction(FIXTURES / "gem_pcs_to_i9.txt") == "icd10pcs-icd9proc"


def test_no_map_target_wins_over_flag() -> None:
    entries = list(parse_gem(FIXTURES / "gem_pcs_to_i9.txt"))
    assert entries[1].source == "02H40NZ" and entries[1].no_map and entries[1].target is None


@pytest.mark.shared_data
@pytest.mark.parametrize(
    ("name", "direction", "rows", "sources", "combinations", "no_maps"),
    [
        ("2018_I9gem.txt", "icd9cm-icd10cm", 24860, 14567, 2338, 422),
        ("2018_I10gem.txt", "icd10cm-icd9cm", 81593, 71704, 9033, 731),
        ("gem_i9pcs.txt", "icd9proc-icd10pcs", 73593, 3882, 3392, 210),
        ("gem_pcsi9.txt", "icd10pcs-icd9proc", 101025, 78705, 20641, 31),
    ],
)
def test_real_gem_counts(
    tmp_path: Path, name: str, direction: str, rows: int, sources: int, combinations: int, no_maps: int
) -> None:
    path = shared(f"gems/{name}")
    entries = list(parse_gem(path))
    assert len(entries) == rows and len({e.source for e in entries}) == sources
    assert sum(e.combination for e in entries) == combinations
    assert sum(e.no_map for e in entries) == no_maps  # pcsi9: 2 flagged + 29 with target NoI9 and flag 0
    assert detect_direction(path) == direction
    neutral = tmp_path / "mapping.txt"  # no hint in the name: the shape of the codes decides
    shutil.copy(path, neutral)
    assert detect_direction(neutral) == direction
