"""The wheel is self-contained: installed on its own and run from another folder, it serves the graph."""

from __future__ import annotations

import json
import os
import site
import subprocess
import sys
import time
import urllib.request
import zipfile
from pathlib import Path

import pytest

from graph_api.ops.isolated import free_port
from graph_api.settings import Settings
from tests.data import ROOT

QUERY = '{ code(system: CPT, code: "97551") { primaryCodes { code } } }'


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation", "-w", str(out), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return next(out.glob("graph_api-*.whl"))


def test_the_wheel_carries_every_runtime_file(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    cypher = {p.name for p in (ROOT / "cypher").glob("*.cypher")}
    assert {Path(n).name for n in names if n.startswith("cypher/") and n.endswith(".cypher")} == cypher
    lua = {p.name for p in (ROOT / "graph_api/access/lua").glob("*.lua")}
    assert {Path(n).name for n in names if n.endswith(".lua")} == lua
    for required in (
        "loaders/sample_data/sample.yaml",
        "loaders/sample_data/guidelines.yaml",
        "graph_api/ops/neo4j/Launcher.java",
        "graph_api/ops/neo4j/pom.xml",
    ):
        assert required in names
    assert not [n for n in names if n.startswith(("tests/", "bench/"))]


def test_installed_alone_it_prints_the_schema_loads_the_sample_and_answers(
    wheel: Path, settings: Settings, tmp_path: Path
) -> None:
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    python = venv / "bin" / "python"
    packages = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    # The wheel alone (no checkout on the path); its dependencies are read from this venv's site-packages,
    # whose .pth files (this checkout's editable install) are not processed from a path entry.
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(packages)
    Path(packages, "deps.pth").write_text(site.getsitepackages()[0] + "\n")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "PYTHONSAFEPATH"}}
    cli = [str(python), "-m", "graph_api.ops.cli"]

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([*cli, *args], cwd=elsewhere, env=env, capture_output=True, text=True, timeout=300)

    where = subprocess.run(
        [str(python), "-c", "import cypher, graph_api; print(cypher.__file__, graph_api.__file__)"],
        cwd=elsewhere, env=env, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert str(ROOT) not in where and packages in where
    schema = run("schema")
    assert schema.returncode == 0 and "type Query" in schema.stdout
    loaded = run("load", "sample")
    assert loaded.returncode == 0, loaded.stderr
    port = free_port()
    log = tmp_path / "serve.log"
    with log.open("wb") as out:
        server = subprocess.Popen(
            [*cli, "serve", "--port", str(port)], cwd=elsewhere, env={**env, "METERING": "false"},
            stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
        try:
            body = _query(port, QUERY)
        finally:
            server.terminate()
            server.wait(timeout=30)
    assert body["data"] == {"code": {"primaryCodes": [{"code": "97550"}]}} and "errors" not in body, log.read_text()


def _query(port: int, query: str) -> object:
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/graphql",
        data=json.dumps({"query": query}).encode(),
        headers={"Content-Type": "application/json"},
    )
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return json.loads(response.read())
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)
