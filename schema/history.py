"""A code's history (what each release stated of it, as events) and changes between two releases."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum

import strawberry
from strawberry.scalars import JSON

from schema.history_records import VERSION_FIELDS, CodeVersionRecord
from schema.paging import decode_cursor, encode_cursor
from schema.releases import Release


@strawberry.enum(description="How a code changed from one release to another.")
class ChangeKind(Enum):
    ADDED = "ADDED"
    TERMINATED = "TERMINATED"
    REVISED = "REVISED"
    REINSTATED = "REINSTATED"


@strawberry.type(description="One field of a code before and after a release revised it.")
class FieldChange:
    field: str
    before: JSON | None
    after: JSON | None


@strawberry.type(description="One change in a code's history: which release made it and when it took effect.")
class CodeEvent:
    change: ChangeKind
    release: Release
    effective_date: date = strawberry.field(
        description="ADDED: the code's added date (else the release's); TERMINATED: the code's last day;"
        " REVISED, REINSTATED: the date the release took effect"
    )
    fields: list[FieldChange] = strawberry.field(description="REVISED: the fields that differ, before and after")


def _event(change: ChangeKind, release: Release, day: date, fields: list[FieldChange]) -> CodeEvent:
    return CodeEvent(change=change, release=release, effective_date=day, fields=fields)


def _json(value: object) -> JSON:
    return value.isoformat() if isinstance(value, date) else value  # type: ignore[return-value]


def changed_fields(before: dict[str, object], after: dict[str, object]) -> list[str]:
    return [f for f in VERSION_FIELDS if before.get(f) != after.get(f)]


def official(versions: list[CodeVersionRecord]) -> list[CodeVersionRecord]:
    """The versions of official releases; the sample graph's only when no official file stated the code."""
    found = [v for v in versions if v.release.source != "sample"]
    return found or versions


def events_of(versions: list[CodeVersionRecord]) -> list[CodeEvent]:
    """Events, oldest first, from the versions each release stated (in the order the releases took effect)."""
    events: list[CodeEvent] = []
    before: CodeVersionRecord | None = None
    for now in official(versions):
        release = Release(release=now.release)
        ended = now.values.get("terminationDate")
        ended_on = ended if isinstance(ended, date) else now.effective
        if before is None:
            added = now.values.get("addedDate")
            events.append(_event(ChangeKind.ADDED, release, added if isinstance(added, date) else now.effective, []))
            if ended is not None:
                events.append(_event(ChangeKind.TERMINATED, release, ended_on, []))
            before = now
            continue
        was_active = before.values.get("terminationDate") is None
        fields = [] if now.closed or before.closed else changed_fields(before.values, now.values)
        if fields:
            changes = [
                FieldChange(field=f, before=_json(before.values.get(f)), after=_json(now.values.get(f))) for f in fields
            ]
            events.append(_event(ChangeKind.REVISED, release, now.effective, changes))
        if was_active and ended is not None:
            events.append(_event(ChangeKind.TERMINATED, release, ended_on, []))
        elif not was_active and ended is None:
            events.append(_event(ChangeKind.REINSTATED, release, now.effective, []))
        before = now
    return events


def version_on(versions: list[CodeVersionRecord], day: date) -> CodeVersionRecord | None:
    """The version in effect on a day: the last one whose release took effect on or before it."""
    found = [v for v in official(versions) if v.effective <= day and not v.closed]
    return found[-1] if found else None


def state(values: dict[str, object] | None) -> JSON | None:
    found = None if values is None else {k: _json(v) for k, v in values.items() if v is not None}
    return found  # type: ignore[return-value]


@dataclass(frozen=True, slots=True)
class DiffCursor:
    code: str
    system: str
    change: str

    def encode(self) -> str:
        return encode_cursor("diff", self.code, self.system, self.change)

    @classmethod
    def decode(cls, raw: str | None) -> DiffCursor:
        if raw is None:
            return cls("", "", "")
        code, system, change = decode_cursor("diff", raw, 3)
        return cls(str(code), str(system), str(change))
