"""Where test data lives: our own fixtures, and the real CMS/CDC files in ../shared/data (never copied here)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = ROOT.parent / "shared" / "data"
FIXTURES = Path(__file__).parent / "fixtures"


def shared(relative: str) -> Path:
    """A real CMS/CDC file from ../shared/data; the test is skipped, with the reason, when it is absent."""
    path = SHARED_DATA / relative
    if not path.exists():
        pytest.skip(f"{path} is absent: real-file tests need ../shared/data beside the repository")
    return path
