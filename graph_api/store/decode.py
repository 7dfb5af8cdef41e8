"""Rows of the read statements, turned into the plain records the schema consumes."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from neo4j.time import Date

from schema.records import (
    AddOnLinkRecord,
    CodeKey,
    CodeRecord,
    CrosswalkHopRecord,
    CrosswalkRecord,
    DatedKey,
    MueRecord,
    PtpEditRecord,
    ReleaseRecord,
)


def to_date(value: Any) -> date | None:
    return value.to_native() if isinstance(value, Date) else value


def dated_keys(keys: Sequence[DatedKey]) -> list[dict[str, Any]]:
    return [{"system": k.system, "code": k.code, "asOf": k.as_of, "anyStatus": k.any_status} for k in keys]


_CORE = {
    "system",
    "code",
    "display",
    "shortDescription",
    "longDescription",
    "plainDescription",
    "isBillable",
    "isAddOn",
    "contractorDefinedPrimaries",
    "addedDate",
    "terminationDate",
    "kind",
    "releaseList",
    "releases",
    "createdBy",
    "textRelease",
    "codeRelease",
    "closedBy",
    "descriptorRelease",
}
DESCRIPTIONS = ("shortDescription", "mediumDescription", "longDescription", "consumerDescription", "plainDescription")


def text_sources(row: Mapping[str, Any], order: list[str]) -> dict[str, str]:
    """The release that wrote each description. Licensee CPT files own the CPT descriptors; otherwise the later
    of the code set's last release and the last release that set text (sample graph, addenda) wrote short/long."""
    later = max(
        (r for r in (row.get("codeRelease"), row.get("textRelease")) if r in order), key=order.index, default=None
    )
    descriptor = row.get("descriptorRelease")
    sources = {
        "shortDescription": descriptor or later,
        "longDescription": descriptor or later,
        "mediumDescription": descriptor,
        "consumerDescription": descriptor,
        "plainDescription": row.get("textRelease"),
    }
    return {name: rid for name, rid in sources.items() if rid and row.get(name)}


def release_record(row: Mapping[str, Any]) -> ReleaseRecord:
    loaded = row.get("loadedAt")
    return ReleaseRecord(
        id=row["id"],
        source=row["source"],
        label=row["label"],
        loaded_at=str(loaded) if loaded else None,
        status=row.get("status"),
        rows=row.get("rows"),
        files=tuple(row.get("files") or ()),
        superseded_by=row.get("supersededBy"),
    )


def code_record(row: Mapping[str, Any] | None) -> CodeRecord | None:
    if row is None:
        return None
    return CodeRecord(
        kind=row.get("kind"),
        releases=tuple(release_record(r) for r in row.get("releaseList") or [] if r),
        text_sources=text_sources(row, [r["id"] for r in row.get("releaseList") or [] if r]),
        details={k: to_date(v) for k, v in row.items() if k not in _CORE},
        system=row["system"],
        code=row["code"],
        display=row.get("display") or row["code"],
        short_description=row.get("shortDescription"),
        long_description=row.get("longDescription"),
        plain_description=row.get("plainDescription"),
        is_billable=row.get("isBillable"),
        is_add_on=bool(row.get("isAddOn")),
        contractor_defined_primaries=bool(row.get("contractorDefinedPrimaries")),
        added_date=to_date(row.get("addedDate")),
        termination_date=to_date(row.get("terminationDate")),
    )


def link_record(row: Mapping[str, Any]) -> AddOnLinkRecord:
    return AddOnLinkRecord(
        system=row["system"],
        code=row["code"],
        display=row.get("display") or row["code"],
        add_on_type=row["type"],
        effective_date=to_date(row["effectiveDate"]),  # type: ignore[arg-type]
        deletion_date=to_date(row.get("deletionDate")),
        notes=row.get("notes"),
        release=row.get("release") or "",
    )


def ptp_record(row: Mapping[str, Any]) -> PtpEditRecord:
    return PtpEditRecord(
        column1=row["column1"],
        column1_system=row["column1System"],
        column2=row["column2"],
        column2_system=row["column2System"],
        setting=row["setting"],
        prior_1996=bool(row["prior1996"]),
        effective_date=to_date(row["effectiveDate"]),  # type: ignore[arg-type]
        deletion_date=to_date(row["deletionDate"]),
        modifier_indicator=row["modifierIndicator"],
        rationale=row["rationale"] or "",
        release=row["release"] or "",
    )


def mue_record(row: Mapping[str, Any]) -> MueRecord:
    return MueRecord(
        setting=row["setting"],
        value=row["value"],
        adjudication_indicator=row["adjudicationIndicator"],
        adjudication_text=row["adjudicationText"] or "",
        rationale=row["rationale"] or "",
        release=row["release"] or "",
    )


def crosswalk_record(row: Mapping[str, Any]) -> CrosswalkRecord:
    return CrosswalkRecord(
        hops=() if row["noMap"] else (hop_record(row),),
        via=CodeKey(row["fromSystem"], row["fromCode"]) if row["combination"] else None,
        system=row["system"],
        code=row["code"],
        display=row["display"],
        approximate=bool(row["approximate"]),
        no_map=bool(row["noMap"]),
        combination=bool(row["combination"]),
        scenario=row["scenario"],
        choice_list=row["choiceList"],
        release=row["release"] or "",
    )


def distinct(records: list[AddOnLinkRecord]) -> list[AddOnLinkRecord]:
    """The same edit stated by two current releases (the sample and an official file) is one answer;
    the statements order the official release first, so it is the one kept."""
    seen: set[tuple[object, ...]] = set()
    kept = []
    for record in records:
        fact = tuple(getattr(record, f) for f in record.__slots__ if f != "release")
        if fact not in seen:
            seen.add(fact)
            kept.append(record)
    return kept


def grouped(records: list[Any], column: str, size: int) -> list[list[Any]]:
    by_index = {r["i"]: r[column] for r in records}
    return [by_index.get(i, []) for i in range(size)]


def hop_record(row: Mapping[str, Any]) -> CrosswalkHopRecord:
    return CrosswalkHopRecord(
        from_system=row["fromSystem"],
        from_code=row["fromCode"],
        system=row["system"],
        code=row["code"],
        display=row.get("display"),
        approximate=bool(row["approximate"]),
        combination=bool(row["combination"]),
        scenario=row["scenario"],
        choice_list=row["choiceList"],
        release=row.get("release") or "",
    )


def path_record(
    hops: Sequence[CrosswalkHopRecord], paths: tuple[tuple[CrosswalkHopRecord, ...], ...] = ()
) -> CrosswalkRecord:
    """A multi-hop GEM path as one entry: approximate if any hop is, grouped by its first combination hop."""
    last = hops[-1]
    group = next((h for h in hops if h.combination), None)
    return CrosswalkRecord(
        system=last.system,
        code=last.code,
        display=last.display,
        approximate=any(h.approximate for h in hops),
        no_map=False,
        combination=group is not None,
        scenario=group.scenario if group else 0,
        choice_list=group.choice_list if group else 0,
        release=" + ".join(dict.fromkeys(h.release for h in hops)),
        hops=tuple(hops),
        via=CodeKey(group.from_system, group.from_code) if group else None,
        paths=paths or (tuple(hops),),
    )


def _path_rank(hops: tuple[CrosswalkHopRecord, ...]) -> tuple[object, ...]:
    return (
        any(h.combination for h in hops),
        any(h.approximate for h in hops),
        [(h.system, h.code, h.scenario, h.choice_list) for h in hops],
    )


def shortest_paths(direct: list[CrosswalkRecord], paths: list[list[CrosswalkHopRecord]]) -> list[CrosswalkRecord]:
    """The one-step entries as published, then one entry per further target with all its shortest paths.

    A path is known by its steps (codes, scenario, choice list): stated by two current releases it is kept
    once, as first given (get_crosswalk_paths orders the official release's first). The entry's flags are
    those of its best path (alone before a combination, then exact before approximate)."""
    reached = {(e.system, e.code) for e in direct}
    best: dict[tuple[str, str], int] = {}
    for hops in paths:
        target = (hops[-1].system, hops[-1].code)
        best[target] = min(best.get(target, len(hops)), len(hops))
    by_target: dict[tuple[str, str], dict[tuple[object, ...], tuple[CrosswalkHopRecord, ...]]] = {}
    for hops in paths:
        target = (hops[-1].system, hops[-1].code)
        if target in reached or len(hops) != best[target]:
            continue
        signature = tuple((h.system, h.code, h.scenario, h.choice_list) for h in hops)
        by_target.setdefault(target, {}).setdefault(signature, tuple(hops))
    ranked = [tuple(sorted(found.values(), key=_path_rank)) for found in by_target.values()]
    ranked.sort(key=lambda p: (len(p[0]), _path_rank(p[0])[2]))
    return direct + [path_record(p[0], p) for p in ranked]
