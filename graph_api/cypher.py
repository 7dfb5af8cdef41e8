"""Every Cypher statement lives in cypher/<verb>_<noun>.cypher; this module loads them once, by name."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import LiteralString, cast

_HEADER = re.compile(r"^//\s*(params|index|purpose):\s*(.*)$")
_PARAM = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")


@dataclass(frozen=True, slots=True)
class Statement:
    name: str
    text: LiteralString
    params: frozenset[str]
    index: str


def _parse(path: Path) -> Statement:
    text = path.read_text(encoding="utf-8")
    header: dict[str, str] = {}
    for line in text.splitlines():
        if not line.startswith("//"):
            break
        match = _HEADER.match(line)
        if match:
            header[match.group(1)] = match.group(2).strip()
    declared = frozenset(p.strip().lstrip("$") for p in header.get("params", "").split(",") if p.strip())
    if declared == {"none"}:
        declared = frozenset()
    # The files are the project's own source, shipped beside the code: as trusted as a literal.
    trusted = cast("LiteralString", text)  # type: ignore[redundant-cast]  # mypy reads LiteralString as str
    return Statement(path.stem, trusted, declared, header.get("index", ""))


def used_params(text: str) -> frozenset[str]:
    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("//"))
    return frozenset(_PARAM.findall(body))


class CypherLibrary(Mapping[str, Statement]):
    def __init__(self, directory: Path) -> None:
        self._statements = {p.stem: _parse(p) for p in sorted(directory.glob("*.cypher"))}
        if not self._statements:
            raise FileNotFoundError(f"no .cypher files in {directory}")

    def __getitem__(self, name: str) -> Statement:
        return self._statements[name]

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self._statements)

    def __len__(self) -> int:
        return len(self._statements)

    def text(self, name: str) -> LiteralString:
        return self._statements[name].text
