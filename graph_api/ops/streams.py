"""The bodies of `graph-api diff` and `graph-api export`: rows to stdout as they come, with a progress bar."""

from __future__ import annotations

import argparse
import sys
from collections.abc import AsyncIterator
from contextlib import aclosing
from typing import Any

from graph_api.ingest.progress import Progress
from graph_api.ops.exports import Formatter, columns_for, diff_rows, export_rows
from graph_api.store.graph import Graph


async def _write(rows: AsyncIterator[dict[str, Any]], formatter: Formatter, what: str) -> int:
    out = sys.stdout
    out.write(formatter.header())
    written = 0
    with Progress(what) as bar:
        async with aclosing(rows):  # type: ignore[type-var]
            async for row in rows:
                out.write(formatter.row(row))
                written += 1
                if written % 1000 == 0:
                    bar.advance(1000)
        bar.advance(written % 1000)
    out.flush()
    return written


async def diff(graph: Graph, args: argparse.Namespace) -> int:
    formatter = Formatter(columns_for(args.source, diff=True), args.format)
    rows = diff_rows(graph, args.source, args.from_release, args.to_release)
    return await _write(rows, formatter, f"diff {args.source}")


async def export(graph: Graph, args: argparse.Namespace) -> int:
    formatter = Formatter(columns_for(args.source, diff=False), args.format)
    return await _write(export_rows(graph, args.source, args.release), formatter, f"export {args.source}")
