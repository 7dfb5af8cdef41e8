"""`graph-api validate FILE`: CSV and NDJSON in, table, CSV and NDJSON out, the same answers as the API."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from graph_api.ingest.kinds import load
from graph_api.ops.claims_cli import validate_file
from graph_api.store.graph import Graph
from loaders.errors import LoadError
from tests.data import ROOT, shared
from tests.integration.support import gql

PTP = "ncci_ptp/ccipra-v322r0-f1.excerpt.txt"
MUE = "ncci_mue/MCR_MUE_PractitionerServices_Eff_07-01-2026.excerpt.csv"
CSV = """claim_id,date,line_id,code,modifiers,units
A,2022-06-01,1,0001A,,1
A,2022-06-01,2,36591,,1
A,2022-06-01,3,0591T,XS,1
B,2026-07-01,1,0001U,,2
B,2026-07-01,2,0030U,,1
C,2026-07-01,x,0009U,,1
"""
QUERY = """query($claims: [ClaimInput!]!) { validateClaims(claims: $claims) {
  claimId clean findings { rule severity lineIds codes message remedy release { label } } } }"""

pytestmark = pytest.mark.shared_data


@pytest.fixture
async def edits_graph(empty_graph: Graph) -> Graph:
    await load(empty_graph, "ptp", [shared(PTP)], setting="practitioner")
    await load(empty_graph, "mue", [shared(MUE)])
    return empty_graph


def as_ndjson(text: str) -> str:
    claims: dict[str, dict[str, object]] = {}
    for row in text.splitlines()[1:]:
        claim_id, day, line_id, code, modifiers, units = row.split(",")
        claim = claims.setdefault(claim_id, {"claimId": claim_id, "dateOfService": day, "lines": []})
        line = {"id": line_id, "code": code, "modifiers": modifiers.split(), "units": int(units)}
        claim["lines"].append(line)  # type: ignore[attr-defined]
    return "".join(json.dumps(c) + "\n" for c in claims.values())


async def test_csv_and_ndjson_answer_as_the_api(edits_graph: Graph, tmp_path: Path, client: httpx.AsyncClient) -> None:
    (tmp_path / "claims.csv").write_text(CSV)
    (tmp_path / "claims.ndjson").write_text(as_ndjson(CSV))
    api = [
        {**r, "findings": [{**f, "release": (f["release"] or {}).get("label")} for f in r["findings"]]}
        for r in (await gql(client, QUERY, claims=[json.loads(x) for x in as_ndjson(CSV).splitlines()]))["data"][
            "validateClaims"
        ]
    ]
    assert {f["rule"] for r in api for f in r["findings"]} >= {"PTP_NOT_ALLOWED", "PTP_MODIFIER_BYPASS", "MUE_EXCEEDED"}
    for name in ("claims.csv", "claims.ndjson"):
        for chunk in (1, 5000):  # a claim per graph read, or all at once: the same answers
            out = io.StringIO()
            summary = await validate_file(edits_graph, tmp_path / name, "ndjson", out, chunk, progress=False)
            assert [json.loads(x) for x in out.getvalue().splitlines()] == api
            assert (summary.claims, summary.lines, summary.clean) == (3, 6, 1)
    out = io.StringIO()
    await validate_file(edits_graph, tmp_path / "claims.csv", "csv", out, progress=False)
    rows = out.getvalue().splitlines()
    assert rows[0].startswith("claim_id,clean,severity,rule") and rows[-1] == "C,true,,,,,,,"
    assert len(rows) == 1 + sum(len(r["findings"]) or 1 for r in api)
    out = io.StringIO()
    await validate_file(edits_graph, tmp_path / "claims.csv", "table", out, progress=False)
    assert "PTP_NOT_ALLOWED" in out.getvalue() and len(out.getvalue().splitlines()) == 1 + sum(
        len(r["findings"]) for r in api
    )


@pytest.mark.parametrize(
    ("text", "line", "field"),
    [
        (CSV.replace("2026-07-01,x", "2026-13-01,x"), 7, "date"),
        (CSV.replace("0030U,,1", "0030U,,0"), 6, "units"),
        (CSV.replace("0030U,,1", "0030U,,many"), 6, "units"),
        (CSV + "A,2022-06-01,4,0001A,,1\n", 8, "claim_id"),
        (CSV.replace("0009U,,1", "9.9,,1"), 7, "system"),
        (CSV.replace("B,2026-07-01,1,0001U", "B,2026-07-01,2,0001U"), 6, "id"),
    ],
)
async def test_bad_rows_name_file_line_and_field(
    edits_graph: Graph, tmp_path: Path, text: str, line: int, field: str
) -> None:
    path = tmp_path / "claims.csv"
    path.write_text(text)
    with pytest.raises(LoadError) as caught:
        await validate_file(edits_graph, path, "table", io.StringIO(), progress=False)
    assert (caught.value.line, caught.value.field) == (line, field)
    assert str(caught.value).startswith(f"{path}, line {line}")


def test_command_line(tmp_path: Path) -> None:
    path = tmp_path / "claims.ndjson"
    path.write_text(as_ndjson(CSV).replace("2026-07-01", "2026-7-1", 1))
    script = Path(sys.executable).parent / "graph-api"
    done = subprocess.run(
        [str(script), "validate", str(path)], capture_output=True, text=True, env=dict(os.environ), cwd=ROOT,
        timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 3 and "Traceback" not in done.stderr  # 3: a bad input file
    assert f"{path}, line 2: field 'dateOfService'" in done.stderr
