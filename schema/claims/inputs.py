"""A claim as a caller sends it becomes a checked Claim, or an error naming the claim, line and field."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from schema.claims.model import Claim, ClaimLine
from schema.normalize import normalize_code

MAX_LINES = 1000
MAX_UNITS = 9999
SETTINGS = ("practitioner", "hospital", "dme")
SYSTEMS = ("CPT", "HCPCS", "ICD10CM", "ICD10PCS", "ICD9CM", "ICD9PROC")
_CPT = re.compile(r"^(\d{5}|\d{4}[A-Z])$")
_HCPCS = re.compile(r"^[A-Z]\d{4}$")
_MODIFIER = re.compile(r"^[A-Z0-9]{2}$")


class ClaimInputError(ValueError):
    """Bad input: which claim (0-based), which line (its id) and which field."""

    def __init__(
        self, message: str, claim: int | None, line: str | None, field: str, position: int | None = None
    ) -> None:
        where = [f"claim {claim + 1}" if claim is not None else None, f"line {line}" if line is not None else None]
        prefix = ", ".join(w for w in where if w)
        super().__init__(f"{prefix}: {message}" if prefix else message)
        self.claim = claim
        self.line = line
        self.field = field
        self.position = position  # the line's place on the claim (0-based), when a line is at fault


@dataclass(frozen=True, slots=True)
class RawLine:
    id: str | None
    code: str
    system: str | None = None
    modifiers: Sequence[str] = ()
    units: int = 1
    date_of_service: date | None = None


@dataclass(frozen=True, slots=True)
class RawClaim:
    date_of_service: date
    lines: Sequence[RawLine]
    setting: str = "practitioner"
    claim_id: str | None = None


def infer_system(code: str) -> str | None:
    """Five digits or four digits and a letter: CPT; a letter and four digits: HCPCS."""
    if _CPT.match(code):
        return "CPT"
    if _HCPCS.match(code):
        return "HCPCS"
    return None


def checked(raw: RawClaim, index: int | None = None) -> Claim:
    if not raw.lines:
        raise ClaimInputError("a claim needs at least one line", index, None, "lines")
    if len(raw.lines) > MAX_LINES:
        raise ClaimInputError(f"at most {MAX_LINES} lines per claim, got {len(raw.lines)}", index, None, "lines")
    if raw.setting not in SETTINGS:
        raise ClaimInputError(
            f"setting must be one of {', '.join(SETTINGS)}, got {raw.setting!r}", index, None, "setting"
        )
    lines = []
    seen: set[str] = set()
    for position, line in enumerate(raw.lines):
        line_id = line.id if line.id is not None else str(position + 1)
        if line_id in seen:
            raise ClaimInputError(f"line id {line_id!r} is used twice", index, line_id, "id", position)
        seen.add(line_id)
        lines.append(_line(line, line_id, position, raw.date_of_service, index))
    return Claim(raw.claim_id, raw.date_of_service, raw.setting, tuple(lines))


def _line(line: RawLine, line_id: str, position: int, day: date, index: int | None) -> ClaimLine:
    def fail(message: str, field: str) -> ClaimInputError:
        return ClaimInputError(message, index, line_id, field, position)

    code = normalize_code(line.code)
    if not code or not code.isalnum():
        raise fail(f"code must be letters and digits, got {line.code!r}", "code")
    system = line.system or infer_system(code)
    if system is None:
        raise fail(f"cannot tell the code set of {line.code!r} from its shape; give system", "system")
    if system not in SYSTEMS:
        raise fail(f"system must be one of {', '.join(SYSTEMS)}, got {system!r}", "system")
    if not 1 <= line.units <= MAX_UNITS:
        raise fail(f"units must be between 1 and {MAX_UNITS}, got {line.units}", "units")
    modifiers = tuple(m.strip().upper() for m in line.modifiers if m.strip())
    for modifier in modifiers:
        if not _MODIFIER.match(modifier):
            raise fail(f"a modifier is 2 letters or digits, got {modifier!r}", "modifiers")
    return ClaimLine(line_id, position, system, code, modifiers, line.units, line.date_of_service or day)
