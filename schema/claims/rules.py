"""The claim rules: a claim and plain facts in, findings out. Pure: no graph, no GraphQL, no clock.

Every rule and its source is described in docs/claims.md. Edit windows are the stored [validFrom, validTo]
(inclusive; a row deleted the day it took effect has validTo before validFrom, so it is never in effect).
Facts are per date of service: a PTP pair, an add-on and its primary, and the units an MUE sums must be on
lines of the same date (a line's own date, else the claim's).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from schema.claims import policy
from schema.claims.findings import Code, by_day, finding, in_effect, is_sample, known_facts, official_first, release_of
from schema.claims.model import (
    SEVERITIES,
    AddOnWindow,
    Claim,
    ClaimFacts,
    ClaimLine,
    CodeFacts,
    FactsRequest,
    Finding,
    MueFact,
    Report,
)
from schema.claims.ptp import ptp_findings

RULES = (
    "UNKNOWN_CODE",
    "CODE_NOT_IN_EFFECT",
    "ADD_ON_WITHOUT_PRIMARY",
    "ADD_ON_CONTRACTOR_PRIMARY",
    "PTP_NOT_ALLOWED",
    "PTP_MODIFIER_REQUIRED",
    "PTP_MODIFIER_BYPASS",
    "MUE_EXCEEDED",
    "MODIFIER_NOT_VALID",
)
NAMED_PRIMARIES = 5


def facts_request(claims: Iterable[Claim]) -> FactsRequest:
    """The distinct codes of the claims and the sets of them that meet on one date of service of one claim."""
    index: dict[Code, int] = {}
    groups: dict[tuple[int, ...], None] = {}
    settings: set[str] = set()
    for claim in claims:
        settings.add(claim.setting)
        for day_lines in by_day(claim.lines).values():
            ids = {index.setdefault((line.system, line.code), len(index)) for line in day_lines}
            if len(ids) > 1:
                groups[tuple(sorted(ids))] = None
    return FactsRequest(tuple(index), tuple(groups), tuple(sorted(settings)))


def validate(claim: Claim, facts: ClaimFacts) -> Report:
    findings = [
        *_validity(claim, facts),
        *_add_ons(claim, facts),
        *ptp_findings(claim, facts),
        *_mues(claim, facts),
        *_fee_schedule_modifiers(claim, facts),
    ]
    findings.sort(key=lambda f: (SEVERITIES.index(f.severity), f.position, RULES.index(f.rule), f.codes, f.line_ids))
    return Report(claim.claim_id, tuple(findings))


def _validity(claim: Claim, facts: ClaimFacts) -> Iterable[Finding]:
    for line in claim.lines:
        known = known_facts(facts, line)
        day = line.date_of_service
        if known is None:
            yield finding(
                "UNKNOWN_CODE",
                "ERROR",
                [line],
                f"{line.system} {line.code} is not a code any loaded source knows.",
                remedy="Check the code for a typing error, or the code set it belongs to.",
            )
        elif (known.added_date and day < known.added_date) or (known.termination_date and day > known.termination_date):
            window = f"{known.added_date or 'its start'} to {known.termination_date or 'now'}"
            yield finding(
                "CODE_NOT_IN_EFFECT",
                "ERROR",
                [line],
                f"{line.system} {line.code} is not in effect on {day} (it is valid from {window}).",
                remedy="Report the code valid on the date of service.",
                release=release_of(facts, known.code_release),
            )


def _add_ons(claim: Claim, facts: ClaimFacts) -> Iterable[Finding]:
    """Chapter I, section R: an add-on code is reported with one of its primary codes on the same day."""
    for day, lines in sorted(by_day(claim.lines).items()):
        present = {(line.system, line.code) for line in lines}
        for line in lines:
            known = known_facts(facts, line)
            windows = [w for w in known.add_ons if in_effect(w.valid_from, w.valid_to, day)] if known else []
            if not windows:
                continue
            listed = [w for w in windows if w.primary is not None]
            if any((w.primary_system, w.primary) in present for w in listed):
                continue
            yield _add_on_finding(facts, line, windows, listed)


def _add_on_finding(
    facts: ClaimFacts, line: ClaimLine, windows: list[AddOnWindow], listed: list[AddOnWindow]
) -> Finding:
    types = {w.add_on_type for w in windows}
    contractor = any(w.primary is None for w in windows) or 2 in types
    release = release_of(facts, official_first(facts, {w.release for w in windows}))
    primaries = sorted({w.primary for w in listed if w.primary})
    named = ", ".join(primaries[:NAMED_PRIMARIES]) + (
        f" (and {len(primaries) - NAMED_PRIMARIES} more)" if len(primaries) > NAMED_PRIMARIES else ""
    )
    if not listed:
        return finding(
            "ADD_ON_CONTRACTOR_PRIMARY",
            "WARNING",
            [line],
            f"{line.code} is an add-on code whose primary codes the Medicare contractor defines; the claim cannot"
            " be checked against a national list.",
            remedy="Check that a primary procedure your Medicare contractor accepts is on the claim.",
            release=release,
        )
    strict = types == {1} and not contractor
    return finding(
        "ADD_ON_WITHOUT_PRIMARY",
        "ERROR" if strict else "WARNING",
        [line],
        f"{line.code} is an add-on code and none of its primary codes is on the claim for {line.date_of_service}."
        if strict
        else f"{line.code} is an add-on code and none of its listed primary codes is on the claim for"
        f" {line.date_of_service}; the contractor may accept others.",
        remedy=f"Report it with one of its primary codes: {named}.",
        release=release,
    )


def _mues(claim: Claim, facts: ClaimFacts) -> Iterable[Finding]:
    """Chapter I, section V: MAI 1 compares each claim line's units; MAI 2 and 3 the day's units of the code."""
    for day, lines in sorted(by_day(claim.lines).items()):
        by_code: dict[Code, list[ClaimLine]] = defaultdict(list)
        for line in lines:
            by_code[(line.system, line.code)].append(line)
        for same in by_code.values():
            known = known_facts(facts, same[0])
            mue = _mue(facts, known, claim.setting) if known else None
            if mue is None:
                continue
            if mue.adjudication_indicator == 1:
                yield from (_mue_finding(facts, mue, [line], day) for line in same if line.units > mue.value)
            elif sum(line.units for line in same) > mue.value:
                yield _mue_finding(facts, mue, same, day)


def _mue(facts: ClaimFacts, known: CodeFacts, setting: str) -> MueFact | None:
    stated = [m for m in known.mues if m.setting == setting]
    stated.sort(key=lambda m: (is_sample(facts, m.release), m.release))
    return stated[0] if stated else None


def _mue_finding(facts: ClaimFacts, mue: MueFact, lines: list[ClaimLine], day: date) -> Finding:
    units = sum(line.units for line in lines)
    code = lines[0].code
    if mue.adjudication_indicator == 1:
        message = (
            f"{code} is reported with {units} units on line {lines[0].id}, over its claim-line MUE of {mue.value}."
        )
        remedy = (
            f"Report at most {_units(mue.value)} per line; units on separate lines need a modifier that shows why"
            " (59 or XE/XP/XS/XU, 76, 77, 91, anatomic)."
        )
    elif mue.adjudication_indicator == 2:
        message = (
            f"{code} is reported with {units} units on {day}, over its MUE of {mue.value}: an absolute date-of-service"
            " limit that no appeal overrides."
        )
        remedy = f"Report at most {_units(mue.value)} of {code} for the date of service."
    else:
        message = f"{code} is reported with {units} units on {day}, over its date-of-service MUE of {mue.value}."
        remedy = (
            f"Report at most {_units(mue.value)}, or appeal with documentation that the units above it were provided,"
            " correctly coded and medically necessary."
        )
    return finding(
        "MUE_EXCEEDED",
        "ERROR",
        lines,
        f"{message[:-1]} (MUE rationale: {mue.rationale})." if mue.rationale else message,
        remedy=remedy,
        release=release_of(facts, mue.release),
    )


def _units(n: int) -> str:
    return f"{n} unit" if n == 1 else f"{n} units"


def _fee_schedule_modifiers(claim: Claim, facts: ClaimFacts) -> Iterable[Finding]:
    """PFS RVU indicators: modifiers 50, 80/81/82/AS, 62, 66, 26 and TC only where the code's indicator allows."""
    for line in claim.lines:
        known = known_facts(facts, line)
        if known is None or not known.pfs:
            continue
        for modifier in line.modifiers:
            rule = policy.FEE_SCHEDULE_MODIFIERS.get(modifier)
            value = known.pfs.get(rule[0]) if rule else None
            if rule is None or value is None or value in rule[1]:
                continue
            yield finding(
                "MODIFIER_NOT_VALID",
                "WARNING",
                [line],
                f"Modifier {modifier} does not apply to {line.code}: its fee-schedule {rule[0]} indicator is {value}"
                f" ({policy.indicator_meaning(rule[0], value)}).",
                remedy=f"Remove modifier {modifier} from line {line.id}.",
                release=release_of(facts, known.pfs_release),
            )
