"""The PTP rule (Chapter I, section E): column 2 is denied with column 1 unless the edit's Correct Coding Modifier
Indicator is 1 and the column-2 line carries an NCCI PTP-associated modifier; indicator 0: no modifier helps;
9: not applicable (deleted the day it took effect)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from schema.claims import policy
from schema.claims.findings import Code, by_day, finding, in_effect, is_sample, release_of
from schema.claims.model import Claim, ClaimFacts, ClaimLine, Finding, PtpFact
from schema.records import CodeKey, RelationStepRecord, ReleaseRecord

PTP_SETTINGS = ("practitioner", "hospital")


def ptp_findings(claim: Claim, facts: ClaimFacts) -> Iterable[Finding]:
    """Chapter I, section E: column 2 is denied with column 1 unless the edit's indicator (1) lets an NCCI
    PTP-associated modifier bypass it; indicator 0: no modifier does; 9: not applicable."""
    if claim.setting not in PTP_SETTINGS:
        return
    for day, lines in sorted(by_day(claim.lines).items()):
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
    for edit in (e for code in at for e in facts.ptp.get(code, ())):
        one, two = (edit.column1_system, edit.column1), (edit.column2_system, edit.column2)
        if edit.setting != setting or one not in at or two not in at or edit.modifier_indicator == 9:
            continue
        if not in_effect(edit.valid_from, edit.valid_to, day):
            continue
        rank = (edit.modifier_indicator, is_sample(facts, edit.release), edit.effective_date)
        kept = best.get((one, two))
        if kept is None or rank < (kept.modifier_indicator, is_sample(facts, kept.release), kept.effective_date):
            best[(one, two)] = edit
    return [best[k] for k in sorted(best)]


def _ptp_finding(facts: ClaimFacts, edit: PtpFact, first: ClaimLine, second: ClaimLine) -> Finding:
    release = release_of(facts, edit.release)
    path = (_ptp_step(edit, release),)
    pair = f"{edit.column1} (column 1) and {edit.column2} (column 2)"
    since = f"NCCI PTP edit in effect since {edit.effective_date}"
    if edit.modifier_indicator == 0:
        return finding(
            "PTP_NOT_ALLOWED",
            "ERROR",
            [first, second],
            f"{pair} may not be reported together on {second.date_of_service}, with or without a modifier ({since};"
            f" {edit.rationale}).",
            remedy=f"Remove line {second.id} ({edit.column2}): column 1 {edit.column1} is the payable code.",
            release=release,
            path=path,
        )
    bypass = [m for m in second.modifiers if m in policy.PTP_ASSOCIATED]
    if bypass:
        return finding(
            "PTP_MODIFIER_BYPASS",
            "INFO",
            [first, second],
            f"{pair} are bundled ({since}), and modifier {bypass[0]} on line {second.id} bypasses the edit when the"
            " medical record documents a distinct service.",
            release=release,
            path=path,
        )
    which = policy.E_AND_M if policy.is_e_and_m(edit.column2) else policy.DISTINCT_SERVICE
    return finding(
        "PTP_MODIFIER_REQUIRED",
        "ERROR",
        [first, second],
        f"{pair} are bundled on {second.date_of_service} ({since}; {edit.rationale}): column 2 is denied without an"
        " NCCI PTP-associated modifier.",
        remedy=f"If the services were distinct (separate encounter, structure, practitioner or non-overlapping), append"
        f" {which} to line {second.id}, or the anatomic modifier (LT/RT, E1-E4, FA-F9, TA-T9, LC/LD/LM/RC/RI) that"
        " shows a different site; otherwise remove it.",
        release=release,
        path=path,
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
