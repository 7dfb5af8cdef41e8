"""The console script against the running stack."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.data import ROOT

SCRIPT = Path(sys.executable).parent / "graph-api"


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(SCRIPT), *args],
        capture_output=True,
        text=True,
        env=env or dict(os.environ),
        cwd=ROOT,
        timeout=120,
        check=False,
    )


def test_stack_status_says_what_runs() -> None:
    done = run("stack", "status")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Neo4j: answering" in done.stdout and "Redis: answering" in done.stdout


def test_a_broken_workbook_is_one_line_naming_the_file(tmp_path: Path) -> None:
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 these bytes are not a whole zip")
    done = run("load", "aoc", str(broken))
    assert done.returncode == 3, done.stderr
    assert done.stderr.startswith(f"error: {broken}: expected an NCCI add-on code edit table")
    assert done.stderr.strip().count("\n") == 0 and "Traceback" not in done.stderr
