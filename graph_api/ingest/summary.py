"""What one load did: the release it wrote (or found current) and how many rows of each kind."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class LoadSummary:
    source: str
    label: str
    release_id: str = ""
    unchanged: bool = False
    rows: int = 0
    counts: dict[str, int] = field(default_factory=dict)
