"""The ICD-10-CM tabular 2021 -> April 2025 release diff, checked against an independent parse of the two XMLs."""

from __future__ import annotations

import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import httpx
import pytest

from graph_api.ingest.kinds import load
from graph_api.store.graph import Graph
from graph_api.store.reads import Neo4jReader
from graph_api.store.version import Versions
from schema.history import ChangeKind
from schema.history_records import DiffKey
from tests.code_set_files import tabular_xml
from tests.data import ROOT
from tests.integration.support import gql

FIRST_PAGE = """query($f: String!, $t: String!) { releaseDiff(source: "icd10cm", from: $f, to: $t) {
  totalCount edges { node { code { code } change } } } }"""
WHEEL_2021 = ROOT / ".cache" / "wheels" / "simple_icd_10_cm-1.2.0-py3-none-any.whl"


def tabular_2021(folder: Path) -> Path:
    """The 2021 tabular XML from the simple-icd-10-cm 1.2.0 wheel `make test-data` fetches."""
    if not WHEEL_2021.exists():
        pytest.skip(f"{WHEEL_2021} is absent: `make test-data` fetches it (simple-icd-10-cm 1.2.0 ships the 2021 XML)")
    target = folder / "icd10cm_tabular_2021.xml"
    with zipfile.ZipFile(WHEEL_2021) as wheel:
        target.write_bytes(wheel.read("simple_icd_10_cm/data/icd10cm_tabular_2021.xml"))
    return target


def _titles(path: Path) -> dict[str, tuple[str, bool]]:
    """Every code, category, block and chapter with its title and whether it is billable, read from the XML."""
    found: dict[str, tuple[str, bool]] = {}

    def diag(element: ET.Element, inherited: dict[str, str]) -> None:
        code = (element.findtext("name") or "").strip().replace(".", "")
        title = (element.findtext("desc") or "").strip()
        definition = element.find("sevenChrDef")
        seventh = {e.get("char", ""): (e.text or "").strip() for e in definition.findall("extension")} if (
            definition is not None) else inherited  # fmt: skip
        children = element.findall("diag")
        found[code] = (title, not children and not seventh)
        for child in children:
            diag(child, seventh)
        if not children:
            for character, meaning in seventh.items():
                found[code.ljust(6, "X") + character] = (f"{title}, {meaning}", True)

    for chapter in ET.parse(path).getroot().iter("chapter"):
        number = int((chapter.findtext("name") or "").strip())
        found[f"CH{number:02d}"] = ((chapter.findtext("desc") or "").strip(), False)
        for section in chapter.findall("section"):
            shown = section.get("id", "")
            found[shown if "-" in shown else f"{shown}-{shown}"] = ((section.findtext("desc") or "").strip(), False)
            for element in section.findall("diag"):
                diag(element, {})
    return found


def expected(before: Path, after: Path) -> set[tuple[str, str, tuple[str, ...]]]:
    old, new = _titles(before), _titles(after)
    changes: set[tuple[str, str, tuple[str, ...]]] = set()
    for code in new.keys() - old.keys():
        changes.add((code, "ADDED", ()))
    for code in old.keys() - new.keys():
        changes.add((code, "TERMINATED", ()))
    for code in old.keys() & new.keys():
        fields: tuple[str, ...] = ()
        if old[code][0] != new[code][0]:
            fields = ("shortDescription", "longDescription")
        if old[code][1] != new[code][1]:
            fields += ("isBillable",)
        if fields:
            changes.add((code, "REVISED", fields))
    return changes


async def test_tabular_2021_to_2025_diff(empty_graph: Graph, client: httpx.AsyncClient, tmp_path: Path) -> None:
    old_path, new_path = tabular_2021(tmp_path), tabular_xml()
    old = (await load(empty_graph, "icd10cm", [old_path]))[0].release_id
    new = (await load(empty_graph, "icd10cm", [new_path]))[0].release_id
    # GraphQL pages hold 100 changes (tests/integration/test_history.py pages through them); here the reader's
    # own pages of 5,000 walk the whole diff, and GraphQL answers the first page and the total
    reader = Neo4jReader(empty_graph, Versions(empty_graph, 0))
    kinds = tuple(sorted(k.value for k in ChangeKind))
    changes, after = [], ("", "", "")
    while page := await reader.diff_page(DiffKey(old, new, kinds, after, 5000)):
        changes += page
        after = (page[-1].code, page[-1].system, page[-1].change)
    found = {(c.code, c.change, c.fields) for c in changes}
    first = (await gql(client, FIRST_PAGE, f=old, t=new))["data"]["releaseDiff"]
    assert first["totalCount"] == len(changes) == len(found)
    assert [(e["node"]["code"]["code"], e["node"]["change"]) for e in first["edges"]] == [
        (c.code, c.change) for c in changes[:100]
    ]
    # a dropped code is closed (terminationDate = the load date): TERMINATED, and no REVISED since it is not in both
    assert found == expected(old_path, new_path)
    assert len(found) > 1000
