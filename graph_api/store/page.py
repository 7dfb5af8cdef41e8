"""A code page in one statement (cypher/get_code_page.cypher): its parameters and the answers of its parts.

Each part decodes exactly as the read it stands for (graph_api/store/reads.py), so the DataLoader primed with
it hands out what that read would have answered.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from graph_api.store.decode import code_record, crosswalk_record, distinct, link_record, mue_record, ptp_record
from schema import reads
from schema.records import CrosswalkKey, DatedKey, PageAnswer, PageKey, PtpKey, PtpPage


def page_params(key: PageKey) -> dict[str, Any]:
    params: dict[str, Any] = {
        "system": key.code.system,
        "code": key.code.code,
        "asOf": key.code.as_of,
        "anyStatus": key.code.any_status,
        "primaries": None,
        "addOns": None,
        "ptp": None,
        "mues": False,
        "crosswalkTarget": None,
        "releases": key.releases,
    }
    for name, part in key.parts:
        if name == reads.PRIMARY_CODES.name and isinstance(part, DatedKey):
            params["primaries"] = part.as_of
        elif name == reads.ADD_ON_CODES.name and isinstance(part, DatedKey):
            params["addOns"] = part.as_of
        elif name == reads.PTP_EDITS.name and isinstance(part, PtpKey):
            params["ptp"] = {
                "setting": part.setting,
                "role": part.role,
                "asOf": part.as_of,
                "first": part.first,
                "after": list(part.after) if part.after else None,
            }
        elif name == reads.MUES.name:
            params["mues"] = True
        elif name == reads.CROSSWALKS.name and isinstance(part, CrosswalkKey):
            params["crosswalkTarget"] = part.target
        else:
            raise ValueError(f"a code page cannot answer {name}")
    return params


def page_answer(key: PageKey, row: Mapping[str, Any] | None) -> PageAnswer:
    record = code_record(row["code"]) if row else None
    if row is None or record is None:
        return PageAnswer(None)
    return PageAnswer(record, tuple((name, part, _part(name, row)) for name, part in key.parts))


def _part(name: str, row: Mapping[str, Any]) -> object:
    if name == reads.PRIMARY_CODES.name:
        return distinct([link_record(link) for link in row["primaries"] or []])
    if name == reads.ADD_ON_CODES.name:
        return distinct([link_record(link) for link in row["addOns"] or []])
    if name == reads.PTP_EDITS.name:
        page = row["ptp"]
        return PtpPage(page["total"], tuple(ptp_record(e) for e in page["edits"])) if page else PtpPage(0, ())
    if name == reads.MUES.name:
        return [mue_record(m) for m in row["mues"] or []]
    return [crosswalk_record(e) for e in row["crosswalks"] or []]
