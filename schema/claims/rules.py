"""The claim rules: a claim and plain facts in, findings out. Pure: no graph, no GraphQL, no clock.

Every rule and its source is described in docs/claims.md. Edit windows are the stored [validFrom, validTo]
(inclusive; a row deleted the day it took effect has validTo before validFrom, so it is never in effect).
Facts are per date of service: a PTP pair, an add-on and its primary, and the units an MUE sums must be on
lines of the same date (a line's own date, else the claim's).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date

from schema.claims import policy
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
    PtpFact,
    Report,
)
from schema.records import CodeKey, ReleaseRecord, RelationStepRecord

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
PTP_SETTINGS = ("practitioner", "hospital")
NAMED_PRIMARIES = 5
Code = tuple[str, str]


def facts_request(claims: Iterable[Claim]) -> FactsRequest:
    """The distinct codes of the claims and the pairs of them that meet on one date of service of one claim."""
    index: dict[Code, int] = {}
    pairs: set[tuple[int, int]] = set()
    settings: set[str] = set()
    for claim in claims:
        settings.add(claim.setting)
        for day_lines in _by_day(claim.lines).values():
            ids = sorted({index.setdefault((line.system, line.code), len(index)) for line in day_lines})
            pairs.update((a, b) for n, a in enumerate(ids) for b in ids[n + 1 :])
    return FactsRequest(tuple(index), tuple(sorted(pairs)), tuple(sorted(settings)))


def validate(claim: Claim, facts: ClaimFacts) -> Report:
    findings = [
        *_validity(claim, facts),
        *_add_ons(claim, facts),
        *_ptp(claim, facts),
        *_mues(claim, facts),
        *_fee_schedule_modifiers(claim, facts),
    ]
    findings.sort(key=lambda f: (SEVERITIES.index(f.severity), f.position, RULES.index(f.rule), f.codes, f.line_ids))
    return Report(claim.claim_id, tuple(findings))


def in_effect(valid_from: date, valid_to: date, day: date) -> bool:
    return valid_from <= day <= valid_to


def _by_day(lines: Sequence[ClaimLine]) -> dict[date, list[ClaimLine]]:
    days: dict[date, list[ClaimLine]] = defaultdict(list)
    for line in lines:
        days[line.date_of_service].append(line)
    return days


def _facts(facts: ClaimFacts, line: ClaimLine) -> CodeFacts | None:
    found = facts.codes.get((line.system, line.code))
    return found if found and found.known else None


def _release(facts: ClaimFacts, rid: str | None) -> ReleaseRecord | None:
    return facts.releases.get(rid) if rid else None


def _official_first(facts: ClaimFacts, rids: Iterable[str]) -> str | None:
    """The same fact stated by the sample graph and an official file names the official release."""
    ordered = sorted(rids, key=lambda rid: (getattr(facts.releases.get(rid), "source", "") == "sample", rid))
    return ordered[0] if ordered else None


def _finding(rule: str, severity: str, lines: Sequence[ClaimLine], message: str, **more: object) -> Finding:
    return Finding(
        rule=rule,
        severity=severity,
        line_ids=tuple(line.id for line in lines),
        codes=tuple(line.code for line in lines),
        message=message,
        position=min(line.position for line in lines),
        remedy=more.get("remedy"),  # type: ignore[arg-type]
        release=more.get("release"),  # type: ignore[arg-type]
        path=more.get("path", ()),  # type: ignore[arg-type]
    )


def _validity(claim: Claim, facts: ClaimFacts) -> Iterable[Finding]:
    for line in claim.lines:
        known = _facts(facts, line)
        day = line.date_of_service
        if known is None:
            yield _finding(
                "UNKNOWN_CODE",
                "ERROR",
                [line],
                f"{line.system} {line.code} is not a code any loaded source knows.",
                remedy="Check the code for a typing error, or the code set it belongs to.",
            )
        elif (known.added_date and day < known.added_date) or (known.termination_date and day > known.termination_date):
            window = f"{known.added_date or 'its start'} to {known.termination_date or 'now'}"
            yield _finding(
                "CODE_NOT_IN_EFFECT",
                "ERROR",
                [line],
                f"{line.system} {line.code} is not in effect on {day} (it is valid from {window}).",
                remedy="Report the code valid on the date of service.",
                release=_release(facts, known.code_release),
            )


def _add_ons(claim: Claim, facts: ClaimFacts) -> Iterable[Finding]:
    """Chapter I, section R: an add-on code is reported with one of its primary codes on the same day."""
    for day, lines in sorted(_by_day(claim.lines).items()):
        present = {(line.system, line.code) for line in lines}
        for line in lines:
            known = _facts(facts, line)
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
    release = _release(facts, _official_first(facts, {w.release for w in windows}))
    primaries = sorted({w.primary for w in listed if w.primary})
    named = ", ".join(primaries[:NAMED_PRIMARIES]) + (f" (and {len(primaries) - NAMED_PRIMARIES} more)" if len(
        primaries
    ) > NAMED_PRIMARIES else "")
    if not listed:
        return _finding(
            "ADD_ON_CONTRACTOR_PRIMARY",
            "WARNING",
            [line],
            f"{line.code} is an add-on code whose primary codes the Medicare contractor defines; the claim cannot"
            " be checked against a national list.",
            remedy="Check that a primary procedure your Medicare contractor accepts is on the claim.",
            release=release,
        )
    strict = types == {1} and not contractor
    return _finding(
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


def _ptp(claim: Claim, facts: ClaimFacts) -> Iterable[Finding]:
    """Chapter I, section E: column 2 is denied with column 1 unless the edit's indicator (1) lets an NCCI
    PTP-associated modifier bypass it; indicator 0: no modifier does; 9: not applicable."""
    if claim.setting not in PTP_SETTINGS:
        return
    for day, lines in sorted(_by_day(claim.lines).items()):
        at: dict[Code, list[ClaimLine]] = defaultdict(list)
        for line in lines:
            at[(line.system, line.code)].append(line)
        for edit in _edits_on(facts, claim.setting, day, at):
            first = at[(edit.column1_system, edit.column1)][0]
            for second in at[(edit.column2_system, edit.column2)]:
                yield _ptp_finding(facts, edit, first, second)


def _edits_on(facts: ClaimFacts, setting: str, day: date, at: dict[Code, list[ClaimLine]]) -> list[PtpFact]:
    """The edits in effect on the day between codes of that day, one per pair (indicator 0 over 1; official first)."""
    best: dict[tuple[Code, Code], PtpFact] = {}
    for edit in facts.ptp:
        one, two = (edit.column1_system, edit.column1), (edit.column2_system, edit.column2)
        if edit.setting != setting or one not in at or two not in at or edit.modifier_indicator == 9:
            continue
        if not in_effect(edit.valid_from, edit.valid_to, day):
            continue
        rank = (edit.modifier_indicator, _is_sample(facts, edit.release), edit.effective_date)
        kept = best.get((one, two))
        if kept is None or rank < (kept.modifier_indicator, _is_sample(facts, kept.release), kept.effective_date):
            best[(one, two)] = edit
    return [best[k] for k in sorted(best)]


def _is_sample(facts: ClaimFacts, rid: str) -> bool:
    release = facts.releases.get(rid)
    return release is not None and release.source == "sample"


def _ptp_finding(facts: ClaimFacts, edit: PtpFact, first: ClaimLine, second: ClaimLine) -> Finding:
    release = _release(facts, edit.release)
    more: dict[str, object] = {"release": release, "path": (_ptp_step(edit, release),)}
    pair = f"{edit.column1} (column 1) and {edit.column2} (column 2)"
    since = f"NCCI PTP edit in effect since {edit.effective_date}"
    if edit.modifier_indicator == 0:
        return _finding(
            "PTP_NOT_ALLOWED",
            "ERROR",
            [first, second],
            f"{pair} may not be reported together on {second.date_of_service}, with or without a modifier ({since};"
            f" {edit.rationale}).",
            remedy=f"Remove line {second.id} ({edit.column2}): column 1 {edit.column1} is the payable code.",
            **more,
        )
    bypass = [m for m in second.modifiers if m in policy.PTP_ASSOCIATED]
    if bypass:
        return _finding(
            "PTP_MODIFIER_BYPASS",
            "INFO",
            [first, second],
            f"{pair} are bundled ({since}), and modifier {bypass[0]} on line {second.id} bypasses the edit when the"
            " medical record documents a distinct service.",
            **more,
        )
    which = policy.E_AND_M if policy.is_e_and_m(edit.column2) else policy.DISTINCT_SERVICE
    return _finding(
        "PTP_MODIFIER_REQUIRED",
        "ERROR",
        [first, second],
        f"{pair} are bundled on {second.date_of_service} ({since}; {edit.rationale}): column 2 is denied without an"
        " NCCI PTP-associated modifier.",
        remedy=f"If the services were distinct (separate encounter, structure, practitioner or non-overlapping), append"
        f" {which} to line {second.id}, or the anatomic modifier (LT/RT, E1-E4, FA-F9, TA-T9, LC/LD/LM/RC/RI) that"
        " shows a different site; otherwise remove it.",
        **more,
    )


def _ptp_step(edit: PtpFact, release: ReleaseRecord | None) -> RelationStepRecord:
    return RelationStepRecord(
        type="PTP",
        start=CodeKey(edit.column1_system, edit.column1),
        end=CodeKey(edit.column2_system, edit.column2),
        reversed=False,
        properties={
            "setting": edit.setting,
            "modifierIndicator": edit.modifier_indicator,
            "effectiveDate": edit.effective_date,
            "deletionDate": edit.deletion_date,
            "validFrom": edit.valid_from,
            "validTo": edit.valid_to,
            "rationale": edit.rationale,
            "prior1996": edit.prior_1996,
        },
        release=release,
    )


def _mues(claim: Claim, facts: ClaimFacts) -> Iterable[Finding]:
    """Chapter I, section V: MAI 1 compares each claim line's units; MAI 2 and 3 the day's units of the code."""
    for day, lines in sorted(_by_day(claim.lines).items()):
        by_code: dict[Code, list[ClaimLine]] = defaultdict(list)
        for line in lines:
            by_code[(line.system, line.code)].append(line)
        for same in by_code.values():
            known = _facts(facts, same[0])
            mue = _mue(facts, known, claim.setting) if known else None
            if mue is None:
                continue
            if mue.adjudication_indicator == 1:
                yield from (_mue_finding(facts, mue, [line], day) for line in same if line.units > mue.value)
            elif sum(line.units for line in same) > mue.value:
                yield _mue_finding(facts, mue, same, day)


def _mue(facts: ClaimFacts, known: CodeFacts, setting: str) -> MueFact | None:
    stated = [m for m in known.mues if m.setting == setting]
    stated.sort(key=lambda m: (_is_sample(facts, m.release), m.release))
    return stated[0] if stated else None


def _mue_finding(facts: ClaimFacts, mue: MueFact, lines: list[ClaimLine], day: date) -> Finding:
    units = sum(line.units for line in lines)
    code = lines[0].code
    if mue.adjudication_indicator == 1:
        message = f"{code} is reported with {units} units on line {lines[0].id}, over its claim-line MUE of {mue.value}."
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
    return _finding(
        "MUE_EXCEEDED",
        "ERROR",
        lines,
        f"{message[:-1]} (MUE rationale: {mue.rationale})." if mue.rationale else message,
        remedy=remedy,
        release=_release(facts, mue.release),
    )


def _units(n: int) -> str:
    return f"{n} unit" if n == 1 else f"{n} units"


def _fee_schedule_modifiers(claim: Claim, facts: ClaimFacts) -> Iterable[Finding]:
    """PFS RVU indicators: modifiers 50, 80/81/82/AS, 62, 66, 26 and TC only where the code's indicator allows."""
    for line in claim.lines:
        known = _facts(facts, line)
        if known is None or not known.pfs:
            continue
        for modifier in line.modifiers:
            rule = policy.FEE_SCHEDULE_MODIFIERS.get(modifier)
            value = known.pfs.get(rule[0]) if rule else None
            if rule is None or value is None or value in rule[1]:
                continue
            yield _finding(
                "MODIFIER_NOT_VALID",
                "WARNING",
                [line],
                f"Modifier {modifier} does not apply to {line.code}: its fee-schedule {rule[0]} indicator is {value}"
                f" ({policy.indicator_meaning(rule[0], value)}).",
                remedy=f"Remove modifier {modifier} from line {line.id}.",
                release=_release(facts, known.pfs_release),
            )
