"""Every Cypher statement lives in cypher/<verb>_<noun>.cypher; this module loads them once, by name."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable
from typing import LiteralString, cast

_HEADER = re.compile(r"^//\s*(params|index|purpose):\s*(.*)$")
_PARAM = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")


@dataclass(frozen=True, slots=True)
class Statement:
    name: str
    text: LiteralString
    params: frozenset[str]
    index: str


def _parse(path: Traversable) -> Statement:
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
    return Statement(path.name.removesuffix(".cypher"), trusted, declared, header.get("index", ""))


def used_params(text: str) -> frozenset[str]:
    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("//"))
    return frozenset(_PARAM.findall(body))


class CypherLibrary(Mapping[str, Statement]):
    """The statements of the `cypher` package (or of another folder, for tests of the library itself)."""

    def __init__(self, directory: Traversable | None = None) -> None:
        folder = directory or resources.files("cypher")
        files = sorted((p for p in folder.iterdir() if p.name.endswith(".cypher")), key=lambda p: p.name)
        self._statements = {s.name: s for s in map(_parse, files)}
        if not self._statements:
            raise FileNotFoundError(f"no .cypher files in {folder}")

    def __getitem__(self, name: str) -> Statement:
        return self._statements[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._statements)

    def __len__(self) -> int:
        return len(self._statements)

    def text(self, name: str) -> LiteralString:
        return self._statements[name].text
