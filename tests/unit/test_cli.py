"""The console script: help everywhere, one clear line on bad input, never a stack trace."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

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


COMMANDS = ["stack", "db", "load", "validate", "schema", "releases", "token", "keys", "users", "mcp", "serve"]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(command: str) -> None:
    done = run(command, "--help")
    assert done.returncode == 0 and f"usage: graph-api {command}" in done.stdout
    assert f"example:\n  graph-api {command}" in done.stdout and "exit codes:" in done.stdout


def test_version_and_usage_errors() -> None:
    assert run("--version").stdout.startswith("graph-api ")
    done = run("load")
    assert done.returncode == 2 and "KIND" in done.stderr and "Traceback" not in done.stderr


@pytest.mark.parametrize("order", ["options first", "options last"])
def test_options_go_anywhere(order: str, tmp_path: Path) -> None:
    missing = str(tmp_path / "part1.txt")
    args = ["--setting", "practitioner", missing] if order == "options first" else [missing, "--setting", "hospital"]
    done = run("load", "ptp", *args, env={**os.environ, "NEO4J_URI": "bolt://127.0.0.1:1"})
    assert done.returncode == 3 and "part1.txt: expected a readable file" in done.stderr


def test_an_option_that_does_not_apply_is_refused(tmp_path: Path) -> None:
    done = run("load", "aoc", str(tmp_path / "x.csv"), "--setting", "hospital")
    assert done.returncode == 3 and "no --setting for `load aoc`" in done.stderr


def test_missing_file_is_one_line(tmp_path: Path) -> None:
    done = run("load", "aoc", str(tmp_path / "nope.csv"))
    assert done.returncode == 3  # bad input
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
    assert done.returncode == 5  # a missing tool
    assert "not found" in done.stderr and "apt-get install" in done.stderr
    assert "Traceback" not in done.stderr and done.stderr.strip().count("\n") <= 1


def test_neo4j_unreachable_is_one_line() -> None:
    env = {**os.environ, "NEO4J_URI": "bolt://127.0.0.1:1"}
    done = run("db", "init", env=env)
    assert done.returncode == 4 and "cannot reach Neo4j" in done.stderr and "Traceback" not in done.stderr


def test_stack_status_answers_at_once_while_nothing_runs(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "NEO4J_URI": "bolt://127.0.0.1:1",
        "REDIS_URL": "redis://127.0.0.1:1/0",
        "STACK_DIR": str(tmp_path),
    }
    done = run("stack", "status", env=env)
    assert done.returncode == 4 and "Neo4j: not answering" in done.stdout and "Redis: not answering" in done.stdout
    assert done.stderr == ""
