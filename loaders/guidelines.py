"""Guidelines: short texts linked to codes and code ranges, from a YAML file (docs/guidelines-format.md)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from loaders.code_forms import stored_form
from loaders.errors import LoadError
from loaders.guard import file_records
from loaders.sink import Sink

SAMPLE_GUIDELINES = Path(str(resources.files(__package__) / "sample_data" / "guidelines.yaml"))
SYSTEMS = {"CPT", "HCPCS", "ICD10CM", "ICD10PCS", "ICD9CM", "ICD9PROC"}


@dataclass(frozen=True, slots=True)
class Guideline:
    id: str
    title: str
    body: str
    source: str
    url: str | None
    codes: list[tuple[str, str]] = field(default_factory=list)
    ranges: list[tuple[str, str, str]] = field(default_factory=list)


def _system(path: Path, where: str, value: Any) -> str:
    if value not in SYSTEMS:
        raise LoadError(path, None, where, f"one of {', '.join(sorted(SYSTEMS))}", value)
    return str(value)


@file_records("a guidelines YAML file")
def parse_guidelines(path: Path) -> Iterator[Guideline]:
    try:
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise LoadError(path, mark.line + 1 if mark else None, None, "valid YAML", str(exc).splitlines()[0]) from exc
    if not isinstance(doc, dict) or not isinstance(doc.get("guidelines"), list):
        raise LoadError(path, None, "guidelines", "a list of guidelines")
    for index, item in enumerate(doc["guidelines"], start=1):
        where = f"guidelines[{index}]"
        for required in ("id", "title", "body"):
            if not isinstance(item, dict) or not item.get(required):
                raise LoadError(path, None, f"{where}.{required}", "a value")
        codes = [
            (_system(path, f"{where}.codes.system", c.get("system")), stored_form(str(c.get("code", ""))))
            for c in item.get("codes") or []
        ]
        ranges = [
            (
                _system(path, f"{where}.ranges.system", r.get("system")),
                stored_form(str(r["from"])),
                stored_form(str(r["to"])),
            )
            for r in item.get("ranges") or []
        ]
        if not codes and not ranges:
            raise LoadError(path, None, where, "codes or ranges it applies to")
        yield Guideline(
            str(item["id"]),
            str(item["title"]),
            str(item["body"]).strip(),
            str(item.get("source") or doc.get("source") or path.name),
            item.get("url"),
            codes,
            ranges,
        )


async def write_guidelines(batcher: Sink, guidelines: Iterator[Guideline]) -> None:
    for g in guidelines:
        await batcher.add("merge_guidelines", {
            "id": g.id, "title": g.title, "body": g.body, "source": g.source, "url": g.url,
            "codes": [{"system": s, "code": c} for s, c in g.codes],
            "ranges": [{"system": s, "from": f, "to": t} for s, f, t in g.ranges],
        })  # fmt: skip
        batcher.count_source_row()
