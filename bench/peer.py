"""The reference product (@neo4j/graphql on Apollo Server) beside the engine path, when ../shared/peer-bench is here.

The peer, its type definitions and its query come from ../shared/peer-bench (queries.py's PEER: the same code page
in the peer's generated schema); `bash ../shared/peer-bench/setup.sh` installs it under .peer-bench/peer.
Without them the bench says why and skips the peer.
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PEER_BENCH = ROOT.parent / "shared" / "peer-bench"
PEER_DIR = ROOT / ".peer-bench" / "peer"


def missing() -> str | None:
    """Why the peer cannot run here, or None."""
    if not (PEER_BENCH / "queries.py").exists():
        return f"{PEER_BENCH} is not here"
    if not (PEER_DIR / "node_modules").exists():
        return f"the peer is not installed: run `bash {PEER_BENCH}/setup.sh`"
    return None


def start(port: int) -> subprocess.Popen[bytes]:
    from graph_api.settings import get_settings

    settings = get_settings()
    env = {
        **os.environ,
        "NODE_ENV": "production",
        "PEER_PORT": str(port),
        "NEO4J_URI": settings.neo4j_uri,
        "NEO4J_USER": settings.neo4j_user,
        "NEO4J_PASSWORD": settings.neo4j_password.get_secret_value(),
        "NEO4J_DATABASE": settings.neo4j_database,
    }
    return subprocess.Popen(["node", "server.mjs"], cwd=PEER_DIR, env=env, stdout=subprocess.DEVNULL)


def body(system: str, code: str, rids: list[str]) -> dict[str, Any]:
    """The peer's request for one code page (its query and variables), as peer-bench sends it."""
    sys.path.insert(0, str(PEER_BENCH))
    try:
        import queries  # type: ignore[import-not-found]
    finally:
        sys.path.remove(str(PEER_BENCH))
    variables = {"s": system, "c": code, "d": date.today().isoformat(), "rids": rids, "to": queries.target(system)}
    return {"query": queries.PEER, "variables": variables}
