"""A load error names the file, the line, the field and what was expected."""

from __future__ import annotations

from pathlib import Path


class LoadError(Exception):
    def __init__(
        self, path: Path | str, line: int | None, field: str | None, expected: str, got: object = None
    ) -> None:
        self.path = str(path)
        self.line = line
        self.field = field
        self.expected = expected
        self.got = got
        where = self.path if line is None else f"{self.path}, line {line}"
        what = f"field {field!r}: " if field else ""
        seen = "" if got is None else f", got {got!r}"
        super().__init__(f"{where}: {what}expected {expected}{seen}")
