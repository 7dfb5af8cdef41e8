"""Citations: the releases the GraphQL answer names, with the files, line and date of service."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from graph_api.mcp.models import Citation

Release = Mapping[str, Any]  # a GraphQL Release: id source label status files


class Citations:
    """Collects the releases behind one answer, each once per line, with what it supports."""

    def __init__(self, day: str, releases: Iterable[Release] = ()) -> None:
        self.day = day
        self._by_label: dict[str, Release] = {}
        # Facts name their release by label (add-on links, edits, crosswalks): the current release wins.
        for release in releases:
            known = self._by_label.get(release["label"])
            if known is None or (release.get("status") == "current" and known.get("status") != "current"):
                self._by_label[release["label"]] = release
        self._found: dict[tuple[str, str, int | None], Citation] = {}

    def release(self, release: Release | None, supports: str, line: int | None = None) -> None:
        if release is None:
            return
        key = (release["id"], release["label"], line)
        citation = self._found.get(key)
        if citation is None:
            citation = Citation(
                release_id=release["id"],
                label=release["label"],
                source=release["source"],
                files=list(release["files"]),
                line=line,
                date_of_service=self.day,
                supports=[],
            )
            self._found[key] = citation
        if supports not in citation.supports:
            citation.supports.append(supports)

    def label(self, label: str | None, supports: str) -> None:
        if label is None:
            return
        release = self._by_label.get(label) or {"id": "", "label": label, "source": "", "files": []}
        self.release(release, supports)

    def codes(self, code: Mapping[str, Any]) -> None:
        """The releases that state a code (its `releases` field)."""
        for release in code.get("releases") or ():
            self.release(release, f"{code['system']} {code['display']}")

    def all(self) -> list[Citation]:
        return list(self._found.values())
