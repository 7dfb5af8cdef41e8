"""Multi-hop crosswalks over the real 2018 GEMs beside the sample: one entry per target, with every shortest
path to it, each path once however many releases state it; checked against a walk of the two files here."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import httpx
import pytest

from graph_api.ingest.kinds import load
from graph_api.store.graph import Graph
from tests.data import shared
from tests.integration.support import gql

CROSSWALKS = """query($c: String!, $to: CodeSystem!, $h: Int!) { code(system: ICD10CM, code: $c) {
  crosswalks(to: $to, maxHops: $h) { code hopCount approximate release hops { code }
    paths { approximate hops { code release } } } } }"""
BULK = """query($refs: [CodeRef!]!, $to: CodeSystem!, $h: Int!) { crosswalk(from: $refs, to: $to, maxHops: $h) {
  source { code } entries { code hopCount } singleTargets { code }
  combinations { choiceLists { entries { code } } } } }"""
OTHER = {"ICD10CM": "ICD9CM", "ICD9CM": "ICD10CM"}


def _gems(i10: Path, i9: Path) -> dict[str, dict[str, list[str]]]:
    """Where each code maps, per source system, as the two GEM files state it (no-map rows left out)."""
    maps: dict[str, dict[str, list[str]]] = {"ICD10CM": defaultdict(list), "ICD9CM": defaultdict(list)}
    for system, path in (("ICD10CM", i10), ("ICD9CM", i9)):
        for line in path.read_text(encoding="ascii").splitlines():
            source, target, flags = line.split()
            if flags[1] != "1":
                maps[system][source].append(target)
    return maps


def _shortest(maps: dict[str, dict[str, list[str]]], code: str, to: str, hops: int) -> dict[str, set[tuple[str, ...]]]:
    """Each target of `to` beyond the source's own entries, with the code sequences of its shortest paths."""
    found: dict[str, set[tuple[str, ...]]] = defaultdict(set)

    def walk(path: list[tuple[str, str]]) -> None:
        system, at = path[-1]
        for target in maps[system][at]:
            step = (OTHER[system], target)
            if step in path:
                continue
            if step[0] == to:
                found[target].add((*(c for _, c in path[1:]), target))
            if len(path) < hops:
                walk([*path, step])

    walk([("ICD10CM", code)])
    direct = set(maps["ICD10CM"][code]) if to == "ICD9CM" else set()
    return {
        target: {p for p in paths if len(p) == min(map(len, paths))}
        for target, paths in found.items()
        if target not in direct
    }


@pytest.mark.shared_data
async def test_multi_hop_targets_are_answered_once_with_their_shortest_paths(
    sample_graph: Graph, client: httpx.AsyncClient
) -> None:
    i10, i9 = shared("gems/2018_I10gem.txt"), shared("gems/2018_I9gem.txt")
    await load(sample_graph, "gem", [i10, i9])
    maps = _gems(i10, i9)
    # F10.120 reaches F10.10 through 305.00, 305.01 and 305.02: one entry, three paths. At three hops into
    # ICD-9-CM, targets are reached through several ICD-10-CM codes as well.
    for code, to, hops in (("F10120", "ICD10CM", 2), ("F10120", "ICD9CM", 3), ("F10220", "ICD9CM", 3)):
        entries = (await gql(client, CROSSWALKS, c=code, to=to, h=hops))["data"]["code"]["crosswalks"]
        beyond = [e for e in entries if e["hopCount"] > 1]
        codes = [e["code"] for e in beyond]
        assert len(codes) == len(set(codes)), (code, to, codes)
        expected = _shortest(maps, code, to, hops)
        assert {e["code"]: {tuple(h["code"] for h in p["hops"]) for p in e["paths"]} for e in beyond} == expected
        for entry in beyond:
            best = [h["code"] for h in entry["paths"][0]["hops"]]
            assert [h["code"] for h in entry["hops"]] == best and len(best) == entry["hopCount"]
            assert entry["approximate"] == all(p["approximate"] for p in entry["paths"])
    [f1010] = [e for e in (await gql(client, CROSSWALKS, c="F10120", to="ICD10CM", h=2))["data"]["code"]["crosswalks"]]
    assert f1010["code"] == "F1010" and len(f1010["paths"]) == 3
    # E11.65 -> 250.80 -> E11.69: stated by the sample and by both official GEMs, answered once, as the GEMs'.
    entries = (await gql(client, CROSSWALKS, c="E1165", to="ICD10CM", h=2))["data"]["code"]["crosswalks"]
    [e1169] = [e for e in entries if e["code"] == "E1169"]
    assert [[h["code"] for h in p["hops"]] for p in e1169["paths"]] == [["25080", "E1169"]]
    assert "sample" not in e1169["release"] and {h["release"] for h in e1169["paths"][0]["hops"]} == {
        "2018_I10gem",
        "2018_I9gem",
    }
    # The analysts' bulk form: one entry per target in `entries` and in the groups.
    refs = [{"system": "ICD10CM", "code": c} for c in ("F10.120", "F10.220", "E11.65")]
    for result in (await gql(client, BULK, refs=refs, to="ICD9CM", h=3))["data"]["crosswalk"]:
        beyond = [e["code"] for e in result["entries"] if e["hopCount"] > 1]
        assert len(beyond) == len(set(beyond)), result["source"]
        assert set(beyond) == set(_shortest(maps, result["source"]["code"], "ICD9CM", 3))
        grouped = [e["code"] for g in result["combinations"] for c in g["choiceLists"] for e in c["entries"]]
        assert sorted(e["code"] for e in result["entries"]) == sorted(
            [e["code"] for e in result["singleTargets"]] + grouped
        )
