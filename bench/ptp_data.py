"""Generates a realistic practitioner PTP table in CMS's official shape (6 header lines, tab-delimited, CRLF)."""

from __future__ import annotations

import random
from pathlib import Path

HEADER = (
    "CPT only copyright 2025 American Medical Association.  All rights reserved.\t\t\t\t\t\t\r\n"
    "Column1/Column2 Edits\t\t\t\t\t\t\r\n"
    "Column 1\tColumn 2\t*=in existence\tEffective\tDeletion\tModifier\tPTP Edit Rationale\r\n"
    "\t\tprior to 1996\tDate\tDate\t0=not allowed\t\r\n"
    "\t\t\t\t*=no data\t1=allowed\t\r\n"
    "\t\t\t\t\t9=not applicable\t\r\n"
)
RATIONALES = [
    "CPT Manual or CMS manual coding instruction",
    "Mutually exclusive procedures",
    "Standards of medical/surgical practice",
    "Misuse of Column Two code with Column One code",
    "HCPCS/CPT procedure code definition",
    "More extensive procedure",
    "Gender-specific procedures",
]


def _codes(rng: random.Random, n: int) -> list[str]:
    cpt = [f"{c:05d}" for c in rng.sample(range(10021, 99607), n * 3 // 4)]
    hcpcs = [f"{rng.choice('AGJ')}{c:04d}" for c in rng.sample(range(1, 9999), n - len(cpt))]
    return sorted(set(cpt + hcpcs))


def generate(folder: Path, rows: int, parts: int = 4, seed: int = 2026, prefix: str = "ccipra") -> list[Path]:
    """`rows` edits over part files f1..fN, sorted by column 1 like CMS's; deterministic for a seed.

    `prefix` names the table as CMS does: ccipra (practitioner) or ccioph (outpatient hospital)."""
    folder.mkdir(parents=True, exist_ok=True)
    stamp = folder / f".rows-{rows}-{parts}-{seed}-{prefix}-v2"
    paths = [folder / f"{prefix}-v999r0-f{i}.txt" for i in range(1, parts + 1)]
    if stamp.exists() and all(p.exists() for p in paths):
        return paths
    rng = random.Random(seed)
    codes = _codes(rng, 16_000)
    per_column1 = -(-rows // len(codes))
    per_part = -(-rows // parts)
    written, part, handle = 0, 0, None
    for column1 in codes:
        if written >= rows:
            break
        for column2 in sorted(rng.sample(codes, per_column1)):
            if written >= rows:
                break
            if written % per_part == 0:
                if handle:
                    handle.close()
                handle = paths[part].open("w", newline="")
                handle.write(HEADER)
                part += 1
            year = rng.choice((1996, 2002, 2010, 2016, 2020, 2024))
            deleted = rng.random() < 0.35
            indicator = rng.choices((0, 1, 9), (10, 85, 5))[0]
            deletion = f"{year + rng.randint(0, 4)}1231" if deleted or indicator == 9 else "*"
            prior = "*" if year == 1996 else ""
            assert handle is not None  # opened at the first row of each part
            handle.write(
                f"{column1}\t{column2}\t{prior}\t{year}0101\t{deletion}\t{indicator}\t{rng.choice(RATIONALES)}\r\n"
            )
            written += 1
    if handle:
        handle.close()
    for old in folder.glob(".rows-*"):
        old.unlink()
    stamp.touch()
    return paths
