"""Shaping GraphQL answers into tool answers: edits in words, crosswalk hops and relation steps, with citations."""

from __future__ import annotations

from typing import Any

from mcp.server.mcpserver.exceptions import ToolError

from graph_api.mcp.citations import Citations
from graph_api.mcp.models import Crosswalk, PtpEdit, RelationPath, RelationStep


def ptp_bypass(modifiers: list[dict[str, Any]]) -> list[str]:
    return [m["code"] for m in modifiers if m["indicator"].startswith("NCCI PTP")]


def edit(node: dict[str, Any], bypass: list[str], cite: Citations) -> PtpEdit:
    one, two, indicator = node["column1"], node["column2"], node["modifierIndicator"]
    cite.label(node["release"], f"PTP edit {one}/{two} ({node['setting'].lower()})")
    if node["deletionDate"] == node["effectiveDate"]:
        payable = f"The edit {one}/{two} was never in effect (deleted on its effective date)."
    elif indicator == 1:
        named = ", ".join(bypass) or "an NCCI-associated modifier"
        payable = (
            f"{two} is not paid with {one} unless a modifier ({named}) shows a distinct service that the"
            " documentation supports; then both are payable."
        )
    elif indicator == 0:
        payable = f"{two} is not paid with {one}; no modifier makes it payable."
    else:
        payable = f"Modifier indicator {indicator}: the edit does not apply."
    return PtpEdit.model_validate(
        {
            **node,
            "modifierAllowed": indicator == 1,
            "bypassModifiers": bypass if indicator == 1 else [],
            "payable": payable,
        }
    )


def crosswalk(entry: dict[str, Any], cite: Citations) -> Crosswalk:
    for hop in entry["hops"]:
        cite.label(hop["release"], f"GEM {hop['fromSystem']} {hop['fromCode']} -> {hop['system']} {hop['code']}")
    if not entry["hops"]:
        cite.label(entry["release"], f"GEM entry: {entry['code'] or 'no map'}")
    return Crosswalk.model_validate(entry)


def relation_path(path: dict[str, Any], cite: Citations) -> RelationPath:
    steps = []
    for step in path["steps"]:
        cite.release(step["release"], step["summary"], step["line"])
        label = step["release"]["label"] if step["release"] else None
        steps.append(RelationStep.model_validate({**step, "release": label}))
    words = "; then ".join(s.summary for s in steps)
    return RelationPath(length=path["length"], in_words=words, steps=steps)


def known(found: dict[str, Any] | None, system: str, code: str, day: str) -> dict[str, Any]:
    if found is None:
        raise ToolError(f"NOT_FOUND: {system} has no code {code} on {day}")
    return found
