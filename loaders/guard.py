"""One clear LoadError for any file a parser cannot read, and none for a file with no records at all.

Parsers raise LoadError themselves for what they check (a field, a line); this guard turns what the
libraries under them raise on bytes that are not the expected format (undecodable text, a broken zip
or workbook, malformed XML or CSV) into the same one-line error naming the file. An empty file is an
error too: loaded as a release, it would close every code of the previous one.
"""

from __future__ import annotations

import csv
import functools
import xml.parsers.expat
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Concatenate, ParamSpec, TypeVar
from xml.etree.ElementTree import ParseError

from openpyxl.utils.exceptions import InvalidFileException

from loaders.errors import LoadError

P = ParamSpec("P")
T = TypeVar("T")

_UNREADABLE = (
    zipfile.BadZipFile,
    InvalidFileException,
    ParseError,
    xml.parsers.expat.ExpatError,
    csv.Error,
    EOFError,
    ValueError,
    IndexError,
    KeyError,
)


def file_records(
    what: str,
) -> Callable[[Callable[Concatenate[Path, P], Iterator[T]]], Callable[Concatenate[Path, P], Iterator[T]]]:
    def wrap(parse: Callable[Concatenate[Path, P], Iterator[T]]) -> Callable[Concatenate[Path, P], Iterator[T]]:
        @functools.wraps(parse)
        def guarded(path: Path, /, *args: P.args, **kwargs: P.kwargs) -> Iterator[T]:
            count = 0
            try:
                for item in parse(path, *args, **kwargs):
                    count += 1
                    yield item
            except LoadError:
                raise
            except UnicodeDecodeError as exc:
                got = f"byte {exc.object[exc.start]:#04x} at offset {exc.start}, which is not text"
                raise LoadError(path, None, None, what, got) from None
            except _UNREADABLE as exc:
                detail = str(exc).splitlines()[0] if str(exc) else ""
                raise LoadError(path, None, None, what, f"{type(exc).__name__}: {detail}".rstrip(": ")) from None
            if count == 0:
                raise LoadError(path, None, None, f"{what} with at least one record", "none")

        return guarded

    return wrap
