"""The console script: help everywhere, one clear line on bad input, never a stack trace."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from graph_api.settings import REPO_ROOT

SCRIPT = Path(sys.executable).parent / "graph-api"


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(SCRIPT), *args],
        capture_output=True,
        text=True,
        env=env or dict(os.environ),
        cwd=REPO_ROOT,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize("args", [[], ["stack"], ["db"], ["load"], ["serve"], ["releases"]])
def test_help(args: list[str]) -> None:
    done = run(*args, "--help")
    assert done.returncode == 0 and "usage: graph-api" in done.stdout


def test_stack_status_says_what_runs() -> None:
    done = run("stack", "status")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Neo4j: answering" in done.stdout and "Redis: answering" in done.stdout


def test_missing_file_is_one_line(tmp_path: Path) -> None:
    done = run("load", "aoc", str(tmp_path / "nope.csv"))
    assert done.returncode == 1
    assert done.stderr.strip().count("\n") == 0 and "nope.csv" in done.stderr and "Traceback" not in done.stderr


def test_missing_java_is_one_line_saying_what_to_install(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "PATH": str(tmp_path),
        "NEO4J_URI": "bolt://127.0.0.1:7699",
        "REDIS_URL": "redis://127.0.0.1:6399/0",
        "STACK_DIR": str(tmp_path / "stack"),
    }
    done = run("stack", "up", env=env)
    assert done.returncode == 1
    assert "not found" in done.stderr and "apt-get install" in done.stderr
    assert "Traceback" not in done.stderr and done.stderr.strip().count("\n") <= 1


def test_neo4j_unreachable_is_one_line() -> None:
    env = {**os.environ, "NEO4J_URI": "bolt://127.0.0.1:1"}
    done = run("db", "init", env=env)
    assert done.returncode == 1 and "cannot reach Neo4j" in done.stderr and "Traceback" not in done.stderr
