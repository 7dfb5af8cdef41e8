"""Code history and release diffs over the real HCPCS 2018 file and releases built from it in the test."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest

from graph_api.ingest.kinds import load
from graph_api.store.graph import Graph
from tests.data import shared
from tests.integration.support import gql

HCPCS_2018 = "hcpcs/2018/HCPC2018_CONTR_ANWEB_disc.txt"
REPORT_2018 = "hcpcs/2018/HCPC18_Trans_Report_Alpha_ChangesbyHCPC.prn"
ENCODING = "cp1252"

DIFF = """query($s: String!, $f: String!, $t: String!, $after: String) {
  releaseDiff(source: $s, from: $f, to: $t, first: 100, after: $after) {
    totalCount edges { node { code { system code } change fields before after } }
    pageInfo { endCursor hasNextPage } } }"""


def _records(path: Path) -> dict[str, list[str]]:
    """Code records (3 and its continuations 4) of an ANWEB file, by code: an independent reading of the layout."""
    found: dict[str, list[str]] = {}
    for raw in path.read_text(encoding=ENCODING).splitlines():
        if len(raw) > 11 and raw[10] in "34" and raw[0].isalpha() and raw[1:5].isdigit() and raw[5:10].isdigit():
            found.setdefault(raw[:5], []).append(raw.ljust(320))
    return found


def _state(lines: list[str]) -> dict[str, Any]:
    first = lines[0]
    long = " ".join(x for x in [first[11:91].strip(), *(line[11:91].strip() for line in lines[1:])] if x)

    def day(raw: str) -> str | None:
        raw = raw.strip()
        return f"{raw[:4]}-{raw[4:6]}-{raw[6:]}" if raw else None

    return {
        "shortDescription": first[91:119].strip(),
        "longDescription": long,
        "addedDate": day(first[268:276]),
        "terminationDate": day(first[284:292]),
        "coverageCode": first[229].strip() or None,
        "betos": first[256:259].strip() or None,
        "pricingIndicators": [v for i in range(4) if (v := first[119 + 2 * i : 121 + 2 * i].strip())],
        "typeOfService": [c for c in first[260:265] if c.strip()],
        "actionCode": first[292].strip() or None,
        "actionEffectiveDate": day(first[276:284]),
    }


# The fields a release may revise, in the order releaseDiff names them (isBillable: every HCPCS code is billable).
FIELDS = (
    "shortDescription",
    "longDescription",
    "addedDate",
    "terminationDate",
    "coverageCode",
    "betos",
    "pricingIndicators",
    "typeOfService",
    "actionCode",
    "actionEffectiveDate",
)


def expected_diff(before: Path, after: Path) -> set[tuple[str, str, tuple[str, ...]]]:
    """ADDED, TERMINATED, REVISED (fields), REINSTATED as docs/history.md defines them, from the two files."""
    old = {c: _state(lines) for c, lines in _records(before).items()}
    new = {c: _state(lines) for c, lines in _records(after).items()}
    changes: set[tuple[str, str, tuple[str, ...]]] = set()
    for code in old.keys() | new.keys():
        a, b = old.get(code), new.get(code)
        active_a = a is not None and a["terminationDate"] is None
        active_b = b is not None and b["terminationDate"] is None
        if a is None:
            changes.add((code, "ADDED", ()))
        if active_a and not active_b:
            changes.add((code, "TERMINATED", ()))
        if a is not None and not active_a and active_b:
            changes.add((code, "REINSTATED", ()))
        if a is not None and b is not None:
            fields = tuple(f for f in FIELDS if a[f] != b[f])
            if fields:
                changes.add((code, "REVISED", fields))
    return changes


def _rewrite(source: Path, out: Path, edit: dict[str, Any]) -> Path:
    """A copy of an ANWEB file with codes dropped, added, reworded, terminated or reinstated."""
    lines = source.read_text(encoding=ENCODING).splitlines()
    kept = []
    for raw in lines:
        code = raw[:5]
        if code in edit.get("drop", set()) and len(raw) > 11 and raw[10] in "34":
            continue
        if len(raw) > 11 and raw[10] == "3":
            record = raw.ljust(320)
            if "action" in edit:
                record = record[:292] + edit["action"] + record[293:]
            if code in edit.get("pricing", set()):
                record = record[:119] + ("13" if record[119:121] == "11" else "11") + record[121:]
            if code in edit.get("coverage", set()):
                record = record[:229] + ("I" if record[229] == "C" else "C") + record[230:]
            if code in edit.get("short", {}):
                record = record[:91] + edit["short"][code].ljust(28)[:28] + record[119:]
            if code in edit.get("long", {}):
                record = record[:11] + edit["long"][code].ljust(80)[:80] + record[91:]
            if code in edit.get("terminate", {}):
                record = record[:284] + edit["terminate"][code] + "D" + record[293:]
            if code in edit.get("reinstate", set()):
                record = record[:284] + " " * 8 + "C" + record[293:]
            raw = record.rstrip()
        kept.append(raw)
    for code, template in edit.get("add", {}).items():
        for raw in lines:
            if raw.startswith(template) and len(raw) > 11 and raw[10] in "34":
                kept.append(code + raw[5:])
    out.write_text("\r\n".join(kept) + "\r\n", encoding=ENCODING)
    return out


def _report(path: Path) -> dict[str, set[str]]:
    kinds: dict[str, set[str]] = {}
    for raw in path.read_text(encoding=ENCODING).splitlines():
        code, kind = raw[:19].strip(), raw[19:].strip()
        if len(code) == 5:
            kinds.setdefault(kind, set()).add(code)
    return kinds


async def _diff(client: httpx.AsyncClient, source: str, old: str, new: str) -> tuple[int, list[dict[str, Any]]]:
    after, nodes, total = None, [], -1
    for _ in range(100):
        page = (await gql(client, DIFF, s=source, f=old, t=new, after=after))["data"]["releaseDiff"]
        total = page["totalCount"]
        nodes += [e["node"] for e in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    return total, nodes


def _changes(nodes: list[dict[str, Any]]) -> set[tuple[str, str, tuple[str, ...]]]:
    return {(n["code"]["code"], n["change"], tuple(n["fields"])) for n in nodes}


@pytest.mark.shared_data
async def test_hcpcs_history_and_diffs(empty_graph: Graph, client: httpx.AsyncClient, tmp_path: Path) -> None:
    real = shared(HCPCS_2018)
    report = _report(shared(REPORT_2018))
    records = _records(real)
    # 2017, rebuilt from what the 2018 transaction report says 2018 changed
    older = _rewrite(
        real,
        tmp_path / "HCPC2017_CONTR_ANWEB.txt",
        {
            "drop": report["ADD"],
            "reinstate": report["Discontinued"],
            "long": {c: f"2017 wording of {c}" for c in report["Long Description Change"]},
            "short": {c: f"2017 {c}" for c in report["Short Description Change"]},
            "pricing": report["Payment Change"],
            "coverage": report["Coverage Change"],
            "action": "N",
        },
    )
    # 2019, built in the test: codes dropped, added, reworded, terminated, reinstated
    active = sorted(c for c, lines in records.items() if not _state(lines)["terminationDate"])
    ended = sorted(c for c, lines in records.items() if _state(lines)["terminationDate"])
    newer = _rewrite(
        real,
        tmp_path / "HCPC2019_CONTR_ANWEB.txt",
        {
            "drop": {active[10], active[20], ended[0]},
            "add": {"G9990": active[30], "G9991": active[40]},
            "long": {active[50]: "A reworded long descriptor"},
            "short": {active[60]: "Reworded short"},
            "terminate": {active[70]: "20181231"},
            "reinstate": {ended[5]},
        },
    )
    rids = []
    for path in (older, real, newer):
        summary = (await load(empty_graph, "hcpcs", [path]))[0]
        rids.append(summary.release_id)

    total, nodes = await _diff(client, "hcpcs", rids[1], rids[2])
    assert total == len(nodes)
    assert _changes(nodes) == expected_diff(real, newer)
    assert {(c, k) for c, k, _ in _changes(nodes)} >= {("G9990", "ADDED"), (active[10], "TERMINATED")}

    total, nodes = await _diff(client, "hcpcs", rids[0], rids[1])
    assert total == len(nodes)
    assert _changes(nodes) == expected_diff(older, real)
    by_kind: dict[str, set[str]] = {}
    for code, kind, fields in _changes(nodes):
        by_kind.setdefault(kind, set()).add(code)
        for field in fields:
            by_kind.setdefault(field, set()).add(code)
    assert by_kind["ADDED"] == report["ADD"] & records.keys()
    assert by_kind["TERMINATED"] == report["Discontinued"] & records.keys()
    assert by_kind["longDescription"] == report["Long Description Change"]
    assert by_kind["shortDescription"] == report["Short Description Change"]
    assert by_kind["pricingIndicators"] == report["Payment Change"]
    assert by_kind["coverageCode"] == report["Coverage Change"]
    # 2017 says N (no change) of every code: each code 2018 changed, as the report lists it, has a new action code
    changed = set().union(*(codes for kind, codes in report.items() if kind not in {"ADD", "No Change"}))
    assert by_kind["actionCode"] == changed
    paid = sorted(report["Payment Change"])[0]
    history = f'{{ code(system: HCPCS, code: "{paid}") {{ history {{ change fields {{ field before after }} }} }} }}'
    [revised] = [e for e in (await gql(client, history))["data"]["code"]["history"] if e["change"] == "REVISED"]
    by_field = {f["field"]: (f["before"], f["after"]) for f in revised["fields"]}
    assert set(by_field) == {"pricingIndicators", "actionCode"} and by_field["actionCode"] == ("N", "P")
    before, after = by_field["pricingIndicators"]
    assert after == _state(records[paid])["pricingIndicators"]
    assert before[0] != after[0] and before[1:] == after[1:]


@pytest.mark.shared_data
async def test_a_terminated_code_keeps_its_page(empty_graph: Graph, client: httpx.AsyncClient) -> None:
    await load(empty_graph, "hcpcs", [shared(HCPCS_2018)])
    page = """{ code(system: HCPCS, code: "C9022") { status addedDate terminationDate replacedBy { code status }
      history { change effectiveDate release { label } } } }"""
    found = (await gql(client, page))["data"]["code"]
    assert found["status"] == "TERMINATED"
    assert found["replacedBy"] == [{"code": "J1322", "status": "ACTIVE"}]
    assert [e["change"] for e in found["history"]] == ["ADDED", "TERMINATED"]
    assert found["history"][1]["effectiveDate"] == found["terminationDate"]
    replaces = '{ code(system: HCPCS, code: "J1322") { replaces { code } } }'
    assert {"code": "C9022"} in (await gql(client, replaces))["data"]["code"]["replaces"]
    after = f'{{ code(system: HCPCS, code: "C9022", asOf: "{found["terminationDate"]}") {{ code }} }}'
    assert (await gql(client, after))["data"]["code"] == {"code": "C9022"}
    late = '{ code(system: HCPCS, code: "C9022", asOf: "2018-06-01") { code } }'
    assert (await gql(client, late))["data"]["code"] is None
    listed = '{ codes(refs: [{system: HCPCS, code: "C9022"}]) { code } }'
    assert (await gql(client, listed))["data"]["codes"] == [{"code": "C9022"}]
    search = '{ searchCodes(text: "C9022") { edges { node { code } } } }'
    assert (await gql(client, search))["data"]["searchCodes"]["edges"] == [{"node": {"code": "C9022"}}]
    dated = '{ searchCodes(text: "C9022", asOf: "2018-06-01") { totalCount } }'
    assert (await gql(client, dated))["data"]["searchCodes"]["totalCount"] == 0
