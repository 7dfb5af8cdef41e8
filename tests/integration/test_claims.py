"""validateClaim(s) over the real NCCI AOC, PTP and MUE files, the PFS RVU file and HCPCS 2018.

Expected findings are computed here from the file rows (csv and fixed-width reads, the rules of issue 14 as
written), never from the implementation."""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import httpx
import pytest
from redis.asyncio import Redis

from graph_api.ingest.kinds import load
from graph_api.server.app import create_app
from graph_api.settings import Settings
from graph_api.store.graph import Graph
from tests.data import shared
from tests.integration.support import gql, reset

pytestmark = pytest.mark.shared_data

AOC = "ncci_aoc/AOC_V2026Q2-MCR.converted.csv"
AOC_XLSX = "ncci_aoc/AOC_V2026Q2-MCR.xlsx"
PTP = "ncci_ptp/ccipra-v322r0-f1.excerpt.txt"
MUE = "ncci_mue/MCR_MUE_PractitionerServices_Eff_07-01-2026.excerpt.csv"
PFS = "pfs_rvu/PPRRVU23_OCT.csv"
HCPCS = "hcpcs/2018/HCPC2018_CONTR_ANWEB_disc.txt"
OPEN = date(9999, 12, 31)
SEVERITY = {"ERROR": 0, "WARNING": 1, "INFO": 2}
NCCI_MODIFIERS = set(
    [
        "E1",
        "E2",
        "E3",
        "E4",
        "FA",
        "F1",
        "F2",
        "F3",
        "F4",
        "F5",
        "F6",
        "F7",
        "F8",
        "F9",
        "TA",
        "T1",
        "T2",
        "T3",
        "T4",
        "T5",
        "T6",
        "T7",
        "T8",
        "T9",
        "LT",
        "RT",
        "LC",
        "LD",
        "RC",
        "LM",
        "RI",
        "24",
        "25",
        "57",
        "58",
        "78",
        "79",
        "27",
        "59",
        "91",
        "XE",
        "XS",
        "XP",
        "XU",
    ]
)
# PFS RVU record layout: the indicator values under which each modifier may be reported.
PFS_ALLOWED = {
    "50": (19, {"1", "3"}),
    "80": (20, {"0", "2"}),
    "82": (20, {"0", "2"}),
    "AS": (20, {"0", "2"}),
    "62": (21, {"1", "2"}),
    "66": (22, {"1", "2"}),
    "26": (13, {"1", "6", "8"}),
    "TC": (13, {"1"}),
}
QUERY = """query($claims: [ClaimInput!]!) { validateClaims(claims: $claims) {
  claimId clean findings { rule severity lineIds codes message remedy release { source label }
    path { length steps { type start { code } end { code } effectiveDate deletionDate } } } } }"""


def julian(text: str) -> date | None:
    return date(int(text[:4]), 1, 1) + timedelta(days=int(text[4:]) - 1) if text else None


def ymd(text: str) -> date | None:
    return None if text in ("", "*") else date(int(text[:4]), int(text[4:6]), int(text[6:8]))


def in_effect(effective: date, deletion: date | None, day: date) -> bool:
    return effective != deletion and effective <= day <= (deletion or OPEN)


@dataclass
class Files:
    aoc: list[dict[str, str]]
    ptp: list[list[str]]
    mue: dict[str, tuple[int, int]]
    pfs: dict[str, list[str]]
    hcpcs: dict[str, tuple[date | None, date | None]]

    def known(self) -> set[str]:
        codes = {r["Add-On_Code"] for r in self.aoc} | {r["Primary_Code"] for r in self.aoc}
        codes |= {r[0] for r in self.ptp} | {r[1] for r in self.ptp}
        return (codes | set(self.mue) | set(self.pfs) | set(self.hcpcs)) - {"CCCCC"}


def read_files() -> Files:
    with shared(AOC).open(encoding="utf-8", newline="") as f:
        aoc = list(csv.DictReader(f))
    lines = shared(PTP).read_text(encoding="latin-1").splitlines()[6:]
    ptp = [line.split("\t") for line in lines if line.strip()]
    with shared(MUE).open(encoding="utf-8", newline="") as f:
        mue = {r[0]: (int(r[1]), int(r[2][0])) for r in list(csv.reader(f))[2:]}
    pfs: dict[str, list[str]] = {}
    with shared(PFS).open(encoding="latin-1", newline="") as f:
        for row in csv.reader(f):
            if len(row) > 22 and len(row[0]) == 5 and row[0] != "HCPCS" and not row[1]:
                pfs[row[0]] = row
    hcpcs = {}
    for record in shared(HCPCS).read_text(encoding="latin-1").splitlines():
        if len(record) == 320 and record[10] == "3" and record[:5].strip():
            hcpcs[record[:5]] = (ymd(record[268:276].strip()), ymd(record[284:292].strip()))
    return Files(aoc, ptp, mue, pfs, hcpcs)


@dataclass
class Line:
    id: str
    code: str
    modifiers: list[str]
    units: int = 1


def expected(files: Files, lines: list[Line], day: date) -> list[tuple[str, str, tuple[str, ...]]]:
    """Issue 14's rules, applied to the file rows for a practitioner claim whose lines share one date."""
    found: list[tuple[str, str, tuple[str, ...]]] = []
    on_claim = {line.code for line in lines}
    known = files.known()
    for line in lines:
        added, terminated = files.hcpcs.get(line.code, (None, None))
        if line.code not in known:
            found.append(("UNKNOWN_CODE", "ERROR", (line.id,)))
        elif (added and day < added) or (terminated and day > terminated):
            found.append(("CODE_NOT_IN_EFFECT", "ERROR", (line.id,)))
        rows = [
            r
            for r in files.aoc
            if r["Add-On_Code"] == line.code
            and in_effect(julian(r["AOC_Edit_EffDT"]), julian(r["AOC_Edit_DelDT"]), day)  # type: ignore[arg-type]
        ]
        listed = [r for r in rows if r["Primary_Code"] != "CCCCC"]
        if rows and not any(r["Primary_Code"] in on_claim for r in listed):
            types = {r["AOC_Edit_Type"] for r in rows}
            if not listed:
                found.append(("ADD_ON_CONTRACTOR_PRIMARY", "WARNING", (line.id,)))
            else:
                strict = types == {"1"} and all(r["Primary_Code"] != "CCCCC" for r in rows)
                found.append(("ADD_ON_WITHOUT_PRIMARY", "ERROR" if strict else "WARNING", (line.id,)))
        if line.code in files.mue and line.units > 0:
            pass  # summed per code below
        for modifier in line.modifiers:
            if modifier in PFS_ALLOWED and line.code in files.pfs:
                column, allowed = PFS_ALLOWED[modifier]
                if files.pfs[line.code][column] not in allowed:
                    found.append(("MODIFIER_NOT_VALID", "WARNING", (line.id,)))
    for row in files.ptp:
        one, two, _, effective, deletion, indicator = row[:6]
        if one not in on_claim or two not in on_claim or indicator == "9":
            continue
        if not in_effect(ymd(effective), ymd(deletion), day):  # type: ignore[arg-type]
            continue
        first = next(line for line in lines if line.code == one)
        for second in (line for line in lines if line.code == two):
            if indicator == "0":
                rule, severity = "PTP_NOT_ALLOWED", "ERROR"
            elif set(second.modifiers) & NCCI_MODIFIERS:
                rule, severity = "PTP_MODIFIER_BYPASS", "INFO"
            else:
                rule, severity = "PTP_MODIFIER_REQUIRED", "ERROR"
            found.append((rule, severity, (first.id, second.id)))
    by_code: dict[str, list[Line]] = defaultdict(list)
    for line in lines:
        by_code[line.code].append(line)
    for code, same in by_code.items():
        if code not in files.mue:
            continue
        value, mai = files.mue[code]
        if mai == 1:
            found += [("MUE_EXCEEDED", "ERROR", (x.id,)) for x in same if x.units > value]
        elif sum(x.units for x in same) > value:
            found.append(("MUE_EXCEEDED", "ERROR", tuple(x.id for x in same)))
    return sorted(found)


SOURCES = {
    "UNKNOWN_CODE": None,
    "CODE_NOT_IN_EFFECT": "hcpcs",
    "ADD_ON_WITHOUT_PRIMARY": "ncci_aoc",
    "ADD_ON_CONTRACTOR_PRIMARY": "ncci_aoc",
    "PTP_NOT_ALLOWED": "ncci_ptp/practitioner",
    "PTP_MODIFIER_REQUIRED": "ncci_ptp/practitioner",
    "PTP_MODIFIER_BYPASS": "ncci_ptp/practitioner",
    "MUE_EXCEEDED": "ncci_mue/practitioner",
    "MODIFIER_NOT_VALID": "pfs",
}


@pytest.fixture(scope="module")
def files() -> Files:
    return read_files()


@pytest.fixture(scope="module")
async def real_graph(graph: Graph) -> AsyncIterator[Graph]:
    await reset(graph)
    await load(graph, "aoc", [shared(AOC_XLSX)])
    await load(graph, "ptp", [shared(PTP)], setting="practitioner")
    await load(graph, "mue", [shared(MUE)])
    await load(graph, "pfs", [shared(PFS)])
    await load(graph, "hcpcs", [shared(HCPCS)])
    yield graph


def as_input(claim_id: str, day: date, lines: list[Line]) -> dict[str, object]:
    return {
        "claimId": claim_id,
        "dateOfService": day.isoformat(),
        "lines": [{"id": x.id, "code": x.code, "modifiers": x.modifiers, "units": x.units} for x in lines],
    }


async def check(client: httpx.AsyncClient, files: Files, claims: list[tuple[date, list[Line]]]) -> list[dict]:  # type: ignore[type-arg]
    inputs = [as_input(f"c{n}", day, lines) for n, (day, lines) in enumerate(claims)]
    body = await gql(client, QUERY, claims=inputs)
    assert "errors" not in body, body
    reports = body["data"]["validateClaims"]
    assert [r["claimId"] for r in reports] == [c["claimId"] for c in inputs]
    for (day, lines), report in zip(claims, reports, strict=True):
        got = [(f["rule"], f["severity"], tuple(f["lineIds"])) for f in report["findings"]]
        assert sorted(got) == expected(files, lines, day), (day, [x.code for x in lines])
        assert report["clean"] == all(f["severity"] != "ERROR" for f in report["findings"])
        position = {x.id: n for n, x in enumerate(lines)}
        order = [(SEVERITY[f["severity"]], min(position[i] for i in f["lineIds"])) for f in report["findings"]]
        assert order == sorted(order)
        for f in report["findings"]:
            assert (f["release"] or {}).get("source") == SOURCES[f["rule"]], f
            assert f["codes"] == [lines[position[i]].code for i in f["lineIds"]] and f["message"]
    return reports  # type: ignore[no-any-return]


PTP_DAYS = [date(2003, 6, 1), date(2015, 10, 1), date(2018, 8, 1), date(2018, 12, 31), date(2019, 1, 1)]
PTP_DAYS += [date(2022, 1, 1), date(2022, 6, 1), date(2023, 12, 31), date(2024, 1, 1), date(2026, 11, 1)]


async def test_ptp_edits_inside_and_outside_their_windows(
    real_graph: Graph, client: httpx.AsyncClient, files: Files
) -> None:
    claims = []
    for column1 in sorted({r[0] for r in files.ptp}):
        codes = [column1, *sorted({r[1] for r in files.ptp if r[0] == column1})]
        modifiers = [["XS"], ["LT"], ["22"], [], []]  # 22 does not bypass (Chapter I, section E)
        lines = [Line(str(n + 1), code, modifiers[n % 5] if n else []) for n, code in enumerate(codes)]
        claims += [(day, lines) for day in PTP_DAYS]
    reports = await check(client, files, claims)
    rules = {f["rule"] for r in reports for f in r["findings"]}
    assert {"PTP_NOT_ALLOWED", "PTP_MODIFIER_REQUIRED", "PTP_MODIFIER_BYPASS"} <= rules
    # the PTP path is the edit itself, with the file's dates
    edit = next(f for r in reports for f in r["findings"] if f["rule"] == "PTP_NOT_ALLOWED")
    row = next(r for r in files.ptp if [r[0], r[1]] == edit["codes"])
    step = edit["path"]["steps"][0]
    assert edit["path"]["length"] == 1 and (step["type"], step["start"]["code"], step["end"]["code"]) == (
        "PTP",
        row[0],
        row[1],
    )
    assert step["effectiveDate"] == ymd(row[3]).isoformat()  # type: ignore[union-attr]


async def test_add_on_codes(real_graph: Graph, client: httpx.AsyncClient, files: Files) -> None:
    by_type: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in files.aoc:
        by_type[row["AOC_Edit_Type"]].append(row)
    picked = [by_type["1"][0], by_type["2"][0], by_type["3"][0]]
    picked += [r for r in by_type["3"] if r["Primary_Code"] == "CCCCC"][:1]
    picked += [r for r in by_type["1"] if r["AOC_Edit_DelDT"]][:2]  # closed windows: inside and after
    claims = []
    for row in picked:
        effective, deletion = julian(row["AOC_Edit_EffDT"]), julian(row["AOC_Edit_DelDT"])
        assert effective is not None
        days = [effective - timedelta(days=1), effective] + (
            [deletion, deletion + timedelta(days=1)] if deletion else []
        )
        alone = [Line("1", row["Add-On_Code"], [])]
        with_primary = [*alone, Line("2", row["Primary_Code"], [])] if row["Primary_Code"] != "CCCCC" else alone
        claims += [(day, lines) for day in days for lines in (alone, with_primary)]
    reports = await check(client, files, claims)
    rules = {(f["rule"], f["severity"]) for r in reports for f in r["findings"]}
    assert {("ADD_ON_WITHOUT_PRIMARY", "ERROR"), ("ADD_ON_CONTRACTOR_PRIMARY", "WARNING")} <= rules
    assert ("ADD_ON_WITHOUT_PRIMARY", "WARNING") in rules


async def test_mues(real_graph: Graph, client: httpx.AsyncClient, files: Files) -> None:
    claims = []
    for code, (value, _) in sorted(files.mue.items()):
        claims.append((date(2026, 7, 1), [Line("1", code, [], value)]))
        claims.append((date(2026, 7, 1), [Line("1", code, [], value + 1)]))
        claims.append((date(2026, 7, 1), [Line("1", code, [], value), Line("2", code, ["XS"], 1)]))
    reports = await check(client, files, claims)
    assert sum(f["rule"] == "MUE_EXCEEDED" for r in reports for f in r["findings"]) == 2 * len(files.mue)
    mai2 = next(f for r in reports for f in r["findings"] if files.mue[f["codes"][0]][1] == 2)
    assert "absolute date-of-service limit" in mai2["message"]


async def test_validity_and_fee_schedule_modifiers(real_graph: Graph, client: httpx.AsyncClient, files: Files) -> None:
    ended = sorted(code for code, (_, end) in files.hcpcs.items() if end)[:3]
    claims = []
    for code in ended:
        added, end = files.hcpcs[code]
        assert end is not None
        days = [end, end + timedelta(days=1)] + ([added - timedelta(days=1), added] if added else [])
        claims += [(day, [Line("1", code, [])]) for day in days]
    claims.append((date(2024, 1, 1), [Line("1", "0000Z", []), Line("2", "Q9999", [])]))
    # one code per (modifier, indicator value) the PFS file has: allowed and refused
    seen: set[tuple[str, str]] = set()
    for code, row in sorted(files.pfs.items()):
        for modifier, (column, _) in PFS_ALLOWED.items():
            if (modifier, row[column]) not in seen:
                seen.add((modifier, row[column]))
                claims.append((date(2023, 10, 1), [Line("a", code, [modifier])]))
    reports = await check(client, files, claims)
    rules = {f["rule"] for r in reports for f in r["findings"]}
    assert {"UNKNOWN_CODE", "CODE_NOT_IN_EFFECT", "MODIFIER_NOT_VALID"} <= rules


async def test_one_claim_mixing_every_rule(real_graph: Graph, client: httpx.AsyncClient, files: Files) -> None:
    lines = [
        Line("1", "0001U", [], 2),  # MUE 1 (MAI 2) and column 1 of PTP edits
        Line("2", "0030U", []),  # 0001U/0030U modifier indicator 1
        Line("3", "22614", ["50"]),  # add-on without its primary; BILAT SURG 0
        Line("4", "0054T", []),  # contractor-defined primaries
        Line("5", "1234X", []),  # unknown
    ]
    report = (await check(client, files, [(date(2026, 7, 1), lines)]))[0]
    assert {f["rule"] for f in report["findings"]} == {
        "MUE_EXCEEDED",
        "PTP_MODIFIER_REQUIRED",
        "ADD_ON_WITHOUT_PRIMARY",
        "MODIFIER_NOT_VALID",
        "ADD_ON_CONTRACTOR_PRIMARY",
        "UNKNOWN_CODE",
    }
    single = """query($c: ClaimInput!) { validateClaim(claim: $c) { claimId clean findings { rule lineIds } } }"""
    one = (await gql(client, single, c=as_input("x", date(2026, 7, 1), lines)))["data"]["validateClaim"]
    assert one["claimId"] == "x" and not one["clean"]
    assert [(f["rule"], f["lineIds"]) for f in one["findings"]] == [
        (f["rule"], f["lineIds"]) for f in report["findings"]
    ]


async def test_many_claims_cost_a_bounded_number_of_round_trips(
    real_graph: Graph, settings: Settings, files: Files
) -> None:
    app = create_app(settings.model_copy(update={"metering": False}))
    codes = sorted({r[1] for r in files.ptp})
    claims = [
        as_input(str(n), date(2022, 6, 1), [Line(str(i), c, []) for i, c in enumerate(codes[n : n + 10])])
        for n in range(0, len(codes), 10)
    ]
    sent: list[str] = []
    app.state.services.graph.observers.append(lambda name, seconds: sent.append(name))
    try:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as client:
            body = await gql(client, QUERY, claims=claims)
    finally:
        await app.state.services.close()
    assert len(body["data"]["validateClaims"]) == len(claims) > 10
    assert len(sent) <= 3, sent  # the release check, the code facts, the PTP edits


@pytest.mark.parametrize(
    ("claim", "field", "line"),
    [
        ({"dateOfService": "2024-01-01", "lines": []}, "lines", None),
        ({"dateOfService": "2024-01-01", "lines": [{"code": "0001U", "units": 0}]}, "units", "1"),
        ({"dateOfService": "2024-01-01", "lines": [{"code": "0001U"}, {"id": "b", "code": "0001U", "units": 10000}]},
         "units", "b"),
        ({"dateOfService": "2024-01-01", "lines": [{"code": "0001U"}] * 1001}, "lines", None),
        ({"dateOfService": "2024-01-01", "lines": [{"code": "E11.9"}]}, "system", "1"),
    ],
)  # fmt: skip
async def test_bad_claims_name_line_and_field(
    real_graph: Graph, client: httpx.AsyncClient, claim: dict[str, object], field: str, line: str | None
) -> None:
    body = await gql(client, QUERY, claims=[as_input("ok", date(2024, 1, 1), [Line("1", "0001U", [])]), claim])
    error = body["errors"][0]
    assert error["extensions"]["code"] == "BAD_USER_INPUT" and body["data"] is None
    assert (error["extensions"]["field"], error["extensions"]["line"], error["extensions"]["claim"]) == (field, line, 1)
    assert error["message"].startswith("claim 2")


@pytest.mark.parametrize(
    ("claim", "where"),
    [
        ({"dateOfService": "2024-02-30", "lines": [{"code": "0001U"}]}, ".dateOfService"),
        ({"dateOfService": "2024-01-01", "lines": [{"code": "0001U"}, {"code": "0001U", "dateOfService": "1/2/24"}]},
         ".lines[1].dateOfService"),
        ({"dateOfService": "2024-01-01", "setting": "AMBULANCE", "lines": [{"code": "0001U"}]}, ".setting"),
    ],
)  # fmt: skip
async def test_malformed_dates_and_settings_are_bad_input(
    client: httpx.AsyncClient, claim: dict[str, object], where: str
) -> None:
    body = await gql(client, "query($c: ClaimInput!) { validateClaim(claim: $c) { clean } }", c=claim)
    error = body["errors"][0]
    assert error["extensions"]["code"] == "BAD_USER_INPUT" and f"at {where}:" in error["message"]


async def test_validation_consumes_no_page_views(real_graph: Graph, settings: Settings, redis: Redis) -> None:
    app = create_app(settings)  # metered: a guest may view one code page
    transport = httpx.ASGITransport(app=app, client=("192.0.2.77", 40000))
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
        claims = [
            as_input(str(n), date(2026, 7, 1), [Line("1", "0001U", []), Line("2", "22614", [])]) for n in range(3)
        ]
        body = await gql(client, QUERY, claims=claims)
        assert len(body["data"]["validateClaims"]) == 3 and "meter" not in body.get("extensions", {})
        viewer = await gql(client, "{ viewer { tier used remaining } }")
        assert viewer["data"]["viewer"] == {"tier": "guest", "used": 0, "remaining": 1}
    await app.state.services.close()


def test_expected_findings_cover_every_rule(files: Files) -> None:
    """The real files give every rule a case (so the tests above cannot pass by finding nothing)."""
    assert Path(shared(AOC)).exists() and len(files.ptp) == 154 and len(files.mue) == 44
    assert {r[5] for r in files.ptp} == {"0", "1", "9"}
    assert {r["AOC_Edit_Type"] for r in files.aoc} == {"1", "2", "3"}
