"""A code's descriptions, each with the release that wrote it; and the code's status."""

from __future__ import annotations

from enum import Enum

import strawberry

from schema.history_records import CodeVersionRecord
from schema.records import CodeRecord
from schema.releases import Release

_KINDS = {
    "shortDescription": "SHORT",
    "mediumDescription": "MEDIUM",
    "longDescription": "LONG",
    "consumerDescription": "CONSUMER",
    "plainDescription": "PLAIN",
}


@strawberry.enum(description="What a description is for.")
class DescriptionKind(Enum):
    SHORT = "SHORT"
    MEDIUM = "MEDIUM"
    LONG = "LONG"
    CONSUMER = "CONSUMER"
    PLAIN = "PLAIN"


@strawberry.type(description="One description of a code and where it comes from.")
class Description:
    kind: DescriptionKind
    text: str
    release: Release | None = strawberry.field(
        description="The release that wrote it: an official file, a licensee's CPT file, or the sample graph"
    )


def descriptions_of(record: CodeRecord) -> list[Description]:
    by_id = {r.id: r for r in record.releases}
    texts = {
        "shortDescription": record.short_description,
        "longDescription": record.long_description,
        "plainDescription": record.plain_description,
        "mediumDescription": record.details.get("mediumDescription"),
        "consumerDescription": record.details.get("consumerDescription"),
    }
    found = []
    for name, kind in _KINDS.items():
        text = texts[name]
        if isinstance(text, str) and text:
            release = by_id.get(record.text_sources.get(name, ""))
            found.append(
                Description(
                    kind=DescriptionKind(kind), text=text, release=Release(release=release) if release else None
                )
            )
    return found


@strawberry.enum(description="Whether a code has an end date.")
class CodeStatus(Enum):
    ACTIVE = "ACTIVE"
    TERMINATED = "TERMINATED"


def status_of(record: CodeRecord) -> CodeStatus:
    """TERMINATED: the code has a last day (terminationDate); on asOf it is still in use, or it would be null."""
    return CodeStatus.TERMINATED if record.termination_date else CodeStatus.ACTIVE


def descriptions_on(version: CodeVersionRecord | None) -> list[Description]:
    """The short and long descriptions one release stated, with that release."""
    if version is None:
        return []
    release = Release(release=version.release)
    texts = (("shortDescription", DescriptionKind.SHORT), ("longDescription", DescriptionKind.LONG))
    return [
        Description(kind=kind, text=text, release=release)
        for name, kind in texts
        if isinstance(text := version.values.get(name), str) and text
    ]
