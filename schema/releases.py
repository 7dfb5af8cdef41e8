"""Provenance: the release a fact came from."""

from __future__ import annotations

import strawberry

from schema.records import ReleaseRecord


@strawberry.type(description="One load of one source file set (an official release, or the sample graph).")
class Release:
    release: strawberry.Private[ReleaseRecord]

    @strawberry.field
    def id(self) -> str:
        return self.release.id

    @strawberry.field(description="ncci_aoc, ncci_ptp/practitioner, hcpcs, icd10cm, gem/icd10cm-icd9cm, sample, ...")
    def source(self) -> str:
        return self.release.source

    @strawberry.field
    def label(self) -> str:
        return self.release.label

    @strawberry.field
    def loaded_at(self) -> str | None:
        return self.release.loaded_at

    @strawberry.field(description="current, superseded or staging")
    def status(self) -> str | None:
        return self.release.status

    @strawberry.field
    def rows(self) -> int | None:
        return self.release.rows

    @strawberry.field
    def files(self) -> list[str]:
        return list(self.release.files)
