"""History events from versions, release effective dates, edge comparison: pure rules, no services."""

from __future__ import annotations

from datetime import date

from graph_api.ingest.effective import effective_date
from graph_api.store.edge_diff import code_changes
from schema.history import ChangeKind, events_of, version_on
from schema.history_records import CodeVersionRecord
from schema.records import ReleaseRecord


def _version(rid: str, day: date, source: str = "hcpcs", closed: bool = False, **values: object) -> CodeVersionRecord:
    base: dict[str, object] = {"shortDescription": "Old", "longDescription": "Old long", "isBillable": True,
                               "addedDate": date(2014, 1, 1), "terminationDate": None}  # fmt: skip
    return CodeVersionRecord(ReleaseRecord(rid, source, rid), day, {**base, **values}, closed)


def test_events_follow_the_versions() -> None:
    versions = [
        _version("2017", date(2017, 1, 1)),
        _version("2018", date(2018, 1, 1), shortDescription="New"),
        _version("2019", date(2019, 1, 1), shortDescription="New", terminationDate=date(2018, 12, 31)),
        _version("2020", date(2020, 1, 1), shortDescription="New"),
    ]
    events = events_of(versions)
    assert [(e.change, e.effective_date) for e in events] == [
        (ChangeKind.ADDED, date(2014, 1, 1)),
        (ChangeKind.REVISED, date(2018, 1, 1)),
        (ChangeKind.REVISED, date(2019, 1, 1)),
        (ChangeKind.TERMINATED, date(2018, 12, 31)),
        (ChangeKind.REVISED, date(2020, 1, 1)),
        (ChangeKind.REINSTATED, date(2020, 1, 1)),
    ]
    assert [(f.field, f.before, f.after) for f in events[1].fields] == [("shortDescription", "Old", "New")]
    assert [f.field for f in events[2].fields] == ["terminationDate"]


def test_a_code_first_seen_terminated_is_added_and_terminated() -> None:
    events = events_of([_version("2018", date(2018, 1, 1), terminationDate=date(2017, 12, 31))])
    assert [e.change for e in events] == [ChangeKind.ADDED, ChangeKind.TERMINATED]


def test_the_sample_graph_counts_only_when_no_official_release_states_the_code() -> None:
    versions = [
        _version("s", date(2020, 1, 1), source="sample", shortDescription="Ours"),
        _version("o", date(2021, 1, 1)),
    ]
    assert [e.change for e in events_of(versions)] == [ChangeKind.ADDED]
    assert events_of(versions)[0].release.release.id == "o"


def test_text_on_a_date_is_the_last_release_in_effect() -> None:
    versions = [_version("a", date(2017, 1, 1)), _version("b", date(2018, 1, 1), shortDescription="New")]
    assert version_on(versions, date(2016, 12, 31)) is None
    assert version_on(versions, date(2017, 6, 1)) == versions[0]
    assert version_on(versions, date(2018, 1, 1)) == versions[1]


def test_effective_dates_from_names() -> None:
    assert effective_date("hcpcs", ["HCPC2018_CONTR_ANWEB_disc", "HCPC2018_CONTR_ANWEB_disc.txt"]) == date(2018, 1, 1)
    assert effective_date("hcpcs", ["HCPC2024_JUL_ANWEB_v3"]) == date(2024, 7, 1)
    assert effective_date("icd10cm", ["icd10cm_tabular_2021"]) == date(2020, 10, 1)
    assert effective_date("icd10cm", ["icd10cm-tabular-April-2025"]) == date(2025, 4, 1)
    assert effective_date("icd10cm_addenda", ["icd10cm-order-addenda-2023"]) == date(2022, 10, 1)
    assert effective_date("ncci_mue/practitioner", ["mue_practitioner"]) is None


def test_edges_of_one_code_compare_by_identity() -> None:
    def edge(rid: str, code: str, indicator: int, effective: str = "2020-01-01") -> dict[str, object]:
        props = {"effectiveDate": effective, "modifierIndicator": indicator, "deletionDate": None, "rationale": "r"}
        return {"rid": rid, "type": "PTP", "system": "CPT", "code": code, "props": props}

    row = {
        "system": "CPT",
        "code": "10000",
        "edges": [edge("a", "20000", 1), edge("b", "20000", 0), edge("a", "30000", 1), edge("b", "40000", 1),
                  edge("a", "50000", 1), edge("b", "50000", 1)],
    }  # fmt: skip
    found = [(c.to_code, c.change, c.fields) for c in code_changes(row, "a", "b")]
    assert found == [("20000", "CHANGED", ("modifierIndicator",)), ("30000", "REMOVED", ()), ("40000", "ADDED", ())]
