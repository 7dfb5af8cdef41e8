"""The policy the rules apply, with where it is written.

NCCI Policy Manual for Medicare Services (2026), Chapter I, General Correct Coding Policies:
  E. Modifiers and Modifier Indicators (I-14 to I-20): the NCCI PTP-associated modifiers and what the
     Correct Coding Modifier Indicator (CCMI) 0, 1 and 9 of a PTP edit mean;
  R. Add-on Codes (I-26, I-27);
  V. Medically Unlikely Edits (I-28, I-29): claim line (MAI 1) and date of service (MAI 2, 3) MUEs.
Fee-schedule modifiers: the indicator columns of the PFS Relative Value File (PPRRVU) and their meanings
in its record layout (BILAT SURG, ASST SURG, CO-SURG, TEAM SURG, PCTC IND).
"""

from __future__ import annotations

MANUAL = "NCCI Policy Manual for Medicare Services, Chapter I"
SECTION_MODIFIERS = f"{MANUAL}, section E (Modifiers and Modifier Indicators)"
SECTION_ADD_ON = f"{MANUAL}, section R (Add-on Codes)"
SECTION_MUE = f"{MANUAL}, section V (Medically Unlikely Edits)"

# Chapter I, section E: "Modifiers that may be used under appropriate clinical circumstances to bypass an NCCI
# PTP edit include: Anatomic modifiers: E1-E4, FA, F1-F9, TA, T1-T9, LT, RT, LC, LD, RC, LM, RI; Global surgery
# modifiers: 24, 25, 57, 58, 78, 79; Other modifiers: 27, 59, 91, XE, XS, XP, XU." Modifiers 22, 76 and 77 are
# named there as NOT bypassing a PTP edit.
ANATOMIC = (
    *("E1", "E2", "E3", "E4"),
    *("FA", "F1", "F2", "F3", "F4", "F5", "F6", "F7", "F8", "F9"),
    *("TA", "T1", "T2", "T3", "T4", "T5", "T6", "T7", "T8", "T9"),
    *("LT", "RT", "LC", "LD", "RC", "LM", "RI"),
)
GLOBAL_SURGERY = ("24", "25", "57", "58", "78", "79")
OTHER = ("27", "59", "91", "XE", "XS", "XP", "XU")
PTP_ASSOCIATED = frozenset(ANATOMIC + GLOBAL_SURGERY + OTHER)

# Section E, d and e: XE, XS, XP, XU are more specific than 59 and "may be used in lieu of modifier 59 whenever
# possible"; modifier 25 is the one for a significant, separately identifiable E&M service (59 "should not be
# appended to an E/M service").
DISTINCT_SERVICE = "XE, XS, XP or XU (or 59)"
E_AND_M = "25 (or 57 for the decision for surgery)"


def is_e_and_m(code: str) -> bool:
    """CPT Evaluation and Management codes 99202-99499."""
    return code.isdigit() and 99202 <= int(code) <= 99499


# PFS RVU file indicators -> for each fee-schedule modifier: the column that governs it, the values under which it
# may be reported, and what each value means (the file's record layout).
_MEANINGS = {
    "BILAT SURG": {
        "0": "the 150% bilateral adjustment does not apply",
        "1": "the 150% bilateral adjustment applies",
        "2": "the code already describes a bilateral procedure",
        "3": "each side is paid in full",
        "9": "the bilateral concept does not apply",
    },
    "ASST SURG": {
        "0": "an assistant is paid only with documentation of medical necessity",
        "1": "an assistant at surgery may not be paid (statutory restriction)",
        "2": "an assistant at surgery may be paid",
        "9": "the assistant-at-surgery concept does not apply",
    },
    "CO-SURG": {
        "0": "co-surgeons are not permitted",
        "1": "co-surgeons are paid with supporting documentation",
        "2": "co-surgeons are permitted",
        "9": "the co-surgeon concept does not apply",
    },
    "TEAM SURG": {
        "0": "team surgeons are not permitted",
        "1": "team surgeons are paid with supporting documentation",
        "2": "team surgeons are permitted",
        "9": "the team-surgery concept does not apply",
    },
    "PCTC IND": {
        "0": "a physician service with no professional/technical split",
        "1": "a diagnostic test with professional and technical components",
        "2": "a professional-component-only code",
        "3": "a technical-component-only code",
        "4": "a global-test-only code",
        "5": "an incident-to service",
        "6": "a laboratory physician interpretation code",
        "7": "a physical therapy service",
        "8": "a physician interpretation code",
        "9": "the professional/technical concept does not apply",
    },
}

FEE_SCHEDULE_MODIFIERS: dict[str, tuple[str, frozenset[str]]] = {
    "50": ("BILAT SURG", frozenset({"1", "3"})),
    "80": ("ASST SURG", frozenset({"0", "2"})),
    "81": ("ASST SURG", frozenset({"0", "2"})),
    "82": ("ASST SURG", frozenset({"0", "2"})),
    "AS": ("ASST SURG", frozenset({"0", "2"})),
    "62": ("CO-SURG", frozenset({"1", "2"})),
    "66": ("TEAM SURG", frozenset({"1", "2"})),
    "26": ("PCTC IND", frozenset({"1", "6", "8"})),
    "TC": ("PCTC IND", frozenset({"1"})),
}
PFS_COLUMNS = tuple(_MEANINGS)


def indicator_meaning(column: str, value: str) -> str:
    return _MEANINGS.get(column, {}).get(value, f"indicator {value}")
