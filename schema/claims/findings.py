"""What every claim rule shares: the lines of a day, the facts of a line, a finding and its release."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date

from schema.claims.model import ClaimFacts, ClaimLine, CodeFacts, Finding
from schema.records import RelationStepRecord, ReleaseRecord

Code = tuple[str, str]


def in_effect(valid_from: date, valid_to: date, day: date) -> bool:
    return valid_from <= day <= valid_to


def by_day(lines: Sequence[ClaimLine]) -> dict[date, list[ClaimLine]]:
    days: dict[date, list[ClaimLine]] = defaultdict(list)
    for line in lines:
        days[line.date_of_service].append(line)
    return days


def known_facts(facts: ClaimFacts, line: ClaimLine) -> CodeFacts | None:
    found = facts.codes.get((line.system, line.code))
    return found if found and found.known else None


def release_of(facts: ClaimFacts, rid: str | None) -> ReleaseRecord | None:
    return facts.releases.get(rid) if rid else None


def official_first(facts: ClaimFacts, rids: Iterable[str]) -> str | None:
    """The same fact stated by the sample graph and an official file names the official release."""
    ordered = sorted(rids, key=lambda rid: (getattr(facts.releases.get(rid), "source", "") == "sample", rid))
    return ordered[0] if ordered else None


def finding(
    rule: str,
    severity: str,
    lines: Sequence[ClaimLine],
    message: str,
    remedy: str | None = None,
    release: ReleaseRecord | None = None,
    path: tuple[RelationStepRecord, ...] = (),
) -> Finding:
    return Finding(
        rule=rule,
        severity=severity,
        line_ids=tuple(line.id for line in lines),
        codes=tuple(line.code for line in lines),
        message=message,
        position=min(line.position for line in lines),
        remedy=remedy,
        release=release,
        path=path,
    )


def is_sample(facts: ClaimFacts, rid: str) -> bool:
    release = facts.releases.get(rid)
    return release is not None and release.source == "sample"
