"""`graph-api validate FILE`: claims from CSV or NDJSON through the claim rules, in chunks, as a table, CSV or NDJSON.

Each chunk (about `chunk_lines` claim lines) costs the two fact reads of one validateClaims request."""

from __future__ import annotations

import csv
import json
import math
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from graph_api.ingest.progress import Progress
from graph_api.ops.claim_files import FileClaim, read_claims
from graph_api.store.claim_reader import read_claim_facts
from graph_api.store.graph import Graph
from graph_api.store.version import Versions
from loaders.errors import LoadError
from schema.claims.inputs import ClaimInputError, checked
from schema.claims.model import Claim, Report
from schema.claims.rules import facts_request, validate

FORMATS = ("table", "csv", "ndjson")
CHUNK_LINES = 5000
CSV_HEADER = ["claim_id", "clean", "severity", "rule", "line_ids", "codes", "message", "remedy", "release"]


@dataclass
class Summary:
    claims: int = 0
    lines: int = 0
    clean: int = 0
    rules: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0

    def text(self) -> str:
        rate = self.lines / self.seconds if self.seconds else 0.0
        found = ", ".join(f"{rule} {n}" for rule, n in sorted(self.rules.items())) or "no findings"
        return (
            f"{self.claims} claims, {self.lines} lines, {self.clean} clean; {found};"
            f" {self.seconds:.1f}s ({rate:,.0f} claim lines/s)"
        )


def _claim(path: Path, item: FileClaim) -> Claim:
    try:
        return checked(item.claim)
    except ClaimInputError as exc:
        row = item.line_rows[exc.position] if exc.position is not None else item.line
        raise LoadError(path, row, exc.field, str(exc).split(": ", 1)[-1]) from None


async def validate_file(
    graph: Graph, path: Path, fmt: str, out: TextIO, chunk_lines: int = CHUNK_LINES, progress: bool = True
) -> Summary:
    write = _writer(fmt, out)
    summary = Summary()
    started = time.perf_counter()
    chunk: list[Claim] = []
    # One set of releases for the whole file: a switch during the run does not split it across two.
    rids = (await Versions(graph, math.inf).current()).ids
    with Progress("validate (claim lines)") if progress else _Quiet() as bar:

        async def flush() -> None:
            facts = await read_claim_facts(graph, facts_request(chunk), rids)
            for claim in chunk:
                report = validate(claim, facts)
                summary.claims += 1
                summary.lines += len(claim.lines)
                summary.clean += report.clean
                summary.rules.update(f.rule for f in report.findings)
                write(report)
            bar.advance(sum(len(c.lines) for c in chunk))
            chunk.clear()

        pending = 0
        for item in read_claims(path):
            chunk.append(_claim(path, item))
            pending += len(item.claim.lines)
            if pending >= chunk_lines:
                await flush()
                pending = 0
        if chunk:
            await flush()
    summary.seconds = time.perf_counter() - started
    return summary


class _Quiet:
    def advance(self, n: int) -> None:
        pass

    def __enter__(self) -> _Quiet:
        return self

    def __exit__(self, *exc: object) -> None:
        pass


def _writer(fmt: str, out: TextIO) -> Callable[[Report], None]:
    if fmt == "ndjson":

        def write_json(report: Report) -> None:
            out.write(json.dumps(_as_json(report), separators=(",", ":")) + "\n")

        return write_json
    if fmt == "csv":
        rows = csv.writer(out)
        rows.writerow(CSV_HEADER)

        def write_csv(report: Report) -> None:
            for f in report.findings or [None]:
                if f is None:
                    rows.writerow([report.claim_id or "", "true", "", "", "", "", "", "", ""])
                    continue
                rows.writerow(
                    [
                        report.claim_id or "",
                        str(report.clean).lower(),
                        f.severity,
                        f.rule,
                        " ".join(f.line_ids),
                        " ".join(f.codes),
                        f.message,
                        f.remedy or "",
                        f.release.label if f.release else "",
                    ]
                )

        return write_csv
    out.write(f"{'claim':<14} {'severity':<8} {'rule':<26} {'lines':<10} {'codes':<14} message\n")

    def write_table(report: Report) -> None:
        for f in report.findings:
            lines, codes = ",".join(f.line_ids), ",".join(f.codes)
            out.write(f"{report.claim_id or '':<14} {f.severity:<8} {f.rule:<26} {lines:<10} {codes:<14} {f.message}\n")

    return write_table


def _as_json(report: Report) -> dict[str, object]:
    return {
        "claimId": report.claim_id,
        "clean": report.clean,
        "findings": [
            {
                "rule": f.rule,
                "severity": f.severity,
                "lineIds": list(f.line_ids),
                "codes": list(f.codes),
                "message": f.message,
                "remedy": f.remedy,
                "release": f.release.label if f.release else None,
            }
            for f in report.findings
        ],
    }
