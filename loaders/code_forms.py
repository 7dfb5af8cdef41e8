"""Code forms: which system a code number belongs to, its stored key and its printed form."""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache

OPEN_END = date(9999, 12, 31)

_CPT = re.compile(r"^\d{4}[0-9AFMTU]$")
_HCPCS = re.compile(r"^[A-V]\d{4}$")


def stored_form(raw: str) -> str:
    """`e11.65 ` -> `E1165`: the key the graph stores (the API normalizes what users type the same way)."""
    return raw.strip().replace(".", "").upper()


@lru_cache(maxsize=65536)
def procedure_system(code: str) -> str | None:
    """CPT (five characters starting with a digit) or HCPCS Level II (a letter and four digits)."""
    if _CPT.match(code):
        return "CPT"
    if _HCPCS.match(code):
        return "HCPCS"
    return None


def procedure_ref(code: str) -> tuple[str, str]:
    """(system, code) of a CPT or HCPCS code named by an edit file."""
    return procedure_system(code) or "", code


def display_form(system: str, code: str) -> str:
    """The code-book form: E1165 -> E11.65 (ICD-10-CM), 25000 -> 250.00, E8889 -> E888.9, 4701 -> 47.01."""
    if system == "ICD10CM" and len(code) > 3:
        return f"{code[:3]}.{code[3:]}"
    if system == "ICD9CM":
        head = 4 if code.startswith("E") else 3
        return f"{code[:head]}.{code[head:]}" if len(code) > head else code
    if system == "ICD9PROC" and len(code) > 2:
        return f"{code[:2]}.{code[2:]}"
    return code


@lru_cache(maxsize=65536)
def compact_date(raw: str) -> date | None:
    """YYYYMMDD -> date; None when it is no such date. Cached: edit files repeat a few hundred dates."""
    if len(raw) != 8 or not raw.isdigit():
        return None
    try:
        return date(int(raw[:4]), int(raw[4:6]), int(raw[6:]))
    except ValueError:
        return None


@lru_cache(maxsize=65536)
def validity(effective: date, deletion: date | None, never: bool = False) -> tuple[date, date]:
    """[validFrom, validTo], inclusive. Deleted on the day it took effect means never in effect."""
    if never or (deletion is not None and deletion == effective):
        return effective, effective - timedelta(days=1)
    return effective, deletion or OPEN_END


@lru_cache(maxsize=65536)
def iso(day: date) -> str:
    return day.isoformat()
