"""What `graph-api serve` prepares around uvicorn: a folder for the workers' Prometheus samples."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from graph_api.metrics import MULTIPROC_ENV


@contextlib.contextmanager
def metrics_dir(workers: int) -> Iterator[Path | None]:
    """Several workers: each writes its samples under PROMETHEUS_MULTIPROC_DIR (given, emptied first; else a fresh
    temporary folder, removed afterwards) and /metrics sums them. One worker keeps them in memory."""
    if workers <= 1 and not os.environ.get(MULTIPROC_ENV):
        yield None
        return
    given = os.environ.get(MULTIPROC_ENV)
    folder = Path(given) if given else Path(tempfile.mkdtemp(prefix="graph-api-metrics-"))
    folder.mkdir(parents=True, exist_ok=True)
    for stale in folder.glob("*.db"):  # samples of a previous run's workers would be summed in
        stale.unlink()
    os.environ[MULTIPROC_ENV] = str(folder)
    try:
        yield folder
    finally:
        if not given:
            os.environ.pop(MULTIPROC_ENV, None)
            shutil.rmtree(folder, ignore_errors=True)
