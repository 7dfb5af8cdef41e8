"""Rows for the shared code-set writer (merge_code_set_codes): one shape for every code set."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from loaders.code_forms import display_form
from loaders.sink import Sink


@dataclass(frozen=True, slots=True)
class CodeEntry:
    system: str
    code: str
    short: str | None
    long: str | None
    billable: bool | None = None
    kind: str = "code"
    parent: str | None = None
    props: dict[str, Any] = field(default_factory=dict)
    display: str | None = None  # when the code-book form is not the code's (chapters, blocks)


async def write_code_entries(batcher: Sink, entries: Any) -> None:
    """Codes first, then (after a barrier, so every parent exists) the hierarchy."""
    parents: list[dict[str, str]] = []
    for entry in entries:
        await batcher.add(
            "merge_code_set_codes",
            {
                "system": entry.system,
                "code": entry.code,
                "display": entry.display or display_form(entry.system, entry.code),
                "short": entry.short,
                "long": entry.long,
                "billable": entry.billable,
                "kind": entry.kind,
                "props": entry.props,
            },
        )
        if entry.parent:
            parents.append({"system": entry.system, "code": entry.code, "parent": entry.parent})
        batcher.count_source_row()
    await batcher.flush()
    for row in parents:
        await batcher.add("merge_code_parents", row)
