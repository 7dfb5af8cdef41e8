"""The date a release takes effect, read from its file names (HCPC2018_JAN..., ...-addenda-2023, ...): what
history events and `descriptions(asOf:)` date a release's statements by. Unknown: None (the load date is used)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

_YEAR = re.compile(r"(?<!\d)(19[89]\d|20\d\d)(?!\d)")
_YY = re.compile(r"(?<![A-Za-z0-9])(?:HCPC|HCPCS)(\d\d)(?!\d)", re.IGNORECASE)
_MONTHS = {"jan": 1, "apr": 4, "jul": 7, "oct": 10}
_MONTH = re.compile(r"(?<![a-z])(jan|apr|jul|oct)[a-z]*(?![a-z])", re.IGNORECASE)


def effective_date(source: str, names: Sequence[str]) -> date | None:
    """Month named: its first day. ICD-10 code sets and addenda name a fiscal year (FY2023 starts 2022-10-01);
    other sources name a calendar year (its January 1st)."""
    for name in names:
        found = _YEAR.search(name)
        year = int(found.group(1)) if found else None
        if year is None and (short := _YY.search(name)):
            year = 2000 + int(short.group(1))
        if year is None:
            continue
        month = _MONTH.search(name.replace("_", " ").replace("-", " "))
        if month:
            return date(year, _MONTHS[month.group(1).lower()], 1)
        if source.startswith(("icd10cm", "icd10pcs", "gem/")):
            return date(year - 1, 10, 1)
        return date(year, 1, 1)
    return None
